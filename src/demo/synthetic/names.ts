/**
 * Data tables for the synthetic children of the demo area (src/demo/synthetic/children.ts). Pure data:
 * common British and Irish surnames and recent England & Wales given names with approximate relative
 * weights (not exact ONS counts; the other communities' names and the long tail are in community-names.ts
 * and name-pool.ts), made-up streets, localities, schools and GP practices in the made-up
 * county of Kestrelshire. The tables are laid out by hand, several entries to a line.
 */

/** [name, relative weight]; weights only matter relative to the others in the same table. */
export type WeightedNames = readonly (readonly [name: string, weight: number])[];

// prettier-ignore
export const SURNAMES: WeightedNames = [
  ['Smith', 1260], ['Jones', 1000], ['Williams', 700], ['Taylor', 600], ['Brown', 560], ['Davies', 510], ['Evans', 410],
  ['Wilson', 400], ['Thomas', 380], ['Johnson', 370], ['Roberts', 360], ['Robinson', 300], ['Thompson', 300], ['Wright', 295],
  ['Walker', 290], ['White', 280], ['Edwards', 275], ['Hughes', 270], ['Green', 265], ['Hall', 260], ['Lewis', 255],
  ['Harris', 250], ['Clarke', 245], ['Jackson', 235], ['Wood', 230], ['Turner', 225], ['Martin', 222],
  ['Cooper', 220], ['Hill', 215], ['Ward', 212], ['Morris', 210], ['Moore', 205], ['Clark', 200], ['Lee', 198], ['King', 196],
  ['Baker', 194], ['Harrison', 192], ['Morgan', 190], ['Allen', 186], ['James', 184], ['Scott', 182], ['Phillips', 178],
  ['Watson', 176], ['Davis', 172], ['Parker', 170], ['Price', 166], ['Bennett', 162], ['Young', 160], ['Griffiths', 158],
  ['Mitchell', 156], ['Kelly', 154], ['Cook', 152], ['Carter', 150], ['Richardson', 148], ['Bailey', 146], ['Collins', 144],
  ['Bell', 142], ['Shaw', 140], ['Murphy', 138], ['Miller', 136], ['Cox', 134], ['Richards', 132],   ['Marshall', 128], ['Anderson', 126], ['Simpson', 124], ['Ellis', 122], ['Adams', 120],   ['Wilkinson', 114], ['Foster', 112], ['Chapman', 110], ['Powell', 108], ['Webb', 106], ['Rogers', 104], ['Gray', 102],
  ['Mason', 100], ['Hunt', 98], ['Campbell', 96], ['Matthews', 96], ['Owen', 94], ['Palmer', 94],
  ['Holmes', 92], ['Mills', 92], ['Barnes', 90], ['Knight', 90], ['Lloyd', 88], ['Butler', 88], ['Russell', 86], ['Barker', 86],
  ['Fisher', 84], ['Stevens', 84], ['Jenkins', 82], ['Murray', 82], ['Dixon', 80], ['Harvey', 80], ['Graham', 78],
  ['Pearson', 78], ['Fletcher', 76], ['Walsh', 76], ['Gibson', 74], ['Howard', 74], ['Andrews', 72],
  ['Stewart', 72], ['Elliott', 70], ['Reynolds', 70], ['Saunders', 68], ['Payne', 68], ['Fox', 66], ['Ford', 66], ['Pearce', 64],
  ['Day', 64], ['Brooks', 62], ['West', 62], ['Lawrence', 60], ['Cole', 60], ['Atkinson', 60], ['Bradley', 58], ['Spencer', 58],
  ['Gill', 58], ['Dawson', 56], ['Ball', 56], ['Burton', 56], ["O'Brien", 55], ['Watts', 54], ['Rose', 54], ['Booth', 54],
  ['Perry', 52], ['Ryan', 52], ['Grant', 52], ['Wells', 50], ['Armstrong', 50], ['Francis', 50], ['Rees', 48], ['Hayes', 48],
  ['Hart', 48], ['Hudson', 47], ['Newman', 47], ['Barrett', 46], ['Webster', 46], ['Hunter', 45], ['Gregory', 45], ['Carr', 44],
  ['Lowe', 44], ['Page', 43], ['Marsh', 43], ['Riley', 42], ['Dunn', 42], ['Woods', 41], ['Parsons', 41], ['Berry', 40],
  ['Stone', 40], ['Reid', 40], ['Holland', 39], ['Hawkins', 39], ['Harding', 38], ['Porter', 38], ['Robertson', 38],
  ['Newton', 37], ['Oliver', 37], ['Reed', 37], ['Kennedy', 36], ['Williamson', 36], ['Bird', 36], ['Gardner', 35],   ['Dean', 35], ['Lane', 34], ['Cooke', 34], ['Bates', 34], ['Henderson', 33], ['Parry', 33], ['Burgess', 33], ['Bishop', 32],
  ['Walton', 32], ['Burns', 32], ['Nicholson', 31], ['Shepherd', 31], ['Ross', 31], ['Cross', 30], ['Long', 30],
  ['Freeman', 30], ['Warren', 30], ['Nicholls', 29], ['Hamilton', 29], ['Byrne', 29], ['Sutton', 29], ['McDonald', 28],
  ['Yates', 28], ['Hodgson', 28], ['Robson', 28], ['Curtis', 27], ['Hopkins', 27], ["O'Connor", 27], ['Harper', 27],
  ['Coleman', 26], ['Watkins', 26], ['Moss', 26], ['McCarthy', 26], ['Chambers', 25], ['Griffin', 25], ['Sharp', 25],
  ['Hardy', 25], ['Wheeler', 24], ['Potter', 24], ['Osborne', 24], ['Johnston', 24], ['Gordon', 23], ['Doyle', 23],
  ['Wallace', 23], ['George', 23], ['Jordan', 22], ['Hutchinson', 22], ['Rowe', 22], ['Burke', 22], ['May', 21],
  ['Pritchard', 21], ['Gilbert', 21], ['Willis', 21], ['Higgins', 20], ['Read', 20], ['Miles', 20], ['Stevenson', 20],
  ['Stephenson', 20], ["O'Neill", 20], ['Hammond', 19], ['Arnold', 19], ['Buckley', 19], ['Walters', 19], ['Hewitt', 18],
  ['Barber', 18], ['Nelson', 18], ['Slater', 18], ['Austin', 18], ['Sullivan', 17], ['Whitehead', 17], ['Mann', 17],
  ['Frost', 17], ['Lambert', 17], ['Stephens', 16], ['Blake', 16], ['Lynch', 16], ['Goodwin', 16],
  ['Barton', 15], ['Woodward', 15], ['Thomson', 15], ['Cunningham', 15], ['Quinn', 15], ['Barnett', 15], ['Baxter', 14],
  ['Clayton', 14], ['Nash', 14], ['Greenwood', 14], ['Jennings', 14], ['Holt', 13], ['Kemp', 13], ['Poole', 13],
  ['Gallagher', 13], ['Bond', 13], ['Stokes', 13], ['Tucker', 12], ['Davidson', 12], ['Fowler', 12], ['Heath', 12],
  ['Norman', 12], ['Middleton', 12], ['Lawson', 12], ['Banks', 12], ['French', 12],         ['Fleming', 12], ['Rowley', 11], ['Connolly', 11], ['Duffy', 11], ['Kirby', 11], ['Sharpe', 11], ['Bradshaw', 11],
  ['Carpenter', 10], ['Hancock', 10], ['Preston', 10], ['Sanders', 10], ['Hobbs', 10], ['Whittaker', 10], ['Brennan', 10],
  ['Randall', 9], ['Faulkner', 9], ['Townsend', 9], ['Horton', 9], ['Pollard', 9], ['Rhodes', 9], ['Gould', 9], ['Marriott', 8],
  ['Sheppard', 8], ['Jarvis', 8], ['Hurst', 8], ['Goddard', 8], ['Parkinson', 8], ['Swift', 8], ['Pickering', 8],
  ['Ashworth', 7], ['Birch', 7], ['Bull', 7], ['Chadwick', 7], ['Dobson', 7], ['Duncan', 7], ['Eaton', 7], ['Farmer', 7],
  ['Forster', 7], ['Gough', 7], ['Hargreaves', 7], ['Hay', 7], ['Hickman', 7], ['Hilton', 7], ['Hyde', 7], ['Ingram', 7],
  ['Kirk', 7], ['Lord', 6], ['Lucas', 6], ['Metcalfe', 6], ['Moran', 6], ['Morrison', 6], ['Nolan', 6], ['Norris', 6],
  ['Oakley', 6], ['Owens', 6], ['Peacock', 6], ['Pugh', 6], ['Ratcliffe', 6], ['Reeves', 6], ['Sims', 6], ['Steele', 6],
  ['Storey', 6], ['Thornton', 6], ['Tyler', 6], ['Vaughan', 6], ['Wade', 6], ['Warner', 6], ['Whitehouse', 6], ['Wilde', 6],
  ['Abbott', 5], ['Ainsworth', 5], ['Bentley', 5], ['Bowen', 5], ['Brooke', 5], ['Cartwright', 5], ['Dickinson', 5],
  ['Emery', 5], ['Frith', 5], ['Gale', 5], ['Haines', 5], ['Holden', 5], ['Huxley', 5], ['Kershaw', 5], ['Lindsay', 4],
  ['Mellor', 4], ['Nutt', 4], ['Oldham', 4], ['Pask', 4], ['Quigley', 4], ['Rudd', 4], ['Salt', 4], ['Tarrant', 4],
  ['Upton', 4], ['Venables', 3], ['Wilkes', 3], ['Yeoman', 3], ['Dunne', 3], ['Dunning', 3], ['Hale', 3], ['Hull', 3],
];

// prettier-ignore
export const FEMALE_GIVEN_NAMES: WeightedNames = [
  ['Olivia', 60], ['Amelia', 60], ['Isla', 45], ['Ava', 45], ['Mia', 35], ['Ivy', 30], ['Lily', 45], ['Isabella', 35],
  ['Rosie', 25], ['Sophia', 30], ['Grace', 35], ['Freya', 35], ['Willow', 20], ['Florence', 22], ['Emily', 45], ['Ella', 40],
  ['Poppy', 35], ['Evie', 35], ['Elsie', 22], ['Charlotte', 35], ['Sophie', 35], ['Jessica', 30], ['Chloe', 25], ['Ruby', 35],
  ['Daisy', 22], ['Alice', 20], ['Sienna', 18], ['Matilda', 18], ['Evelyn', 18], ['Harper', 15], ['Phoebe', 18], ['Erin', 15],
  ['Millie', 25], ['Lucy', 22], ['Isabelle', 20], ['Holly', 15], ['Hannah', 18], ['Scarlett', 18], ['Maisie', 15],
  ['Layla', 15], ['Eliza', 10], ['Aria', 15], ['Ellie', 25], ['Esme', 12], ['Maya', 12], ['Imogen', 14], ['Thea', 10],
  ['Eva', 15], ['Lottie', 10], ['Bonnie', 10], ['Mila', 15], ['Luna', 12], ['Margot', 8], ['Violet', 12], ['Hallie', 5],
  ['Harriet', 8], ['Georgia', 12], ['Megan', 14], ['Amelie', 10], ['Molly', 18], ['Lola', 12], ['Summer', 10], ['Zara', 8],
  ['Nancy', 8], ['Orla', 8], ['Martha', 8], ['Emilia', 10], ['Penelope', 5], ['Edith', 6], ['Aurora', 8], ['Maryam', 1],
  ['Aisha', 1], ['Fatima', 1], ['Zainab', 4], ['Hafsa', 3], ['Amira', 4], ['Anaya', 4], ['Priya', 3], ['Zoe', 10], ['Katie', 12],
  ['Amy', 12], ['Lauren', 12], ['Abigail', 12], ['Rebecca', 8], ['Bethany', 8], ['Leah', 10], ['Paige', 8], ['Niamh', 8],
  ['Caitlin', 8], ['Eleanor', 12], ['Elizabeth', 8], ['Mollie', 8], ['Olive', 6], ['Beatrice', 6], ['Rose', 6], ['Iris', 5],
  ['Mabel', 6], ['Nellie', 5], ['Elodie', 5], ['Gracie', 12], ['Darcie', 8], ['Darcy', 6], ['Lexi', 8], ['Lacey', 6],
  ['Skye', 6], ['Heidi', 8], ['Bella', 10], ['Isabel', 6], ['Anna', 8], ['Julia', 4], ['Zuzanna', 3], ['Hanna', 3], ['Maja', 3],
  ['Lily-Mae', 4], ['Lily-Rose', 4], ['Ava-Rose', 3], ['Mia-Rose', 2], ['Ella-Rose', 2], ['Mary-Jane', 1], ['Sofia', 8],
  ['Jasmine', 10], ['Amber', 10], ['Tilly', 8], ['Francesca', 4], ['Natalia', 3], ['Alexandra', 4], ['Victoria', 4],
  ['Sarah', 4], ['Emma', 6], ['Faith', 4], ['Hope', 3], ['Aoife', 3], ['Sadie', 5], ['Robyn', 5], ['Kayla', 4], ['Nevaeh', 3],
  ['Lyla', 6], ['Delilah', 5], ['Ayla', 6], ['Hazel', 5], ['Ada', 6], ['Arabella', 6], ['Clara', 5], ['Elena', 5],
  ['Rihanna', 2], ['Ffion', 3], ['Seren', 3], ['Chiamaka', 1], ['Ama', 1], ['Mei', 1], ['Linh', 1], ['Ana', 2],
];

// prettier-ignore
export const MALE_GIVEN_NAMES: WeightedNames = [
  ['Oliver', 60], ['George', 55], ['Harry', 55], ['Noah', 50], ['Jack', 55], ['Leo', 45], ['Arthur', 40], ['Muhammad', 4],
  ['Oscar', 42], ['Charlie', 48], ['Jacob', 42], ['Thomas', 40], ['Henry', 35], ['William', 40], ['Freddie', 35], ['Alfie', 40],
  ['Theo', 35], ['Archie', 35], ['Joshua', 38], ['James', 38], ['Ethan', 30], ['Lucas', 28], ['Isaac', 25], ['Mason', 25],
  ['Logan', 22], ['Alexander', 22], ['Daniel', 22], ['Max', 22], ['Samuel', 25], ['Joseph', 25], ['Edward', 18],
  ['Harrison', 18], ['Finley', 20], ['Teddy', 20], ['Tommy', 15], ['Louie', 15], ['Reggie', 12], ['Albie', 12], ['Ronnie', 12],
  ['Hugo', 15], ['Jaxon', 12], ['Elijah', 15], ['Sebastian', 15], ['Arlo', 12], ['Dylan', 18], ['Riley', 18], ['Benjamin', 20],
  ['Luca', 15], ['Rory', 12], ['Jude', 12], ['Tobias', 10], ['Theodore', 20], ['Ezra', 10], ['Grayson', 8], ['Jenson', 12],
  ['Bobby', 12], ['Frankie', 10], ['Stanley', 12], ['Carter', 8], ['Adam', 15], ['Matthew', 15], ['Ryan', 12], ['Lewis', 14],
  ['Jayden', 12], ['Tyler', 14], ['Callum', 12], ['Kai', 10], ['Zachary', 10], ['Nathan', 12], ['Luke', 14], ['Aaron', 8],
  ['Ben', 8], ['Cameron', 10], ['Connor', 10], ['Jake', 12], ['Kyle', 8], ['Liam', 10], ['Owen', 10], ['Rhys', 8], ['Sam', 5],
  ['Toby', 12], ['Aiden', 8], ['Caleb', 7], ['Ellis', 7], ['Felix', 9], ['Gabriel', 8], ['Hunter', 5], ['Jasper', 6],
  ['Jesse', 5], ['Jonah', 5], ['Kian', 5], ['Leon', 6], ['Louis', 10], ['Michael', 10], ['Nathaniel', 5], ['Oakley', 6],
  ['Otis', 6], ['Reuben', 7], ['Roman', 7], ['Rowan', 5], ['Sonny', 8], ['Spencer', 4], ['Tristan', 4], ['Vinnie', 4],
  ['Zain', 5], ['Ayaan', 5], ['Yusuf', 6], ['Ibrahim', 6], ['Omar', 6], ['Ali', 5], ['Hamza', 5], ['Ahmed', 4], ['Aryan', 4],
  ['Arjun', 4], ['Rohan', 3], ['Kacper', 3], ['Jakub', 4], ['Oskar', 3], ['Filip', 3], ['Mateo', 5], ['Nico', 4], ['Kayden', 4],
  ['Harvey', 14], ['Jamie', 10], ['Alex', 6], ['David', 8], ['Christopher', 6], ['Andrew', 4], ['Robert', 6], ['John', 5],
  ['Peter', 3], ['Billy', 8], ['Ollie', 4], ['Ralph', 4], ['Rupert', 3], ['Alfred', 6], ['Albert', 6], ['Ernest', 3],
  ['Austin', 5], ['Brody', 4], ['Cody', 4], ['Declan', 4], ['Dexter', 6], ['Eli', 5], ['Ezekiel', 2], ['Harley', 6],
  ['Jay', 3], ['Jensen', 3], ['Kit', 3], ['Lenny', 4], ['Miles', 4], ['Morgan', 3], ['Nathan-Lee', 1], ['Tommy-Lee', 1],
  ['Dafydd', 2], ['Emeka', 1], ['Kwame', 1], ['Minh', 1], ['Wei', 1], ['Tomasz', 2], ['Mohammed', 1],
];

/**
 * Rarer given names of the general pool (outside the recent top 150s, still given each year), for the
 * long tail (name-pool.ts adds spelling variants and compounds).
 */
// prettier-ignore
export const RARER_GIVEN_NAMES: { readonly female: WeightedNames; readonly male: WeightedNames } = {
  female: [
    ['Ottilie', 2], ['Wren', 2], ['Marnie', 2], ['Primrose', 1], ['Clementine', 2], ['Winifred', 1], ['Juniper', 1], ['Nova', 3],
    ['Bea', 2], ['Romy', 2], ['Rosalie', 2], ['Kitty', 2], ['Cora', 2], ['Iris', 2], ['Myla', 2], ['Orla', 2], ['Pippa', 2],
    ['Tabitha', 1], ['Verity', 1], ['Honor', 1], ['Lois', 1], ['Eden', 2], ['Freyja', 1], ['Saoirse', 2], ['Ciara', 2],
    ['Mairead', 1], ['Cerys', 2], ['Carys', 2], ['Nia', 2], ['Elin', 1], ['Gwen', 1], ['Efa', 1], ['Isobel', 2], ['Kirsty', 1],
    ['Shannon', 2], ['Chelsea', 1], ['Courtney', 1], ['Demi', 2], ['Jade', 2], ['Kelsey', 1], ['Leanne', 1], ['Tegan', 1],
    ['Bethan', 1], ['Morgan', 1], ['Elsa', 3], ['Arya', 2], ['Everly', 2], ['Harlow', 2], ['Ivy-Rose', 1], ['Rae', 1], ['Liberty', 2],
    ['Fern', 1], ['Hattie', 2], ['Dolly', 2], ['Peggy', 1], ['Ivie', 1], ['Lyra', 2], ['Maeve', 2], ['Neve', 1], ['Ines', 1],
  ],
  male: [
    ['Wilfred', 2], ['Cecil', 1], ['Ernest', 1], ['Hector', 2], ['Otto', 2], ['Bertie', 2], ['Alby', 1], ['Monty', 2], ['Rafferty', 1],
    ['Caspar', 1], ['Fletcher', 1], ['Barnaby', 1], ['Cassius', 1], ['Percy', 2], ['Rupert', 1], ['Ned', 1], ['Angus', 1],
    ['Fraser', 1], ['Hamish', 1], ['Ciaran', 1], ['Cillian', 1], ['Oisin', 1], ['Padraig', 1], ['Rhodri', 1], ['Gethin', 1],
    ['Osian', 1], ['Ieuan', 1], ['Brandon', 2], ['Bradley', 2], ['Corey', 2], ['Dean', 1], ['Jordan', 2], ['Kieran', 2],
    ['Lee', 1], ['Mitchell', 1], ['Reece', 2], ['Shane', 1], ['Wayne', 1], ['Blake', 2], ['Bodhi', 2], ['Brody', 1], ['Chester', 1],
    ['Eddie', 2], ['Forrest', 1], ['Gene', 1], ['Huxley', 1], ['Ivor', 1], ['Jax', 2], ['Koa', 1], ['Lowen', 1], ['Mylo', 2],
    ['Nate', 1], ['Orson', 1], ['Pip', 1], ['Ronan', 2], ['Sol', 1], ['Ted', 2], ['Vincent', 1], ['Wilbur', 2], ['Zac', 1],
  ],
};

/** Short forms and spelling variants another system might record for a given name. */
// prettier-ignore
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Oliver: ['Ollie', 'Olly'], Thomas: ['Tom', 'Tommy'], William: ['Will', 'Billy'], James: ['Jim', 'Jamie'], Joshua: ['Josh'],
  Alexander: ['Alex', 'Xander'], Samuel: ['Sam', 'Sammy'], Joseph: ['Joe', 'Joey'], Benjamin: ['Ben', 'Benji'],
  Daniel: ['Dan', 'Danny'], Matthew: ['Matt'], Christopher: ['Chris'], Michael: ['Mike', 'Mikey'], Edward: ['Ed', 'Eddie', 'Ted'],
  Freddie: ['Fred', 'Freddy'], Theodore: ['Theo', 'Teddy'], Nathaniel: ['Nate', 'Nat'], Zachary: ['Zac', 'Zach'], Jacob: ['Jake'],
  Robert: ['Rob', 'Bobby'], Andrew: ['Andy', 'Drew'], David: ['Dave'], Henry: ['Hal'], Muhammad: ['Mohammed', 'Muhammed'],
  Mohammed: ['Muhammad', 'Mohamed'], Elijah: ['Eli'], Sebastian: ['Seb'], Tobias: ['Toby'], Gabriel: ['Gabe'], Harry: ['Harrie'],
  Alfie: ['Alfy'], Jayden: ['Jaden'], Aiden: ['Aidan'], Louie: ['Louis'], Harrison: ['Harry'], Reuben: ['Ruben'],
  Olivia: ['Liv', 'Livvy'], Amelia: ['Millie', 'Amelie'], Isabella: ['Bella', 'Izzy'], Isabelle: ['Izzy', 'Isabel'],
  Charlotte: ['Lottie', 'Charlie'], Elizabeth: ['Beth', 'Lizzie', 'Eliza'], Eleanor: ['Ellie', 'Nell'], Abigail: ['Abby'],
  Rebecca: ['Becky'], Jessica: ['Jess'], Sophia: ['Sophie', 'Sofia'], Sophie: ['Sophia'], Victoria: ['Tori', 'Vicky'],
  Alexandra: ['Alex', 'Lexi'], Margot: ['Maggie'], Matilda: ['Tilly', 'Tilda'], Florence: ['Flo', 'Florrie'], Evelyn: ['Evie'],
  Emily: ['Em', 'Emmy'], Harriet: ['Hattie'], Penelope: ['Penny'], Francesca: ['Frankie'], Natalia: ['Talia'],
  Arabella: ['Bella'], Georgia: ['Georgie'], Maryam: ['Mariam'], Aisha: ['Ayesha'], Gracie: ['Grace'], Darcie: ['Darcy'],
  Mollie: ['Molly'], Lily: ['Lilly', 'Lillie'], 'Lily-Mae': ['Lily', 'Lily Mae'], 'Lily-Rose': ['Lily'], Isla: ['Islay'],
  Freya: ['Freyja'], Zoe: ['Zoë'], Hannah: ['Hanna'], Katie: ['Katy', 'Kate'], Megan: ['Meg'],
};

/** Spelling variants of family names that records of the same person really show. */
// prettier-ignore
export const SURNAME_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  Thompson: ['Thomson', 'Tompson'], Thomson: ['Thompson'], Smith: ['Smyth', 'Smithe'], Clarke: ['Clark'], Clark: ['Clarke'],
  Davies: ['Davis'], Davis: ['Davies'], Stephens: ['Stevens'], Stevens: ['Stephens'], Stephenson: ['Stevenson'],
  Stevenson: ['Stephenson'], Reid: ['Reed', 'Read'], Reed: ['Reid', 'Read'], Read: ['Reed'], Phillips: ['Philips'],
  Matthews: ['Mathews'], McDonald: ['MacDonald', 'Macdonald'], Johnston: ['Johnstone', 'Johnson'], Johnson: ['Johnston'],
  Allen: ['Allan'], Brown: ['Browne'], Green: ['Greene'], Cook: ['Cooke'], Cooke: ['Cook'], Nicholls: ['Nichols'],
  Nicholson: ['Nicolson'], Griffiths: ['Griffith'], Hussain: ['Hussein', 'Husain'], Ahmed: ['Ahmad'], Gray: ['Grey'],
  "O'Brien": ['OBrien', 'O Brien', "O'Bryan"], "O'Connor": ['OConnor', "O'Conner"], "O'Neill": ['ONeill', "O'Neil"],
  Rees: ['Reece', 'Rhys'], Owen: ['Owens'], Kelly: ['Kelley'], Barrett: ['Barratt'],
  Elliott: ['Elliot', 'Eliot'], Walsh: ['Welsh'], Byrne: ['Burne'], Hughes: ['Hughs'], Mohammed: ['Muhammad'],
};

// prettier-ignore
export const STREET_NAMES: readonly string[] = [
  'High Street', 'Church Lane', 'Mill Lane', 'Station Road', 'Victoria Road', 'Park Road', 'The Green', "St John's Close",
  'Kestrel Way', 'Meadow View', 'Orchard Close', 'Queen Street', "King's Road", 'Manor Road', 'School Lane', 'Chapel Street',
  'Albert Road', 'Springfield Road', 'Brook Street', 'Alexandra Road', 'New Road', 'Windsor Avenue', 'Beech Grove', 'Elm Close',
  'Oak Tree Drive', 'Willow Crescent', 'Hawthorn Way', 'Larch Avenue', 'Rowan Close', 'Moor Lane', 'Castle Street',
  'Market Place', 'Bridge Street', 'North Street', 'South View', 'West End', 'Heron Drive', 'Kingfisher Road', 'Barrow Lane',
  'Combe Hill', 'Vale View', 'Foxglove Walk',
];

/** The demo area's five districts (src/demo/area.ts) as towns, with made-up places in each. */
export interface SyntheticTown {
  readonly name: string;
  /** Postcode districts: KE<n> (KE is not a real postcode area). */
  readonly outwardCodes: readonly number[];
  readonly localities: readonly string[];
  readonly nurseries: readonly string[];
  readonly primarySchools: readonly string[];
  readonly secondarySchools: readonly string[];
  readonly gpPractices: readonly string[];
}

export const TOWNS: readonly SyntheticTown[] = [
  {
    name: 'Ashcombe',
    outwardCodes: [1, 2, 3, 4],
    localities: ['Upper Combe', 'Kestrel Park', 'Fernhill'],
    nurseries: ['Brightstart Nursery Ashcombe', 'Little Acorns Pre-School'],
    primarySchools: ['Ashcombe Primary School', "St Mary's CofE Primary School", 'Fernhill Infant and Junior School'],
    secondarySchools: ['Ashcombe Community College'],
    gpPractices: ['Ashcombe Medical Centre', 'The Combe Surgery'],
  },
  {
    name: 'Barrowmere',
    outwardCodes: [5, 6, 7, 8],
    localities: ['Nether Barrow', 'Millbrook', 'Lakeside'],
    nurseries: ['Brightstart Nursery Barrowmere', 'Meretots Day Nursery'],
    primarySchools: ['Barrowmere Primary School', 'Millbrook Primary Academy', 'Lakeside Primary School'],
    secondarySchools: ['Barrowmere Academy'],
    gpPractices: ['Barrowmere Health Centre', 'Millbrook Surgery'],
  },
  {
    name: 'Caddon Vale',
    outwardCodes: [9, 10, 11],
    localities: ['Caddon Bridge', 'Westleigh', 'Holloway End'],
    nurseries: ['Vale Village Pre-School'],
    primarySchools: ['Caddon Vale Primary School', 'Westleigh CofE Primary School', 'Holloway End Primary School'],
    secondarySchools: ['Caddon Vale School'],
    gpPractices: ['Caddon Vale Group Practice', 'Westleigh Surgery'],
  },
  {
    name: 'Dunstow',
    outwardCodes: [12, 13, 14, 15],
    localities: ['Dunstow Green', 'Ridgeway', 'Stonebridge'],
    nurseries: ['Dunstow Green Nursery', 'Ridgeway Children’s Centre Nursery'],
    primarySchools: ['Dunstow Primary School', "St Peter's Catholic Primary School", 'Stonebridge Primary School'],
    secondarySchools: ['Dunstow High School'],
    gpPractices: ['Dunstow Road Surgery', 'Dunstow Health Centre'],
  },
  {
    name: 'Eastmoor',
    outwardCodes: [16, 17, 18, 19],
    localities: ['East Moorside', 'Sandbrook', 'Larkrise'],
    nurseries: ['Moorside Pre-School'],
    primarySchools: ['Eastmoor Primary School', 'Sandbrook Primary School', 'Larkrise Community Primary School'],
    secondarySchools: ['Eastmoor Academy'],
    gpPractices: ['Eastmoor Medical Practice', 'Moorside Surgery'],
  },
];

/** Who the children's carer is, with relative weights. */
export const CARER_RELATIONSHIPS: WeightedNames = [
  ['mother', 60],
  ['father', 20],
  ['grandmother', 7],
  ['foster carer', 7],
  ['step-parent', 6],
];

/** Chance that a carer of each kind shares the children's family name (otherwise 0.05, e.g. a foster carer). */
export const SHARES_FAMILY_NAME: Readonly<Record<string, number>> = { mother: 0.8, father: 0.92, grandmother: 0.5, 'step-parent': 0.25 };

/** Further education for 16 to 21 year olds, county-wide. */
export const COLLEGES: readonly string[] = ['Barrowmere College', 'Kestrelshire College'];

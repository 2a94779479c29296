import { normaliseName } from '../validation.js';

/**
 * domain.md §3 "Identity matching": the same child arrives from several sources under different
 * forms of a given name (a school records "Billy", a GP "William"). Each group below is one set of
 * common English formal names, short forms and spellings that practitioners treat as the same name.
 * A name may sit in more than one group ("alex", "charlie", "sam"); its variants are every name in
 * every group it is in, one step only, so "charlotte" gives "charlie" but not "charles".
 */
const GROUPS: readonly (readonly string[])[] = [
  ['william', 'bill', 'billy', 'will', 'willy', 'willie', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['elizabeth', 'liz', 'lizzie', 'lizzy', 'beth', 'betty', 'bess', 'bessie', 'eliza', 'elsie', 'libby', 'elisabeth'],
  ['katherine', 'catherine', 'kathryn', 'kathleen', 'kate', 'katie', 'kathy', 'cathy', 'kat', 'kitty', 'cate'],
  ['margaret', 'maggie', 'meg', 'peggy', 'madge', 'greta'],
  ['alexander', 'alex', 'alec', 'sandy', 'xander', 'lex'],
  ['alexandra', 'alex', 'alexa', 'lexi', 'lexie', 'sandra', 'sasha'],
  ['thomas', 'tom', 'tommy', 'thom'],
  ['james', 'jim', 'jimmy', 'jamie', 'jimmie'],
  ['charlotte', 'charlie', 'lottie', 'lotte'],
  ['charles', 'charlie', 'chas', 'chuck', 'chaz'],
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'muhammed', 'mohamad', 'mohamud', 'mo'],
  ['john', 'jack', 'johnny', 'jon', 'jonny'],
  ['jonathan', 'jon', 'jonny', 'johnny', 'nathan'],
  ['edward', 'ed', 'eddie', 'eddy', 'ted', 'teddy', 'ned'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['michael', 'mike', 'mikey', 'mick', 'mickey', 'micky'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['christine', 'christina', 'kristina', 'chris', 'chrissie', 'chrissy', 'tina', 'kirsty', 'kirsten'],
  ['daniel', 'dan', 'danny'],
  ['danielle', 'daniella', 'dani'],
  ['david', 'dave', 'davey', 'davie', 'dai'],
  ['joseph', 'joe', 'joey', 'jo'],
  ['josephine', 'jo', 'josie'],
  ['joanna', 'joanne', 'joan', 'jo', 'jojo'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammie', 'sammy'],
  ['benjamin', 'ben', 'benny', 'benji', 'benjy'],
  ['matthew', 'matt', 'matty', 'mat'],
  ['andrew', 'andy', 'drew'],
  ['anthony', 'antony', 'tony', 'ant'],
  ['nicholas', 'nick', 'nicky', 'nico', 'nicolas'],
  ['nicola', 'nicole', 'nicky', 'nikki', 'niki'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['peter', 'pete'],
  ['patrick', 'pat', 'paddy', 'patsy'],
  ['patricia', 'pat', 'patty', 'patsy', 'tricia', 'trish'],
  ['henry', 'harry', 'hal', 'hank'],
  ['harold', 'harry', 'hal'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['alfred', 'alf', 'alfie', 'fred', 'freddie'],
  ['oliver', 'ollie', 'olly'],
  ['olivia', 'liv', 'livvy', 'livvie', 'ollie'],
  ['joshua', 'josh'],
  ['jacob', 'jake', 'jakob'],
  ['zachary', 'zach', 'zack', 'zak'],
  ['isaac', 'ike', 'zac'],
  ['gabriel', 'gabe', 'gabby'],
  ['gabriella', 'gabrielle', 'gabby', 'gabi'],
  ['timothy', 'tim', 'timmy'],
  ['philip', 'phillip', 'phil', 'pip'],
  ['lawrence', 'laurence', 'larry', 'laurie', 'lol'],
  ['leonard', 'leo', 'len', 'lenny', 'leon'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donny', 'donnie'],
  ['kenneth', 'ken', 'kenny'],
  ['gerald', 'gerard', 'gerry', 'jerry', 'ged'],
  ['raymond', 'ray'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['sebastian', 'seb', 'bastian'],
  ['mary', 'molly', 'polly', 'mae', 'maria', 'marie'],
  ['sarah', 'sara', 'sally', 'sadie'],
  ['susan', 'susannah', 'suzanne', 'sue', 'susie', 'suzie', 'suzy'],
  ['rebecca', 'becky', 'becca', 'bex'],
  ['victoria', 'vicky', 'vicki', 'tori', 'vic'],
  ['jennifer', 'jenny', 'jen', 'jenni'],
  ['jessica', 'jess', 'jessie', 'jessy'],
  ['abigail', 'abby', 'abbie', 'abi', 'gail'],
  ['amelia', 'amy', 'millie', 'mia'],
  ['emily', 'em', 'emmy', 'millie'],
  ['emma', 'em', 'emmy'],
  ['eleanor', 'elinor', 'ellie', 'nell', 'nellie', 'nora', 'elle'],
  ['helen', 'helena', 'nell', 'nellie', 'ellen'],
  ['florence', 'flo', 'florrie', 'flossie'],
  ['dorothy', 'dot', 'dotty', 'dolly', 'dora'],
  ['deborah', 'debra', 'debbie', 'deb', 'debs'],
  ['jacqueline', 'jackie', 'jacqui', 'jacky'],
  ['louise', 'louisa', 'lou', 'lulu'],
  ['lucy', 'lucinda', 'lucia', 'lucille'],
  ['penelope', 'penny', 'pen'],
  ['georgina', 'georgia', 'georgie', 'gina'],
  ['george', 'georgie', 'geordie'],
  ['frances', 'fran', 'frankie', 'fanny'],
  ['francis', 'frank', 'frankie', 'fran'],
  ['theresa', 'teresa', 'tess', 'tessa', 'terri'],
  ['caroline', 'carolyn', 'carol', 'carrie', 'caro'],
  ['ann', 'anne', 'anna', 'annie', 'hannah', 'nancy'],
  ['yusuf', 'yousef', 'yusef', 'youssef', 'yousuf'],
  ['ibrahim', 'ebrahim', 'ibraheem'],
  ['fatima', 'fatimah', 'fatma', 'fatema'],
  ['aisha', 'ayesha', 'aysha', 'aishah'],
];

/** Each normalised name, pointing at the groups it is in. Built once from the plain table above. */
const GROUPS_BY_NAME: ReadonlyMap<string, readonly string[][]> = (() => {
  const index = new Map<string, string[][]>();
  for (const group of GROUPS) {
    const names = group.map(normaliseName);
    for (const name of names) index.set(name, [...(index.get(name) ?? []), names]);
  }
  return index;
})();

/**
 * The given name normalised (normaliseName), then its nickname or formal-name equivalents in both
 * directions ("bill" gives "william", "william" gives "bill"), without duplicates. A name in no
 * group gives itself only; an empty name gives nothing.
 */
export function givenNameVariants(name: string): string[] {
  const normalised = normaliseName(name);
  if (normalised === '') return [];
  const variants = new Set<string>([normalised]);
  for (const group of GROUPS_BY_NAME.get(normalised) ?? []) for (const variant of group) variants.add(variant);
  return [...variants];
}

/** Every given name that has a nickname or formal equivalent, normalised (the benchmark's nickname queries start from these). */
export const namesWithVariants = (): string[] => [...GROUPS_BY_NAME.keys()];

/**
 * The names of England's main communities for the synthetic children (src/demo/synthetic/name-pool.ts
 * builds the pools). Pure data, "Name:weight" separated by spaces, "_" for a space inside a name.
 *
 * Provenance (docs/adr/0041-names-as-people-have-and-type-them.md): the order and rough relative
 * weights follow published rankings, keyed by hand and rounded (not exact counts): ONS "Baby names in
 * England and Wales" top 100s of 2019-2023 for recent given names; the commonly republished ONS
 * 2000s surname frequency ranking for British and Irish surnames; for the other communities the
 * surnames and given names most often reported for British Pakistani, Bangladeshi, Indian (Gujarati,
 * Punjabi Sikh, Tamil), Nigerian, Ghanaian, Somali, Polish, Romanian, Lithuanian, Bulgarian,
 * Chinese (Mandarin and Cantonese romanisations), Vietnamese, Arab, Turkish and Portuguese families.
 * The long tail is generated (name-pool.ts), not listed here.
 */

// prettier-ignore
export const SOUTH_ASIAN_MUSLIM = {
  family: `Khan:200 Hussain:150 Ahmed:150 Ali:150 Begum:110 Akhtar:90 Iqbal:80 Mahmood:70 Rahman:70 Uddin:60 Miah:60 Islam:55
    Chowdhury:55 Shah:55 Malik:50 Butt:45 Sheikh:40 Qureshi:40 Bibi:40 Raja:30 Javed:30 Aslam:30 Nawaz:28 Hassan:28 Mirza:25
    Siddiqui:25 Anwar:25 Saleem:22 Riaz:22 Rashid:22 Sultan:20 Haq:20 Hanif:20 Latif:18 Yousaf:18 Zaman:18 Bashir:18 Aziz:16
    Karim:16 Amin:16 Nadeem:14 Shafiq:14 Tariq:14 Akram:14 Arshad:14 Ashraf:14 Ilyas:12 Ishaq:12 Jamil:12 Kabir:12 Majid:12
    Mansoor:10 Masood:10 Mushtaq:10 Nazir:10 Qadir:10 Rafiq:10 Rauf:10 Sadiq:10 Sarwar:10 Shahid:10 Sohail:8 Waheed:8 Zafar:8
    Hossain:12 Alom:8 Sarkar:6 Talukdar:6 Khatun:10 Abbasi:6 Awan:8 Bhatti:8 Chaudhry:20 Dar:8 Ghani:6 Hameed:8 Iftikhar:6 Imran:6
    Jabbar:6 Kayani:5 Mughal:6 Naqvi:5 Rehman:30 Rana:6 Saeed:10 Shabir:6 Yaqoob:8 Younis:6 Zahid:6 Haider:6 Farooq:10 Abbas:8
    Mohammed:30 Mohammad:10 Abdullah:6 Abdul_Rahman:4 Abdul-Karim:2 Ahmad:16 Mahmud:6 Ahmedi:2 Haque:8 Hoque:6 Rashid-Ali:2`,
  female: `Maryam:40 Fatima:40 Aisha:35 Zainab:30 Hafsa:20 Khadija:18 Amira:18 Inaaya:16 Zara:20 Aleena:14 Eshal:12 Hana:14 Safa:10
    Sara:14 Iqra:10 Laiba:10 Anaya:14 Mahnoor:8 Ruqayyah:8 Sumayyah:8 Noor:12 Hira:8 Alishba:8 Areeba:8 Amna:8 Ayat:6 Eman:8 Iman:8
    Jannat:8 Medina:6 Musfirah:5 Nusaybah:5 Raniya:8 Sana:8 Yusra:8 Zoya:10 Sidra:6 Hawa:6 Asiya:6 Aminah:8 Mariam:14 Fatimah:12
    Ayesha:14 Khadijah:10 Aaliyah:10 Hannah:8 Humaira:4 Minahil:6 Mishal:5 Rida:6 Samiha:4 Tasnim:6 Afia:4 Nabiha:4 Sumaiya:6`,
  male: `Muhammad:140 Mohammed:60 Ibrahim:35 Yusuf:35 Ayaan:25 Zayn:25 Hamza:30 Musa:25 Ali:25 Umar:22 Omar:15 Abdullah:22 Eesa:15
    Isa:10 Haris:12 Rayyan:18 Zakariya:12 Ismail:14 Idris:12 Adam:30 Aryan:10 Hassan:12 Hussain:12 Bilal:12 Ahmed:15 Arham:10
    Ayan:10 Daniyal:10 Imran:6 Saad:8 Sami:6 Shayan:6 Talha:8 Usman:14 Zain:18 Rehan:8 Faisal:6 Arif:5 Junaid:6 Mustafa:10
    Nabeel:5 Sufyan:8 Yahya:12 Zubair:6 Muhammad_Ali:6 Muhammad_Ibrahim:5 Muhammad_Yusuf:4 Muhammad_Hamza:4 Mohammad:14
    Mohamed:8 Muhammed:6 Abdul:8 Abdur_Rahman:5 Ahmad:6 Ehsan:4 Hasan:8 Husain:3 Ilyas:6 Luqman:6 Mikail:8 Raees:3 Safwan:5`,
};

// prettier-ignore
export const SOUTH_ASIAN_INDIAN = {
  family: `Patel:300 Singh:200 Kaur:130 Sharma:60 Kumar:50 Gupta:30 Mistry:40 Parmar:30 Solanki:25 Chauhan:30 Rana:12 Sandhu:30
    Sidhu:25 Gill:40 Dhillon:25 Grewal:15 Bains:15 Johal:15 Sahota:12 Virdi:10 Bhatti:10 Shah:60 Mehta:25 Desai:20 Joshi:25
    Pandya:10 Modi:10 Lad:8 Chavda:12 Makwana:12 Vaghela:10 Rathod:15 Thakkar:10 Kotecha:8 Lakhani:8 Pabari:5 Gohil:8 Jadeja:6
    Nair:15 Menon:10 Pillai:10 Iyer:8 Reddy:12 Rao:12 Naidu:6 Krishnan:8 Raman:6 Subramaniam:6 Sivakumar:5 Thiruchelvam:3
    Dhaliwal:15 Sangha:10 Atwal:8 Bassi:8 Chahal:8 Hayer:8 Kang:10 Mann:10 Sohal:6 Takhar:6 Uppal:6 Basra:6 Gahir:4 Khela:4
    Bhogal:6 Chana:6 Dhami:6 Jutla:4 Kalsi:5 Lally:5 Matharu:4 Nijjar:5 Purewal:5 Rai:8 Randhawa:8 Samra:6 Sehmi:4 Thind:5
    Bhatt:10 Dave:8 Jani:6 Pandit:6 Trivedi:6 Vyas:6 Amin:10 Chudasama:6 Dodhia:3 Hirani:5 Karia:4 Limbachia:3 Majithia:4
    Morjaria:3 Popat:6 Raithatha:3 Ruparelia:4 Sodha:6 Tailor:8 Vekaria:4 Varsani:4 Pindoria:3 Halai:3 Bhudia:3 Kerai:3`,
  female: `Anaya:20 Aanya:16 Priya:12 Diya:14 Saanvi:12 Ishani:8 Kavya:10 Riya:14 Anika:12 Myra:12 Navya:8 Simran:10 Jasleen:8
    Harleen:6 Gurleen:5 Amrit:6 Mehar:8 Siya:12 Tara:8 Asha:6 Meera:10 Nisha:6 Pooja:6 Shreya:8 Avni:6 Aarya:6 Isha:10 Jiya:8
    Kiara:8 Mahi:6 Nyra:6 Pari:6 Rhea:10 Sia:8 Tia:6 Veda:4 Zara:6 Harnoor:5 Japleen:4 Manreet:4 Prabhleen:4 Sukhmani:4 Arya:8`,
  male: `Arjun:25 Aarav:20 Dev:14 Rohan:14 Krish:16 Vihaan:12 Reyansh:10 Aryan:14 Veer:10 Jai:10 Yash:8 Ishaan:12 Kabir:10 Rishi:8
    Aditya:8 Nikhil:6 Harjot:6 Gurpreet:5 Jaskaran:6 Harvir:6 Arman:6 Ravi:5 Sai:6 Om:6 Ansh:8 Kiaan:8 Shiv:8 Ved:6 Ayush:6
    Advik:6 Aayan:6 Dhruv:8 Harjas:5 Jasraj:4 Karanveer:4 Manveer:5 Parth:5 Rudra:6 Samar:5 Tejas:4 Zorawar:3 Neel:6 Arav:6`,
};

// prettier-ignore
export const BLACK_AFRICAN = {
  family: `Okafor:25 Okonkwo:20 Eze:20 Nwosu:16 Obi:18 Okeke:16 Nwachukwu:12 Chukwu:12 Okoro:14 Onyeka:8 Ibe:8 Uche:6 Adeyemi:25
    Adebayo:22 Ogunleye:10 Oladipo:10 Olaniyan:8 Afolabi:14 Akinola:12 Babatunde:12 Ogunbiyi:8 Oyelaran:5 Balogun:14 Bakare:10
    Mensah:30 Owusu:28 Boateng:25 Asante:20 Osei:24 Appiah:16 Acheampong:12 Agyeman:12 Darko:10 Amoah:10 Ofori:12 Adjei:12
    Addo:10 Annan:8 Quaye:6 Tetteh:8 Mohamed:50 Abdi:30 Hassan:20 Farah:25 Hussein:20 Omar:18 Warsame:12 Jama:14 Nur:12 Aden:12
    Osman:12 Yusuf:14 Ibrahim:14 Egal:6 Dahir:8 Guled:6 Hirsi:6 Mohamud:14 Abdullahi:14 Elmi:8 Ismail:10 Duale:6 Moyo:12 Ncube:10
    Dube:10 Sibanda:10 Ndlovu:12 Mutasa:5 Banda:8 Phiri:8 Mwangi:6 Kamau:6 Otieno:5 Kamara:10 Conteh:8 Koroma:8 Sesay:8 Bangura:6
    Diallo:6 Traore:5 Kabongo:4 Mbeki:3 Tshabalala:4 Nkemelu:3 Williams:20 Johnson:16 Thomas:10 Adewale:8 Oluwaseun:4`,
  female: `Blessing:12 Precious:12 Favour:10 Divine:8 Victory:6 Goodness:5 Marvellous:4 Esther:10 Grace:12 Deborah:6 Ruth:6
    Ayomide:10 Damilola:8 Temitope:8 Ifeoluwa:8 Oreoluwa:6 Adeola:5 Folake:4 Funmilayo:4 Tolulope:6 Chioma:8 Chiamaka:8 Ngozi:4
    Nneka:5 Adaeze:6 Kamsiyochukwu:3 Ama:6 Akosua:5 Abena:6 Efua:4 Adwoa:4 Afia:4 Hodan:6 Hibaaq:4 Sagal:5 Hamda:5 Ifrah:5 Ilhan:4
    Khadra:4 Nasteho:4 Deqa:4 Yasmin:8 Ayan:6 Hafsa:6 Nia:8 Amara:10 Zuri:6 Imani:8 Kemi:4 Somto:3 Adanna:4 Tiwalade:3`,
  male: `Daniel:18 David:16 Joshua:16 Samuel:16 Emmanuel:14 Joel:10 Elijah:10 Ayomide:8 Oluwaseun:6 Tobi:8 Tolu:5 Ifeoluwa:6
    Ayodele:4 Chidi:6 Chinedu:6 Obinna:6 Ifeanyi:5 Kelechi:5 Chibuike:4 Somtochukwu:4 Kwame:8 Kofi:8 Kwabena:6 Kwaku:6 Yaw:6 Kojo:6
    Abdirahman:8 Abdullahi:8 Mohamed:20 Zakariye:5 Bilal:5 Hamse:4 Liban:4 Prince:6 Favour:3 Testimony:3 Micah:6 Malachi:8
    Nathaniel:8 Jayden:8 Tobenna:3 Olamide:5 Tomiwa:5 Dayo:4 Femi:5 Nnamdi:4 Kayode:4 Osagie:3 Tinashe:4 Tatenda:4 Kudzai:3`,
};

// prettier-ignore
export const CARIBBEAN = {
  female: `Nia:10 Shanice:6 Tia:8 Jayla:8 Kyra:6 Amari:6 Aaliyah:10 Keziah:6 Zion:4 Jada:8 Kiara:6 Tanisha:4 Shantelle:3
    Imani:6 Nevaeh:6 Serenity:5 Destiny:5 Precious:4 Leah:8 Maya:8 Amelia:8 Grace:6 Mya:6 Jasmine:6 Aliyah:6 Naomi:8 Hope:4`,
  male: `Tyrese:6 Jaden:8 Kemar:4 Jahmai:4 Marley:8 Kaiden:6 Amari:8 Malachi:10 Josiah:10 Isaiah:10 Elijah:12 Tyrell:4
    Kai:8 Zion:6 Jermaine:4 Dwayne:3 Kareem:4 Levi:8 Reuben:6 Nathaniel:6 Joshua:10 Daniel:8 Ezra:6 Ashton:4 Kyrie:6 Jahlil:3`,
};

// prettier-ignore
export const EAST_EUROPEAN = {
  family: `Nowak:40 Kowalski:30 Wiśniewski:20 Wójcik:18 Kowalczyk:18 Kamiński:16 Lewandowski:18 Zieliński:14 Szymański:14
    Woźniak:14 Dąbrowski:12 Kozłowski:10 Jankowski:10 Mazur:12 Kwiatkowski:10 Krawczyk:10 Piotrowski:8 Grabowski:8 Nowakowski:8
    Pawłowski:8 Michalski:8 Adamczyk:8 Dudek:8 Zając:8 Wieczorek:8 Jabłoński:6 Król:6 Majewski:6 Olszewski:6 Jaworski:6
    Popescu:20 Popa:16 Ionescu:12 Stan:10 Dumitru:12 Constantin:10 Munteanu:10 Georgescu:8 Radu:10 Stoica:8 Matei:6 Ciobanu:8
    Rusu:8 Lungu:6 Ursu:6 Kazlauskas:10 Petrauskas:8 Jankauskas:8 Stankevičius:6 Vasiliauskas:6 Žukauskas:5 Butkus:5 Paulauskas:5
    Ivanov:12 Petrov:10 Georgiev:10 Dimitrov:10 Nikolov:8 Stoyanov:6 Todorov:6 Hristov:6 Horváth:6 Kovács:6 Nagy:6 Tóth:5
    Novák:5 Svoboda:4 Dvořák:4 Horvat:4 Kovačević:4 Berisha:6 Krasniqi:6 Hoxha:5 Shehu:4 Gashi:4 Kuznetsov:4 Smirnov:4 Shevchenko:5
    Bondarenko:4 Kovalenko:4 Melnyk:4 Bērziņš:3 Kalniņš:3 Ozols:3`,
  female: `Zuzanna:12 Julia:14 Zofia:12 Hanna:10 Maja:12 Lena:12 Alicja:10 Oliwia:12 Amelia:10 Wiktoria:10 Natalia:10 Laura:8
    Pola:6 Nikola:8 Aleksandra:8 Gabriela:8 Emilia:8 Ioana:8 Maria:12 Sofia:10 Andreea:6 Daria:8 Bianca:6 Alexia:6 Ana:6
    Elena:8 Emilija:6 Gabija:4 Ugnė:4 Austėja:4 Kamilė:4 Viktoria:6 Mariya:4 Yoana:4 Anastasia:8 Sara:6 Eliza:6 Antonina:4`,
  male: `Jakub:14 Kacper:12 Szymon:12 Filip:12 Antoni:10 Jan:10 Aleksander:10 Franciszek:6 Mikołaj:8 Wojciech:6 Adam:10
    Oliwier:8 Igor:8 Maksymilian:6 Bartosz:6 Dawid:8 Andrei:10 Ștefan:6 Luca:10 David:10 Matei:8 Alexandru:8 Gabriel:8 Rareș:5
    Lukas:10 Matas:6 Dominykas:5 Kajus:4 Nojus:4 Georgi:5 Ivan:6 Dimitar:5 Nikolay:4 Mateusz:8 Michał:8 Tomasz:6 Daniel:8 Eryk:5`,
};

// prettier-ignore
export const EAST_ASIAN = {
  family: `Wang:30 Li:35 Zhang:28 Liu:24 Chen:28 Yang:16 Huang:14 Zhao:10 Wu:12 Zhou:10 Xu:10 Sun:8 Ma:8 Zhu:8 Hu:8 Guo:6 He:8
    Lin:12 Luo:6 Gao:6 Wong:30 Chan:28 Cheung:20 Lam:18 Ng:16 Lee:20 Leung:16 Ho:14 Yeung:12 Tang:12 Chow:10 Lau:12 Chu:8
    Tsang:8 Yip:8 Kwok:8 Mak:6 Fung:6 Lai:8 Tse:6 Chung:8 Tam:6 Siu:4 Lo:6 Nguyen:30 Tran:16 Le:10 Pham:10 Hoang:6 Vu:6 Dang:6
    Bui:5 Do:5 Ngo:5 Duong:4 Ly:4 Kim:6 Park:4 Tan:8 Lim:8 Teo:4 Goh:4`,
  female: `Chloe:10 Emily:8 Grace:8 Zoe:8 Olivia:6 Mia:6 Xinyi:6 Yutong:5 Ruoxi:4 Jiayi:5 Zixuan:4 Yuxin:4 Anh:6 Linh:8
    Thao:4 Ngoc:4 Lan:4 Mai:6 Mei:6 Hui:3 Ling:4 Wing:3 Ka_Yan:2 Hoi_Ying:2`,
  male: `Ethan:10 Lucas:8 Jayden:6 Ryan:6 Oscar:5 Max:5 Haoran:5 Yichen:5 Zihan:5 Yuxuan:5 Zimo:3 Junhao:4 Minh:8 Huy:5 Khoa:5
    Duc:4 Nam:4 Bao:4 Kai:6 Hao:4 Wei:5 Jun:5 Ka_Ho:2 Chun_Kit:2`,
};

// prettier-ignore
export const ARAB_TURKISH = {
  family: `Al-Ahmad:10 Al-Hassan:8 Al-Ali:8 Haddad:10 Khalil:12 Saleh:12 Mansour:10 Nasser:8 Hamdan:6 Ibrahim:12 Abdullah:10
    Yilmaz:14 Kaya:12 Demir:12 Şahin:10 Çelik:10 Yıldız:8 Aydın:8 Öztürk:8 Arslan:8 Doğan:8 Kılıç:6 Aslan:6 Ahmadi:8 Hosseini:8
    Mohammadi:6 Rezaei:5 Karimi:6 Azizi:5 Rahimi:5 Barzani:4 Mustafa:10 Hussein:10 Said:8 Youssef:8 Jaber:6 Khoury:6 Nassar:5
    Abboud:5 Aziz:6 Hamid:6 Othman:6 Qasim:5 Salem:6 Sultan:5 Zaki:4 Abu-Bakr:3 Bakr:3 El-Sayed:5 Elsayed:4 Farouk:4 Ghanem:4`,
  female: `Layla:12 Leila:6 Noor:10 Nour:8 Sarah:8 Lina:8 Maryam:8 Aya:8 Jana:8 Hala:5 Rania:6 Zeynep:8 Elif:8 Defne:6 Ela:6
    Eylül:4 Yasmin:8 Salma:6 Amal:5 Dana:5 Farah:6 Huda:4 Jude:4 Malak:6 Reem:5 Tala:5 Yara:6 Zahra:8 Asel:3 Azra:5`,
  male: `Omar:14 Yusuf:12 Adam:12 Ali:10 Ahmad:10 Hamza:8 Karim:6 Zaid:8 Yahya:6 Kareem:5 Tariq:5 Mustafa:8 Emir:8 Eren:8
    Mehmet:6 Kerem:6 Arda:6 Deniz:4 Ayaz:5 Amir:8 Hassan:6 Hussein:6 Ibrahim:8 Khalid:6 Mahmoud:6 Majid:4 Sami:5 Younes:4 Ziad:4`,
};

// prettier-ignore
export const SOUTHERN_EUROPEAN = {
  family: `Silva:30 Santos:24 Ferreira:18 Pereira:18 Oliveira:16 Costa:16 Rodrigues:14 Martins:12 Fernandes:14 Gomes:12
    Lopes:10 Sousa:12 Da_Silva:10 Dos_Santos:8 De_Souza:6 D'Souza:8 Fernandez:6 Rossi:10 Russo:8 Ferrari:6 Esposito:6
    Bianchi:6 Romano:6 Colombo:5 Ricci:5 Marino:5 Greco:5 Garcia:12 Martinez:8 Lopez:8 Gonzalez:8 Sanchez:6 Perez:6 Rodriguez:8
    Moreno:5 Romero:5 Alves:8 Carvalho:8 Ribeiro:8 Almeida:8 Pinto:6 Teixeira:6 Correia:6 Mendes:6 Nunes:6 Vieira:6 Monteiro:5`,
  female: `Beatriz:8 Mariana:8 Inês:6 Leonor:6 Giulia:8 Chiara:6 Aurora:6 Lucia:6 Martina:6 Valentina:6 Sofia:10 Maria:10
    Francisca:5 Carolina:6 Matilde:6 Alice:6 Isabella:8 Gabriela:6 Lara:6 Bianca:5`,
  male: `Tiago:8 Rodrigo:8 Diogo:6 Gonçalo:5 Matteo:8 Lorenzo:8 Leonardo:8 Francesco:6 Santiago:6 Mateo:8 Hugo:6 Pablo:6
    Afonso:5 Duarte:5 Martim:5 Tomás:6 Alessandro:6 Gabriel:8 Lucas:8 Miguel:6 Joao:4 João:6`,
};

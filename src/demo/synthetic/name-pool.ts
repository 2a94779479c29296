import * as communities from './community-names.js';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, RARER_GIVEN_NAMES, SURNAMES, type WeightedNames } from './names.js';

/**
 * The synthetic children's names: England's main communities, each with its family names and given
 * names, and a generated long tail (docs/adr/0041-names-as-people-have-and-type-them.md). Built once,
 * deterministically, when the module loads: the same children come out of every run.
 *
 * - A household belongs to one community (COMMUNITIES' shares, roughly the 2021 census's shares of
 *   children in England); its family name comes from that community's pool, a few households are
 *   double-barrelled, and a daughter of a Polish or Bulgarian family takes the feminine form (Kowalska).
 * - A child's given name comes from the community's own given names, or from the general pool (the
 *   recent England and Wales names, their rarer neighbours, spelling variants and compounds).
 * - Names written with letters beyond A-Z (Wiśniewski, Şahin, Inês) are also written without the
 *   marks, as many systems record them; some transliterations are listed as their own names
 *   (Muhammad, Mohammed, Mohamed; Chowdhury, Choudhury).
 */

export type Picker = { readonly names: readonly string[]; readonly cumulative: Float64Array };

export function picker(table: WeightedNames): Picker {
  const cumulative = new Float64Array(table.length);
  let total = 0;
  table.forEach(([, weight], i) => (cumulative[i] = total += weight));
  return { names: table.map(([name]) => name), cumulative };
}

/** Weighted pick by binary search over the cumulative weights; `random` in [0, 1). */
export function pick(p: Picker, random: number): string {
  const target = random * (p.cumulative[p.cumulative.length - 1] ?? 0);
  let low = 0;
  let high = p.cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((p.cumulative[mid] ?? 0) > target) high = mid;
    else low = mid + 1;
  }
  return p.names[low] ?? '';
}

/** "Name:weight Name:weight", "_" for a space inside a name. */
function parse(text: string): [string, number][] {
  return text
    .split(/\s+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [name = '', weight = '1'] = entry.split(':');
      return [name.replace(/_/g, ' '), Number(weight)];
    });
}

const plain = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ł/g, 'l').replace(/Ł/g, 'L');

/** Merges repeats and adds each marked name's unmarked spelling (40% of its weight). */
function withSpellings(entries: Iterable<readonly [string, number]>): WeightedNames {
  const weights = new Map<string, number>();
  const add = (name: string, weight: number) => weights.set(name, (weights.get(name) ?? 0) + weight);
  for (const [name, weight] of entries) {
    const ascii = plain(name);
    if (ascii === name) add(name, weight);
    else {
      add(name, weight * 0.6);
      add(ascii, weight * 0.4);
    }
  }
  return [...weights];
}

/** FNV-1a: a fixed pseudo-random order for generated names. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A long tail in Zipf's shape: the names in a fixed shuffled order, the k-th weighing 1/(k + offset)
 * (offset a fiftieth of the tail, at least 20, so no tail name outweighs the listed ones' middle), scaled to hold `share` of the pool whose listed names weigh `listed` in all.
 */
function tail(names: Iterable<string>, listed: number, share: number, avoid: ReadonlySet<string>): [string, number][] {
  const unique = [...new Set(names)].filter((n) => !avoid.has(n)).sort((a, b) => hash(a) - hash(b) || (a < b ? -1 : 1));
  const offset = Math.max(20, unique.length / 50);
  const raw = unique.map((_, k) => 1 / (k + offset));
  const total = raw.reduce((s, w) => s + w, 0);
  const scale = (listed * share) / (1 - share) / Math.max(total, 1e-9);
  return unique.map((name, k) => [name, (raw[k] ?? 0) * scale]);
}

const cross = (a: readonly string[], b: readonly string[], join = (x: string, y: string) => x + y): string[] =>
  a.flatMap((x) => b.map((y) => join(x, y)));
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');
const capitalise = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

// English place-name surnames (Ashworth, Bradley, Whitfield): roots and endings, many real, all plausible.
// prettier-ignore
const ENGLISH_ROOTS = words(`Ash Bar Black Brad Bram Bright Brook Broad Cald Carl Chad Chat Chel Clay Cliff Cold Crom Cross Dal
  Dar Den Ding Dun East Ell Elm Fair Far Fen Fern Fox Full Gar Gold Good Green Gris Hal Ham Hard Har Hart Haw Hay Haz Heath
  Hen High Hol Horn How Ing Kel Ken Kil King Kirk Lang Lath Law Lea Lind Lit Lock Long Lud Mal Mar Mel Mid Mill Mor Moss Nor
  Oak Ot Pad Pem Pen Pick Pres Rad Ram Raw Red Rid Rock Roth Row Rush Sal Sand Sax Shel Sher Ship South Stain Stan Stock Stow
  Sum Sut Swin Tad Tam Thorn Tod Tot Wad Wal War Wat Wed Wel Wen West Whit Wick Wil Win Wind Work Wors Yar Ayl Bec Bil Bol
  Brig Bur Cat Cot Crow Dew Dray Ed Elt Ever Glad Hather Hux Ips Kim Knap Lox Nap Nether Pil Quen Ring Scar Sel Spal Tib Up`);
// prettier-ignore
const ENGLISH_ENDINGS = words(`ley ton ford field worth wood by ham well combe more stone hurst dale den don bury borough croft
  cott hill house land low shaw thwaite wick ridge bridge brook burn gate thorpe stead ington ings all ock ett ey ing man er
  ard mere marsh way ward hall acre leys cliffe wright lock holme wold caster church mouth nell kin`);
// Patronymic and occupational forms (Dickson, Hobbs, Wilkins) and Scottish and Irish ones (McAllister, O'Donnell).
// prettier-ignore
const FATHERS = words(`Dick Hob Wilk Jenk Tomp Hod Rob Wat Ad Gibb Dav Harr Huw Pet Rich Sim Tib Nix Daw Sand Walk Hew
  Jack Will Gill Philip Allan Ew Nel Steph Clem Matt Hugh Fitch Hutch Jeff Gilb Lamb Mall Ran`);
// prettier-ignore
const GAELIC = words(`Allister Bride Cann Carthy Clean Cormack Crae Dermott Donnell Dougall Fadden Farlane Gee Ginley Gowan
  Grath Guire Intosh Kay Kenna Kenzie Laren Laughlin Leod Mahon Manus Millan Namara Neil Nulty Pherson Quade Quillan Rae
  Sweeney Tavish Ternan Ardle Auley Closkey Crory Elroy Evoy Gonigle Keown Loughlin Nally Shane`);
// prettier-ignore
const IRISH = words(`Donnell Sullivan Riordan Leary Mahony Hara Keefe Callaghan Rourke Dowd Dwyer Halloran Shea Toole
  Regan Flaherty Grady Hagan Kane Meara Driscoll Dea Farrell Gorman Hanlon Kelly Malley Reilly Carroll Connell`);

const britishTail = (): string[] => [
  ...cross(ENGLISH_ROOTS, ENGLISH_ENDINGS),
  ...cross(FATHERS, ['son', 's', 'kins', 'cock', 'ett']),
  ...cross(['Mc', 'Mac'], GAELIC),
  ...IRISH.map((n) => `O'${n}`),
];

// prettier-ignore
const POLISH_ROOTS = words(`Kowal Nowak Wiśniew Kamin Lewand Zielin Szyman Dąbrow Kozłow Jank Kwiatk Piotr Grab Pawł Michal
  Zawad Wrób Stęp Baran Sobczak Czarn Sadow Bielaw Malin Tomasz Jasin Olech Sikor Chmiel Urban Wilcz Głow Wasil Kubi Kaczm
  Ziem Leśn Rogal Sawick Marczew Brzez Gór Lis Dziedzic Krupin Wałęs Borkow Mroz Przyby Skrzyp Wróbl`);
const POLISH_ENDINGS = ['ski', 'owski', 'ewski', 'czyk', 'ak', 'iak', 'ewicz', 'owicz', 'ek'];
// prettier-ignore
const YORUBA_HEADS = words(`Ade Ola Olu Oluwa Ayo Akin Ogun Ife Ibi Abi Oye Fola Bola Oni Ojo Fa`);
// prettier-ignore
const YORUBA_TAILS = words(`yemi wale seun tunde dele kunle bayo jide sola femi kemi tola nike lade yinka gbenga mide nuga sanya
  tayo toye bisi bola dipo lowo yele niyi kanmi fisayo`);
// prettier-ignore
const IGBO = words(`Nwa Okon Oko Chukwu Obi Nna Eze Ugo Chi Onye Ike`);
// prettier-ignore
const IGBO_TAILS = words(`chukwu kwo nna eme emeka dike jiofor nwosu ekwe oma ora uba ugo nnaya koro feor ke`);
const ARABIC_ROOTS = words(`Ahmad Hassan Ali Rashid Khatib Masri Najjar Obeidi Qasimi Sabah Tamimi Zoubi Hashimi Jubouri Shami`);

/** Extra family names each community's long tail is made of. */
const TAILS: Record<string, () => string[]> = {
  british: britishTail,
  eastEuropean: () =>
    cross(POLISH_ROOTS, POLISH_ENDINGS, (root, end) => capitalise((root.endsWith('ski') ? root.slice(0, -3) : root) + end)),
  blackAfrican: () => [
    ...cross(YORUBA_HEADS, YORUBA_TAILS),
    ...cross(IGBO, IGBO_TAILS, (a, b) => (a.endsWith(b.charAt(0)) ? a + b.slice(1) : a + b)),
  ],
  arabTurkish: () => ARABIC_ROOTS.flatMap((r) => [`Al-${r}`, `Al ${r}`, `Abu-${r}`]),
  // Many Pakistani and Bangladeshi families' family name is a father's or grandfather's given name.
  southAsianMuslim: () => parse(communities.SOUTH_ASIAN_MUSLIM.male).map(([name]) => name.split(' ').at(-1) ?? name),
};

/** The share of each community's family names that its long tail holds. */
const TAIL_SHARE: Record<string, number> = { british: 0.5, eastEuropean: 0.45, blackAfrican: 0.4, arabTurkish: 0.2, southAsianMuslim: 0.2 };

/** The general pool's given-name tail: other spellings (Jaiden, Freddy) and compounds (Lily-Mae). */
function spellings(name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  const swap = (from: RegExp, to: string) => {
    const changed = lower.replace(from, to);
    if (changed !== lower) out.push(capitalise(changed));
  };
  swap(/ie$/, 'y');
  swap(/ie$/, 'i');
  swap(/y$/, 'ie');
  swap(/ey$/, 'ie');
  swap(/ay/, 'ai');
  swap(/ai/, 'ay');
  swap(/^c(?=[aeo])/, 'k');
  swap(/^k(?=[aeo])/, 'c');
  swap(/ph/, 'f');
  swap(/(?<=[aeiou])y(?=[aeiou]|n)/, 'i');
  swap(/(?<=[^aeiou])i(?=[^aeiou])/, 'y');
  swap(/ll/, 'l');
  swap(/nn/, 'n');
  swap(/ee/, 'ea');
  return out;
}

const GIRL_SECOND = ['Mae', 'Rose', 'Grace', 'May', 'Belle', 'Louise', 'Jane'];
const BOY_SECOND = ['James', 'Jay', 'Lee', 'John', 'Ray'];

function generalGiven(core: WeightedNames, second: readonly string[], rarer: WeightedNames): WeightedNames {
  const listed = core.reduce((s, [, w]) => s + w, 0);
  const coreNames = new Set(core.map(([n]) => n));
  const variants = core.flatMap(([name]) => spellings(name));
  const top = [...core].sort((a, b) => b[1] - a[1]).slice(0, 60);
  const compounds = cross(
    top.map(([n]) => n),
    second,
    (a, b) => `${a}-${b}`,
  );
  return withSpellings([...core, ...rarer, ...tail([...variants, ...compounds], listed, 0.12, coreNames)]);
}

export interface Community {
  readonly name: string;
  /** The share of households, 0 to 1. */
  readonly share: number;
  readonly family: Picker;
  readonly female: Picker;
  readonly male: Picker;
  /** The chance a child's given name comes from the community's own names rather than the general pool. */
  readonly ownGiven: number;
  /** A daughter takes the feminine form of the family name (Kowalski, Kowalska). */
  readonly gendered: boolean;
  /** The chance a household's family name is two names: hyphenated, or two words (Ferreira Santos). */
  readonly twoNames: number;
}

const GENERAL_FEMALE = generalGiven(FEMALE_GIVEN_NAMES, GIRL_SECOND, RARER_GIVEN_NAMES.female);
const GENERAL_MALE = generalGiven(MALE_GIVEN_NAMES, BOY_SECOND, RARER_GIVEN_NAMES.male);

function familyPool(name: string, listed: [string, number][]): WeightedNames {
  const total = listed.reduce((s, [, w]) => s + w, 0);
  const extra = TAILS[name]?.() ?? [];
  return withSpellings([...listed, ...tail(extra, total, TAIL_SHARE[name] ?? 0, new Set(listed.map(([n]) => n)))]);
}

function community(
  name: string,
  share: number,
  tables: { family?: string; female: string; male: string },
  options: { ownGiven: number; gendered?: boolean; twoNames?: number },
): Community {
  const family = tables.family === undefined ? BRITISH_FAMILY : familyPool(name, parse(tables.family));
  return {
    name,
    share,
    family: picker(family),
    female: picker(withSpellings([...parse(tables.female)])),
    male: picker(withSpellings([...parse(tables.male)])),
    ownGiven: options.ownGiven,
    gendered: options.gendered ?? false,
    twoNames: options.twoNames ?? 0,
  };
}

const BRITISH_FAMILY = familyPool(
  'british',
  [...SURNAMES].map(([n, w]) => [n, w]),
);
const GENERAL_FEMALE_PICKER = picker(GENERAL_FEMALE);
const GENERAL_MALE_PICKER = picker(GENERAL_MALE);

export const GENERAL_GIVEN = { female: GENERAL_FEMALE_PICKER, male: GENERAL_MALE_PICKER };

/** England's children by community, roughly (2021 census, ages 0-17); shares add up to 1. */
export const COMMUNITIES: readonly Community[] = [
  { ...community('british', 0.66, { female: '', male: '' }, { ownGiven: 0, twoNames: 0.02 }) },
  community('southAsianMuslim', 0.075, communities.SOUTH_ASIAN_MUSLIM, { ownGiven: 0.85 }),
  community('southAsianIndian', 0.045, communities.SOUTH_ASIAN_INDIAN, { ownGiven: 0.75 }),
  community('blackAfrican', 0.045, communities.BLACK_AFRICAN, { ownGiven: 0.6 }),
  community('caribbean', 0.02, communities.CARIBBEAN, { ownGiven: 0.45, twoNames: 0.02 }),
  community('eastEuropean', 0.075, communities.EAST_EUROPEAN, { ownGiven: 0.7, gendered: true }),
  community('eastAsian', 0.015, communities.EAST_ASIAN, { ownGiven: 0.6 }),
  community('arabTurkish', 0.03, communities.ARAB_TURKISH, { ownGiven: 0.8 }),
  community('southernEuropean', 0.035, communities.SOUTHERN_EUROPEAN, { ownGiven: 0.6, twoNames: 0.25 }),
];
export const COMMUNITY_PICKER = picker(COMMUNITIES.map((c) => [c.name, c.share]));
export const COMMUNITY_BY_NAME: ReadonlyMap<string, Community> = new Map(COMMUNITIES.map((c) => [c.name, c]));

/** Kowalski -> Kowalska, Ivanov -> Ivanova: the form a daughter's record holds. */
export function feminine(familyName: string): string {
  return familyName
    .replace(/([sc]k|dzk)i$/, '$1a')
    .replace(/(ov|ev)$/, '$1a')
    .replace(/(in)$/, '$1a');
}

/** Every name any pool can give: the demo's and the tests' measure of how varied the names are. */
export const POOL_SIZES = {
  family: new Set(COMMUNITIES.flatMap((c) => c.family.names)).size,
  given: new Set([
    ...GENERAL_FEMALE_PICKER.names,
    ...GENERAL_MALE_PICKER.names,
    ...COMMUNITIES.flatMap((c) => [...c.female.names, ...c.male.names]),
  ]).size,
};

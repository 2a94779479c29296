import { csvCell } from '../../platform/csv.js';
import type { ValidChild } from '../../children/index.js';
import * as data from './names.js';
import { COMMUNITIES, COMMUNITY_PICKER, COMMUNITY_BY_NAME, feminine, GENERAL_GIVEN, pick, picker, type Community } from './name-pool.js';

/**
 * Deterministic synthetic children for the demo area (Kestrelshire), tests and benchmarks. Never
 * real people: NHS numbers are in the 999 test range, UPNs use the made-up LA number 999,
 * postcodes use the made-up area KE, phones the Ofcom drama range, emails example.com.
 *
 * Child i is a pure function of (seed, i, today, source): its own random stream comes from
 * (seed, i), its household from (seed, index of the household's first child), so a child is the
 * same whatever count or startIndex produced it. Identifiers are unique per index: NHS numbers
 * for indexes below 900,000 (the 999 range holds only ~909,000 valid numbers; children from
 * index 900,000 on have none), UPNs below 10^7.
 */

/** A child as a source system would send it: the index's checked basic data, and where it came from. */
export type SyntheticChild = ValidChild & { source: string; sourceId: string };

/** The columns of docs/child-import-format.md, in its order. */
// prettier-ignore
export const CSV_COLUMNS: readonly string[] = Object.freeze([
  'source', 'source_id', 'nhs_number', 'upn', 'given_name', 'family_name', 'other_names', 'date_of_birth', 'gender',
  'address_line_1', 'address_line_2', 'town', 'postcode', 'school', 'gp_practice', 'carer_name', 'carer_relationship',
  'carer_phone', 'carer_email', 'extended_scope',
]);

/** The default "today": fixed, so that output never depends on the clock. */
const DEFAULT_TODAY = new Date(Date.UTC(2026, 10, 23));
const DAY_MS = 86_400_000;
const SALT_CHILD = 0x1c4b;
const SALT_SIBLING = 0x5b1b;
const SALT_HOUSEHOLD = 0x40e5;
const SALT_PERMUTATION = 0x9e7a;
const SALT_DUPLICATE = 0xd0b1;
/** Every 6th index starts a household, so none has more than 6 children; 5/6 * 0.36 = 30% siblings. */
const HOUSEHOLD_MAX = 6;
const SIBLING_CHANCE = 0.36;
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** mulberry32: a small, fast, deterministic generator of numbers in [0, 1). */
class Stream {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A deterministic generator of numbers in [0, 1) (mulberry32); seeds are taken modulo 2^32. */
export function createRandom(seed: number): () => number {
  const stream = new Stream(seed >>> 0);
  return () => stream.next();
}

/** The murmur3 finaliser: a bijection of 32-bit integers that mixes every bit. */
function fmix32(value: number): number {
  const a = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  const b = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (b ^ (b >>> 16)) >>> 0;
}

/** A 32-bit seed for one stream, well mixed from (seed, index, salt); distinct indexes never collide. */
function streamSeed(seed: number, index: number, salt: number): number {
  const high = Math.floor(seed / 4294967296) >>> 0;
  const base = fmix32((seed >>> 0) ^ fmix32(high + Math.imul(salt, 0x9e3779b1)));
  return fmix32((base + (index >>> 0)) >>> 0);
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function uniform<T>(items: readonly T[], random: number): T {
  return items[Math.floor(random * items.length)] as T;
}

const CARER_PICKER = picker(data.CARER_RELATIONSHIPS);

const emailPart = (name: string): string =>
  name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Dates of birth by days before today (the offset), with their ages; built once per "today". */
function buildCalendar(todayDay: number) {
  const now = new Date(todayDay * DAY_MS);
  const [ty, tm, td] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  const dates: string[] = [];
  const ages: number[] = [];
  const upnYears: number[] = [];
  for (let offset = 0; ; offset++) {
    const dob = new Date((todayDay - offset) * DAY_MS);
    const [y, m, d] = [dob.getUTCFullYear(), dob.getUTCMonth(), dob.getUTCDate()];
    const age = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
    if (age >= 22) break;
    dates.push(dob.toISOString().slice(0, 10));
    ages.push(age);
    // A UPN is allocated on starting school: September of the school year (from 1 September) in which the child turns 5.
    upnYears.push(Math.min(m >= 8 ? y + 5 : y + 4, ty) % 100);
  }
  // The first offsets at which a child is 18 and 20; `end` is the first at 22.
  return {
    todayDay,
    dates,
    ages: Uint8Array.from(ages),
    upnYears: Uint8Array.from(upnYears),
    adultFrom: ages.indexOf(18),
    twentyFrom: ages.indexOf(20),
    end: ages.length,
  };
}
type Calendar = ReturnType<typeof buildCalendar>;
let lastCalendar: Calendar | null = null;

function calendarFor(today: Date): Calendar {
  const todayDay = Math.floor(today.getTime() / DAY_MS);
  if (lastCalendar?.todayDay !== todayDay) lastCalendar = buildCalendar(todayDay);
  return lastCalendar;
}

/** Valid NHS numbers in the 999 test range (never issued to a person): 100,000 prefixes x 9 last digits. */
const NHS_SLOTS = 900_000;

/**
 * NHS number for a slot in [0, 900000): '999' + 5 digits from slot / 9 + one of the (at least 9)
 * last body digits that give a valid modulus-11 check digit (weights 10..2; 11 -> 0; 10 is invalid).
 */
function nhsNumber(slot: number): string {
  const prefix = pad(Math.floor(slot / 9), 5);
  let sum = 9 * 10 + 9 * 9 + 9 * 8;
  for (let i = 0; i < 5; i++) sum += (prefix.charCodeAt(i) - 48) * (7 - i);
  // The last body digit d has weight 2; sum + 2d = 1 (mod 11) would need check digit 10. 6 = 1/2 mod 11.
  const invalid = ((((1 - sum) % 11) + 11) * 6) % 11;
  const k = slot % 9;
  const last = k < invalid ? k : k + 1;
  const check = (11 - ((sum + 2 * last) % 11)) % 11;
  return `999${prefix}${last}${check}`;
}

/** UPN: DfE check letter + LA 999 + establishment (4) + year (2) + serial (3). */
function upn(slot: number, year: number): string {
  const body = `999${pad(Math.floor(slot / 1000), 4)}${pad(year, 2)}${pad(slot % 1000, 3)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body.charCodeAt(i) - 48) * (i + 2);
  return UPN_LETTERS.charAt(sum % 23) + body;
}

/** An affine bijection of [0, modulus): multiplier coprime to the modulus, offset from the seed. */
function permute(seed: number, index: number, multiplier: number, modulus: number, salt: number): number {
  return (multiplier * (index % modulus) + (streamSeed(seed, 0, salt) % modulus)) % modulus;
}

function isSibling(seed: number, index: number): boolean {
  return index % HOUSEHOLD_MAX !== 0 && streamSeed(seed, index, SALT_SIBLING) / 4294967296 < SIBLING_CHANCE;
}

function householdHead(seed: number, index: number): number {
  let head = index;
  while (isSibling(seed, head)) head--;
  return head;
}

type Household = ReturnType<typeof household>;

const postcodeLetter = (random: Stream): string => POSTCODE_LETTERS.charAt(Math.floor(random.next() * POSTCODE_LETTERS.length));

/** A family name from any community: a carer's or a previous name's, unlike the household's. */
function otherSurname(random: Stream, not: string): string {
  let name = not;
  while (name === not) name = pick(communityOf(random).family, random.next());
  return name;
}

const communityOf = (random: Stream): Community =>
  COMMUNITY_BY_NAME.get(pick(COMMUNITY_PICKER, random.next())) ?? (COMMUNITIES[0] as Community);

/** A household's family name: one of its community's, or two (hyphenated; as two words for Portuguese and Spanish families). */
function familyNameOf(random: Stream, community: Community): string {
  const first = pick(community.family, random.next());
  if (random.next() >= community.twoNames) return first;
  // A third of two-part names join two communities' names (Smith-Khan), the rest two of its own.
  let second = first;
  if (random.next() < 0.33) second = otherSurname(random, first);
  else while (second === first) second = pick(community.family, random.next());
  return community.name === 'southernEuropean' ? `${first} ${second}` : `${first}-${second}`;
}

function givenNameOf(random: Stream, community: Community, female: boolean): string {
  const own = random.next() < community.ownGiven;
  const pool = own ? community : GENERAL_GIVEN;
  return pick(female ? pool.female : pool.male, random.next());
}

/** The family name as a person's record holds it: a daughter of a Polish family is Kowalska. */
const familyNameFor = (familyName: string, community: Community, female: boolean): string =>
  female && community.gendered ? familyName.split('-').map(feminine).join('-') : familyName;

function household(seed: number, head: number) {
  const random = new Stream(streamSeed(seed, head, SALT_HOUSEHOLD));
  const community = communityOf(random);
  const familyName = familyNameOf(random, community);
  const town = uniform(data.TOWNS, random.next());
  const street = `${1 + Math.floor(random.next() * random.next() * 180)} ${uniform(data.STREET_NAMES, random.next())}`;
  const inward = `${Math.floor(random.next() * 10)}${postcodeLetter(random)}${postcodeLetter(random)}`;
  const postcode = `KE${uniform(town.outwardCodes, random.next())} ${inward}`;
  let carer: SyntheticChild['carer'] = null;
  if (random.next() < 0.9) {
    const relationship = pick(CARER_PICKER, random.next());
    const female = relationship === 'mother' || relationship === 'grandmother' || (relationship !== 'father' && random.next() < 0.5);
    const given = givenNameOf(random, community, female);
    const family =
      random.next() < (data.SHARES_FAMILY_NAME[relationship] ?? 0.05)
        ? familyNameFor(familyName, community, female)
        : otherSurname(random, familyName);
    const suffix = random.next() < 0.5 ? String(Math.floor(random.next() * 90) + 10) : '';
    carer = {
      name: `${given} ${family}`,
      relationship,
      phone: `07700 900${pad(Math.floor(random.next() * 1000), 3)}`,
      email: `${emailPart(given) || 'carer'}.${emailPart(family) || 'family'}${suffix}@example.com`,
    };
  }
  return {
    community,
    familyName,
    town,
    addressLine1: random.next() < 0.12 ? `Flat ${1 + Math.floor(random.next() * 12)}, ${street}` : street,
    addressLine2: random.next() < 0.4 ? uniform(town.localities, random.next()) : '',
    postcode,
    gpPractice: random.next() < 0.98 ? uniform(town.gpPractices, random.next()) : '',
    carer,
  };
}

function schoolFor(age: number, town: data.SyntheticTown, random: Stream): string {
  const r = random.next();
  if (age < 2) return '';
  if (age < 4) return r < 0.6 ? uniform(town.nurseries, random.next()) : '';
  if (age < 11) return r < 0.98 ? uniform(town.primarySchools, random.next()) : '';
  if (age < 16) return r < 0.97 ? uniform(town.secondarySchools, random.next()) : '';
  if (age < 18) return r < 0.5 ? uniform(town.secondarySchools, random.next()) : r < 0.9 ? uniform(data.COLLEGES, random.next()) : '';
  return r < 0.3 ? uniform(data.COLLEGES, random.next()) : '';
}

function child(seed: number, index: number, source: string, calendar: Calendar, home: Household): SyntheticChild {
  const random = new Stream(streamSeed(seed, index, SALT_CHILD));
  const g = random.next();
  const gender = g < 0.49 ? 'female' : g < 0.98 ? 'male' : g < 0.99 ? 'other' : 'unknown';
  const female = gender === 'female' || (gender !== 'male' && random.next() < 0.5);
  const givenName = givenNameOf(random, home.community, female);
  let offset: number;
  let extendedScope: SyntheticChild['extendedScope'] = null;
  if (random.next() < 0.01) {
    offset = calendar.adultFrom + Math.floor(random.next() * (calendar.end - calendar.adultFrom));
    extendedScope = offset < calendar.twentyFrom && random.next() < 0.5 ? 'young adult' : 'care leaver';
  } else {
    offset = Math.floor(random.next() * calendar.adultFrom);
  }
  const age = calendar.ages[offset] ?? 0;
  // The 999 test range holds 900,000 valid numbers, one per slot: a child past them has none, rather than another's.
  const nhs = random.next() < 0.97 && index < NHS_SLOTS ? nhsNumber(permute(seed, index, 523_049, NHS_SLOTS, SALT_PERMUTATION)) : null;
  const hasUpn = age >= 4 && age <= 17 && random.next() < 0.85;
  const pupil = hasUpn ? upn(permute(seed, index, 7_654_321, 10_000_000, SALT_PERMUTATION + 1), calendar.upnYears[offset] ?? 0) : null;
  const otherNames = random.next() < 0.08 ? [{ givenName, familyName: otherSurname(random, home.familyName) }] : [];
  return {
    source,
    sourceId: `C${pad(index, 7)}`,
    nhsNumber: nhs,
    upn: pupil,
    givenName,
    familyName: familyNameFor(home.familyName, home.community, female),
    otherNames,
    dateOfBirth: calendar.dates[offset] ?? '',
    gender,
    addressLine1: home.addressLine1,
    addressLine2: home.addressLine2,
    town: home.town.name,
    postcode: home.postcode,
    school: schoolFor(age, home.town, random),
    gpPractice: home.gpPractice,
    carer: home.carer === null ? null : { ...home.carer },
    extendedScope,
  };
}

function checkSource(source: string): void {
  if (!/^[a-z0-9-]+$/.test(source)) throw new RangeError(`source must be lower case letters, digits and hyphens: ${source}`);
}

/**
 * Children startIndex .. startIndex + count - 1 (default 0 ..). About 30% share a family name,
 * address and carer with the previous child (one household); ages 0-17 spread evenly over dates
 * of birth relative to `today` (UTC date; default 2026-11-23), about 1% aged 18-21 with an
 * extended scope.
 */
export function* syntheticChildren(options: {
  seed: number;
  count: number;
  today?: Date;
  source?: string;
  startIndex?: number;
}): Generator<SyntheticChild> {
  const { seed, count, startIndex = 0, source = 'synthetic' } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a whole number: ${count}`);
  if (!Number.isSafeInteger(startIndex) || startIndex < 0 || startIndex + count > 2 ** 32)
    throw new RangeError(`startIndex must be a whole number, with all indexes below 2^32: ${startIndex}`);
  checkSource(source);
  const calendar = calendarFor(options.today ?? DEFAULT_TODAY);
  let head = -1;
  let home: Household | null = null;
  for (let index = startIndex; index < startIndex + count; index++) {
    const h = householdHead(seed, index);
    if (home === null || h !== head) {
      head = h;
      home = household(seed, h);
    }
    yield child(seed, index, source, calendar, home);
  }
}

/** A typo: two adjacent letters swapped, one dropped or one doubled (never the first letter). */
function typo(name: string, random: Stream): string {
  const op = random.next();
  const i = 1 + Math.floor(random.next() * (name.length - 1));
  if (op < 0.4 && i + 1 < name.length) {
    const swapped = name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
    if (swapped !== name) return swapped;
  }
  if (op < 0.75 && name.length > 2) return name.slice(0, i) + name.slice(i + 1);
  return name.slice(0, i + 1) + name.slice(i);
}

function swapDayAndMonth(dob: string, child: SyntheticChild, calendar: Calendar): string {
  const [year, month, day] = dob.split('-');
  if (child.extendedScope !== null || !year || !month || !day || Number(day) > 12 || day === month) return dob;
  const swapped = `${year}-${day}-${month}`;
  const earliest = calendar.dates[calendar.adultFrom - 1] ?? '';
  return swapped <= (calendar.dates[0] ?? '') && swapped >= earliest ? swapped : dob;
}

/**
 * For about `rate` of the children, the same child as another source would record it: the
 * family name misspelt or spelt another way, sometimes a nickname, usually the same date of
 * birth (occasionally day and month swapped), the same postcode or none, identifiers sometimes
 * missing, a new sourceId. Which children, and how, depends only on (seed, child) and `today`
 * (only used to keep a swapped date of birth in scope).
 */
export function* nearDuplicates(
  children: Iterable<SyntheticChild>,
  options: { seed: number; rate: number; source: string; today?: Date },
): Generator<SyntheticChild> {
  const { seed, rate, source } = options;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be between 0 and 1: ${rate}`);
  checkSource(source);
  const calendar = calendarFor(options.today ?? DEFAULT_TODAY);
  let made = 0;
  for (const original of children) {
    const random = new Stream(streamSeed(seed, hashString(`${original.source}/${original.sourceId}`), SALT_DUPLICATE));
    if (random.next() >= rate) continue;
    const variants = data.SURNAME_VARIANTS[original.familyName];
    const familyName = variants && random.next() < 0.7 ? uniform(variants, random.next()) : typo(original.familyName, random);
    const nicknames = data.NICKNAMES[original.givenName];
    const givenName = nicknames && random.next() < 0.3 ? uniform(nicknames, random.next()) : original.givenName;
    const keepAddress = random.next() < 0.75;
    const dateOfBirth = random.next() < 0.05 ? swapDayAndMonth(original.dateOfBirth, original, calendar) : original.dateOfBirth;
    yield {
      source,
      sourceId: `R${pad(permute(seed, made++, 48_271_637, 100_000_000, SALT_DUPLICATE), 8)}`,
      nhsNumber: random.next() < 0.75 ? original.nhsNumber : null,
      upn: random.next() < 0.6 ? original.upn : null,
      givenName,
      familyName,
      otherNames: random.next() < 0.5 ? original.otherNames.map((o) => ({ ...o })) : [],
      dateOfBirth,
      gender: random.next() < 0.95 ? original.gender : 'unknown',
      addressLine1: keepAddress || random.next() < 0.5 ? original.addressLine1 : '',
      addressLine2: keepAddress ? original.addressLine2 : '',
      town: keepAddress || random.next() < 0.5 ? original.town : '',
      postcode: keepAddress ? original.postcode : '',
      school: random.next() < 0.7 ? original.school : '',
      gpPractice: random.next() < 0.8 ? original.gpPractice : '',
      carer: original.carer !== null && random.next() < 0.7 ? { ...original.carer } : null,
      extendedScope: original.extendedScope,
    };
  }
}

// Cells are quoted and defused against formulas by the one CSV writer (platform/csv.ts).
const csv = csvCell;

/** One CSV line in CSV_COLUMNS order (RFC 4180 quoting), without a line ending. */
export function toCsvRow(c: SyntheticChild): string {
  const others = c.otherNames.length === 0 ? '' : c.otherNames.map((o) => `${o.givenName} ${o.familyName}`).join(';');
  const carer = c.carer;
  return (
    `${csv(c.source)},${csv(c.sourceId)},${csv(c.nhsNumber)},${csv(c.upn)},${csv(c.givenName)},${csv(c.familyName)},` +
    `${csv(others)},${csv(c.dateOfBirth)},${csv(c.gender)},${csv(c.addressLine1)},${csv(c.addressLine2)},${csv(c.town)},` +
    `${csv(c.postcode)},${csv(c.school)},${csv(c.gpPractice)},${csv(carer?.name ?? null)},${csv(carer?.relationship ?? null)},` +
    `${csv(carer?.phone ?? null)},${csv(carer?.email ?? null)},${csv(c.extendedScope)}`
  );
}

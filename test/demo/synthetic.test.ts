import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  createRandom,
  nearDuplicates,
  syntheticChildren,
  toCsvRow,
  type SyntheticChild,
} from '../../src/demo/synthetic/children.js';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, NICKNAMES, SURNAME_VARIANTS, SURNAMES, TOWNS } from '../../src/demo/synthetic/names.js';
import { DEMO_DISTRICTS } from '../../src/demo/area.js';
import { COMMUNITIES, feminine, POOL_SIZES } from '../../src/demo/synthetic/name-pool.js';

// Local checks, independent of the generator (and of src/children/validation.ts).
function nhsValid(nhs: string): boolean {
  if (!/^\d{10}$/.test(nhs)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nhs[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(nhs[9]);
}

function upnValid(upn: string): boolean {
  if (!/^[A-Z]\d{12}$/.test(upn)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) sum += Number(upn[i]) * (i + 1);
  return 'ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23] === upn[0];
}

/** A small RFC 4180 parser for one line. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const end = line.indexOf('"', i);
        if (end < 0) throw new Error(`unterminated quote in ${line}`);
        value += line.slice(i, end);
        i = end + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
    } else {
      const end = line.indexOf(',', i);
      value = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    fields.push(value);
    if (i >= line.length) return fields;
    if (line[i] !== ',') throw new Error(`expected a comma at ${i} in ${line}`);
    i++;
  }
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/;
const TODAY = '2026-11-23';
// A few hundred rows: enough for every property below, fast enough for every run (bench/synthetic.ts times 200,000).
const children = [...syntheticChildren({ seed: 2026, count: 600 })];

function ageOn(dob: string, today: string): number {
  const [y, m, d] = dob.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || ty === undefined || tm === undefined || td === undefined) {
    throw new Error(`bad date ${dob}`);
  }
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

const share = (predicate: (c: SyntheticChild) => boolean, of: SyntheticChild[] = children): number =>
  of.filter(predicate).length / of.length;

describe('synthetic children', () => {
  it('are the same for the same seed, whatever count or startIndex produced them', () => {
    const a = [...syntheticChildren({ seed: 7, count: 1000 })];
    const b = [...syntheticChildren({ seed: 7, count: 1000 })];
    expect(b).toEqual(a);
    expect([...syntheticChildren({ seed: 7, count: 1, startIndex: 500 })]).toEqual([a[500]]);
    expect([...syntheticChildren({ seed: 7, count: 10, startIndex: 495 })]).toEqual(a.slice(495, 505));
    const other = [...syntheticChildren({ seed: 8, count: 1000 })];
    expect(other.filter((c, i) => c.familyName === a[i]?.familyName && c.dateOfBirth === a[i]?.dateOfBirth).length).toBeLessThan(50);
    const random = createRandom(1);
    const values = [random(), random(), random()];
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const again = createRandom(1);
    expect([again(), again(), again()]).toEqual(values);
  });

  it('have NHS numbers in the 999 test range with a valid modulus-11 check digit, unique', () => {
    const numbers = children.flatMap((c) => (c.nhsNumber === null ? [] : [c.nhsNumber]));
    expect(numbers.length / children.length).toBeGreaterThan(0.95);
    expect(numbers.length / children.length).toBeLessThan(0.99);
    expect(numbers.filter((nhs) => !nhs.startsWith('999') || !nhsValid(nhs))).toEqual([]);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('give UPNs with a correct DfE check letter, unique, to about 85% of school-age children only', () => {
    const upns = children.flatMap((c) => (c.upn === null ? [] : [c.upn]));
    expect(upns.filter((upn) => !/^[A-Z]999\d{9}$/.test(upn) || !upnValid(upn))).toEqual([]);
    expect(new Set(upns).size).toBe(upns.length);
    const schoolAge = children.filter((c) => ageOn(c.dateOfBirth, TODAY) >= 4 && ageOn(c.dateOfBirth, TODAY) <= 17);
    expect(share((c) => c.upn !== null, schoolAge)).toBeGreaterThan(0.8);
    expect(share((c) => c.upn !== null, schoolAge)).toBeLessThan(0.9);
    expect(children.filter((c) => c.upn !== null && !schoolAge.includes(c))).toEqual([]);
  });

  it('live in the demo area at valid made-up postcodes', () => {
    const towns = new Set(TOWNS.map((t) => t.name));
    const bad = children.filter((c) => !POSTCODE.test(c.postcode) || !/^KE(1\d|[1-9]) /.test(c.postcode));
    expect(bad.map((c) => c.postcode)).toEqual([]);
    expect(children.filter((c) => !towns.has(c.town) || c.addressLine1 === '')).toEqual([]);
    expect(TOWNS.map((t) => t.name)).toEqual(DEMO_DISTRICTS.map((d) => d.name));
  });

  it('are born within the scope of the index and never in the future', () => {
    const maxAge: Record<string, number> = { 'young adult': 19, 'care leaver': 21 };
    const outOfScope = children.filter((c) => {
      const age = ageOn(c.dateOfBirth, TODAY);
      const inScope = c.extendedScope === null ? age <= 17 : age >= 18 && age <= (maxAge[c.extendedScope] ?? 0);
      return !/^\d{4}-\d{2}-\d{2}$/.test(c.dateOfBirth) || c.dateOfBirth > TODAY || !inScope;
    });
    expect(outOfScope).toEqual([]);
    expect(share((c) => c.extendedScope !== null)).toBeGreaterThan(0.005);
    expect(share((c) => c.extendedScope !== null)).toBeLessThan(0.02);
    // Ages 0-17 spread evenly: each year of age holds about 1/18 of the children.
    for (let age = 0; age <= 17; age++) {
      expect(share((c) => ageOn(c.dateOfBirth, TODAY) === age)).toBeCloseTo(0.99 / 18, 1);
    }
    const earlier = [...syntheticChildren({ seed: 1, count: 2000, today: new Date(Date.UTC(2020, 0, 1)) })];
    expect(earlier.every((c) => c.dateOfBirth <= '2020-01-01' && ageOn(c.dateOfBirth, '2020-01-01') <= 21)).toBe(true);
  });

  it('look like a plausible population', () => {
    const counts = new Map<string, number>();
    for (const c of children) counts.set(c.familyName, (counts.get(c.familyName) ?? 0) + 1);
    const top = [...counts].sort((x, y) => y[1] - x[1]).map(([name]) => name);
    expect(top.slice(0, 3)).toContain('Smith');
    expect(share((c) => c.gender === 'female')).toBeGreaterThan(0.46);
    expect(share((c) => c.gender === 'male')).toBeGreaterThan(0.46);
    expect(share((c) => c.gender === 'other' || c.gender === 'unknown')).toBeLessThan(0.04);
    expect(share((c) => c.carer !== null)).toBeGreaterThan(0.85);
    expect(share((c) => c.otherNames.length > 0)).toBeGreaterThan(0.06);
    expect(share((c) => c.otherNames.length > 0)).toBeLessThan(0.1);
    expect(children.some((c) => /['-]/.test(c.familyName))).toBe(true);
    for (const c of children) {
      if (c.carer === null) continue;
      expect(c.carer.phone).toMatch(/^07700 900\d{3}$/);
      expect(c.carer.email).toMatch(/^[a-z]+\.[a-z]+\d*@example\.com$/);
      expect(['mother', 'father', 'grandmother', 'foster carer', 'step-parent']).toContain(c.carer.relationship);
    }
    const household = (c: SyntheticChild | undefined) => `${c?.familyName}|${c?.addressLine1}|${c?.postcode}|${c?.carer?.name}`;
    const siblings = children.filter((c, i) => i > 0 && household(c) === household(children[i - 1])).length / children.length;
    expect(siblings).toBeGreaterThan(0.25);
    expect(siblings).toBeLessThan(0.35);
  });

  it('have name tables without duplicates or self-variants', () => {
    for (const table of [SURNAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES]) {
      expect(new Set(table.map(([name]) => name)).size).toBe(table.length);
      expect(table.every(([, weight]) => weight > 0)).toBe(true);
    }
    expect(SURNAMES.length).toBeGreaterThanOrEqual(250);
    expect(FEMALE_GIVEN_NAMES.length).toBeGreaterThanOrEqual(150);
    expect(MALE_GIVEN_NAMES.length).toBeGreaterThanOrEqual(150);
    for (const [name, variants] of [...Object.entries(SURNAME_VARIANTS), ...Object.entries(NICKNAMES)]) {
      expect(variants).not.toContain(name);
    }
  });
});

describe('synthetic names (issue 19)', () => {
  const many = [...syntheticChildren({ seed: 42, count: 20_000 })];
  const counts = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());

  it('come from communities whose shares add up to one, with a long tail of family names', () => {
    expect(COMMUNITIES.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 6);
    expect(POOL_SIZES.family).toBeGreaterThan(10_000);
    expect(POOL_SIZES.given).toBeGreaterThan(1_500);
    const families = counts(many.map((c) => c.familyName));
    // 20,000 children hold thousands of family names, most of them held by one or two children.
    expect(families.size).toBeGreaterThan(4_000);
    expect([...families.values()].filter((n) => n <= 2).length / families.size).toBeGreaterThan(0.6);
    const smith = (families.get('Smith') ?? 0) / many.length;
    expect(smith).toBeGreaterThan(0.008);
    expect(smith).toBeLessThan(0.025);
  });

  it("include the names of England's main communities, double-barrelled names and names with and without their marks", () => {
    const families = new Set(many.map((c) => c.familyName));
    const given = new Set(many.map((c) => c.givenName));
    for (const name of ['Patel', 'Khan', 'Begum', 'Singh', 'Okafor', 'Mensah', 'Nowak', 'Wong', 'Nguyen', 'Yilmaz', 'Silva'])
      expect(families).toContain(name);
    for (const name of ['Muhammad', 'Mohammed', 'Maryam', 'Arjun', 'Zuzanna', 'Kwame', 'Oliver', 'Amelia']) expect(given).toContain(name);
    expect([...families].filter((n) => /^[^ -]+-[^ -]+$/.test(n)).length).toBeGreaterThan(50);
    expect(families).toContain('Wiśniewski');
    expect(families).toContain('Wisniewski');
  });

  it('give a daughter of a Polish or Bulgarian family the feminine form of the family name', () => {
    expect(['Kowalski', 'Dąbrowski', 'Ivanov', 'Georgiev', 'Smith'].map(feminine)).toEqual([
      'Kowalska',
      'Dąbrowska',
      'Ivanova',
      'Georgieva',
      'Smith',
    ]);
    expect(many.some((c) => c.gender === 'female' && /sk[ai]$/.test(c.familyName) && c.familyName.endsWith('ska'))).toBe(true);
    expect(many.filter((c) => c.gender === 'male' && /ska$/.test(c.familyName))).toEqual([]);
  });
});

describe('CSV', () => {
  it('has exactly the columns of docs/child-import-format.md, in order', () => {
    const doc = readFileSync(new URL('../../docs/child-import-format.md', import.meta.url), 'utf8');
    const columns = [...doc.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(columns.length).toBeGreaterThan(10);
    expect(CSV_COLUMNS).toEqual(columns);
  });

  it('quotes fields with a comma, quote or line break and doubles quotes (RFC 4180)', () => {
    const [child] = syntheticChildren({ seed: 3, count: 1 });
    if (!child) throw new Error('no child');
    const awkward: SyntheticChild = {
      ...child,
      givenName: 'Anne, "Annie"',
      familyName: "O'Brien",
      addressLine1: 'Flat 2\n12 Mill Lane',
      otherNames: [
        { givenName: 'Anne', familyName: 'Smith' },
        { givenName: 'Annie', familyName: 'Smith-Jones' },
      ],
      carer: null,
    };
    const row = toCsvRow(awkward);
    expect(row).toContain(',"Anne, ""Annie""",');
    expect(row).toContain(",O'Brien,");
    expect(row).toContain(',"Flat 2\n12 Mill Lane",');
    expect(row.endsWith('\n')).toBe(false);
    const fields = parseCsvLine(row);
    expect(fields).toHaveLength(CSV_COLUMNS.length);
    const get = (column: string) => fields[CSV_COLUMNS.indexOf(column)];
    expect(get('given_name')).toBe('Anne, "Annie"');
    expect(get('other_names')).toBe('Anne Smith;Annie Smith-Jones');
    expect(get('carer_name')).toBe('');
    // A cell a spreadsheet would run as a formula is defused (platform/csv.ts).
    const malicious = parseCsvLine(toCsvRow({ ...awkward, familyName: '=HYPERLINK("http://x","y")' }));
    expect(malicious[CSV_COLUMNS.indexOf('family_name')]).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('round-trips generated children', () => {
    for (const c of children) {
      const fields = parseCsvLine(toCsvRow(c));
      expect(fields).toHaveLength(CSV_COLUMNS.length);
      const get = (column: string) => fields[CSV_COLUMNS.indexOf(column)];
      expect(get('source_id')).toBe(c.sourceId);
      expect(get('nhs_number')).toBe(c.nhsNumber ?? '');
      expect(get('family_name')).toBe(c.familyName);
      expect(get('address_line_1')).toBe(c.addressLine1);
      expect(get('school')).toBe(c.school);
      expect(get('carer_email')).toBe(c.carer?.email ?? '');
      expect(get('extended_scope')).toBe(c.extendedScope ?? '');
    }
  });
});

describe('near-duplicates', () => {
  function pairs(originals: SyntheticChild[], rate: number): [SyntheticChild, SyntheticChild][] {
    let last: SyntheticChild | undefined;
    function* tap() {
      for (const c of originals) {
        last = c;
        yield c;
      }
    }
    const result: [SyntheticChild, SyntheticChild][] = [];
    for (const duplicate of nearDuplicates(tap(), { seed: 11, rate, source: 'child-health' })) {
      if (last) result.push([last, duplicate]);
    }
    return result;
  }

  it('record the same child differently, keeping the date of birth in most cases', () => {
    const originals = children;
    const found = pairs(originals, 0.2);
    expect(found.length).toBeGreaterThan(90); // a rate of 0.2 over 600 originals: about 120
    expect(found.length).toBeLessThan(150);
    expect(new Set(found.map(([, d]) => d.sourceId)).size).toBe(found.length);
    for (const [original, duplicate] of found) {
      expect(duplicate.source).toBe('child-health');
      expect(duplicate.sourceId).not.toBe(original.sourceId);
      expect(duplicate.familyName).not.toBe(original.familyName);
      expect(duplicate.familyName.length).toBeGreaterThan(1);
      expect([original.nhsNumber, null]).toContain(duplicate.nhsNumber);
      expect([original.upn, null]).toContain(duplicate.upn);
      expect([original.postcode, '']).toContain(duplicate.postcode);
      expect(duplicate.dateOfBirth <= TODAY).toBe(true);
      if (duplicate.extendedScope === null) expect(ageOn(duplicate.dateOfBirth, TODAY)).toBeLessThanOrEqual(17);
    }
    expect(found.filter(([o, d]) => o.dateOfBirth === d.dateOfBirth).length / found.length).toBeGreaterThan(0.9);
    expect(found.some(([o, d]) => o.givenName !== d.givenName)).toBe(true);
    expect(found.some(([o, d]) => o.nhsNumber !== null && d.nhsNumber === null)).toBe(true);
  });

  it('are deterministic', () => {
    const originals = children;
    expect([...nearDuplicates(originals, { seed: 5, rate: 0.3, source: 'school-census' })]).toEqual([
      ...nearDuplicates(originals, { seed: 5, rate: 0.3, source: 'school-census' }),
    ]);
    expect([...nearDuplicates(originals, { seed: 5, rate: 0, source: 'school-census' })]).toEqual([]);
  });
});

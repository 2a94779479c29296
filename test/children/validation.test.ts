import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXTENDED_SCOPE_MAX_AGE,
  SEARCH_AGE_MAX,
  ageOn,
  birthDatesForAges,
  checkDateOfBirth,
  checkNhsNumber,
  checkPostcode,
  checkSearchAge,
  checkUpn,
  nhsCheckDigit,
  parseDateParts,
  upnCheckLetter,
  type Check,
} from '../../src/children/validation.js';

const ruleOf = (check: Check): string | null => (check.ok ? null : check.rule);
const valueOf = (check: Check): string | null => (check.ok ? check.value : null);
const DIGITS = '0123456789';
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

describe('NHS number', () => {
  it('computes check digits by modulus 11', () => {
    // 943476591: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2
    //          = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 27 + 2 = 299; 299 mod 11 = 2; 11 − 2 = 9
    expect(nhsCheckDigit('943476591')).toBe(9);
    // 943476587: 90 + 36 + 24 + 28 + 42 + 30 + 20 + 8×3 + 7×2 = 308; 308 mod 11 = 0; 11 − 0 = 11, which means 0
    expect(nhsCheckDigit('943476587')).toBe(0);
    // 123456789: 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210; 210 mod 11 = 1; 11 − 1 = 10: no valid number
    expect(nhsCheckDigit('123456789')).toBeNull();
    expect(nhsCheckDigit('401023213')).toBe(7);
    expect(nhsCheckDigit('12345678')).toBeNull();
    expect(nhsCheckDigit('12345678X')).toBeNull();
  });

  it.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 943 476 5870 ', '9434765870'],
    ['4010232137', '4010232137'],
  ])('accepts %j', (input, value) => {
    expect(checkNhsNumber(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['9434765918', 'nhs_number_check_digit'], // check digit should be 9
    ['9434765871', 'nhs_number_check_digit'], // check digit should be 0
    ['1234567890', 'nhs_number_check_digit'], // prefix gives 10: no digit is right
    ['1234567891', 'nhs_number_check_digit'],
    ['943476591', 'nhs_number_format'], // 9 digits
    ['94347659190', 'nhs_number_format'], // 11 digits
    ['943476591A', 'nhs_number_format'],
    ['NHS9434765919', 'nhs_number_format'],
    ['', 'nhs_number_format'],
  ])('refuses %j (%s)', (input, rule) => {
    expect(ruleOf(checkNhsNumber(input))).toBe(rule);
  });

  it('words its errors the GOV.UK way', () => {
    expect(checkNhsNumber('12')).toMatchObject({ message: 'Enter an NHS number in the correct format, like 943 476 5919' });
    expect(checkNhsNumber('9434765918')).toMatchObject({
      message: 'NHS number is not valid: the last digit (the check digit) does not match the first 9. Check the 10 digits',
    });
  });

  const prefix = fc.stringMatching(/^\d{9}$/);

  it('every 9-digit prefix has no valid check digit or makes a number that is accepted', () => {
    fc.assert(
      fc.property(prefix, (first9) => {
        const check = nhsCheckDigit(first9);
        if (check === null) {
          for (const d of DIGITS) expect(checkNhsNumber(first9 + d).ok).toBe(false);
        } else {
          expect(checkNhsNumber(first9 + String(check))).toEqual({ ok: true, value: first9 + String(check) });
        }
      }),
    );
  });

  it('changing any one digit of a valid number makes it invalid', () => {
    const valid = prefix.filter((p) => nhsCheckDigit(p) !== null).map((p) => p + String(nhsCheckDigit(p)));
    fc.assert(
      fc.property(valid, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nhs, position, shift) => {
        const changed = String((Number(nhs[position]) + shift) % 10);
        const mutated = nhs.slice(0, position) + changed + nhs.slice(position + 1);
        expect(ruleOf(checkNhsNumber(mutated))).toBe('nhs_number_check_digit');
      }),
    );
  });
});

describe('Unique Pupil Number', () => {
  it('computes the DfE check letter', () => {
    // 801200014000: 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 1×9 + 4×10 + 0×11 + 0×12 + 0×13
    //             = 16 + 4 + 10 + 9 + 40 = 79; 79 mod 23 = 10; ABCDEFGHJK L: index 10 is L
    expect(upnCheckLetter('801200014000')).toBe('L');
    // python-stdnum's documented example B801200005001: 16 + 4 + 10 + 5×10 + 1×13 = 93; 93 mod 23 = 1 -> B
    expect(upnCheckLetter('801200005001')).toBe('B');
    // temporary UPN: a final letter counts as its index, A = 0 (same sum as ...000), C = 2: 79 + 26 = 105; 105 mod 23 = 13 -> P
    expect(upnCheckLetter('80120001400A')).toBe('L');
    expect(upnCheckLetter('80120001400C')).toBe('P');
    expect(upnCheckLetter('80120001400I')).toBeNull();
    expect(upnCheckLetter('8012000140A0')).toBeNull();
    expect(upnCheckLetter('80120001400')).toBeNull();
  });

  it.each([
    ['L801200014000', 'L801200014000'],
    ['B801200005001', 'B801200005001'],
    [' l801200014000 ', 'L801200014000'],
    ['L80120001400A', 'L80120001400A'],
    ['P80120001400C', 'P80120001400C'],
    ['p80120001400c', 'P80120001400C'],
  ])('accepts %j', (input, value) => {
    expect(checkUpn(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['A801200014000', 'upn_check_letter'], // should be L
    ['M801200014000', 'upn_check_letter'],
    ['A80120001400C', 'upn_check_letter'], // should be P
    ['L80120001400', 'upn_format'], // 12 characters
    ['L8012000140000', 'upn_format'], // 14 characters
    ['I801200014000', 'upn_format'], // I, O and S are not in the check-letter alphabet
    ['O801200014000', 'upn_format'],
    ['S801200014000', 'upn_format'],
    ['L80120001400I', 'upn_format'],
    ['L80120001400O', 'upn_format'],
    ['L80120001400S', 'upn_format'],
    ['L8012000140A0', 'upn_format'], // only the last character may be a letter
    ['8801200014000', 'upn_format'], // the first character is a letter
    ['', 'upn_format'],
  ])('refuses %j (%s)', (input, rule) => {
    expect(ruleOf(checkUpn(input))).toBe(rule);
  });

  it('shares a check letter between a final digit and the letter with the same index (a property of the DfE algorithm)', () => {
    // '1' and 'B' both count 1 in position 13, so L...4001 with B in place of 1 keeps its check letter.
    expect(upnCheckLetter('801200014001')).toBe(upnCheckLetter('80120001400B'));
  });

  const lastChar = fc.constantFrom(...DIGITS, ...UPN_LETTERS);
  const validUpn = fc.tuple(fc.stringMatching(/^\d{11}$/), lastChar).map(([digits, last]) => {
    const body = digits + last;
    return String(upnCheckLetter(body)) + body;
  });

  it('changing any one character of a valid UPN to another of its kind makes it invalid', () => {
    const kindAt = (upn: string, position: number): string => {
      if (position === 0) return UPN_LETTERS;
      if (position < 12) return DIGITS;
      return DIGITS.includes(upn.charAt(12)) ? DIGITS : UPN_LETTERS;
    };
    fc.assert(
      fc.property(validUpn, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 22 }), (upn, position, shift) => {
        expect(checkUpn(upn)).toEqual({ ok: true, value: upn });
        const kind = kindAt(upn, position);
        const replacement = kind.charAt((kind.indexOf(upn.charAt(position)) + (shift % kind.length || 1)) % kind.length);
        const mutated = upn.slice(0, position) + replacement + upn.slice(position + 1);
        expect(mutated).not.toBe(upn);
        expect(ruleOf(checkUpn(mutated))).toBe('upn_check_letter');
      }),
    );
  });
});

describe('postcode', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['  sw1a   1aa ', 'SW1A 1AA'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['GIR 0AA', 'GIR 0AA'],
    ['gir0aa', 'GIR 0AA'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A 0AX'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkPostcode(input)).toEqual({ ok: true, value });
  });

  it.each([
    'SW1A 1A',
    'QQ1 1AA', // Q is not allowed first
    'VA1 1AA', // nor V
    'AI1 1AA', // I is not allowed second
    'W1I 0AX', // I is not allowed third in A9A
    'M1 1CE', // C is not allowed in the inward code
    'SW1A 1AAA',
    '12345',
    '',
    'SW1A-1AA',
  ])('refuses %j', (input) => {
    expect(checkPostcode(input)).toEqual({ ok: false, rule: 'postcode_format', message: 'Enter a real postcode, like SW1A 1AA' });
  });

  it('gives back a value it accepts unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A 1BB', 'W1A 0AX'),
        fc.boolean(),
        (pc, lower) => {
          const first = valueOf(checkPostcode(lower ? pc.toLowerCase().replace(' ', '') : pc));
          expect(first).toBe(pc);
          expect(valueOf(checkPostcode(pc))).toBe(pc);
        },
      ),
    );
  });
});

describe('date parts (GOV.UK date input)', () => {
  it('builds an ISO date from real dates', () => {
    expect(parseDateParts('29', '2', '2020')).toEqual({ ok: true, value: '2020-02-29' });
    expect(parseDateParts(' 1 ', '01', '2015')).toEqual({ ok: true, value: '2015-01-01' });
    expect(parseDateParts('31', '12', '1999')).toEqual({ ok: true, value: '1999-12-31' });
    expect(parseDateParts('3', 'Jan', '2015')).toEqual({ ok: true, value: '2015-01-03' });
    expect(parseDateParts('3', 'september', '2015')).toEqual({ ok: true, value: '2015-09-03' });
  });

  it('says which parts are missing', () => {
    expect(parseDateParts('', '', '')).toEqual({
      ok: false,
      rule: 'date_incomplete',
      message: 'Date of birth must include a day, month and year',
    });
    expect(parseDateParts('1', '', '', 'Born from')).toMatchObject({ message: 'Born from must include a month and year' });
    expect(parseDateParts('31', '2', '2020', 'Born from')).toMatchObject({ message: 'Born from must be a real date' });
    expect(parseDateParts('', '2', '2020')).toEqual({ ok: false, rule: 'date_incomplete', message: 'Date of birth must include a day' });
    expect(parseDateParts('1', ' ', '')).toEqual({
      ok: false,
      rule: 'date_incomplete',
      message: 'Date of birth must include a month and year',
    });
  });

  it.each([
    ['31', '2', '2020'], // no 31 February
    ['29', '2', '2021'], // 2021 is not a leap year
    ['29', '2', '1900'], // nor is 1900
    ['31', '4', '2020'],
    ['0', '1', '2020'],
    ['1', '13', '2020'],
    ['1', 'Smarch', '2020'],
    ['1.5', '1', '2020'],
    ['1', '1', '20'], // 4-digit year
    ['1', '1', '20201'],
  ])('refuses %s/%s/%s as not a real date', (day, month, year) => {
    expect(ruleOf(parseDateParts(day, month, year))).toBe('date_real');
  });

  it('asks for a 4-digit year', () => {
    expect(parseDateParts('1', '1', '15')).toMatchObject({ message: 'Year must include 4 numbers' });
  });
});

describe('date of birth and age scope', () => {
  const today = new Date('2026-06-15T10:00:00Z');
  const check = (dob: string, extendedScope?: Parameters<typeof checkDateOfBirth>[1]['extendedScope']) =>
    ruleOf(checkDateOfBirth(dob, { today, extendedScope }));

  it('needs a real YYYY-MM-DD date', () => {
    expect(check('2020-02-30')).toBe('date_format');
    expect(check('2020-2-3')).toBe('date_format');
    expect(check('15/06/2020')).toBe('date_format');
    expect(check('')).toBe('date_format');
    expect(check('2020-02-29')).toBeNull();
  });

  it('refuses dates in the future, by the UTC date', () => {
    expect(checkDateOfBirth('2026-06-16', { today })).toEqual({
      ok: false,
      rule: 'date_in_future',
      message: 'Date of birth must be today or in the past',
    });
    expect(checkDateOfBirth('2026-06-15', { today })).toEqual({ ok: true, value: '2026-06-15' });
    // 00:30 on 16 June in British Summer Time is still 15 June in UTC
    expect(ruleOf(checkDateOfBirth('2026-06-16', { today: new Date('2026-06-16T00:30:00+01:00') }))).toBe('date_in_future');
  });

  it('holds children under 18: 17 years 364 days is in, the 18th birthday is out', () => {
    expect(check('2008-06-16')).toBeNull();
    expect(ageOn('2008-06-16', today)).toBe(17);
    expect(ageOn('2008-06-15', today)).toBe(18);
    const result = checkDateOfBirth('2008-06-15', { today });
    expect(ruleOf(result)).toBe('age_scope');
    expect(result.ok ? '' : result.message).toContain('under 18');
    expect(check('2008-06-15', null)).toBe('age_scope');
  });

  it('holds young people of 18 or over up to the maximum age of their extended scope, inclusive', () => {
    // Children Act 2004 s10(9)(b): persons over 19 receiving leaving-care services, with no upper age in the Act.
    expect(EXTENDED_SCOPE_MAX_AGE).toEqual({ 'young adult': 19, 'care leaver': null, 'learning difficulty or disability': 25 });
    expect(check('2008-06-15', 'young adult')).toBeNull(); // 18
    expect(check('2006-06-16', 'young adult')).toBeNull(); // 19 years 364 days
    expect(check('2006-06-15', 'young adult')).toBe('age_scope'); // 20
    expect(check('2005-06-15', 'care leaver')).toBeNull(); // 21 today
    expect(check('2004-06-15', 'care leaver')).toBeNull(); // 22 today: no cap at 21
    expect(check('1999-06-15', 'care leaver')).toBeNull(); // 27
    expect(check('2001-06-15', 'learning difficulty or disability')).toBeNull(); // 25
    expect(check('2000-06-15', 'learning difficulty or disability')).toBe('age_scope'); // 26
    expect(check('2015-01-01', 'care leaver')).toBeNull(); // under 18 needs no scope
    const result = checkDateOfBirth('2006-06-15', { today, extendedScope: 'young adult' });
    expect(result.ok ? '' : result.message).toBe(
      'Date of birth gives an age of 20: the index holds young people with the scope young adult up to age 19',
    );
  });

  it('counts a 29 February birthday on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', new Date('2026-02-28T23:59:59Z'))).toBe(17);
    expect(ageOn('2008-02-29', new Date('2026-03-01T00:00:00Z'))).toBe(18);
    expect(ageOn('2008-02-29', new Date('2024-02-28T12:00:00Z'))).toBe(15);
    expect(ageOn('2008-02-29', new Date('2024-02-29T12:00:00Z'))).toBe(16);
    expect(ruleOf(checkDateOfBirth('2008-02-29', { today: new Date('2026-02-28T12:00:00Z') }))).toBeNull();
    expect(ruleOf(checkDateOfBirth('2008-02-29', { today: new Date('2026-03-01T12:00:00Z') }))).toBe('age_scope');
    expect(ruleOf(checkDateOfBirth('2028-02-29', { today: new Date('2028-02-29T12:00:00Z') }))).toBeNull();
  });

  it('refuses to compute an age from a date that is not real', () => {
    expect(() => ageOn('2021-02-29', today)).toThrow(RangeError);
  });

  it('agrees with counting birthdays one by one', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 366 }), fc.integer({ min: 0, max: 30 * 366 }), (bornDaysAgo, offset) => {
        const now = new Date(Date.UTC(2000, 0, 1) + offset * day);
        const born = new Date(now.getTime() - bornDaysAgo * day);
        const iso = born.toISOString().slice(0, 10);
        let years = 0;
        for (;;) {
          const y = born.getUTCFullYear() + years + 1;
          const m = born.getUTCMonth();
          const d = born.getUTCDate();
          // a 29 February birthday falls on 1 March in a common year
          const birthday = new Date(Date.UTC(y, m, d)).getUTCMonth() === m ? Date.UTC(y, m, d) : Date.UTC(y, 2, 1);
          if (birthday > now.getTime()) break;
          years += 1;
        }
        expect(ageOn(iso, now)).toBe(years);
      }),
    );
  });
});

describe('an approximate age typed in a search', () => {
  it('is a whole number of years from 0 to 25, or refused naming the rule', () => {
    expect(checkSearchAge(' 7 ', 'Age from')).toEqual({ ok: true, value: 7 });
    expect(checkSearchAge('0', 'Age from')).toEqual({ ok: true, value: 0 });
    expect(checkSearchAge(String(SEARCH_AGE_MAX), 'Age to')).toEqual({ ok: true, value: 25 });
    for (const bad of ['26', '-1', '3.5', 'ten', '007', '1e1'])
      expect(checkSearchAge(bad, 'Age to')).toEqual({
        ok: false,
        rule: 'whole_number',
        message: 'Age to must be a whole number from 0 to 25',
      });
  });

  it('gives the dates of birth of exactly those whose age (as ageOn counts it, 29 February included) is in the range', () => {
    const day = (from: string, to: string) =>
      fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day('1995-01-01', '2030-12-31'),
        day('2000-01-01', '2030-12-31'),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        (born, today, a, b) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const { bornFrom, bornTo } = birthDatesForAges(from, to, today);
          const age = ageOn(born, new Date(`${today}T12:00:00Z`));
          return (born >= bornFrom && born <= bornTo) === (age >= from && age <= to);
        },
      ),
      { numRuns: 2000 },
    );
    // The leap days by hand: on 29 February 2028 a child born on 29 February 2024 is four, one born on 1 March 2024 three.
    expect(birthDatesForAges(3, 3, '2028-02-29')).toEqual({ bornFrom: '2024-03-01', bornTo: '2025-02-28' });
    expect(birthDatesForAges(0, 0, '2027-02-28')).toEqual({ bornFrom: '2026-03-01', bornTo: '2027-02-28' });
  });
});

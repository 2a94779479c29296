import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { givenNameVariants } from '../../src/children/search/nicknames.js';
import { checkPersonName, normaliseName, type Check } from '../../src/children/validation.js';

const valueOf = (check: Check): string | null => (check.ok ? check.value : null);

describe('person names', () => {
  it.each([
    ['  Zoë   O’Brien-Smith ', 'Zoë O’Brien-Smith'],
    ["O'Neill", "O'Neill"],
    ['J. R. R.', 'J. R. R.'],
    ['Nguyễn', 'Nguyễn'],
    ['Søren', 'Søren'],
    ['李小龙', '李小龙'],
    ['محمد', 'محمد'],
    ['Владимир', 'Владимир'],
    ['अनिल', 'अनिल'], // Devanagari needs combining marks
    ['Zoe\u0308', 'Zoë'], // stored composed
  ])('accepts %j', (input, value) => {
    expect(checkPersonName(input, 'family name')).toEqual({ ok: true, value });
  });

  it('is required', () => {
    expect(checkPersonName('   ', 'family name')).toEqual({ ok: false, rule: 'required', message: 'Enter the family name' });
  });

  it('has at most 100 characters', () => {
    expect(checkPersonName('a'.repeat(100), 'given name').ok).toBe(true);
    expect(checkPersonName('a'.repeat(101), 'given name')).toEqual({
      ok: false,
      rule: 'max_length',
      message: 'Given name must be 100 characters or less',
    });
  });

  it.each(['Bob1', 'Ann & Bob', 'X Æ A-12', '---', '.', "'", 'Anna_Smith', 'Jo"hn'])('refuses %j', (input) => {
    expect(checkPersonName(input, 'given name')).toEqual({
      ok: false,
      rule: 'name_characters',
      message: 'Given name must only include letters, spaces, hyphens, apostrophes and full stops',
    });
  });

  // Issue 11 point 18: characters that render as nothing (Unicode Default_Ignorable_Code_Point).
  const INVISIBLES = [
    '\u3164',
    '\u115F',
    '\u1160',
    '\uFFA0',
    '\u200B',
    '\u200C',
    '\u200D',
    '\u2060',
    '\uFEFF',
    '\u00AD',
    '\u034F',
    '\u180E',
    '\u200E',
    '\u202E',
    '\u2063',
    '\uFE0F',
    '\u{E0041}',
  ];

  it.each(INVISIBLES)('refuses a name of only %j as a blank name', (ch) => {
    expect(checkPersonName(ch, 'given name')).toEqual({ ok: false, rule: 'required', message: 'Enter the given name' });
    expect(checkPersonName(` ${ch}${ch} \t${ch}`, 'family name')).toEqual({
      ok: false,
      rule: 'required',
      message: 'Enter the family name',
    });
  });

  it('refuses any mix of spaces and invisible characters as a blank name, and never passes an invisible-only name', () => {
    const blankish = fc.array(fc.constantFrom(...INVISIBLES, ' ', '\t', '\u00A0', '\u3000'), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(blankish, (chars) => {
        expect(checkPersonName(chars.join(''), 'given name')).toMatchObject({ ok: false, rule: 'required' });
      }),
    );
  });

  it('strips invisible characters inside a visible name, so it is stored and matched as it looks', () => {
    const name = fc.constantFrom('Amy', 'Zoë O’Brien-Smith', '李小龙', 'Владимир');
    const gaps = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 6 });
    fc.assert(
      fc.property(name, gaps, (visible, inserts) => {
        const chars = [...visible];
        for (const [at, ch] of inserts) chars.splice(at % (chars.length + 1), 0, ch);
        const checked = checkPersonName(chars.join(''), 'given name');
        // A joiner left between two letters shapes them and is kept; then the name is still the same name.
        expect(checked.ok).toBe(true);
        expect(valueOf(checked)?.replace(/\u200C|\u200D|\uFE0F/gu, '')).toBe(visible);
        expect(normaliseName(chars.join(''))).toBe(normaliseName(visible));
      }),
    );
  });

  it('keeps the joiners a script needs between letters', () => {
    // Persian "Mehrnaz"-style names are written with a zero-width non-joiner between letters.
    expect(checkPersonName('نازنین\u200Cزهرا', 'given name')).toEqual({ ok: true, value: 'نازنین\u200Cزهرا' });
    expect(checkPersonName('\u200Cنازنین\u200C', 'given name')).toEqual({ ok: true, value: 'نازنین' });
  });

  it('normalises names for comparison', () => {
    expect(normaliseName(' Zoë   O’Brien-Smith. ')).toBe('zoe obriensmith');
    expect(normaliseName('ÉMILE')).toBe('emile');
    expect(normaliseName("O'Neill")).toBe(normaliseName('ONeill'));
    expect(normaliseName('Mary-Jane')).toBe(normaliseName('MaryJane'));
    expect(normaliseName('Zoe\u0308')).toBe(normaliseName('Zo\u00eb'));
  });

  it('normaliseName is idempotent', () => {
    const idempotent = (s: string): void => {
      expect(normaliseName(normaliseName(s))).toBe(normaliseName(s));
    };
    fc.assert(fc.property(fc.string({ unit: 'binary' }), idempotent));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), idempotent));
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(..."AaÉéÖöİıẞßΣσς -’'.\u0301\u0308 ") }), idempotent));
  });
});

describe('given-name variants', () => {
  it('finds nicknames and formal names both ways', () => {
    expect(givenNameVariants('William')).toEqual(expect.arrayContaining(['william', 'bill', 'will', 'billy', 'liam']));
    expect(givenNameVariants('Bill')).toContain('william');
    expect(givenNameVariants('Bobby')).toEqual(expect.arrayContaining(['robert', 'bob', 'rob']));
    expect(givenNameVariants('Katie')).toEqual(expect.arrayContaining(['katherine', 'catherine', 'kate', 'cathy']));
    expect(givenNameVariants('Peggy')).toContain('margaret');
    expect(givenNameVariants('MUHAMMAD')).toEqual(expect.arrayContaining(['mohammed', 'mohammad', 'mohamed']));
    expect(givenNameVariants('Liz')).toEqual(expect.arrayContaining(['elizabeth', 'beth', 'lizzie', 'betty']));
  });

  it('starts with the normalised name, has no duplicates, and takes one step only', () => {
    expect(givenNameVariants(' Zoë ')).toEqual(['zoe']);
    expect(givenNameVariants('')).toEqual([]);
    expect(givenNameVariants('Charlotte')[0]).toBe('charlotte');
    expect(givenNameVariants('Charlotte')).not.toContain('charles');
    expect(givenNameVariants('Charlie')).toEqual(expect.arrayContaining(['charles', 'charlotte']));
    const alex = givenNameVariants('Alex');
    expect(new Set(alex).size).toBe(alex.length);
  });

  it('is symmetric and normalised', () => {
    const names = ['william', 'alex', 'sam', 'jo', 'charlie', 'mohammed', 'theodore', 'ted', 'fred', 'nicky', 'harry', 'ella'];
    for (const name of names) {
      for (const variant of givenNameVariants(name)) {
        expect(normaliseName(variant)).toBe(variant);
        expect(givenNameVariants(variant)).toContain(name);
      }
    }
  });
});

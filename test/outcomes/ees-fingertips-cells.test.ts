import { describe, expect, it } from 'vitest';
import { readEesCell, readEesPeriod } from '../../src/outcomes/layouts/ees-cells.js';
import { readFingertipsPeriod } from '../../src/outcomes/layouts/fingertips-cells.js';

describe('EES symbols, as EES defines them', () => {
  it.each([
    ['c', 'suppressed', 'c: confidential, withheld by the publisher'],
    ['low', 'suppressed', 'low: rounds to 0 but is not 0'],
    ['u', 'suppressed', 'u: low reliability, withheld by the publisher'],
    ['x', 'missing', 'x: not available'],
    ['z', 'not applicable', 'z: not applicable'],
    [':', 'missing', ':: not available'],
    ['~', 'suppressed', '~: rounds to 0 but is not 0'],
    ['', 'missing', 'not given'],
    ['LOW', 'suppressed', 'low: rounds to 0 but is not 0'],
  ])('reads %j as %s, never as 0', (text, status, note) => {
    expect(readEesCell(text)).toEqual({ ok: true, status, value: null, note });
  });

  it('keeps numbers as written, E-notation read, and refuses anything else', () => {
    expect(readEesCell('56.70')).toEqual({ ok: true, status: 'value', value: '56.70', note: null });
    expect(readEesCell('1,234')).toEqual({ ok: true, status: 'value', value: '1234', note: null });
    expect(readEesCell('4.798E-2')).toEqual({ ok: true, status: 'value', value: '0.04798', note: null });
    expect(readEesCell('12u')).toMatchObject({ ok: false });
  });
});

describe('EES periods', () => {
  it.each([
    ['202223', 'Academic year', { label: '2022-23', kind: 'academic year', start: '2022-09-01' }],
    ['202223', 'Financial year', { label: '2022-23', kind: 'financial year', start: '2022-04-01' }],
    ['2023', 'Calendar year', { label: '2023', kind: 'calendar year', start: '2023-01-01' }],
    ['2023', 'Calendar year Q3', { label: '2023 Q3', kind: 'quarter', start: '2023-07-01' }],
    ['199900', 'academic year', { label: '1999-00', kind: 'academic year', start: '1999-09-01' }],
  ])('reads %s with %s', (period, identifier, expected) => {
    expect(readEesPeriod(period, identifier)).toEqual({ ok: true, period: expected });
  });

  it.each(['Spring term', 'Autumn and spring term', 'Tax year', 'Reporting year', 'Financial year Q1', 'January', 'Week 12'])(
    'refuses the time identifier %s by name',
    (identifier) => {
      const read = readEesPeriod('2023', identifier);
      expect(read).toMatchObject({ ok: false, kind: 'unsupported_time' });
      expect(read.ok ? '' : read.reason).toContain(`"${identifier}"`);
    },
  );

  it('refuses a period that does not fit its identifier', () => {
    expect(readEesPeriod('2023', 'Academic year')).toMatchObject({ ok: false, kind: 'bad_period' });
    expect(readEesPeriod('202224', 'Academic year')).toMatchObject({ ok: false, kind: 'bad_period' });
    expect(readEesPeriod('202223', 'Calendar year')).toMatchObject({ ok: false, kind: 'bad_period' });
  });
});

describe('Fingertips periods', () => {
  it('reads a single year by the indicator’s year type, and rolling periods with their end', () => {
    expect(readFingertipsPeriod('2022', 'annual')).toEqual({
      ok: true,
      period: { label: '2022', kind: 'calendar year', start: '2022-01-01' },
    });
    expect(readFingertipsPeriod('2022/23', 'academic year')).toEqual({
      ok: true,
      period: { label: '2022-23', kind: 'academic year', start: '2022-09-01' },
    });
    expect(readFingertipsPeriod('2022/23', 'financial year')).toMatchObject({
      ok: true,
      period: { kind: 'financial year', start: '2022-04-01' },
    });
    expect(readFingertipsPeriod('2020 - 22', 'annual')).toEqual({
      ok: true,
      period: { label: '2020-22', kind: 'rolling years', start: '2020-01-01', end: '2022-12-31' },
    });
    expect(readFingertipsPeriod('2019/20 - 21/22', 'financial year')).toEqual({
      ok: true,
      period: { label: '2019-20 to 2021-22', kind: 'rolling years', start: '2019-04-01', end: '2022-03-31' },
    });
    expect(readFingertipsPeriod('1998 - 02', 'annual')).toMatchObject({ ok: true, period: { label: '1998-02', end: '2002-12-31' } });
  });

  it('refuses quarters, months and spans that do not follow on', () => {
    for (const text of ['2022/23 Q1', 'Jan 2023', '2022/24', '2019/20 - 21/23', ''])
      expect(readFingertipsPeriod(text, 'financial year')).toMatchObject({ ok: false });
  });
});

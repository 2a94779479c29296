import { describe, expect, it } from 'vitest';
import { LAIT_CELLS, parseCell } from '../../src/outcomes/markers.js';
import { parsePublishedPeriod } from '../../src/outcomes/periods.js';
import type { Frequency } from '../../src/outcomes/types.js';

const read = (text: string, frequency: Frequency) => parsePublishedPeriod(text, { code: 'M', frequency });
const shape = (text: string, frequency: Frequency) => {
  const r = read(text, frequency);
  return r.ok ? [r.period.label, r.period.kind, r.period.start, r.period.end, r.revision] : [r.kind, r.reason];
};

describe('periods as LAIT publishes them', () => {
  it('reads a single year by the measure’s year type: calendar, or the academic or financial year ending in it', () => {
    expect(shape('2014', 'annual')).toEqual(['2014', 'calendar year', '2014-01-01', '2014-12-31', null]);
    expect(shape('2014', 'academic year')).toEqual(['2013-14', 'academic year', '2013-09-01', '2014-08-31', null]);
    expect(shape('2014', 'financial year')).toEqual(['2013-14', 'financial year', '2013-04-01', '2014-03-31', null]);
  });

  it('reads 2014-15 and 2014/15 as one academic or financial year, and refuses them on a calendar-year measure', () => {
    expect(shape('2014-15', 'financial year')).toEqual(['2014-15', 'financial year', '2014-04-01', '2015-03-31', null]);
    expect(shape('2014/15', 'academic year')).toEqual(['2014-15', 'academic year', '2014-09-01', '2015-08-31', null]);
    expect(shape('2014-15', 'annual')[0]).toBe('wrong_period_type');
  });

  it('reads rolling periods with their own start and end', () => {
    expect(shape('2014-16', 'annual')).toEqual(['2014-16', 'rolling years', '2014-01-01', '2016-12-31', null]);
    expect(shape('2014-2016', 'annual')).toEqual(['2014-16', 'rolling years', '2014-01-01', '2016-12-31', null]);
    expect(shape('2014-16', 'financial year')).toEqual(['2013-14 to 2015-16', 'rolling years', '2013-04-01', '2016-03-31', null]);
    expect(shape('2014/15-16/17', 'academic year')).toEqual(['2014-15 to 2016-17', 'rolling years', '2014-09-01', '2017-08-31', null]);
    expect(shape('2014/15-16/17', 'annual')[0]).toBe('wrong_period_type');
    expect(shape('1998-01', 'annual')).toEqual(['1998-01', 'rolling years', '1998-01-01', '2001-12-31', null]);
  });

  it('reads each revision suffix, and 0 or none as no status', () => {
    expect(shape('2014 (prov)', 'annual')[4]).toBe('provisional');
    expect(shape('2014-15 (Rev)', 'financial year')[4]).toBe('revised');
    expect(shape('2014/15 (Final)', 'academic year')[4]).toBe('final');
    expect(shape('2014-15 (OT)', 'financial year')[4]).toBe('final');
    expect(shape('2014 0', 'annual')).toEqual(['2014', 'calendar year', '2014-01-01', '2014-12-31', null]);
    expect(shape('2014 (0)', 'annual')[4]).toBeNull();
    expect(shape('2014-16 (PROV)', 'annual')).toEqual(['2014-16', 'rolling years', '2014-01-01', '2016-12-31', 'provisional']);
  });

  it('refuses what is not a period, saying how LAIT writes them', () => {
    for (const text of ['', '2014 (draft)', '2014/15-16/18', '2016-14', '14-15', '2014-30', '(prov)']) {
      const r = read(text, 'annual');
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/LAIT writes periods as 2014, 2014-15/);
    }
    expect(shape('2014 Q1', 'quarterly')[0]).toBe('wrong_period_type');
  });
});

describe('LAIT markers', () => {
  it('reads - as not available (missing), never not applicable, and E-notation numbers', () => {
    expect(parseCell('-', LAIT_CELLS)).toEqual({ ok: true, status: 'missing', value: null });
    expect(parseCell('', LAIT_CELLS)).toMatchObject({ status: 'missing' });
    expect(parseCell('x', LAIT_CELLS)).toMatchObject({ status: 'suppressed' });
    expect(parseCell('4.798E-2', LAIT_CELLS)).toEqual({ ok: true, status: 'value', value: 0.04798 });
    expect(parseCell('1.2e3', LAIT_CELLS)).toMatchObject({ value: 1200 });
    expect(parseCell('n/a', LAIT_CELLS).ok).toBe(false);
    // Our own layouts keep their markers: "-" is not applicable there, and E-notation is refused.
    expect(parseCell('-')).toMatchObject({ status: 'not applicable' });
    expect(parseCell('4.798E-2').ok).toBe(false);
  });
});

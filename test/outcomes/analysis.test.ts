import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeSentence } from '../../src/outcomes/analysis-sentence.js';
import {
  byarInterval,
  changeOverSpan,
  compareWithComparators,
  confidenceInterval,
  formatValue,
  gapMovement,
  gapSeries,
  judgeDirection,
  latestPeriodWithValue,
  quartileOf,
  ragStatus,
  rankAreas,
  roundTo,
  standingText,
  timeSeries,
  wilsonInterval,
} from '../../src/outcomes/analysis.js';
import { ENGLAND, type GroupCode, type Indicator, type Observation, type ValueStatus } from '../../src/outcomes/types.js';

function buildIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    code: 'TEST1',
    title: 'Test indicator',
    definition: 'A test indicator',
    unit: 'percentage',
    polarity: 'higher is better',
    aimCodes: [],
    source: 'Test',
    frequency: 'annual',
    scope: 'national',
    areaCode: null,
    hasDenominator: false,
    multiplier: null,
    decimals: 1,
    ...overrides,
  };
}

function obs(
  indicator: Indicator,
  areaCode: string,
  label: string,
  value: number | null,
  extra: { status?: ValueStatus; group?: GroupCode; numerator?: number; denominator?: number } = {},
): Observation {
  return {
    indicatorCode: indicator.code,
    areaCode,
    period: { label, kind: 'financial year', start: `${label.slice(0, 4)}-04-01` },
    group: extra.group ?? 'all',
    value,
    status: extra.status ?? (value === null ? 'missing' : 'value'),
    numerator: extra.numerator ?? null,
    denominator: extra.denominator ?? null,
  };
}

// Seed 004 Table 8.1: CH39, children looked after per 10,000 population aged under 18.
const CH39 = buildIndicator({ code: 'CH39', unit: 'rate per 10,000 children', polarity: 'lower is better', decimals: 2, title: 'CH39' });
const PERIODS = ['2000-01', '2001-02', '2002-03', '2003-04', '2004-05', '2005-06'];
const TABLE_8_1: Record<string, number[]> = {
  AREA1: [133.36, 143.15, 125.94, 139.19, 128.99, 118.5],
  AREA2: [39.04, 37.31, 42.27, 45.17, 42.27, 39.98],
  [ENGLAND]: [56.34, 57.73, 58.7, 60.11, 60.73, 60.12],
};
const ch39 = Object.entries(TABLE_8_1).flatMap(([area, values]) => values.map((v, i) => obs(CH39, area, PERIODS[i] ?? '', v)));

describe('time series', () => {
  it('orders by period start and keeps suppressed, missing and absent values as gaps with their status, never zero', () => {
    const pct = buildIndicator();
    const series = timeSeries(
      pct,
      [
        obs(pct, 'A', '2007-08', 70),
        obs(pct, 'A', '2005-06', null, { status: 'suppressed' }),
        obs(pct, 'A', '2006-07', 0),
        obs(pct, 'A', '2004-05', 5, { status: 'not applicable' }),
        obs(pct, 'B', '2005-06', 50),
        obs(pct, 'B', '2008-09', 50),
      ],
      'A',
    );
    expect(series.map((p) => [p.period.label, p.value, p.status])).toEqual([
      ['2004-05', null, 'not applicable'],
      ['2005-06', null, 'suppressed'],
      ['2006-07', 0, 'value'],
      ['2007-08', 70, 'value'],
      ['2008-09', null, 'missing'],
    ]);
  });

  it('finds the latest period with a value, skipping a later suppressed one', () => {
    const pct = buildIndicator();
    const data = [obs(pct, 'A', '2005-06', 60), obs(pct, 'A', '2006-07', null, { status: 'suppressed' })];
    expect(latestPeriodWithValue(pct, data, 'A')?.label).toBe('2005-06');
    expect(latestPeriodWithValue(pct, data, 'B')).toBeNull();
  });
});

describe('ranking among comparators', () => {
  const entry = (areaCode: string, value: number | null) => ({
    areaCode,
    value,
    status: (value === null ? 'missing' : 'value') as ValueStatus,
  });

  it('shares a rank between ties and skips the next (1, 2, 2, 4) when higher is better', () => {
    const ranked = rankAreas([entry('C', 80), entry('A', 90), entry('D', 70), entry('B', 80)], 'higher is better', 1);
    expect(ranked.map((r) => [r.areaCode, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });

  it('ranks the lowest first when lower is better', () => {
    const ranked = rankAreas([entry('A', 90), entry('B', 80), entry('C', 80), entry('D', 70)], 'lower is better', 1);
    expect(ranked.map((r) => [r.areaCode, r.rank])).toEqual([
      ['D', 1],
      ['B', 2],
      ['C', 2],
      ['A', 4],
    ]);
  });

  it('never ranks an area without a value, nor counts it as zero', () => {
    const ranked = rankAreas([entry('A', 5), entry('B', null), entry('C', 3)], 'lower is better', 0);
    expect(ranked.map((r) => [r.areaCode, r.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', null],
    ]);
  });

  it('treats values equal at the published decimals as ties', () => {
    const ranked = rankAreas([entry('A', 39.981), entry('B', 39.979)], 'lower is better', 2);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('ranks nobody when the polarity makes no judgement', () => {
    expect(rankAreas([entry('A', 1), entry('B', 2)], 'no judgement', 0).map((r) => r.rank)).toEqual([null, null]);
  });

  it('gives quartiles 1 (best) to 4 from the rank, shared by ties, and none for fewer than 4 areas', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((rank) => quartileOf(rank, 8))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(quartileOf(1, 3)).toBeNull();
    expect(quartileOf(null, 8)).toBeNull();
    expect(quartileOf(38, 152)).toBe(1);
    expect(quartileOf(39, 152)).toBe(2);
  });

  it('compares the latest period with a value against comparators and England (Table 8.1, EX62)', () => {
    const ex62 = buildIndicator({ code: 'EX62', unit: '£ per head', polarity: 'no judgement', decimals: 2 });
    const data = [
      obs(ex62, 'AREA1', '2004-05', 307.83),
      obs(ex62, 'AREA1', '2005-06', null),
      obs(ex62, 'AREA2', '2004-05', 116.15),
      obs(ex62, ENGLAND, '2004-05', 180.2),
      obs(ex62, ENGLAND, '2005-06', 204.87),
    ];
    const comparison = compareWithComparators(ex62, data, 'AREA1', ['AREA2', ENGLAND]);
    expect(comparison?.period.label).toBe('2004-05');
    expect(comparison?.england).toEqual({ value: 180.2, status: 'value' });
    expect(comparison?.ranked.map((r) => r.areaCode)).toEqual(['AREA1', 'AREA2']);
    expect(comparison?.area.rank).toBeNull();
  });

  it('gives rank, quartile and the comparator mean and median, leaving out comparators without a value', () => {
    const pct = buildIndicator();
    const data = [
      obs(pct, 'A', '2006', 70),
      ...[60, 65, 80, 75].map((v, i) => obs(pct, `C${i}`, '2006', v)),
      obs(pct, 'C9', '2006', null, { status: 'suppressed' }),
      obs(pct, ENGLAND, '2006', 68),
    ];
    const comparison = compareWithComparators(pct, data, 'A', ['C0', 'C1', 'C2', 'C3', 'C9']);
    expect(comparison?.area.rank).toBe(3);
    expect(comparison?.rankedCount).toBe(5);
    expect(comparison?.quartile).toBe(2);
    expect(comparison?.comparatorMean).toBe(70);
    expect(comparison?.comparatorMedian).toBe(70);
    expect(comparison?.ranked.at(-1)).toMatchObject({ areaCode: 'C9', rank: null, status: 'suppressed' });
  });

  it('property: the ranks do not depend on the order the areas come in', () => {
    const entries = fc.uniqueArray(
      fc.record({ areaCode: fc.string({ minLength: 1, maxLength: 4 }), value: fc.option(fc.integer({ min: -50, max: 50 })) }),
      {
        selector: (e) => e.areaCode,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(
        entries,
        fc.constantFrom('higher is better' as const, 'lower is better' as const),
        fc.boolean(),
        (list, polarity, reverse) => {
          const withStatus = list.map((e) => ({ ...e, status: (e.value === null ? 'missing' : 'value') as ValueStatus }));
          const shuffled = reverse ? [...withStatus].reverse() : [...withStatus].sort((a, b) => (a.areaCode < b.areaCode ? 1 : -1));
          const rankOf = (ranked: ReturnType<typeof rankAreas>) => Object.fromEntries(ranked.map((r) => [r.areaCode, r.rank]));
          expect(rankOf(rankAreas(shuffled, polarity, 0))).toEqual(rankOf(rankAreas(withStatus, polarity, 0)));
        },
      ),
    );
  });

  it('property: a better value never gets a worse rank, ranks match "1 + number strictly better", and missing is never ranked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), { maxLength: 15 }),
        fc.boolean(),
        (values, higher) => {
          const polarity = higher ? 'higher is better' : 'lower is better';
          const ranked = rankAreas(
            values.map((value, i) => ({ areaCode: `A${i}`, value, status: value === null ? 'missing' : 'value' })),
            polarity,
            0,
          );
          const better = (a: number, b: number) => (higher ? a > b : a < b);
          for (const r of ranked) {
            if (r.value === null) expect(r.rank).toBeNull();
            else expect(r.rank).toBe(1 + values.filter((v) => v !== null && better(v, r.value as number)).length);
          }
          for (const a of ranked)
            for (const b of ranked)
              if (a.value !== null && b.value !== null && better(a.value, b.value)) expect(a.rank as number).toBeLessThan(b.rank as number);
        },
      ),
    );
  });
});

describe('change over a span', () => {
  const pct = buildIndicator();
  const data = [
    obs(pct, 'A', '2005-06', 62.0),
    obs(pct, 'A', '2008-09', 68.5),
    obs(pct, ENGLAND, '2005-06', 60.0),
    obs(pct, ENGLAND, '2008-09', 64.0),
  ];

  it('gives the absolute and relative change, England’s change and the difference', () => {
    const change = changeOverSpan(pct, data, 'A', '2005-06', '2008-09');
    expect(change).toMatchObject({ fromValue: 62, toValue: 68.5, absolute: 6.5, direction: 'improved', differenceFromEngland: 2.5 });
    expect(change.relative).toBeCloseTo(10.4839, 3);
    expect(change.england).toMatchObject({ absolute: 4, direction: 'improved' });
  });

  it('says it in plain words for a percentage, in percentage points', () => {
    expect(changeSentence(pct, changeOverSpan(pct, data, 'A', '2005-06', '2008-09'))).toBe(
      'Rose from 62.0% in 2005-06 to 68.5% in 2008-09, up 6.5 percentage points (10.5%); England rose 4.0 points over the same span. ' +
        'Higher is better, so this is an improvement.',
    );
  });

  it('orders a span chosen backwards by period, never a rise into the past', () => {
    const backwards = changeOverSpan(pct, data, 'A', '2008-09', '2005-06');
    expect(backwards).toMatchObject({ from: '2005-06', to: '2008-09' });
    expect(changeSentence(pct, backwards)).toMatch(/^Rose from 62.0% in 2005-06 to 68.5% in 2008-09/);
  });

  it('never says a negative "behind": behind or ahead by the size of the gap, in percentage points for a percentage', () => {
    expect(standingText(pct, 'behind', -21.1)).toBe('behind by 21.1 percentage points');
    expect(standingText(pct, 'ahead', 3)).toBe('ahead by 3.0 percentage points');
    expect(standingText(CH39, 'behind', 12.5)).toBe('behind by 12.50 per 10,000 children');
    expect(standingText(pct, 'level', 0)).toBe('level with all children');
  });

  it('says it for a rate where lower is better (Table 8.1, Area 1)', () => {
    expect(changeSentence(CH39, changeOverSpan(CH39, ch39, 'AREA1', '2003-04', '2005-06'))).toBe(
      'Fell from 139.19 per 10,000 children in 2003-04 to 118.50 per 10,000 children in 2005-06, down 20.69 per 10,000 children (14.9%); ' +
        'England rose 0.01 per 10,000 children over the same span. Lower is better, so this is an improvement.',
    );
    const rising = changeOverSpan(CH39, ch39, 'AREA2', '2000-01', '2003-04');
    expect(rising.direction).toBe('worsened');
    expect(changeSentence(CH39, rising)).toMatch(/^Rose from 39.04 .* Lower is better, so this is a worsening\.$/);
  });

  it('judges direction by polarity, with changes under 0.5% as no change', () => {
    expect(judgeDirection('higher is better', 62.0, 62.3, 1)).toBe('no change');
    expect(judgeDirection('higher is better', 62.0, 62.4, 1)).toBe('improved');
    expect(judgeDirection('lower is better', 62.0, 62.4, 1)).toBe('worsened');
    expect(judgeDirection('lower is better', 0, 0, 1)).toBe('no change');
    expect(judgeDirection('no judgement', 1, 2, 1)).toBe('no judgement');
    expect(judgeDirection('higher is better', null, 2, 1)).toBe('not available');
  });

  it('is not available when either end is missing, and says which and why', () => {
    const gappy = [...data, obs(pct, 'A', '2009-10', null, { status: 'suppressed' })];
    const change = changeOverSpan(pct, gappy, 'A', '2005-06', '2009-10');
    expect(change).toMatchObject({ direction: 'not available', absolute: null, relative: null, toStatus: 'suppressed' });
    expect(changeSentence(pct, change)).toBe('No change can be given from 2005-06 to 2009-10: the value for 2009-10 is suppressed.');
    expect(changeOverSpan(pct, data, 'A', '2004-05', '2008-09').fromStatus).toBe('missing');
  });

  it('says when neither higher nor lower is better, and when England is missing', () => {
    const spend = buildIndicator({ unit: '£ per head', polarity: 'no judgement', decimals: 2 });
    const sentence = changeSentence(
      spend,
      changeOverSpan(spend, [obs(spend, 'A', '2004-05', 307.83), obs(spend, 'A', '2005-06', 290)], 'A', '2004-05', '2005-06'),
    );
    expect(sentence).toBe(
      'Fell from £307.83 per head in 2004-05 to £290.00 per head in 2005-06, down £17.83 per head (5.8%); ' +
        'England’s figures are not available for both periods. Neither higher nor lower is counted as better for this indicator.',
    );
  });
});

describe('targets and RAG', () => {
  it('is green when met, amber within 5% of the target, red otherwise, by polarity', () => {
    const up = buildIndicator({ polarity: 'higher is better' });
    expect([70, 80, 66.5, 66.4].map((v) => ragStatus(up, v, 70)?.rag)).toEqual(['green', 'green', 'amber', 'red']);
    const down = buildIndicator({ polarity: 'lower is better' });
    expect([50, 40, 52.5, 52.6].map((v) => ragStatus(down, v, 50)?.rag)).toEqual(['green', 'green', 'amber', 'red']);
  });

  it('gives no RAG without a target, without a value, or without a polarity', () => {
    const up = buildIndicator();
    expect(ragStatus(up, 70, null)).toBeNull();
    expect(ragStatus(up, 70, undefined)).toBeNull();
    expect(ragStatus(up, null, 70)).toBeNull();
    expect(ragStatus(buildIndicator({ polarity: 'no judgement' }), 70, 70)).toBeNull();
  });
});

describe('gaps for groups', () => {
  const series = (ind: Indicator, group: [number | null, number | null], all: [number | null, number | null]) => [
    obs(ind, 'A', '2005-06', group[0], { group: 'looked-after' }),
    obs(ind, 'A', '2008-09', group[1], { group: 'looked-after' }),
    obs(ind, 'A', '2005-06', all[0]),
    obs(ind, 'A', '2008-09', all[1]),
  ];

  it('is the group minus all children, per period', () => {
    const pct = buildIndicator();
    const gaps = gapSeries(pct, series(pct, [40, null], [60, 62]), 'A', 'looked-after');
    expect(gaps.map((g) => [g.period.label, g.gap])).toEqual([
      ['2005-06', -20],
      ['2008-09', null],
    ]);
  });

  it('narrowed when the group got closer to all children, where higher is better', () => {
    const pct = buildIndicator({ polarity: 'higher is better' });
    expect(gapMovement(pct, series(pct, [40, 50], [60, 62]), 'A', 'looked-after', '2005-06', '2008-09')).toMatchObject({
      fromGap: -20,
      toGap: -12,
      standing: 'behind',
      movement: 'narrowed',
    });
    expect(gapMovement(pct, series(pct, [40, 38], [60, 62]), 'A', 'looked-after', '2005-06', '2008-09').movement).toBe('widened');
  });

  it('judges the same way where lower is better, with the group behind when its value is higher', () => {
    const absence = buildIndicator({ polarity: 'lower is better' });
    const widened = gapMovement(absence, series(absence, [10, 12], [5, 5]), 'A', 'looked-after', '2005-06', '2008-09');
    expect(widened).toMatchObject({ toGap: 7, standing: 'behind', movement: 'widened' });
    expect(gapMovement(absence, series(absence, [10, 6], [5, 5]), 'A', 'looked-after', '2005-06', '2008-09').movement).toBe('narrowed');
    expect(gapMovement(absence, series(absence, [10, 0], [5, 5]), 'A', 'looked-after', '2005-06', '2008-09')).toMatchObject({
      standing: 'ahead',
      movement: 'no change',
    });
  });

  it('is not available when a value is missing at either end', () => {
    const pct = buildIndicator();
    expect(gapMovement(pct, series(pct, [40, null], [60, 62]), 'A', 'looked-after', '2005-06', '2008-09').movement).toBe('not available');
  });
});

describe('confidence intervals (95%)', () => {
  // Newcombe RG (1998) Stat Med 17:857-872, Table II, method 3 (Wilson score without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Wilson for %i/%i is [%f, %f] as Newcombe publishes', (x, n, lower, upper) => {
    const interval = wilsonInterval(x, n);
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
  });

  // Byar's formula (Breslow and Day 1987; PHE technical guide) lies within 0.01 of the exact Poisson limits
  // for counts of 10 or more: exact limits 4.7954-18.3904 (10) and 81.3633-121.6269 (100).
  it.each([
    [10, 4.7874, 18.3915, 4.7954, 18.3904],
    [100, 81.3621, 121.6279, 81.3633, 121.6269],
  ])('Byar for a count of %i', (count, lower, upper, exactLower, exactUpper) => {
    const interval = byarInterval(count);
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
    expect(Math.abs((interval?.lower ?? 0) - exactLower)).toBeLessThan(0.01);
    expect(Math.abs((interval?.upper ?? 0) - exactUpper)).toBeLessThan(0.01);
    expect(byarInterval(0)).toEqual({ lower: 0, upper: expect.closeTo(3.668, 3) as number });
  });

  it('scales by the multiplier: Wilson for a percentage, Byar for a rate per 10,000', () => {
    const pct = buildIndicator({ hasDenominator: true, multiplier: 100 });
    const ci = confidenceInterval(pct, obs(pct, 'A', '2006', 30.8, { numerator: 81, denominator: 263 }));
    expect(ci).toMatchObject({ method: 'Wilson score', level: 0.95 });
    expect(ci?.lower).toBeCloseTo(25.53, 2);
    expect(ci?.upper).toBeCloseTo(36.62, 2);
    const rate = { ...CH39, hasDenominator: true, multiplier: 10_000 };
    const byar = confidenceInterval(rate, obs(rate, 'A', '2006', 50, { numerator: 100, denominator: 20_000 }));
    expect(byar?.method).toBe('Byar');
    expect(byar?.lower).toBeCloseTo(40.681, 3);
    expect(byar?.upper).toBeCloseTo(60.814, 3);
  });

  it('gives none without a denominator, for a missing value, or for money per head', () => {
    const pct = buildIndicator({ hasDenominator: true, multiplier: 100 });
    expect(confidenceInterval(buildIndicator(), obs(pct, 'A', '2006', 30, { numerator: 3, denominator: 10 }))).toBeNull();
    expect(confidenceInterval(pct, obs(pct, 'A', '2006', null, { status: 'suppressed', numerator: 3, denominator: 10 }))).toBeNull();
    expect(confidenceInterval(pct, obs(pct, 'A', '2006', 30, { numerator: 3, denominator: 0 }))).toBeNull();
    const spend = buildIndicator({ unit: '£ per head', hasDenominator: true, multiplier: 1 });
    expect(confidenceInterval(spend, obs(spend, 'A', '2006', 30, { numerator: 3000, denominator: 100 }))).toBeNull();
  });
});

describe('numbers in the indicator’s terms', () => {
  it('rounds half away from zero at the published decimals and formats with the unit', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(-0.04, 1)).toBe(0);
    expect(formatValue({ unit: 'percentage', decimals: 1 }, 62)).toBe('62.0%');
    expect(formatValue({ unit: '£ per head', decimals: 2 }, 1204.87)).toBe('£1,204.87 per head');
    expect(formatValue({ unit: 'count', decimals: 0 }, null)).toBe('no value');
  });
});

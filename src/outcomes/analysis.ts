/**
 * Analysis of an indicator for an area (issue 5 item 6): time series, the latest value against
 * comparators and England, change over a span, targets, gaps for groups. Pure functions over
 * Observations; no database.
 *
 * Values that are missing, suppressed or not applicable stay gaps with their status, never zero
 * (domain brief §7). Comparisons are stated plainly and never claim a cause: the pathfinder
 * evaluation warns that trends may be regression to the mean, time lags or other programmes
 * (004 paras 255-257).
 *
 * Every comparison is made on values rounded to the indicator's published decimals, so what the
 * page shows (62.0% to 68.5%, up 6.5 points) always adds up and ties are ties as a reader sees them.
 */
import { roundTo } from './analysis-format.js';
import { ENGLAND, type GroupCode, type Indicator, type Observation, type Period, type Polarity, type ValueStatus } from './types.js';

export { formatChange, formatValue, roundTo, standingText } from './analysis-format.js';
export { byarInterval, confidenceInterval, publishedInterval998, wilsonInterval, Z95, type ConfidenceInterval } from './analysis-intervals.js';

/** A change smaller than this share of the starting value (0.5%) is 'no change'. */
export const NO_CHANGE_RELATIVE = 0.005;
/** A value that misses its target by no more than this share of the target (5%) is amber. */
export const AMBER_TOLERANCE = 0.05;

export interface SeriesPoint {
  period: Period;
  status: ValueStatus;
  /** Null unless status is 'value'. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const byPeriod = (a: Period, b: Period): number => a.start.localeCompare(b.start) || a.label.localeCompare(b.label);

function valueOf(o: Observation | undefined): number | null {
  return o && o.status === 'value' && o.value !== null && Number.isFinite(o.value) ? o.value : null;
}

function pick(indicator: Indicator, observations: readonly Observation[], areaCode: string, group: GroupCode): Observation[] {
  return observations.filter((o) => o.indicatorCode === indicator.code && o.areaCode === areaCode && o.group === group);
}

/** Every period any of these observations of the indicator covers, in time order. */
export function periodsOf(indicator: Indicator, observations: readonly Observation[]): Period[] {
  const seen = new Map<string, Period>();
  for (const o of observations) if (o.indicatorCode === indicator.code) seen.set(o.period.label, o.period);
  return [...seen.values()].sort(byPeriod);
}

/**
 * The area's values in time order, over every period the observations cover for this group (so
 * England's or a comparator's periods show too). A period with no observation for the area, or one
 * marked missing, suppressed or not applicable, is a point with a null value and its status; never zero.
 */
export function timeSeries(
  indicator: Indicator,
  observations: readonly Observation[],
  areaCode: string,
  group: GroupCode = 'all',
): SeriesPoint[] {
  const mine = new Map(pick(indicator, observations, areaCode, group).map((o) => [o.period.label, o]));
  const periods = periodsOf(
    indicator,
    observations.filter((o) => o.group === group),
  );
  return periods.map((period) => {
    const o = mine.get(period.label);
    return {
      period,
      status: o?.status ?? 'missing',
      value: valueOf(o),
      numerator: o?.numerator ?? null,
      denominator: o?.denominator ?? null,
    };
  });
}

/** The area's value (and status) for one period; a period with no observation reads as missing. */
export function pointAt(
  indicator: Indicator,
  observations: readonly Observation[],
  areaCode: string,
  periodLabel: string,
  group: GroupCode = 'all',
): { value: number | null; status: ValueStatus } {
  const o = pick(indicator, observations, areaCode, group).find((x) => x.period.label === periodLabel);
  return { value: valueOf(o), status: o?.status ?? 'missing' };
}

/** The latest period in which the area has a value, or null when it has none. */
export function latestPeriodWithValue(
  indicator: Indicator,
  observations: readonly Observation[],
  areaCode: string,
  group: GroupCode = 'all',
): Period | null {
  const withValue = timeSeries(indicator, observations, areaCode, group).filter((p) => p.value !== null);
  return withValue.at(-1)?.period ?? null;
}

export interface RankedArea {
  areaCode: string;
  value: number | null;
  status: ValueStatus;
  /** 1 is best by polarity; ties share a rank (1, 2, 2, 4). Null when the area has no value, or the polarity makes no judgement. */
  rank: number | null;
}

/**
 * Standard competition ranking by polarity: an area's rank is one more than the number of areas
 * with a strictly better value, so ties share a rank and the next rank is skipped (1, 2, 2, 4).
 * Areas without a value are not ranked and come last. With 'no judgement' nobody is ranked and the
 * order is simply highest first. Values are compared at the indicator's decimals.
 */
export function rankAreas(
  entries: readonly { areaCode: string; value: number | null; status: ValueStatus }[],
  polarity: Polarity,
  decimals: number | null,
): RankedArea[] {
  const sign = polarity === 'lower is better' ? 1 : -1; // sorts best first
  const rounded = entries.map((e) => ({ ...e, value: e.value === null ? null : roundTo(e.value, decimals) }));
  const withValue = rounded.filter((e): e is typeof e & { value: number } => e.value !== null);
  const ranked = withValue
    .map((e) => ({
      ...e,
      rank: polarity === 'no judgement' ? null : 1 + withValue.filter((o) => sign * (o.value - e.value) < 0).length,
    }))
    .sort((a, b) => sign * (a.value - b.value) || a.areaCode.localeCompare(b.areaCode));
  const unranked = rounded.filter((e) => e.value === null).sort((a, b) => a.areaCode.localeCompare(b.areaCode));
  return [...ranked, ...unranked.map((e) => ({ ...e, rank: null }))];
}

/**
 * Quartile from a rank among n ranked areas: 1 + floor(4 × (rank − 1) / n), so 1 is the best
 * quarter and 4 the worst; with 8 areas, ranks 1-2 are quartile 1 and 7-8 quartile 4. Tied areas
 * share a rank and therefore a quartile. Fewer than 4 ranked areas cannot be divided into quarters,
 * so the quartile is null.
 */
export function quartileOf(rank: number | null, rankedCount: number): 1 | 2 | 3 | 4 | null {
  if (rank === null || rankedCount < 4 || rank < 1 || rank > rankedCount) return null;
  return (1 + Math.floor((4 * (rank - 1)) / rankedCount)) as 1 | 2 | 3 | 4;
}

export interface Comparison {
  indicatorCode: string;
  areaCode: string;
  period: Period;
  /** The area and its comparators, best first, areas without a value last. England is not ranked. */
  ranked: RankedArea[];
  area: RankedArea;
  rankedCount: number;
  quartile: 1 | 2 | 3 | 4 | null;
  /** Over the comparators that have a value, not counting the area itself. */
  comparatorMean: number | null;
  comparatorMedian: number | null;
  england: { value: number | null; status: ValueStatus };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

function median(values: number[]): number | null {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/**
 * The area against its comparators and England in one period: by default the latest period in which
 * the area has a value (null if it never has one).
 */
export function compareWithComparators(
  indicator: Indicator,
  observations: readonly Observation[],
  areaCode: string,
  comparatorCodes: readonly string[],
  options: { periodLabel?: string; group?: GroupCode; england?: string } = {},
): Comparison | null {
  const group = options.group ?? 'all';
  // The England the area is compared with: England (demo) for the demo area (issue 15 item 5).
  const englandCode = options.england ?? ENGLAND;
  const period = options.periodLabel
    ? periodsOf(indicator, observations).find((p) => p.label === options.periodLabel)
    : latestPeriodWithValue(indicator, observations, areaCode, group);
  if (!period) return null;
  const others = [...new Set(comparatorCodes)].filter((c) => c !== areaCode && c !== englandCode);
  const at = (code: string) => ({ areaCode: code, ...pointAt(indicator, observations, code, period.label, group) });
  const ranked = rankAreas([at(areaCode), ...others.map(at)], indicator.polarity, indicator.decimals);
  const area = ranked.find((r) => r.areaCode === areaCode) as RankedArea;
  const rankedCount = ranked.filter((r) => r.rank !== null).length;
  const comparatorValues = ranked.filter((r) => r.areaCode !== areaCode && r.value !== null).map((r) => r.value as number);
  const england = pointAt(indicator, observations, englandCode, period.label, group);
  return {
    indicatorCode: indicator.code,
    areaCode,
    period,
    ranked,
    area,
    rankedCount,
    quartile: quartileOf(area.rank, rankedCount),
    comparatorMean: mean(comparatorValues),
    comparatorMedian: median(comparatorValues),
    england: { ...england, value: england.value === null ? null : roundTo(england.value, indicator.decimals) },
  };
}

export type Direction = 'improved' | 'worsened' | 'no change' | 'no judgement' | 'not available';

export interface Movement {
  fromValue: number | null;
  fromStatus: ValueStatus;
  toValue: number | null;
  toStatus: ValueStatus;
  /** to − from, in the indicator's unit (percentage points for a percentage). */
  absolute: number | null;
  /** absolute as a percentage of |from|; null when from is zero or missing. */
  relative: number | null;
  direction: Direction;
}

export interface Change extends Movement {
  indicatorCode: string;
  areaCode: string;
  from: string;
  to: string;
  england: Movement;
  /** The area's absolute change minus England's, in the unit. */
  differenceFromEngland: number | null;
}

/**
 * Direction of a change by polarity. 'no change' when the values are equal at the indicator's
 * decimals or differ by less than NO_CHANGE_RELATIVE (0.5%) of the starting value.
 */
export function judgeDirection(polarity: Polarity, from: number | null, to: number | null, decimals: number | null): Direction {
  if (from === null || to === null) return 'not available';
  if (polarity === 'no judgement') return 'no judgement';
  const a = roundTo(from, decimals);
  const b = roundTo(to, decimals);
  if (a === b || (a !== 0 && Math.abs(b - a) / Math.abs(a) < NO_CHANGE_RELATIVE)) return 'no change';
  return b > a === (polarity === 'higher is better') ? 'improved' : 'worsened';
}

function movement(indicator: Indicator, from: { value: number | null; status: ValueStatus }, to: typeof from): Movement {
  const d = indicator.decimals;
  const a = from.value === null ? null : roundTo(from.value, d);
  const b = to.value === null ? null : roundTo(to.value, d);
  const absolute = a === null || b === null ? null : roundTo(b - a, d);
  return {
    fromValue: a,
    fromStatus: from.status,
    toValue: b,
    toStatus: to.status,
    absolute,
    relative: absolute === null || a === null || a === 0 ? null : (absolute / Math.abs(a)) * 100,
    direction: judgeDirection(indicator.polarity, a, b, d),
  };
}

/** Two period labels, earlier first (by the periods the observations hold; labels they do not hold stay as given). */
export function inTimeOrder(indicator: Indicator, observations: readonly Observation[], a: string, b: string): [string, string] {
  const periods = periodsOf(indicator, observations);
  const pa = periods.find((p) => p.label === a);
  const pb = periods.find((p) => p.label === b);
  return pa && pb && byPeriod(pb, pa) < 0 ? [b, a] : [a, b];
}

/** Change for the area from one period to another, beside England's change over the same span. */
export function changeOverSpan(
  indicator: Indicator,
  observations: readonly Observation[],
  areaCode: string,
  fromLabel: string,
  toLabel: string,
  group: GroupCode = 'all',
  englandCode: string = ENGLAND,
): Change {
  // A span runs forwards in time: "from 2008-09 to 2004-05" is read as from 2004-05 to 2008-09.
  [fromLabel, toLabel] = inTimeOrder(indicator, observations, fromLabel, toLabel);
  const at = (code: string, label: string) => pointAt(indicator, observations, code, label, group);
  const area = movement(indicator, at(areaCode, fromLabel), at(areaCode, toLabel));
  const england = movement(indicator, at(englandCode, fromLabel), at(englandCode, toLabel));
  return {
    indicatorCode: indicator.code,
    areaCode,
    from: fromLabel,
    to: toLabel,
    ...area,
    england,
    differenceFromEngland:
      area.absolute === null || england.absolute === null ? null : roundTo(area.absolute - england.absolute, indicator.decimals),
  };
}

export type Rag = 'green' | 'amber' | 'red';

export interface TargetStatus {
  target: number;
  value: number;
  rag: Rag;
}

/**
 * RAG against a target: green when the target is met by polarity (at or above it when higher is
 * better, at or below when lower is better); amber when it is missed by no more than
 * AMBER_TOLERANCE (5%) of the target; red otherwise. No status (null) without a target, without a
 * value, or when the polarity makes no judgement.
 */
export function ragStatus(indicator: Indicator, value: number | null, target: number | null | undefined): TargetStatus | null {
  if (target === null || target === undefined || value === null || indicator.polarity === 'no judgement') return null;
  const v = roundTo(value, indicator.decimals);
  const shortfall = indicator.polarity === 'higher is better' ? target - v : v - target;
  const rag: Rag = shortfall <= 0 ? 'green' : shortfall <= AMBER_TOLERANCE * Math.abs(target) ? 'amber' : 'red';
  return { target, value: v, rag };
}

export interface GapPoint {
  period: Period;
  group: { value: number | null; status: ValueStatus };
  all: { value: number | null; status: ValueStatus };
  /** Group minus all children, in the unit; null when either is missing. */
  gap: number | null;
}

/** Gap between a group and all children for the area in each period either has (000 §2.2, §2.32). */
export function gapSeries(indicator: Indicator, observations: readonly Observation[], areaCode: string, group: GroupCode): GapPoint[] {
  const mine = observations.filter((o) => o.areaCode === areaCode && (o.group === group || o.group === 'all'));
  return periodsOf(indicator, mine).map((period) => {
    const g = pointAt(indicator, observations, areaCode, period.label, group);
    const all = pointAt(indicator, observations, areaCode, period.label, 'all');
    const gv = g.value === null ? null : roundTo(g.value, indicator.decimals);
    const av = all.value === null ? null : roundTo(all.value, indicator.decimals);
    return {
      period,
      group: { ...g, value: gv },
      all: { ...all, value: av },
      gap: gv === null || av === null ? null : roundTo(gv - av, indicator.decimals),
    };
  });
}

export type GapMovement = 'narrowed' | 'widened' | 'no change' | 'not available';

export interface GapChange {
  from: string;
  to: string;
  fromGap: number | null;
  toGap: number | null;
  /** Whether the group is behind all children at the end of the span, by polarity. */
  standing: 'behind' | 'ahead' | 'level' | null;
  movement: GapMovement;
}

/**
 * How the gap moved between two periods. 'narrowed' means the group got closer to all children (the
 * size of the gap fell), whichever side it is on, so it reads the same for either polarity;
 * 'no change' when the size is equal at the indicator's decimals.
 */
export function gapMovement(
  indicator: Indicator,
  observations: readonly Observation[],
  areaCode: string,
  group: GroupCode,
  fromLabel: string,
  toLabel: string,
): GapChange {
  [fromLabel, toLabel] = inTimeOrder(indicator, observations, fromLabel, toLabel);
  const series = gapSeries(indicator, observations, areaCode, group);
  const fromGap = series.find((p) => p.period.label === fromLabel)?.gap ?? null;
  const toGap = series.find((p) => p.period.label === toLabel)?.gap ?? null;
  let standing: GapChange['standing'] = null;
  if (toGap !== null && indicator.polarity !== 'no judgement') {
    const better = indicator.polarity === 'higher is better' ? toGap : -toGap;
    standing = better === 0 ? 'level' : better < 0 ? 'behind' : 'ahead';
  }
  let moved: GapMovement = 'not available';
  if (fromGap !== null && toGap !== null) {
    const size = roundTo(Math.abs(toGap) - Math.abs(fromGap), indicator.decimals);
    moved = size === 0 ? 'no change' : size < 0 ? 'narrowed' : 'widened';
  }
  return { from: fromLabel, to: toLabel, fromGap, toGap, standing, movement: moved };
}

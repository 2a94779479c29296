import type { Db } from '../platform/db.js';
import {
  changeOverSpan,
  compareWithComparators,
  formatValue,
  gapMovement,
  ragStatus,
  standingText,
  type Direction,
  type GapMovement,
  type Rag,
} from './analysis.js';
import { groupLabel } from './indicator-analysis.js';
import * as plan from './planning-repository.js';
import * as repo from './repository.js';
import { findEnglandFor } from './demo-places.js';
import { GROUPS, type GroupCode, type Observation, type Period } from './types.js';

/**
 * The whole-area dashboard (issue 5 item 6): every indicator's latest value, direction of change,
 * rank and quartile among the comparators, RAG against a target, and the groups behind all
 * children, grouped by outcome. One query fetches every value it needs (planning-repository.ts).
 */

export interface GapFlag {
  group: GroupCode;
  label: string;
  /** The gap signed (the group's value less all children's), with its unit. */
  gapText: string;
  /** Never a negative "behind": "behind by 21.1 percentage points", "ahead by 2.0". */
  standingText: string;
  standing: 'behind' | 'ahead' | 'level' | null;
  movement: GapMovement | null;
}

export interface DashboardRow {
  code: string;
  title: string;
  unit: string;
  polarity: string;
  latestPeriod: string | null;
  latestText: string;
  englandText: string;
  from: string | null;
  direction: Direction;
  rank: number | null;
  rankedCount: number;
  quartile: 1 | 2 | 3 | 4 | null;
  rag: Rag | null;
  targetText: string | null;
  gaps: GapFlag[];
  /**
   * A later period than the headline's that not every area has rows for (a partial import): the
   * headline stays on the latest complete period and the page flags this one.
   */
  partial: { period: string; areas: number; expected: number } | null;
  /** The area's values for all children, every period in time order, for the sparkline. */
  series: { period: string; value: number | null; text: string }[];
}

export interface DashboardOutcome {
  code: string;
  name: string;
  rows: DashboardRow[];
}

export interface Dashboard {
  areaCode: string;
  comparatorCount: number;
  outcomes: DashboardOutcome[];
}

const OTHER_GROUPS = GROUPS.map((g) => g.code).filter((g): g is Exclude<GroupCode, 'all'> => g !== 'all');

const hasValue = (o: Observation): boolean => o.status === 'value' && o.value !== null && Number.isFinite(o.value);
const byTime = (a: Period, b: Period): number => a.start.localeCompare(b.start) || a.label.localeCompare(b.label);

/** The first and last periods in which every one of the wanted groups has a value for the area. */
function spanWithValues(obs: readonly Observation[], areaCode: string, groups: readonly GroupCode[]): [Period, Period] | null {
  const seen = new Map<string, { period: Period; groups: Set<GroupCode> }>();
  for (const o of obs) {
    if (o.areaCode !== areaCode || !groups.includes(o.group) || !hasValue(o)) continue;
    const entry = seen.get(o.period.label) ?? { period: o.period, groups: new Set<GroupCode>() };
    entry.groups.add(o.group);
    seen.set(o.period.label, entry);
  }
  const periods = [...seen.values()]
    .filter((e) => e.groups.size === groups.length)
    .map((e) => e.period)
    .sort(byTime);
  const first = periods[0];
  const last = periods.at(-1);
  return first && last ? [first, last] : null;
}

/**
 * One indicator's row. The analysis functions scan what they are given for every period, so each is
 * handed only the periods it needs (the span's ends): the same answers, a dashboard in time.
 */
/**
 * The headline period: the latest in which the area has a value and every one of the expected areas
 * (the area, its comparators, England) has a row, a value or a marker. A later period some areas
 * lack is partial (a file of two rows, say) and is flagged instead of taking over the headline.
 * With no complete period at all the latest with a value is the headline, flagged as partial.
 */
function headlinePeriods(all: readonly Observation[], areaCode: string, expected: readonly string[]) {
  const byLabel = new Map<string, { period: Period; areas: Set<string>; areaHasValue: boolean }>();
  for (const o of all) {
    if (!expected.includes(o.areaCode)) continue;
    const entry = byLabel.get(o.period.label) ?? { period: o.period, areas: new Set<string>(), areaHasValue: false };
    entry.areas.add(o.areaCode);
    if (o.areaCode === areaCode && hasValue(o)) entry.areaHasValue = true;
    byLabel.set(o.period.label, entry);
  }
  const periods = [...byLabel.values()].sort((a, b) => byTime(a.period, b.period));
  const withValue = periods.filter((p) => p.areaHasValue);
  const complete = withValue.filter((p) => p.areas.size === expected.length);
  const latest = complete.at(-1) ?? withValue.at(-1) ?? null;
  const later = periods.filter((p) => p.areas.size < expected.length && (!latest || byTime(p.period, latest.period) >= 0));
  const partial = later.at(-1) ?? null;
  return {
    first: withValue[0]?.period.label ?? null,
    latest: latest?.period.label ?? null,
    partial: partial ? { period: partial.period.label, areas: partial.areas.size, expected: expected.length } : null,
    periods: periods.map((p) => p.period),
  };
}

interface RowContext {
  areaCode: string;
  comparatorCodes: string[];
  /** England, or England (demo) for the demo area (issue 15 item 5). */
  englandCode: string;
  targets: plan.Target[];
}

function rowFor(indicator: repo.IndicatorRecord, obs: Observation[], { areaCode, comparatorCodes, englandCode, targets }: RowContext) {
  const all = obs.filter((o) => o.group === 'all');
  const heads = headlinePeriods(all, areaCode, [areaCode, ...comparatorCodes, englandCode]);
  const at = (labels: string[]) => all.filter((o) => labels.includes(o.period.label));
  const first = heads.first;
  const latest = heads.latest;
  const comparison = latest
    ? compareWithComparators(indicator, at([latest]), areaCode, comparatorCodes, { periodLabel: latest, england: englandCode })
    : null;
  const change =
    first && latest && first !== latest
      ? changeOverSpan(indicator, at([first, latest]), areaCode, first, latest, 'all', englandCode)
      : null;
  const ownTargets = targets.filter((t) => t.indicatorId === indicator.id && t.group === 'all');
  const target = ownTargets.find((t) => t.period.label === latest) ?? ownTargets.at(-1);
  const rag = target ? ragStatus(indicator, comparison?.area.value ?? null, target.value) : null;
  const gaps: GapFlag[] = [];
  const mine = obs.filter((o) => o.areaCode === areaCode);
  for (const group of OTHER_GROUPS) {
    const pairSpan = spanWithValues(mine, areaCode, [group, 'all']);
    if (!pairSpan) continue;
    const [from, to] = pairSpan;
    const pair = mine.filter(
      (o) => (o.group === group || o.group === 'all') && (o.period.label === from.label || o.period.label === to.label),
    );
    const moved = gapMovement(indicator, pair, areaCode, group, from.label, to.label);
    if (moved.toGap === null) continue;
    gaps.push({
      group,
      label: groupLabel(group),
      gapText: `${moved.toGap > 0 ? '+' : ''}${formatValue(indicator, moved.toGap)}`,
      standingText: standingText(indicator, moved.standing, moved.toGap),
      standing: moved.standing,
      movement: from.label === to.label ? null : moved.movement,
    });
  }
  return {
    code: indicator.code,
    title: indicator.title,
    unit: indicator.unit,
    polarity: indicator.polarity,
    latestPeriod: latest,
    latestText: formatValue(indicator, comparison?.area.value ?? null),
    englandText: formatValue(indicator, comparison?.england.value ?? null),
    from: change ? first : null,
    direction: change?.direction ?? 'not available',
    rank: comparison?.area.rank ?? null,
    rankedCount: comparison?.rankedCount ?? 0,
    quartile: comparison?.quartile ?? null,
    rag: rag?.rag ?? null,
    targetText: target ? `${formatValue(indicator, target.value)} for ${target.period.label}` : null,
    gaps,
    partial: heads.partial,
    series: heads.periods.map((p) => {
      const o = all.find((x) => x.areaCode === areaCode && x.period.label === p.label);
      const value = o && hasValue(o) ? o.value : null;
      return { period: p.label, value, text: formatValue(indicator, value) };
    }),
  } satisfies DashboardRow;
}

export function dashboardService({ db }: { db: Db }) {
  return {
    /** Every indicator the area sees, analysed; an outcome's rows are those whose aims it holds. */
    async dashboard(areaCode: string, onlyOutcome?: string): Promise<Dashboard> {
      const [outcomes, indicators, comparators, targets, england] = await Promise.all([
        repo.listOutcomesWithAims(db),
        repo.listIndicatorsForArea(db, areaCode),
        repo.listComparators(db, areaCode),
        plan.listTargets(db, areaCode),
        findEnglandFor(db, areaCode),
      ]);
      const comparatorCodes = comparators.filter((c) => c.kind !== 'region').map((c) => c.code); // regions are never ranked
      const values = await plan.listDashboardValues(db, areaCode, [...comparatorCodes, england.code]);
      const byIndicator = new Map<string, Observation[]>();
      for (const v of values) {
        const list = byIndicator.get(v.indicatorCode);
        if (list) list.push(v);
        else byIndicator.set(v.indicatorCode, [v]);
      }
      const rows = new Map(
        indicators.map(
          (i) =>
            [i.code, rowFor(i, byIndicator.get(i.code) ?? [], { areaCode, comparatorCodes, englandCode: england.code, targets })] as const,
        ),
      );
      return {
        areaCode,
        comparatorCount: comparators.length,
        outcomes: outcomes
          .filter((o) => onlyOutcome === undefined || o.code === onlyOutcome)
          .map((o) => {
            const aimCodes = new Set(o.aims.map((a) => a.code));
            return {
              code: o.code,
              name: o.everydayName,
              rows: indicators.filter((i) => i.aimCodes.some((a) => aimCodes.has(a))).flatMap((i) => rows.get(i.code) ?? []),
            };
          }),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof dashboardService>;

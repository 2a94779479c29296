import type { Db } from '../platform/db.js';
import { changeSentence } from './analysis-sentence.js';
import {
  changeOverSpan,
  compareWithComparators,
  confidenceInterval,
  formatChange,
  formatValue,
  gapMovement,
  gapSeries,
  inTimeOrder,
  periodsOf,
  publishedInterval998,
  ragStatus,
  timeSeries,
  type Change,
  type Comparison,
  type ConfidenceInterval,
  type GapChange,
  type GapPoint,
  type TargetStatus,
} from './analysis.js';
import { barChart, gapChart, lineChart, type Chart } from './charts.js';
import * as plan from './planning-repository.js';
import type { IndicatorRecord } from './repository.js';
import { outcomesService, type IndicatorWithAims } from './service.js';
import { GROUPS, type GroupCode, type ReferenceArea, type ValueStatus } from './types.js';

/**
 * One indicator for the user's area, analysed for its page and the API (issue 5 items 6 and 7):
 * the trend against comparators and England, the latest period ranked, the change over a chosen
 * span in words and numbers, the target and RAG, and the gap for a group. Pure analysis lives in
 * analysis.ts and charts.ts; this gathers the data and puts them together.
 */

export type ChartName = 'trend' | 'ranking' | 'gap';
export const CHART_NAMES: readonly ChartName[] = ['trend', 'ranking', 'gap'];

export interface AnalysisQuery {
  from?: string;
  to?: string;
  group?: string;
}

export interface TrendRow {
  period: string;
  value: number | null;
  status: ValueStatus;
  text: string;
  england: string;
  interval: ConfidenceInterval | null;
  intervalText: string | null;
  /** The publisher's 99.8% interval, where it gives one. */
  interval998Text: string | null;
  /** The publisher's note on the value (Fingertips "Value note", an EES symbol's meaning). */
  note: string | null;
}

export interface IndicatorAnalysis extends IndicatorWithAims {
  area: { code: string; name: string };
  /** The England compared with: England (demo) on the demo area's pages. */
  england: { code: string; name: string };
  comparators: ReferenceArea[];
  periods: string[];
  from: string | null;
  to: string | null;
  group: GroupCode;
  groupLabel: string;
  trend: TrendRow[];
  comparison: Comparison | null;
  change: Change | null;
  changeSentence: string | null;
  changeText: { area: string | null; england: string | null; relative: string | null };
  targets: { period: string; group: GroupCode; value: number; text: string }[];
  targetStatus: (TargetStatus & { period: string; text: string }) | null;
  gap: { points: GapPoint[]; movement: GapChange | null } | null;
  charts: Partial<Record<ChartName, Chart>>;
}

export const groupLabel = (code: GroupCode): string => GROUPS.find((g) => g.code === code)?.label ?? code;
const isGroup = (g: string | undefined): g is GroupCode => GROUPS.some((x) => x.code === g);

function signedChange(indicator: IndicatorRecord, absolute: number | null): string | null {
  if (absolute === null) return null;
  const sign = absolute > 0 ? '+' : absolute < 0 ? '-' : '';
  return `${sign}${formatChange(indicator, Math.abs(absolute), 'long')}`;
}

export function indicatorAnalysisService({ db }: { db: Db }) {
  const catalogue = outcomesService({ db });

  return {
    async analyse(code: string, areaCode: string, query: AnalysisQuery = {}): Promise<IndicatorAnalysis> {
      const group: GroupCode = isGroup(query.group) ? query.group : 'all';
      const [about, series] = await Promise.all([
        catalogue.indicator(code, areaCode),
        catalogue.series(code, areaCode, group === 'all' ? ['all'] : ['all', group]),
      ]);
      const { indicator } = about;
      const targets = await plan.listTargets(db, areaCode, indicator.id);
      const obs = series.observations;
      const { england } = series;
      const names: Record<string, string> = { [areaCode]: series.area.name, [england.code]: england.name };
      for (const c of [...series.comparators, ...(series.region ? [series.region] : [])]) names[c.code] = c.name;
      // Authorities are ranked with the area (itself and ten neighbours: eleven); regions are lines only.
      const comparatorCodes = series.comparators.filter((c) => c.kind !== 'region').map((c) => c.code);
      const lineCodes = [...new Set([...series.comparators.map((c) => c.code), ...(series.region ? [series.region.code] : [])])];

      const allObs = obs.filter((o) => o.group === 'all');
      const periods = periodsOf(indicator, allObs).map((p) => p.label);
      const areaPoints = timeSeries(indicator, allObs, areaCode);
      const englandPoints = new Map(timeSeries(indicator, allObs, england.code).map((p) => [p.period.label, p]));
      const withValue = areaPoints.filter((p) => p.value !== null).map((p) => p.period.label);
      const asked = [
        periods.includes(query.from ?? '') ? (query.from as string) : (withValue[0] ?? periods[0] ?? null),
        periods.includes(query.to ?? '') ? (query.to as string) : (withValue.at(-1) ?? periods.at(-1) ?? null),
      ] as const;
      // A span chosen backwards (from 2008-09 to 2004-05) is shown forwards, never as a rise into the past.
      const [from, to] = asked[0] && asked[1] ? inTimeOrder(indicator, allObs, asked[0], asked[1]) : asked;

      const trend: TrendRow[] = areaPoints.map((p) => {
        const observation = allObs.find((o) => o.areaCode === areaCode && o.period.label === p.period.label);
        const interval = observation ? confidenceInterval(indicator, observation) : null;
        const interval998 = observation ? publishedInterval998(observation) : null;
        const england = englandPoints.get(p.period.label);
        return {
          period: p.period.label,
          value: p.value,
          status: p.status,
          text: p.value === null ? (p.status === 'value' ? 'no value' : `no value (${p.status})`) : formatValue(indicator, p.value),
          england: england?.value === null || !england ? 'no value' : formatValue(indicator, england.value),
          interval,
          intervalText: interval && `${formatValue(indicator, interval.lower)} to ${formatValue(indicator, interval.upper)}`,
          interval998Text: interval998 && `${formatValue(indicator, interval998.lower)} to ${formatValue(indicator, interval998.upper)}`,
          note: observation?.published?.note ?? null,
        };
      });

      const comparison = compareWithComparators(indicator, allObs, areaCode, comparatorCodes, { england: england.code });
      const change = from && to ? changeOverSpan(indicator, allObs, areaCode, from, to, 'all', england.code) : null;

      const relevantTargets = targets.filter((t) => t.group === 'all');
      const latest = comparison?.area.value ?? null;
      const latestLabel = comparison?.period.label ?? null;
      // The target for the latest period with a value; failing that the next one set, then the last one.
      const target =
        relevantTargets.find((t) => t.period.label === latestLabel) ??
        relevantTargets.filter((t) => latestLabel === null || t.period.start >= (comparison?.period.start ?? '')).at(0) ??
        relevantTargets.at(-1);
      const rag = target ? ragStatus(indicator, latest, target.value) : null;

      let gap: IndicatorAnalysis['gap'] = null;
      if (group !== 'all') {
        const points = gapSeries(indicator, obs, areaCode, group);
        const gapWithValue = points.filter((p) => p.gap !== null).map((p) => p.period.label);
        const gf = from && gapWithValue.includes(from) ? from : gapWithValue[0];
        const gt = to && gapWithValue.includes(to) ? to : gapWithValue.at(-1);
        gap = { points, movement: gf && gt ? gapMovement(indicator, obs, areaCode, group, gf, gt) : null };
      }

      const charts: IndicatorAnalysis['charts'] = {
        trend: lineChart({ indicator, observations: allObs, areaCode, comparatorCodes: lineCodes, names, england }),
      };
      if (comparison) charts.ranking = barChart({ indicator, comparison, names });
      if (gap) charts.gap = gapChart({ indicator, points: gap.points, areaName: series.area.name, groupLabel: groupLabel(group) });

      return {
        ...about,
        area: series.area,
        england,
        comparators: series.comparators,
        periods,
        from,
        to,
        group,
        groupLabel: groupLabel(group),
        trend,
        comparison,
        change,
        changeSentence: change ? changeSentence(indicator, change) : null,
        changeText: {
          area: signedChange(indicator, change?.absolute ?? null),
          england: signedChange(indicator, change?.england.absolute ?? null),
          relative:
            change?.relative === null || change?.relative === undefined
              ? null
              : `${change.relative > 0 ? '+' : ''}${change.relative.toFixed(1)}%`,
        },
        targets: targets.map((t) => ({ period: t.period.label, group: t.group, value: t.value, text: formatValue(indicator, t.value) })),
        targetStatus: rag && target ? { ...rag, period: target.period.label, text: formatValue(indicator, target.value) } : null,
        gap,
        charts,
      };
    },
  };
}

export type IndicatorAnalysisService = ReturnType<typeof indicatorAnalysisService>;

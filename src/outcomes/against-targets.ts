import type { Queryable } from '../platform/db.js';
import { financialYearBounds, financialYearOf } from '../platform/money.js';
import { paths } from '../platform/paths.js';
import { formatValue } from './analysis-format.js';
import { ragStatus } from './analysis.js';
import { periodEnd } from './periods.js';
import { findIndicatorByCode } from './repository.js';
import type { Period, Polarity } from './types.js';

/**
 * An indicator against the area's target for one financial year (issue 18 item 7: the plan's annual
 * review), read from outcomes' own targets and values as they stand. Which target is the year's: the
 * target (all children) whose period's middle day falls in the year, the latest if several do (the
 * last quarter's); so 2026-27 (a financial year), the academic year 2026/27 and the calendar year 2026
 * all belong to the financial year 2026 to 2027. The target is judged on the area's value for that
 * same period, by the indicator's polarity, with the rule the dashboard's RAG uses (ragStatus: met is
 * green, at or beyond the target); without a published value for that period it is "no data", and the
 * latest value before it is shown beside it for context only.
 */

export type TargetJudgement = 'met' | 'not_met' | 'no_data' | 'no_target' | 'no_judgement' | 'unknown_indicator';

export const TARGET_JUDGEMENT_WORDS: Record<TargetJudgement, string> = {
  met: 'Met',
  not_met: 'Not met',
  no_data: 'No data yet',
  no_target: 'No target for the year',
  no_judgement: 'No judgement (the indicator has no better direction)',
  unknown_indicator: 'Not in the catalogue',
};

export interface IndicatorAgainstTarget {
  code: string;
  title: string;
  href: string;
  polarity: Polarity | null;
  /** The target's period ("2026-27"), or null without a target for the year. */
  period: string | null;
  target: number | null;
  targetText: string;
  /** The area's value for the target's period (all children), or null when none is published. */
  value: number | null;
  valueText: string;
  /** The latest value before the target's period when there is none for it (context, never judged). */
  earlier: { period: string; text: string } | null;
  judgement: TargetJudgement;
  judgementText: string;
}

interface TargetRow {
  period_label: string;
  period_kind: Period['kind'];
  period_start: string;
  target_value: number;
}

interface ValueRow {
  period_label: string;
  period_start: string;
  value: number | null;
}

/** The middle day of a period, as YYYY-MM-DD. */
function middleOf(period: Period): string {
  const start = Date.parse(`${period.start}T00:00:00Z`);
  const end = Date.parse(`${periodEnd(period)}T00:00:00Z`);
  return new Date(start + Math.floor((end - start) / 2 / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a period belongs to the financial year (its middle day falls in it). */
export function periodInYear(period: Period, year: number): boolean {
  return financialYearOf(middleOf(period)) === year;
}

/** Each indicator (by code, in the order asked) against the area's target for the financial year. */
export async function indicatorsAgainstTargets(db: Queryable, areaCode: string, codes: readonly string[], year: number): Promise<IndicatorAgainstTarget[]> {
  const out: IndicatorAgainstTarget[] = [];
  const { to } = financialYearBounds(year);
  for (const code of codes) {
    const indicator = await findIndicatorByCode(db, code, areaCode);
    if (!indicator) {
      out.push({
        code,
        title: code,
        href: paths.outcomesIndicator(code),
        polarity: null,
        period: null,
        target: null,
        targetText: 'no target',
        value: null,
        valueText: 'no value',
        earlier: null,
        judgement: 'unknown_indicator',
        judgementText: TARGET_JUDGEMENT_WORDS.unknown_indicator,
      });
      continue;
    }
    const targets = await db.query<TargetRow>(
      `SELECT period_label, period_kind, period_start::text AS period_start, target_value::float8 AS target_value
         FROM indicator_target
        WHERE area_code = $1 AND indicator_id = $2 AND group_code = 'all' AND period_start <= $3::date
        ORDER BY period_start, period_label`,
      [areaCode, indicator.id, to],
    );
    const target = targets
      .filter((t) => periodInYear({ label: t.period_label, kind: t.period_kind, start: t.period_start }, year))
      .at(-1);
    const values = await db.query<ValueRow>(
      `SELECT period_label, period_start::text AS period_start, value::float8 AS value
         FROM indicator_value_current
        WHERE area_code = $1 AND indicator_id = $2 AND group_code = 'all' AND status = 'value' AND value IS NOT NULL AND period_start <= $3::date
        ORDER BY period_start, period_label`,
      [areaCode, indicator.id, to],
    );
    const value = target ? (values.find((v) => v.period_label === target.period_label)?.value ?? null) : null;
    const before = target ? values.filter((v) => v.period_start < target.period_start).at(-1) : values.at(-1);
    const judgement: TargetJudgement = !target
      ? 'no_target'
      : indicator.polarity === 'no judgement'
        ? 'no_judgement'
        : value === null
          ? 'no_data'
          : ragStatus(indicator, value, target.target_value)?.rag === 'green'
            ? 'met'
            : 'not_met';
    out.push({
      code: indicator.code,
      title: indicator.title,
      href: paths.outcomesIndicator(indicator.code),
      polarity: indicator.polarity,
      period: target?.period_label ?? null,
      target: target?.target_value ?? null,
      targetText: target ? `${formatValue(indicator, target.target_value)} for ${target.period_label}` : 'no target',
      value,
      valueText: formatValue(indicator, value),
      earlier: value === null && before ? { period: before.period_label, text: formatValue(indicator, before.value) } : null,
      judgement,
      judgementText: TARGET_JUDGEMENT_WORDS[judgement],
    });
  }
  return out;
}

/**
 * The area's latest published value (all children) in a period belonging to the financial year, with the
 * period as outcomes holds it; undefined when there is none. What a target for the year would be judged on.
 */
export async function valueInYear(
  db: Queryable,
  areaCode: string,
  code: string,
  year: number,
): Promise<{ indicatorId: string; polarity: Polarity; decimals: number | null; period: Period; value: number } | undefined> {
  const indicator = await findIndicatorByCode(db, code, areaCode);
  if (!indicator) return undefined;
  const rows = await db.query<ValueRow & { period_kind: Period['kind'] }>(
    `SELECT period_label, period_kind, period_start::text AS period_start, value::float8 AS value
       FROM indicator_value_current
      WHERE area_code = $1 AND indicator_id = $2 AND group_code = 'all' AND status = 'value' AND value IS NOT NULL
      ORDER BY period_start, period_label`,
    [areaCode, indicator.id],
  );
  const found = rows.filter((r) => periodInYear({ label: r.period_label, kind: r.period_kind, start: r.period_start }, year)).at(-1);
  if (!found || found.value === null) return undefined;
  return {
    indicatorId: indicator.id,
    polarity: indicator.polarity,
    decimals: indicator.decimals,
    period: { label: found.period_label, kind: found.period_kind, start: found.period_start },
    value: found.value,
  };
}


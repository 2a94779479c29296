import { NATIONAL_NEED_LEVELS, type NationalNeedLevel } from '../assessment/index.js';
import type { Queryable, Tx } from '../platform/db.js';
import { toObservation, type ValueRow } from './repository.js';
import type { GroupCode, Observation, Period } from './types.js';

/**
 * The SQL the outcome pages add to repository.ts: targets (indicator_target, migration 0005), the
 * needs assessment (migration 0006), and the values of every indicator at once for the dashboard.
 */

export interface Target {
  indicatorId: string;
  group: GroupCode;
  period: Period;
  value: number;
}

interface TargetRow {
  indicator_id: string;
  group_code: string;
  period_label: string;
  period_kind: string;
  period_start: string;
  target_value: number;
}

const toTarget = (r: TargetRow): Target => ({
  indicatorId: r.indicator_id,
  group: r.group_code as GroupCode,
  period: { label: r.period_label, kind: r.period_kind as Period['kind'], start: r.period_start },
  value: r.target_value,
});

/** The area's targets, for one indicator or all of them, oldest period first. */
export async function listTargets(db: Queryable, areaCode: string, indicatorId?: string): Promise<Target[]> {
  const rows = await db.query<TargetRow>(
    `SELECT indicator_id, group_code, period_label, period_kind, period_start::text AS period_start, target_value::float8 AS target_value
       FROM indicator_target WHERE area_code = $1 AND ($2::uuid IS NULL OR indicator_id = $2::uuid)
      ORDER BY period_start, period_label`,
    [areaCode, indicatorId ?? null],
  );
  return rows.map(toTarget);
}

/** Sets (or replaces) the area's target for one period of an indicator. */
export async function upsertTarget(tx: Tx, areaCode: string, target: Target): Promise<void> {
  await tx.query(
    `INSERT INTO indicator_target (area_code, indicator_id, group_code, period_label, period_kind, period_start, target_value)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT indicator_target_unique DO UPDATE SET target_value = EXCLUDED.target_value`,
    [areaCode, target.indicatorId, target.group, target.period.label, target.period.kind, target.period.start, target.value],
  );
}

export interface Narrative {
  outcomeCode: string;
  narrative: string;
  updatedBy: string | null;
  updatedAt: Date;
}

export async function listNarratives(db: Queryable, areaCode: string): Promise<Narrative[]> {
  const rows = await db.query<{ outcome_code: string; narrative: string; updated_by: string | null; updated_at: Date }>(
    `SELECT n.outcome_code, n.narrative, u.display_name AS updated_by, n.updated_at
       FROM needs_narrative n LEFT JOIN app_user u ON u.id = n.updated_by WHERE n.area_code = $1`,
    [areaCode],
  );
  return rows.map((r) => ({ outcomeCode: r.outcome_code, narrative: r.narrative, updatedBy: r.updated_by, updatedAt: r.updated_at }));
}

export async function upsertNarrative(
  tx: Tx,
  areaCode: string,
  outcomeCode: string,
  narrative: string,
  userId: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO needs_narrative (area_code, outcome_code, narrative, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (area_code, outcome_code) DO UPDATE SET narrative = EXCLUDED.narrative, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [areaCode, outcomeCode, narrative, userId],
  );
}

/** Planning figures are kept at the four national levels (004 Table 4.1), which areas' own levels map to, so areas compare. */
export const NEED_LEVELS = NATIONAL_NEED_LEVELS.values;
export type NeedLevel = NationalNeedLevel;

export interface NeedsLevelRecord {
  yearLabel: string;
  level: NeedLevel;
  children: number | null;
  fundingPounds: number | null;
}

/** Children and funding at each level of need (004 Table 4.1), newest year first, levels in order. */
export async function listNeedsLevels(db: Queryable, areaCode: string): Promise<NeedsLevelRecord[]> {
  const rows = await db.query<{ year_label: string; level: string; children: number | null; funding_pounds: number | null }>(
    `SELECT year_label, level, children, funding_pounds::float8 AS funding_pounds FROM needs_level WHERE area_code = $1
      ORDER BY year_label DESC, array_position(ARRAY['universal', 'additional', 'complex', 'acute/specialist'], level)`,
    [areaCode],
  );
  return rows.map((r) => ({ yearLabel: r.year_label, level: r.level as NeedLevel, children: r.children, fundingPounds: r.funding_pounds }));
}

export async function upsertNeedsLevel(tx: Tx, areaCode: string, record: NeedsLevelRecord, userId: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO needs_level (area_code, year_label, level, children, funding_pounds, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (area_code, year_label, level) DO UPDATE
       SET children = EXCLUDED.children, funding_pounds = EXCLUDED.funding_pounds, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [areaCode, record.yearLabel, record.level, record.children, record.fundingPounds, userId],
  );
}

/**
 * The values the dashboard reads, in one query: for each indicator the area sees, and for all
 * children and each group, the first and last periods in which the area has a value for the group
 * and for all children alike (the span its change and gap are judged over). It returns the area's
 * values at those ends, and every period of all children for the area, its comparators and England
 * (the sparkline, ranking, England's change and which periods are complete). Other groups' periods
 * between the ends stay in the database.
 */
export async function listDashboardValues(db: Queryable, areaCode: string, otherAreaCodes: readonly string[]): Promise<Observation[]> {
  const columns = `i.code AS indicator_code, v.area_code, v.group_code, v.period_label, v.period_kind, v.period_start::text AS period_start,
            v.value::float8 AS value, v.status, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator`;
  const rows = await db.query<ValueRow>(
    // Every value is read from the indicators the area sees, one probe of the version key each (indicator,
    // then area: ADR 0050): the area's values, and all children's for its comparators and England.
    `WITH seen AS (
       SELECT i.id, i.code FROM indicator i WHERE i.area_code IS NULL OR i.area_code = $1
     ), mine AS (
       SELECT v.indicator_id, v.group_code, v.period_label, v.period_start FROM seen i
         JOIN indicator_value_current v ON v.indicator_id = i.id AND v.area_code = $1
        WHERE v.status = 'value'
     ), paired AS (
       SELECT indicator_id, group_code, period_label, period_start FROM mine WHERE group_code = 'all'
       UNION ALL
       SELECT g.indicator_id, g.group_code, g.period_label, g.period_start FROM mine g
         JOIN mine a ON a.indicator_id = g.indicator_id AND a.period_label = g.period_label AND a.group_code = 'all'
        WHERE g.group_code <> 'all'
     ), ends AS (
       SELECT DISTINCT indicator_id, group_code,
              first_value(period_label) OVER w AS first_label, last_value(period_label) OVER w AS last_label
         FROM paired
       WINDOW w AS (PARTITION BY indicator_id, group_code ORDER BY period_start, period_label
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
     ), wanted AS (
       SELECT e.indicator_id, e.group_code, e.first_label, e.last_label FROM ends e
     )
     SELECT ${columns} FROM wanted e
       JOIN indicator_value_current v ON v.indicator_id = e.indicator_id AND v.area_code = $1
        AND v.group_code IN (e.group_code, 'all') AND v.period_label IN (e.first_label, e.last_label)
       JOIN indicator i ON i.id = v.indicator_id
     UNION
     SELECT ${columns} FROM wanted e
       JOIN indicator_value_current v ON v.indicator_id = e.indicator_id AND e.group_code = 'all' AND v.group_code = 'all'
        AND v.area_code = ANY ($2::text[]) AND v.period_label IN (e.first_label, e.last_label)
       JOIN indicator i ON i.id = v.indicator_id
     UNION
     -- Every period of all children for the area, its comparators and England: the sparkline, and
     -- which periods are complete (every one of those areas has a row, a value or a marker).
     SELECT ${columns} FROM seen i
       JOIN indicator_value_current v ON v.indicator_id = i.id AND v.area_code = ANY (array_prepend($1::text, $2::text[]))
      WHERE v.group_code = 'all'`,
    [areaCode, otherAreaCodes],
  );
  return rows.map(toObservation);
}

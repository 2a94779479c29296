import type { Queryable, Tx } from '../platform/db.js';
import type {
  Aim,
  Frequency,
  GroupCode,
  Indicator,
  Observation,
  Outcome,
  Period,
  Polarity,
  ReferenceArea,
  Unit,
  ValueStatus,
} from './types.js';

/**
 * All the SQL of the outcomes framework, the indicator catalogue and its values (migration 0005).
 * Numbers leave PostgreSQL as float8: `numeric` would arrive as text.
 */

export interface OutcomeWithAims extends Outcome {
  aims: Aim[];
}

/** An indicator as stored: the catalogue entry and its row id (codes repeat across areas' local indicators). */
export interface IndicatorRecord extends Indicator {
  id: string;
}

interface OutcomeRow {
  code: string;
  statutory_wording: string;
  everyday_name: string;
  aims_introduction: string;
  meaning: string;
  position: number;
}
interface AimRow {
  code: string;
  outcome_code: string;
  text: string;
  for_parents_and_carers: boolean;
  position: number;
}
interface IndicatorRow {
  id: string;
  code: string;
  title: string;
  definition: string;
  unit: string;
  polarity: string;
  source: string;
  frequency: string;
  scope: string;
  area_code: string | null;
  has_denominator: boolean;
  multiplier: number | null;
  decimals: number;
  aim_codes: string[] | null;
}
export interface ValueRow {
  indicator_code: string;
  area_code: string;
  group_code: string;
  period_label: string;
  period_kind: string;
  period_start: string;
  value: number | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
}

const toAim = (r: AimRow): Aim => ({
  code: r.code,
  outcomeCode: r.outcome_code,
  text: r.text,
  forParentsAndCarers: r.for_parents_and_carers,
  position: r.position,
});

export const toIndicator = (r: IndicatorRow): IndicatorRecord => ({
  id: r.id,
  code: r.code,
  title: r.title,
  definition: r.definition,
  unit: r.unit as Unit,
  polarity: r.polarity as Polarity,
  aimCodes: r.aim_codes ?? [],
  source: r.source,
  frequency: r.frequency as Frequency,
  scope: r.scope === 'local' ? 'local' : 'national',
  areaCode: r.area_code,
  hasDenominator: r.has_denominator,
  multiplier: r.multiplier,
  decimals: r.decimals,
});

export const toObservation = (r: ValueRow): Observation => ({
  indicatorCode: r.indicator_code,
  areaCode: r.area_code,
  period: { label: r.period_label, kind: r.period_kind as Period['kind'], start: r.period_start },
  group: r.group_code as GroupCode,
  value: r.value,
  status: r.status as ValueStatus,
  numerator: r.numerator,
  denominator: r.denominator,
});

export async function listOutcomesWithAims(db: Queryable): Promise<OutcomeWithAims[]> {
  const [outcomes, aims] = await Promise.all([
    db.query<OutcomeRow>(
      'SELECT code, statutory_wording, everyday_name, aims_introduction, meaning, position FROM outcome ORDER BY position',
    ),
    db.query<AimRow>('SELECT code, outcome_code, text, for_parents_and_carers, position FROM aim ORDER BY outcome_code, position'),
  ]);
  return outcomes.map((o) => ({
    code: o.code,
    statutoryWording: o.statutory_wording,
    everydayName: o.everyday_name,
    aimsIntroduction: o.aims_introduction,
    meaning: o.meaning,
    position: o.position,
    aims: aims.filter((a) => a.outcome_code === o.code).map(toAim),
  }));
}

export async function listAimCodes(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ code: string }>('SELECT code FROM aim ORDER BY code');
  return rows.map((r) => r.code);
}

const INDICATOR_COLUMNS = `i.id, i.code, i.title, i.definition, i.unit, i.polarity, i.source, i.frequency, i.scope, i.area_code,
  i.has_denominator, i.multiplier::float8 AS multiplier, i.decimals,
  ARRAY(SELECT ia.aim_code FROM indicator_aim ia WHERE ia.indicator_id = i.id ORDER BY ia.aim_code) AS aim_codes`;

/** The national indicators and the area's own (none of another area's), national first, by code. */
export async function listIndicatorsForArea(db: Queryable, areaCode: string | null): Promise<IndicatorRecord[]> {
  const rows = await db.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM indicator i
      WHERE i.area_code IS NULL OR i.area_code = $1
      ORDER BY i.area_code NULLS FIRST, i.code`,
    [areaCode],
  );
  return rows.map(toIndicator);
}

/** An indicator by code as the area sees it; case and spaces ignored (NI56 finds NI 56). */
export async function findIndicatorByCode(db: Queryable, code: string, areaCode: string | null): Promise<IndicatorRecord | undefined> {
  const [row] = await db.query<IndicatorRow>(
    `SELECT ${INDICATOR_COLUMNS} FROM indicator i
      WHERE upper(replace(i.code, ' ', '')) = upper(replace($1, ' ', '')) AND (i.area_code IS NULL OR i.area_code = $2)
      ORDER BY i.area_code NULLS FIRST LIMIT 1`,
    [code, areaCode],
  );
  return row ? toIndicator(row) : undefined;
}

/** Values of one indicator for the given areas and groups, every period, oldest first. */
export async function listValueSeries(
  db: Queryable,
  query: { indicatorId: string; areaCodes: readonly string[]; groups: readonly GroupCode[] },
): Promise<Observation[]> {
  const rows = await db.query<ValueRow>(
    `SELECT i.code AS indicator_code, v.area_code, v.group_code, v.period_label, v.period_kind, v.period_start::text AS period_start,
            v.value::float8 AS value, v.status, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator
       FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
      WHERE v.indicator_id = $1 AND v.group_code = ANY ($2::text[]) AND v.area_code = ANY ($3::text[])
      ORDER BY v.period_start, v.period_kind, v.group_code, v.area_code`,
    [query.indicatorId, query.groups, query.areaCodes],
  );
  return rows.map(toObservation);
}

/** Every area's value of one indicator for one period and group (for ranking against all areas). */
export async function listValuesForPeriod(
  db: Queryable,
  indicatorId: string,
  periodLabel: string,
  group: GroupCode,
): Promise<Observation[]> {
  const rows = await db.query<ValueRow>(
    `SELECT i.code AS indicator_code, v.area_code, v.group_code, v.period_label, v.period_kind, v.period_start::text AS period_start,
            v.value::float8 AS value, v.status, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator
       FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
      WHERE v.indicator_id = $1 AND v.group_code = $2 AND v.period_label = $3
      ORDER BY v.area_code`,
    [indicatorId, group, periodLabel],
  );
  return rows.map(toObservation);
}

/** The latest period with any value of the indicator for the group, or undefined when there are none. */
export async function findLatestPeriod(db: Queryable, indicatorId: string, group: GroupCode): Promise<Period | undefined> {
  const [row] = await db.query<{ label: string; kind: string; start: string }>(
    `SELECT period_label AS label, period_kind AS kind, period_start::text AS start FROM indicator_value_current
      WHERE indicator_id = $1 AND group_code = $2
      ORDER BY period_start DESC, period_kind = 'quarter' LIMIT 1`,
    [indicatorId, group],
  );
  return row ? { label: row.label, kind: row.kind as Period['kind'], start: row.start } : undefined;
}

/** The area's comparator group (statistical neighbours), in the order it chose. */
export async function listComparators(db: Queryable, areaCode: string): Promise<ReferenceArea[]> {
  return db.query<ReferenceArea>(
    `SELECT r.code, r.name, r.region, r.kind FROM comparator c JOIN reference_area r ON r.code = c.comparator_code
      WHERE c.area_code = $1 ORDER BY c.position, r.name`,
    [areaCode],
  );
}

/** Replaces the area's comparator group. */
export async function replaceComparators(tx: Tx, areaCode: string, comparatorCodes: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM comparator WHERE area_code = $1', [areaCode]);
  await tx.query(
    `INSERT INTO comparator (area_code, comparator_code, position)
     SELECT $1, c.code, c.n FROM unnest($2::text[]) WITH ORDINALITY AS c (code, n)`,
    [areaCode, comparatorCodes],
  );
}

/** Every upper-tier authority and England, by name (England first). */
export async function listReferenceAreas(db: Queryable): Promise<ReferenceArea[]> {
  return db.query<ReferenceArea>(`SELECT code, name, region, kind FROM reference_area ORDER BY kind = 'country' DESC, name`);
}

/** Names of the given areas, whether reference areas or installed ones (the demo area is only in `area`). */
export async function listAreaNames(db: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM reference_area WHERE code = ANY ($1::text[])
     UNION SELECT code, name FROM area WHERE code = ANY ($1::text[]) AND code NOT IN (SELECT code FROM reference_area)`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface NewLocalIndicator {
  areaCode: string;
  code: string;
  title: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  source: string;
  frequency: Frequency;
  hasDenominator: boolean;
  multiplier: number | null;
  decimals: number;
  aimCodes: readonly string[];
}

export async function insertLocalIndicator(tx: Tx, input: NewLocalIndicator): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO indicator (code, title, definition, unit, polarity, source, frequency, scope, area_code, has_denominator, multiplier, decimals)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'local', $8, $9, $10, $11) RETURNING id`,
    [
      input.code,
      input.title,
      input.definition,
      input.unit,
      input.polarity,
      input.source,
      input.frequency,
      input.areaCode,
      input.hasDenominator,
      input.multiplier,
      input.decimals,
    ],
  );
  if (!row) throw new Error('indicator insert returned no row');
  await tx.query('INSERT INTO indicator_aim (indicator_id, aim_code) SELECT $1, unnest($2::text[])', [row.id, input.aimCodes]);
  return row.id;
}

/** Whether a code is taken for the area: by a national indicator or one of its own (case and spaces ignored). */
export async function indicatorCodeTaken(db: Queryable, code: string, areaCode: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM indicator WHERE upper(replace(code, ' ', '')) = upper(replace($1, ' ', '')) AND (area_code IS NULL OR area_code = $2)`,
    [code, areaCode],
  );
  return rows.length > 0;
}

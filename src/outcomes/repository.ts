import type { Queryable, Tx } from '../platform/db.js';
import { isDemoAreaSql } from './demo-places.js';
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
  /** Published confidence limits and note (Fingertips); absent from queries that do not need them. */
  ci95_lower?: number | null;
  ci95_upper?: number | null;
  ci998_lower?: number | null;
  ci998_upper?: number | null;
  value_note?: string | null;
}

const published = (lower: number | null | undefined, upper: number | null | undefined) =>
  lower === null || lower === undefined || upper === null || upper === undefined ? null : { lower, upper };

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
  ...(r.ci95_lower !== undefined && {
    published: { ci95: published(r.ci95_lower, r.ci95_upper), ci998: published(r.ci998_lower, r.ci998_upper), note: r.value_note ?? null },
  }),
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
            v.value::float8 AS value, v.status, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator,
            v.ci95_lower::float8 AS ci95_lower, v.ci95_upper::float8 AS ci95_upper, v.ci998_lower::float8 AS ci998_lower,
            v.ci998_upper::float8 AS ci998_upper, v.value_note
       FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
      WHERE v.indicator_id = $1 AND v.group_code = ANY ($2::text[]) AND v.area_code = ANY ($3::text[])
      ORDER BY v.period_start, v.period_kind, v.group_code, v.area_code`,
    [query.indicatorId, query.groups, query.areaCodes],
  );
  return rows.map(toObservation);
}

/**
 * Every area's value of one indicator for one period and group (for ranking against all areas): real
 * areas' for a real area, the demo's invented places' for the demo area (issue 15 item 5).
 */
export async function listValuesForPeriod(
  db: Queryable,
  indicatorId: string,
  periodLabel: string,
  group: GroupCode,
  askingArea: string,
): Promise<Observation[]> {
  const rows = await db.query<ValueRow>(
    `SELECT i.code AS indicator_code, v.area_code, v.group_code, v.period_label, v.period_kind, v.period_start::text AS period_start,
            v.value::float8 AS value, v.status, v.numerator::float8 AS numerator, v.denominator::float8 AS denominator,
            v.ci95_lower::float8 AS ci95_lower, v.ci95_upper::float8 AS ci95_upper, v.ci998_lower::float8 AS ci998_lower,
            v.ci998_upper::float8 AS ci998_upper, v.value_note
       FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id
      WHERE v.indicator_id = $1 AND v.group_code = $2 AND v.period_label = $3
        AND ${isDemoAreaSql('v.area_code')} = ${isDemoAreaSql('$4')}
      ORDER BY v.area_code`,
    [indicatorId, group, periodLabel, askingArea],
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

/**
 * A reference area's name as pages show it: an ended code says until when ("Northamptonshire (until
 * March 2021)"), so a predecessor's series is never taken for its successor's.
 */
const SHOWN_NAME = `CASE WHEN r.valid_to IS NULL THEN r.name ELSE r.name || ' (until ' || to_char(r.valid_to, 'FMMonth YYYY') || ')' END`;

/**
 * The area's comparator group: the areas it chose (comparator), in its order; else, when it chose
 * none, its statistical neighbours as DfE published them (statistical_neighbour), closest first.
 */
export async function listComparators(db: Queryable, areaCode: string): Promise<ReferenceArea[]> {
  return db.query<ReferenceArea>(
    `WITH chosen AS (SELECT comparator_code AS code, position FROM comparator WHERE area_code = $1),
          neighbours AS (SELECT neighbour_code AS code, position FROM statistical_neighbour
                          WHERE reference_area_code = $1 AND NOT EXISTS (SELECT 1 FROM chosen)),
          grouped AS (SELECT * FROM chosen UNION ALL SELECT * FROM neighbours)
     SELECT r.code, ${SHOWN_NAME} AS name, r.region, r.kind FROM grouped g JOIN reference_area r ON r.code = g.code
      ORDER BY g.position, r.name`,
    [areaCode],
  );
}

/** Where the area's comparator group comes from: its own choice, its statistical neighbours, or neither yet. */
export async function findComparatorSource(db: Queryable, areaCode: string): Promise<'chosen' | 'statistical neighbours' | 'none'> {
  const [row] = await db.query<{ chosen: boolean; neighbours: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM comparator WHERE area_code = $1) AS chosen,
            EXISTS (SELECT 1 FROM statistical_neighbour WHERE reference_area_code = $1) AS neighbours`,
    [areaCode],
  );
  return row?.chosen ? 'chosen' : row?.neighbours ? 'statistical neighbours' : 'none';
}

/** The region of an area: a reference area's own, or an installed area's by its region's name. */
export async function findRegionOf(db: Queryable, areaCode: string): Promise<ReferenceArea | undefined> {
  const [row] = await db.query<ReferenceArea>(
    `SELECT r.code, r.name, r.region, r.kind FROM reference_area r
      WHERE r.kind = 'region'
        AND (r.code = (SELECT region_code FROM reference_area WHERE code = $1)
             OR r.name = (SELECT region FROM area WHERE code = $1))
      ORDER BY r.code LIMIT 1`,
    [areaCode],
  );
  return row;
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

/**
 * England, the regions and every upper-tier authority of any era (ended ones say until when), by name
 * (England first), that the area may compare itself with: real places for a real area, the demo's
 * invented ones for the demo's (issue 15 item 5).
 */
export async function listReferenceAreas(db: Queryable, areaCode: string | null = null): Promise<ReferenceArea[]> {
  return db.query<ReferenceArea>(
    `SELECT r.code, ${SHOWN_NAME} AS name, r.region, r.kind FROM reference_area r
      WHERE r.is_demo = ${isDemoAreaSql('$1')}
      ORDER BY r.kind = 'country' DESC, r.name, r.valid_to NULLS LAST`,
    [areaCode],
  );
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

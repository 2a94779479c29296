import type { Queryable, Tx } from '../platform/db.js';
import { ENGLAND, type ReferenceArea } from './types.js';

/**
 * Real figures are never mixed with invented ones (issue 15 item 5). The demo's places (its area,
 * invented neighbours and "England (demo)") are reference areas marked `is_demo`, with codes no
 * real authority can have (migration 0040). An area is compared only with places of its own kind:
 * the demo area with its invented neighbours and England (demo), a real area with real ones and
 * England. And when real values of an indicator are imported, the invented ones of that indicator go.
 */

/** A place of the demo, as the demo adds it (its code in a range migration 0040 reserves). */
export interface DemoPlace {
  code: string;
  name: string;
  kind: ReferenceArea['kind'];
  region: string;
}

/** Adds the demo's places; one already there is left as it is. Run by the demo loader only. */
export async function addDemoPlaces(tx: Tx, places: readonly DemoPlace[]): Promise<void> {
  await tx.query(
    `INSERT INTO reference_area (code, name, kind, region, is_demo)
     SELECT p.code, p.name, p.kind, p.region, true
       FROM jsonb_to_recordset($1::jsonb) AS p (code text, name text, kind text, region text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(places)],
  );
}

/** SQL: whether the area whose code is the given parameter is a demo place (false for any other). */
export const isDemoAreaSql = (param: string): string => `coalesce((SELECT r.is_demo FROM reference_area r WHERE r.code = ${param}), false)`;

/**
 * The England an area is compared with: England (E92000001) for a real area, England (demo) for the
 * demo's. Real England when the demo has none (an older demo, or none loaded).
 */
export async function findEnglandFor(db: Queryable, areaCode: string): Promise<{ code: string; name: string }> {
  const [row] = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM reference_area
      WHERE kind = 'country' AND is_demo = ${isDemoAreaSql('$1')}
      ORDER BY code = $2 DESC, code LIMIT 1`,
    [areaCode, ENGLAND],
  );
  return row ?? { code: ENGLAND, name: 'England' };
}

/** What an import removed of the demo's invented values. */
export interface DemoValuesRemoved {
  values: number;
  /** Codes of the indicators whose invented values went, in order. */
  indicators: string[];
}

/**
 * Removes the invented values of every indicator this import brought real values for (values for
 * a place that is not the demo's). The import's own values are kept whatever place they name.
 * In the import's transaction, so a refused import removes nothing.
 */
export async function removeDemoValuesOfImport(tx: Tx, importId: string): Promise<DemoValuesRemoved> {
  const rows = await tx.query<{ code: string; n: number }>(
    // From the few indicators holding invented values, not from the import's values (640,000 of LAIT's: half a second):
    // each indicator's values for the demo's places, a probe of the version key (indicator, then area: ADR 0050) each.
    `WITH demo AS (SELECT code FROM reference_area WHERE is_demo),
     invented AS (
       SELECT i.id AS indicator_id FROM indicator i
        WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = i.id AND v.area_code = ANY (ARRAY(SELECT code FROM demo))
                         AND v.import_id IS DISTINCT FROM $1)),
     real_now AS (
       -- One probe per indicator (a lateral LIMIT 1, never a join): with the import's values not yet in the statistics,
       -- a semi-join read all of them once per indicator (200 s at 640,000 values, ADR 0051).
       SELECT d.indicator_id FROM invented d
        CROSS JOIN LATERAL (SELECT 1 FROM indicator_value v WHERE v.indicator_id = d.indicator_id AND v.import_id = $1
                              AND v.area_code NOT IN (SELECT code FROM demo) LIMIT 1) brought),
     removed AS (
       DELETE FROM indicator_value v USING real_now r
        WHERE v.indicator_id = r.indicator_id AND v.area_code IN (SELECT code FROM demo) AND v.import_id IS DISTINCT FROM $1
       RETURNING v.indicator_id)
     SELECT i.code, count(*)::int AS n FROM removed JOIN indicator i ON i.id = removed.indicator_id GROUP BY i.code ORDER BY i.code`,
    [importId],
  );
  return { values: rows.reduce((sum, r) => sum + r.n, 0), indicators: rows.map((r) => r.code) };
}

import type { Readable } from 'node:stream';
import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable, Tx } from '../../platform/db.js';
import { readOnspd, type OnspdRead, type PostcodeRow } from './onspd.js';
import type { Point } from './postcode.js';

/**
 * An area's postcode centroids (issue 17; ADR 0026): loaded from the ONS Postcode Directory the
 * council downloads (the product downloads nothing), on the settings page or with `ctp import
 * postcodes`, and read by the directory's search by distance. Owns `area_postcode`.
 *
 * Each file adds to what the area holds (an area spanning several postcode areas loads one file per
 * postcode area, as ONSPD's multi_csv folder gives them): its live postcodes are added or moved,
 * its terminated ones removed. All or nothing: a file with any fault changes nothing.
 */

export interface PostcodeLoadReport extends OnspdRead {
  status: 'loaded' | 'refused';
  file: string;
  /** Held postcodes the file's terminated ones removed. */
  removed: number;
  /** How many postcodes the area holds after the load. */
  held: number;
}

class Refused extends Error {}

async function writeBatch(tx: Tx, areaCode: string, at: Date, live: PostcodeRow[], terminated: string[]): Promise<number> {
  if (live.length > 0)
    await tx.query(
      `INSERT INTO area_postcode (area_code, postcode, latitude, longitude, local_authority_code, loaded_at)
       SELECT $1, p, lat, long, la, $6 FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::text[]) AS t (p, lat, long, la)
       ON CONFLICT (area_code, postcode) DO UPDATE
         SET latitude = excluded.latitude, longitude = excluded.longitude,
             local_authority_code = excluded.local_authority_code, loaded_at = excluded.loaded_at`,
      [
        areaCode,
        live.map((r) => r.postcode),
        live.map((r) => r.latitude),
        live.map((r) => r.longitude),
        live.map((r) => r.localAuthorityCode),
        at,
      ],
    );
  if (terminated.length === 0) return 0;
  const removed = await tx.query('DELETE FROM area_postcode WHERE area_code = $1 AND postcode = ANY ($2::text[]) RETURNING postcode', [
    areaCode,
    terminated,
  ]);
  return removed.length;
}

/** How many postcodes an area holds, and when it last loaded any. */
export async function postcodesHeld(db: Queryable, areaCode: string): Promise<{ count: number; loadedAt: Date | null }> {
  const [row] = await db.query<{ count: number; loaded_at: Date | null }>(
    'SELECT count(*)::int AS count, max(loaded_at) AS loaded_at FROM area_postcode WHERE area_code = $1',
    [areaCode],
  );
  return { count: row?.count ?? 0, loadedAt: row?.loaded_at ?? null };
}

/** Where each of these postcodes is, of those the area holds. */
export async function postcodePoints(db: Queryable, areaCode: string, postcodes: readonly string[]): Promise<Map<string, Point>> {
  if (postcodes.length === 0) return new Map();
  const rows = await db.query<{ postcode: string; latitude: number; longitude: number }>(
    `SELECT postcode, latitude::float8 AS latitude, longitude::float8 AS longitude
       FROM area_postcode WHERE area_code = $1 AND postcode = ANY ($2::text[])`,
    [areaCode, [...new Set(postcodes)]],
  );
  return new Map(rows.map((r) => [r.postcode, { latitude: r.latitude, longitude: r.longitude }]));
}

export function postcodeService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  return {
    held: (areaCode: string) => postcodesHeld(db, areaCode),

    /** Loads an ONSPD file (text or a file stream) into the area's postcodes; audited either way. */
    async load(
      by: { actor: Actor; ctx: RequestContext },
      areaCode: string,
      source: string | Readable,
      file: string,
    ): Promise<PostcodeLoadReport> {
      const at = clock.now();
      let removed = 0;
      let read: OnspdRead | undefined;
      try {
        await db.transaction(async (tx) => {
          read = await readOnspd(source, async (live, terminated) => {
            removed += await writeBatch(tx, areaCode, at, live, terminated);
          });
          if (read.faultSummary.total > 0) throw new Refused();
          const { count } = await postcodesHeld(tx, areaCode);
          await audit(tx, by.actor, by.ctx, {
            action: 'directory.postcodes_loaded',
            areaCode,
            details: { file, rows: read.rows, live: read.live, terminated: read.terminated, removed, noGridReference: read.noGridReference, held: count },
          });
        });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
      }
      if (!read) throw new Error('the ONSPD file was not read');
      const refused = read.faultSummary.total > 0;
      if (refused)
        await db.transaction((tx) =>
          audit(tx, by.actor, by.ctx, {
            action: 'directory.postcodes_loaded',
            outcome: 'failure',
            areaCode,
            details: { file, rows: read?.rows ?? 0, faults: read?.faultSummary.total ?? 0 },
          }),
        );
      return {
        ...read,
        status: refused ? 'refused' : 'loaded',
        file,
        removed: refused ? 0 : removed,
        held: (await postcodesHeld(db, areaCode)).count,
      };
    },
  };
}
export type PostcodeService = ReturnType<typeof postcodeService>;

import { sqlState, type Db, type Queryable, type Tx } from '../../platform/db.js';
import type { StagedRow } from './rows.js';

/**
 * The import's SQL: its child_import row (what a resumed run takes up), and the set-based writes of a
 * batch of staged rows (rows.ts, checkRow; docs/child-import-format.md): the batch is COPYed into a temporary
 * staging table, and a fixed number of statements classify and write it, whatever the batch size.
 * No statement runs once per row.
 *
 * Lookups into the index are written as LATERAL (... OFFSET 0) subqueries, and updates find their
 * rows with `id = ANY (ARRAY(...))`, so each is an index probe per row whatever the table statistics
 * say: during a bulk load they lag far behind, and a hash join would read the whole table per batch.
 */

export interface BatchResult {
  created: number;
  updated: number;
  matched: number;
  /** Rows the index refused: their UPN belongs to a child (or an earlier row) with another NHS number. */
  conflicts: { line: number; upn: string }[];
}

/** Serialises all imports into one area (a batch at a time, or a whole import: holdArea), so two never race to create the same child. */
const IMPORT_LOCK_CLASS = 7_401_003;

const COLUMNS = `n int, child_id uuid, name_id uuid, carer_id uuid, record_id uuid, probe boolean, line int, source text, source_id text, nhs text, upn text, given text, family text, dob date,
  gender text, a1 text, a2 text, town text, postcode text, school text, gp text, scope text, others jsonb,
  cname text, crel text, cphone text, cemail text`;

/** StagedRow's fields in the order of COLUMNS: the COPY of a batch sends them so. */
// prettier-ignore
const STAGED: readonly (keyof StagedRow)[] = [
  'n', 'child_id', 'name_id', 'carer_id', 'record_id', 'probe', 'line', 'source', 'source_id', 'nhs', 'upn', 'given', 'family', 'dob', 'gender', 'a1', 'a2', 'town', 'postcode',
  'school', 'gp', 'scope', 'others', 'cname', 'crel', 'cphone', 'cemail',
];
const STAGING_TARGET = `import_row (${STAGED.join(', ')})`;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** One value in COPY text format: backslash, tab and line breaks escaped; null is \N. */
function copyValue(value: StagedRow[keyof StagedRow]): string {
  if (value === null) return '\\N';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : text;
}

/** A staged row as one line of COPY text for writeBatch. */
export const copyLine = (row: StagedRow): string => `${STAGED.map((field) => copyValue(row[field])).join('\t')}\n`;

/**
 * Whether some row of the batch repeats an earlier row's source record, NHS number or UPN (most batches repeat
 * none): found as the batch is gathered (service.ts, StagedRows), where a statement's three distinct counts
 * cost about 2.4 s of the server's time a million rows.
 */
export type Repeats = Record<'sources' | 'nhs' | 'upns', boolean>;

/**
 * Which rows of a batch are looked up in the index: every row; only those marked `probe` (the rest are new: an import
 * into an area empty when it started, earlier.ts); or none (no row is marked).
 */
export type Lookups = 'every row' | 'marked rows' | 'none';

/**
 * Which existing or new child each row is, in the order of docs/child-import-format.md. Every row
 * starts as 'create' with a new id (copyLine); each step takes some of the rows still 'create' for
 * something else. A step about rows of the batch that share a value runs only if some do.
 */
const CLASSIFY: { when: (r: Repeats, lookups: Lookups) => boolean; sql: string }[] = [
  {
    // the same source row twice in the batch: the last one wins (the earlier ones count as updated)
    when: (r) => r.sources,
    sql: `UPDATE import_row r SET action = 'superseded', child_id = NULL
            FROM (SELECT n, row_number() OVER (PARTITION BY source, source_id ORDER BY n DESC) AS k FROM import_row) l
           WHERE r.n = l.n AND l.k > 1`,
  },
  {
    // The index, in one pass, by (1) the same source row seen before: that child is updated if the source
    // is the one that first brought the child (its basic data is that source's), else refreshed like a
    // match; else (2) an active child with the row's NHS number, else with its UPN unless their NHS numbers differ.
    when: (_, lookups) => lookups !== 'none',
    sql: `UPDATE import_row r
             SET action = CASE WHEN k.by_source IS NOT NULL THEN CASE WHEN k.first_source THEN 'update' ELSE 'refresh' END
                               WHEN k.by_nhs IS NOT NULL THEN 'match' WHEN r.nhs <> k.upn_nhs THEN 'conflict' ELSE 'match' END,
                 child_id = CASE WHEN k.by_source IS NOT NULL THEN k.by_source WHEN k.by_nhs IS NOT NULL THEN k.by_nhs
                                 WHEN r.nhs <> k.upn_nhs THEN NULL ELSE k.by_upn END
            FROM (SELECT q.n, s.child_id AS by_source, s.first_source, cn.id AS by_nhs, cu.id AS by_upn, cu.nhs_number AS upn_nhs
                    FROM import_row q
                    LEFT JOIN LATERAL (SELECT s.child_id, s.id = (SELECT f.id FROM child_source_record f WHERE f.child_id = s.child_id
                                                                   ORDER BY f.first_seen_at, f.id LIMIT 1) AS first_source
                                         FROM child_source_record s
                                        WHERE s.area_code = $1 AND s.source = q.source AND s.source_id = q.source_id OFFSET 0) s ON true
                    LEFT JOIN LATERAL (SELECT c.id FROM child c
                                        WHERE c.area_code = $1 AND c.nhs_number = q.nhs AND c.merged_into_id IS NULL OFFSET 0) cn ON true
                    LEFT JOIN LATERAL (SELECT c.id, c.nhs_number FROM child c
                                        WHERE c.area_code = $1 AND c.upn = q.upn AND c.merged_into_id IS NULL OFFSET 0) cu ON true
                   WHERE q.action = 'create' AND (q.probe OR $2)) k
           WHERE r.n = k.n AND (k.by_source IS NOT NULL OR k.by_nhs IS NOT NULL OR k.by_upn IS NOT NULL)`,
  },
  // (3) new children. Rows of one batch sharing an identifier are one child, created by the first of them:
  // a row whose UPN an earlier row has with another NHS number is refused ...
  {
    when: (r) => r.upns,
    sql: `UPDATE import_row r SET action = 'conflict', child_id = NULL
            FROM (SELECT n, min(nhs) OVER w AS lo, max(nhs) OVER w AS hi FROM import_row WHERE action = 'create' AND upn IS NOT NULL
                  WINDOW w AS (PARTITION BY upn ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) e
           WHERE r.n = e.n AND (e.lo <> r.nhs OR e.hi <> r.nhs)`,
  },
  // ... the others follow the first row with their NHS number, then with their UPN
  {
    when: (r) => r.nhs,
    sql: `UPDATE import_row r SET action = 'follow', follows = l.first
            FROM (SELECT nhs, min(n) AS first FROM import_row WHERE action = 'create' AND nhs IS NOT NULL GROUP BY nhs HAVING count(*) > 1) l
           WHERE r.action = 'create' AND r.nhs = l.nhs AND r.n > l.first`,
  },
  {
    when: (r) => r.upns,
    sql: `UPDATE import_row r SET action = 'follow', follows = l.first
            FROM (SELECT upn, min(n) AS first FROM import_row WHERE action = 'create' AND upn IS NOT NULL GROUP BY upn HAVING count(*) > 1) l
           WHERE r.action = 'create' AND r.upn = l.upn AND r.n > l.first`,
  },
  {
    when: (r) => r.nhs && r.upns,
    sql: `UPDATE import_row f SET follows = l.follows FROM import_row l WHERE f.follows = l.n AND l.action = 'follow'`,
  },
  {
    when: (r) => r.nhs || r.upns,
    sql: `UPDATE import_row f SET child_id = l.child_id FROM import_row l WHERE f.action = 'follow' AND l.n = f.follows`,
  },
];

type Has = Record<'create' | 'update' | 'linked', boolean>;

/** Sets an identifier from the rows that bring one, never to a value another active child holds. */
const fillIdentifier = (column: 'nhs_number' | 'upn', field: 'nhs' | 'upn') => `
  WITH proposed AS (
    SELECT r.n, r.child_id, r.${field} AS value, CASE WHEN r.action = 'update' THEN 0 ELSE 1 END AS priority
      FROM import_row r CROSS JOIN LATERAL (SELECT c.${column} FROM child c WHERE c.id = r.child_id OFFSET 0) c
     WHERE r.${field} IS NOT NULL AND c.${column} IS DISTINCT FROM r.${field}
       AND (r.action = 'update' OR (r.action IN ('match', 'follow', 'refresh') AND c.${column} IS NULL))
  ), per_child AS (SELECT DISTINCT ON (child_id) * FROM proposed ORDER BY child_id, priority, n DESC),
     per_value AS (SELECT DISTINCT ON (value) * FROM per_child ORDER BY value, priority, n DESC)
  UPDATE child c SET ${column} = p.value, version = c.version + 1, updated_at = now()
    FROM per_value p
   WHERE c.id = p.child_id AND c.id = ANY (ARRAY(SELECT child_id FROM per_value))
     AND NOT EXISTS (SELECT 1 FROM child o WHERE o.area_code = $1 AND o.${column} = p.value AND o.merged_into_id IS NULL OFFSET 0)`;

/** The last row of the batch for each updated child. */
const UPDATED = `SELECT DISTINCT ON (child_id) * FROM import_row WHERE action = 'update' ORDER BY child_id, n DESC`;
const NO_ADDRESS = `(c.address_line_1 || c.address_line_2 || c.town || c.postcode) = ''`;

/** The writes, each run only when the batch has rows it concerns. */
const WRITE: { when: (has: Has) => boolean; sql: string }[] = [
  {
    when: (has) => has.create,
    sql: `INSERT INTO child (id, area_code, nhs_number, upn, given_name, family_name, date_of_birth, gender, address_line_1,
            address_line_2, town, postcode, school, gp_practice, extended_scope)
          SELECT child_id, $1, nhs, upn, given, family, dob, coalesce(gender, 'unknown'), a1, a2, town, postcode, school, gp, scope
            FROM import_row WHERE action = 'create' ORDER BY n`,
  },
  {
    // a source's own record: its basic data where the row gives a value (an address as one block)
    when: (has) => has.update,
    sql: `WITH u AS (${UPDATED})
          UPDATE child c
             SET given_name = u.given, family_name = u.family, date_of_birth = u.dob, gender = coalesce(u.gender, c.gender),
                 address_line_1 = CASE WHEN (u.a1 || u.a2 || u.town || u.postcode) <> '' THEN u.a1 ELSE c.address_line_1 END,
                 address_line_2 = CASE WHEN (u.a1 || u.a2 || u.town || u.postcode) <> '' THEN u.a2 ELSE c.address_line_2 END,
                 town = CASE WHEN (u.a1 || u.a2 || u.town || u.postcode) <> '' THEN u.town ELSE c.town END,
                 postcode = CASE WHEN (u.a1 || u.a2 || u.town || u.postcode) <> '' THEN u.postcode ELSE c.postcode END,
                 school = coalesce(nullif(u.school, ''), c.school), gp_practice = coalesce(nullif(u.gp, ''), c.gp_practice),
                 extended_scope = coalesce(u.scope, c.extended_scope), version = c.version + 1, updated_at = now()
            FROM u
           WHERE c.id = u.child_id AND c.id = ANY (ARRAY(SELECT child_id FROM u))
             AND ((c.given_name, c.family_name, c.date_of_birth) IS DISTINCT FROM (u.given, u.family, u.dob)
               OR c.gender <> coalesce(u.gender, c.gender) OR c.school <> coalesce(nullif(u.school, ''), c.school)
               OR c.gp_practice <> coalesce(nullif(u.gp, ''), c.gp_practice) OR c.extended_scope IS DISTINCT FROM coalesce(u.scope, c.extended_scope)
               OR ((u.a1 || u.a2 || u.town || u.postcode) <> ''
                   AND (c.address_line_1, c.address_line_2, c.town, c.postcode) IS DISTINCT FROM (u.a1, u.a2, u.town, u.postcode)))`,
  },
  {
    // another source's row for a known child fills the blanks (an address only where there is none)
    when: (has) => has.linked,
    sql: `WITH m AS (SELECT DISTINCT ON (child_id) * FROM import_row WHERE action IN ('match', 'follow', 'refresh') ORDER BY child_id, n)
          UPDATE child c
             SET gender = CASE WHEN c.gender = 'unknown' THEN coalesce(m.gender, c.gender) ELSE c.gender END,
                 address_line_1 = CASE WHEN ${NO_ADDRESS} THEN m.a1 ELSE c.address_line_1 END,
                 address_line_2 = CASE WHEN ${NO_ADDRESS} THEN m.a2 ELSE c.address_line_2 END,
                 town = CASE WHEN ${NO_ADDRESS} THEN m.town ELSE c.town END,
                 postcode = CASE WHEN ${NO_ADDRESS} THEN m.postcode ELSE c.postcode END,
                 school = CASE WHEN c.school = '' THEN m.school ELSE c.school END,
                 gp_practice = CASE WHEN c.gp_practice = '' THEN m.gp ELSE c.gp_practice END,
                 extended_scope = coalesce(c.extended_scope, m.scope), version = c.version + 1, updated_at = now()
            FROM m
           WHERE c.id = m.child_id AND c.id = ANY (ARRAY(SELECT child_id FROM m))
             AND ((c.gender = 'unknown' AND coalesce(m.gender, 'unknown') <> 'unknown')
               OR (${NO_ADDRESS} AND (m.a1 || m.a2 || m.town || m.postcode) <> '')
               OR (c.school = '' AND m.school <> '') OR (c.gp_practice = '' AND m.gp <> '')
               OR (c.extended_scope IS NULL AND m.scope IS NOT NULL))`,
  },
  { when: (has) => has.update || has.linked, sql: fillIdentifier('nhs_number', 'nhs') },
  { when: (has) => has.update || has.linked, sql: fillIdentifier('upn', 'upn') },
  {
    // a changed current name becomes a previous one, as writes.updateChild does
    when: (has) => has.update,
    sql: `WITH u AS (${UPDATED})
          UPDATE child_name n SET kind = 'previous' FROM u
           WHERE n.child_id = u.child_id AND n.child_id = ANY (ARRAY(SELECT child_id FROM u)) AND n.kind = 'current' AND (n.given_name <> u.given OR n.family_name <> u.family)`,
  },
  {
    when: (has) => has.update,
    sql: `WITH u AS (${UPDATED})
          DELETE FROM child_name n USING u
           WHERE n.child_id = u.child_id AND n.child_id = ANY (ARRAY(SELECT child_id FROM u)) AND n.kind <> 'current' AND n.given_name = u.given AND n.family_name = u.family
             AND NOT EXISTS (SELECT 1 FROM child_name c WHERE c.child_id = u.child_id AND c.kind = 'current' OFFSET 0)`,
  },
  {
    when: (has) => has.create || has.update,
    sql: `INSERT INTO child_name (id, child_id, area_code, kind, given_name, family_name)
          SELECT name_id, child_id, $1, 'current', given, family FROM import_row WHERE action = 'create'
          UNION ALL
          SELECT u.name_id, u.child_id, $1, 'current', u.given, u.family FROM (${UPDATED}) u
           WHERE NOT EXISTS (SELECT 1 FROM child_name c WHERE c.child_id = u.child_id AND c.kind = 'current' OFFSET 0)`,
  },
  {
    // previous names from other_names; another source's spelling of a known child as an alternative name
    when: () => true,
    sql: `INSERT INTO child_name (child_id, area_code, kind, given_name, family_name)
          SELECT DISTINCT ON (x.child_id, x.given, x.family) x.child_id, $1, x.kind, x.given, x.family
            FROM (SELECT r.child_id, 'previous' AS kind, o.g AS given, o.f AS family, r.n, 1 AS priority
                    FROM import_row r CROSS JOIN LATERAL jsonb_to_recordset(r.others) AS o(g text, f text)
                   WHERE r.child_id IS NOT NULL AND r.others IS NOT NULL
                  UNION ALL
                  SELECT child_id, 'alternative', given, family, n, 0 FROM import_row WHERE action IN ('match', 'follow', 'refresh')) x
           WHERE NOT EXISTS (SELECT 1 FROM child_name e WHERE e.child_id = x.child_id AND e.given_name = x.given
                                AND e.family_name = x.family OFFSET 0)
           ORDER BY x.child_id, x.given, x.family, x.priority, x.n`,
  },
  {
    // a known carer's details: replaced by the same source's row, filled in by another source's
    when: (has) => has.update || has.linked,
    sql: `WITH k AS (SELECT DISTINCT ON (child_id, lower(cname)) * FROM import_row
                      WHERE action IN ('update', 'match', 'follow', 'refresh') AND cname IS NOT NULL ORDER BY child_id, lower(cname), n DESC),
          proposed AS (
            SELECT e.id, e.relationship AS old_relationship, e.phone AS old_phone, e.email AS old_email,
                   CASE WHEN k.crel <> '' AND (k.action = 'update' OR e.relationship = '') THEN k.crel ELSE e.relationship END AS relationship,
                   CASE WHEN k.cphone <> '' AND (k.action = 'update' OR e.phone = '') THEN k.cphone ELSE e.phone END AS phone,
                   CASE WHEN k.cemail <> '' AND (k.action = 'update' OR e.email = '') THEN k.cemail ELSE e.email END AS email
              FROM k CROSS JOIN LATERAL (SELECT * FROM carer e WHERE e.child_id = k.child_id AND lower(e.name) = lower(k.cname) OFFSET 0) e),
          changed AS MATERIALIZED (
            SELECT * FROM proposed WHERE (relationship, phone, email) IS DISTINCT FROM (old_relationship, old_phone, old_email))
          UPDATE carer e SET relationship = c.relationship, phone = c.phone, email = c.email FROM changed c
           WHERE e.id = c.id AND e.id = ANY (ARRAY(SELECT id FROM changed))`,
  },
  {
    when: () => true,
    sql: `INSERT INTO carer (id, child_id, area_code, name, relationship, phone, email)
          SELECT DISTINCT ON (child_id, lower(cname)) carer_id, child_id, $1, cname, crel, cphone, cemail FROM import_row r
           WHERE child_id IS NOT NULL AND cname IS NOT NULL
             AND (action = 'create'
               OR NOT EXISTS (SELECT 1 FROM carer e WHERE e.child_id = r.child_id AND lower(e.name) = lower(r.cname) OFFSET 0))
           ORDER BY child_id, lower(cname), n DESC`,
  },
  {
    when: (has) => has.create || has.linked,
    sql: `INSERT INTO child_source_record (id, area_code, source, source_id, child_id)
          SELECT record_id, $1, source, source_id, child_id FROM import_row WHERE action IN ('create', 'match', 'follow') ORDER BY n`,
  },
  {
    when: (has) => has.update || has.linked,
    sql: `UPDATE child_source_record s SET last_seen_at = now()
           WHERE s.id = ANY (ARRAY(SELECT s.id FROM import_row r CROSS JOIN LATERAL (SELECT s.id FROM child_source_record s
                                    WHERE s.area_code = $1 AND s.source = r.source AND s.source_id = r.source_id OFFSET 0) s
                                   WHERE r.action IN ('update', 'refresh')))`,
  },
];

/**
 * A batch written beside the one before it could not be sure of its outcome: it reached a child already in the
 * index, it was refused by a key or a deadlock the two batches made, or the batch before it failed. Its
 * transaction is rolled back, and it is written again once the batch before it has committed (service.ts).
 */
export class BatchRace extends Error {}

const RACE_CODES = new Set(['23505', '40P01']);
/** A unique violation or a deadlock: for a batch written beside another, a race; alone, a fault. */
export const isRaceError = (error: unknown): boolean => error instanceof BatchRace || RACE_CODES.has(sqlState(error) ?? '');

/**
 * Writes one batch inside the caller's transaction, opened by beginBatch. `rows`: StagedRows as lines of COPY text
 * (copyLine); `repeats`: whether some of them share a source record, an NHS number or a UPN; `lookups`: which rows
 * are looked up in the index. `onlyCreates`: the batch before it is still being written, so the batch may only create
 * children (what else a row does can depend on that batch): a row that reaches a child in the index throws BatchRace
 * before anything is written.
 */
export async function writeBatch(
  tx: Tx,
  areaCode: string,
  batch: OpenBatch,
  rows: Buffer,
  repeats: Repeats,
  lookups: Lookups,
  onlyCreates: boolean,
): Promise<BatchResult> {
  const query = (sql: string) =>
    tx.query(sql, sql.includes('$2') ? [areaCode, lookups === 'every row'] : sql.includes('$1') ? [areaCode] : []);
  // The staging tables stay for the connection's life, emptied at each commit: made once, not once a batch.
  if (!batch.staging) {
    await tx.query(`CREATE TEMP TABLE import_row (${COLUMNS}, action text NOT NULL DEFAULT 'create', follows int) ON COMMIT DELETE ROWS`);
    await tx.query('CREATE TEMP TABLE import_name_term (area_code text, part text, words text, sound text) ON COMMIT DELETE ROWS');
  }
  await tx.copyFrom(STAGING_TARGET, rows);
  for (const step of CLASSIFY) if (step.when(repeats, lookups)) await query(step.sql);
  const counts = await tx.query<{ action: string; n: number }>('SELECT action, count(*)::int AS n FROM import_row GROUP BY action');
  const count = (action: string) => counts.find((c) => c.action === action)?.n ?? 0;
  if (onlyCreates && counts.some((c) => c.action !== 'create')) throw new BatchRace('a row reaches a child the batch before may write');
  const has: Has = {
    create: count('create') > 0,
    update: count('update') > 0,
    linked: count('match') + count('follow') + count('refresh') > 0,
  };
  for (const step of WRITE) if (step.when(has)) await query(step.sql);
  const conflicts = count('conflict')
    ? await tx.query<{ line: number; upn: string }>(`SELECT line, upn FROM import_row WHERE action = 'conflict' ORDER BY n`)
    : [];
  return {
    created: count('create'),
    updated: count('update') + count('refresh') + count('superseded'),
    matched: count('match') + count('follow'),
    conflicts,
  };
}

/** What an import has done so far, as its child_import row counts it. */
export interface ImportJob {
  id: string;
  startedAt: Date;
  linesDone: number;
  created: number;
  updated: number;
  matched: number;
  queued: number;
  rejected: number;
}

/** Takes up the unfinished import of the same file into the area (locked), or creates one. */
export async function findOrCreateImport(tx: Tx, areaCode: string, fileName: string, sha256: string): Promise<ImportJob> {
  const [row] = await tx.query<{
    id: string;
    started_at: Date;
    lines_done: number;
    created: number;
    updated: number;
    matched: number;
    queued: number;
    rejected: number;
  }>(
    `WITH found AS (SELECT * FROM child_import WHERE area_code = $1 AND file_sha256 = $2 AND finished_at IS NULL FOR UPDATE),
          made AS (INSERT INTO child_import (area_code, file_name, file_sha256)
                   SELECT $1, $3, $2 WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING *)
     SELECT * FROM found UNION ALL SELECT * FROM made`,
    [areaCode, sha256, fileName],
  );
  if (!row) throw new Error('child_import row not created');
  return {
    id: row.id,
    startedAt: row.started_at,
    linesDone: row.lines_done,
    created: row.created,
    updated: row.updated,
    matched: row.matched,
    queued: row.queued,
    rejected: row.rejected,
  };
}

/**
 * Fresh planner statistics for the tables the lookups probe, once an import's first batch has committed. An area
 * the statistics have never seen is estimated at about no rows, and then any index led by the area looks as good
 * as another: a probe by (area, NHS number) took the postcode's index and read every child of the area for each
 * row, quadratic in the area's size (at 11 million children the second area's lookup pass stalled from its second
 * batch on). The bulk load runs as the tables' owner, who may analyse them.
 */
export async function refreshLookupStatistics(db: Queryable): Promise<void> {
  await db.query('ANALYZE child, child_name, child_source_record');
}

/** Whether the area holds no child, merged or not. */
export async function areaHasNoChild(db: Queryable, areaCode: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM child WHERE area_code = $1 LIMIT 1', [areaCode]);
  return rows.length === 0;
}

export async function areaExists(db: Queryable, areaCode: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM area WHERE code = $1', [areaCode]);
  return rows.length > 0;
}

/** A batch's transaction as beginBatch opened it: whether this connection has its staging table. */
export interface OpenBatch {
  staging: boolean;
}

/**
 * Where a batch stands in its import: the lines of the file done before it, and after it. A batch holds a lock on
 * the line where it ends for its whole transaction; the batch after it waits for that lock before it commits
 * (finishBatch), so batches written side by side still commit in the order of the file.
 */
export interface BatchLines {
  from: number;
  to: number;
}

/**
 * Opens a batch's transaction in one statement: takes the lock on the line where the batch ends (BatchLines); unless
 * batches are written side by side (`sideBySide`: the import holds its area for its whole run, holdArea), the area's
 * import lock, so batches of all imports into one area never race to create the same child; if they are, says the
 * batch adds its names' terms itself (finishBatch); and sets this transaction's planner settings. JIT compiling
 * costs these short statements far more than it saves. Joins are hash joins: every probe into the index is a
 * LATERAL subquery or an id = ANY (...) index scan, and a nested loop planned on stale statistics (a table loaded
 * minutes ago) would compare every row of a batch with every other. An unflushed batch lost in a server crash is
 * lost with its child_import.lines_done, so the resume redoes it.
 */
export async function beginBatch(tx: Tx, importId: string, areaCode: string, lines: BatchLines, sideBySide: boolean): Promise<OpenBatch> {
  const [current] = await tx.query<{ staging: boolean }>(
    `SELECT to_regclass('pg_temp.import_row') IS NOT NULL AS staging, pg_advisory_xact_lock(hashtext($1), $4),
            (SELECT pg_advisory_xact_lock($2, hashtext($3)) WHERE NOT $5), set_config('ctp.child_name_terms', CASE WHEN $5 THEN 'later' ELSE '' END, true),
            set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true),
            set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true)`,
    [importId, IMPORT_LOCK_CLASS, areaCode, lines.to, sideBySide],
  );
  return { staging: current?.staging ?? false };
}

/**
 * On a server, where a batch can be written while the one before it is (service.ts): holds the area's import lock
 * for the whole import, in a transaction of its own connection that does nothing else, so the import's batches need
 * not each take it. Another import into the area waits until this one has finished. Resolves once the lock is held,
 * with the call that lets it go.
 */
export async function holdArea(db: Db, areaCode: string): Promise<() => Promise<void>> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = (): void => undefined;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const lease = db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_LOCK_CLASS, areaCode]);
    held();
    await released;
  });
  await Promise.race([holding, lease]);
  return async () => {
    release();
    await lease;
  };
}

/**
 * The names in use (child_name_term) a batch's names brought, noted by child_name_terms_add() in the batch's
 * import_name_term (migration 0069) and added once the batch before has committed, so that two batches of an import
 * never wait for each other's new names.
 */
const ADD_NAME_TERMS = `INSERT INTO child_name_term (area_code, part, words, sound)
  SELECT DISTINCT area_code, part, words, sound FROM import_name_term ORDER BY area_code, part, words, sound ON CONFLICT DO NOTHING`;

/**
 * Counts a batch and moves the resume point past it, once the batch before it has committed: waits for the lock on
 * the line where this batch starts (beginBatch), then moves the point only from there. False when the point is
 * elsewhere: the batch before failed, or another run of the import moved it. `addTerms`: the batch was written side
 * by side and wrote names, whose terms it adds now.
 */
export async function finishBatch(
  tx: Tx,
  importId: string,
  lines: BatchLines,
  counts: { created: number; updated: number; matched: number; rejected: number },
  addTerms: boolean,
): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [importId, lines.from]);
  const moved = await tx.query(
    `UPDATE child_import SET lines_done = $2, created = created + $3, updated = updated + $4, matched = matched + $5,
       rejected = rejected + $6 WHERE id = $1 AND lines_done = $7 RETURNING 1`,
    [importId, lines.to, counts.created, counts.updated, counts.matched, counts.rejected, lines.from],
  );
  if (moved.length > 0 && addTerms) await tx.query(ADD_NAME_TERMS);
  return moved.length > 0;
}

export async function markImportFinished(tx: Tx, importId: string, queued: number): Promise<void> {
  await tx.query('UPDATE child_import SET finished_at = now(), queued = queued + $2 WHERE id = $1', [importId, queued]);
}

/** Counts pairs a part of the duplicate pass queued, in the transaction that queued them (service.ts). */
export async function countQueued(tx: Tx, importId: string, queued: number): Promise<void> {
  await tx.query('UPDATE child_import SET queued = queued + $2 WHERE id = $1', [importId, queued]);
}

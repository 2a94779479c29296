import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { ConfigError } from './config.js';
import type { Db, Queryable } from './db.js';
import { applyMigration, readMigrations, SCHEMA_MIGRATION_TABLE, type Migration } from './migrate.js';

/**
 * Backups are gzip-compressed JSON lines: a header naming the schema (migrations and their
 * checksums), then each table's rows as PostgreSQL's own to_jsonb gives them, so every value
 * (timestamps to the microsecond, jsonb, the audit hashes) comes back exactly.
 */
const FORMAT = 'ctp-backup';
const VERSION = 1;
const BATCH = 1000;

/** Table and column names come only from the system catalog, never from input; quoted all the same. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface TableInfo {
  name: string;
  primaryKey: string;
  identityColumns: string[];
  /** Columns a restore writes: all but generated ones, which PostgreSQL computes again. */
  storedColumns: string[];
}

/** Domain tables in an order where every foreign key points at a table earlier in the list. */
export async function tablesInDependencyOrder(db: Queryable): Promise<TableInfo[]> {
  const tables = await db.query<{ name: string; pk: string | null; identity: string[] | null; stored: string[] }>(
    `SELECT c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS stored,
            (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
            (SELECT array_agg(a.attname::text) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attidentity <> '' AND NOT a.attisdropped) AS identity
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migration'
      ORDER BY c.relname`,
  );
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname
     UNION
     -- A reference checked by a statement-level trigger instead of a foreign key (ADR 0031) names the
     -- tables it refers to in the trigger's comment: 'References: a, b. ...'.
     SELECT DISTINCT c.relname, btrim(parent)
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
            regexp_split_to_table(substring(obj_description(t.oid, 'pg_trigger') FROM '^References: ([a-z0-9_, ]+)[.]'), ',') AS parent
      WHERE n.nspname = 'public' AND NOT t.tgisinternal AND c.relname <> btrim(parent)`,
  );
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t.name) && edges.every((e) => e.child !== t.name || placed.has(e.parent)));
    if (ready.length === 0) throw new Error('circular foreign keys between tables');
    for (const t of ready) {
      if (!t.pk) throw new Error(`table ${t.name} has no primary key`);
      ordered.push({ name: t.name, primaryKey: t.pk, identityColumns: t.identity ?? [], storedColumns: t.stored });
      placed.add(t.name);
    }
  }
  return ordered;
}

/** Writes the backup from one consistent snapshot (a repeatable-read transaction, read by cursors). */
export async function backup(db: Db, file: string): Promise<Record<string, number>> {
  const temp = `${file}.partial`;
  const gzip = zlib.createGzip();
  // A backup holds every child's record: readable by its owner only (issue 11 §8).
  const done = pipeline(gzip, fs.createWriteStream(temp, { mode: 0o600 }));
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  const counts: Record<string, number> = {};
  try {
    await db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const migrations = await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration ORDER BY name');
      await write({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), migrations });
      for (const table of await tablesInDependencyOrder(tx)) {
        await write({ table: table.name });
        counts[table.name] = 0;
        await tx.exec(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t) AS r FROM ${ident(table.name)} t ORDER BY t.${ident(table.primaryKey)}`,
        );
        for (;;) {
          const rows = await tx.query<{ r: Record<string, unknown> }>(`FETCH ${BATCH} FROM backup_rows`);
          for (const row of rows) await write({ r: row.r });
          counts[table.name] = (counts[table.name] ?? 0) + rows.length;
          if (rows.length < BATCH) break;
        }
        await tx.exec('CLOSE backup_rows');
      }
      await write({ end: true, counts });
    });
    gzip.end();
    await done;
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.renameSync(temp, file);
  return counts;
}

/** The end marker's row counts must be what was read: a cut or edited backup is refused (issue 11 §8). */
function assertCountsMatch(file: string, expected: Record<string, number> | undefined, read: Record<string, number>): void {
  if (!expected || typeof expected !== 'object') throw new ConfigError(`${file} has no row counts in its end marker: nothing was restored`);
  const tables = new Set([...Object.keys(expected), ...Object.keys(read)]);
  const wrong = [...tables].filter((t) => (expected[t] ?? 0) !== (read[t] ?? 0));
  if (wrong.length > 0) {
    const detail = wrong.map((t) => `${t}: ${read[t] ?? 0} rows, the end marker says ${expected[t] ?? 0}`).join('; ');
    throw new ConfigError(
      `${file} does not hold the rows its end marker counts (${detail}): it was cut or edited, and nothing was restored`,
    );
  }
}

function sameSchema(inFile: { name: string; checksum: string }[], onDisk: Migration[]): boolean {
  return inFile.length === onDisk.length && inFile.every((m, i) => m.name === onDisk[i]?.name && m.checksum === onDisk[i]?.checksum);
}

/**
 * Replaces the whole database with the backup, in one transaction: if anything fails, the
 * database is as it was. Runs as the schema owner (not the application role).
 */
export async function restore(db: Db, file: string): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new ConfigError(`Backup file ${file} does not exist`);
  const migrations = readMigrations();
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    type Header = { format?: string; version?: number; migrations?: { name: string; checksum: string }[] };
    let header: Header | undefined;
    let table: string | undefined;
    let batch: unknown[] = [];
    let ended = false;
    let columnsOf = new Map<string, string>();
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const columns = columnsOf.get(table);
      if (!columns) throw new ConfigError(`${file} holds a table ${table} that this schema does not have`);
      await tx.query(
        `INSERT INTO ${ident(table)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb)`,
        [JSON.stringify(batch)],
      );
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    // Created only now, inside the transaction: readline drops lines emitted before iteration starts.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      const item = JSON.parse(line) as { table?: string; r?: unknown; end?: boolean; counts?: Record<string, number>; format?: string };
      if (ended) throw new ConfigError(`${file} has data after its end marker: nothing was restored`);
      if (!header) {
        header = item as Header;
        if (header.format !== FORMAT || header.version !== VERSION)
          throw new ConfigError(`${file} is not a ctp backup (version ${VERSION})`);
        if (!sameSchema(header.migrations ?? [], migrations)) {
          throw new ConfigError(`${file} was made with a different schema version: restore it with the release that made it`);
        }
        await tx.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await tx.exec(SCHEMA_MIGRATION_TABLE);
        for (const migration of migrations) await applyMigration(tx, migration);
        const tables = await tablesInDependencyOrder(tx);
        // Migrations may seed reference data (0005: outcomes, aims, areas, indicators); the backup holds those rows too.
        for (const t of [...tables].reverse()) await tx.exec(`DELETE FROM ${ident(t.name)}`);
        columnsOf = new Map(tables.map((t) => [t.name, t.storedColumns.map(ident).join(', ')]));
        continue;
      }
      if (item.table) {
        await flush();
        table = item.table;
      } else if (item.r) {
        batch.push(item.r);
        if (batch.length >= BATCH) await flush();
      } else if (item.end) {
        await flush();
        assertCountsMatch(file, item.counts, counts);
        ended = true;
      }
    }
    if (!ended) throw new ConfigError(`${file} is incomplete (no end marker): nothing was restored`);
    for (const t of await tablesInDependencyOrder(tx)) {
      for (const column of t.identityColumns) {
        await tx.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${ident(column)}) FROM ${ident(t.name)}), 1), (SELECT count(*) > 0 FROM ${ident(t.name)}))`,
          [t.name, column],
        );
      }
    }
  });
  return counts;
}

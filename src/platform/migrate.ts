import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAuditKey } from './audit.js';
import { rekeyLegacyAudit } from './audit-rekey.js';
import { ConfigError, type Config } from './config.js';
import { openDb, type Db, type Tx } from './db.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Runs one migration's SQL and records it, inside the caller's transaction. */
export async function applyMigration(tx: Tx, migration: Migration): Promise<void> {
  await tx.exec(migration.sql);
  await tx.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
}

export const SCHEMA_MIGRATION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migration (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Any number fits; this one marks the migration lock. */
const MIGRATION_LOCK = 7_401_001;

/**
 * Applies pending migrations in order, each in its own transaction, recording its checksum.
 * A migration that changed after it was applied stops everything: migrations are frozen.
 */
export async function migrate(
  db: Db,
  migrations: Migration[] = readMigrations(),
  progress: (message: string) => void = () => undefined,
): Promise<MigrationResult> {
  await db.exec(SCHEMA_MIGRATION_TABLE);
  const appliedBefore = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
  const pending = migrations.filter((m) => !appliedBefore.has(m.name)).length;
  if (pending > 0) progress(`migrating the database: ${pending} of ${migrations.length} migrations to apply`);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [existing] = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migration WHERE name = $1', [migration.name]);
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new ConfigError(
            `Migration ${migration.name} has changed since it was applied (checksum ${existing.checksum.slice(0, 12)} in the database, ${migration.checksum.slice(0, 12)} on disk). Applied migrations are frozen: restore the file and add a new migration instead.`,
          );
        }
        return false;
      }
      await applyMigration(tx, migration);
      return true;
    });
    if (done) applied.push(migration.name);
    else alreadyApplied += 1;
  }
  return { applied, alreadyApplied };
}

/** The role the application acts as: it may only read and append to the audit trail (0001). */
export const APP_ROLE = 'ctp_app';

/**
 * Opens the database and brings the schema up to date; then `ownerWork` (loading the demo, say)
 * runs as the schema owner, and the connection switches to the application role.
 */
export async function openMigratedDb(
  config: Config,
  ownerWork?: (db: Db) => Promise<void>,
  progress?: (message: string) => void,
): Promise<Db> {
  progress?.(config.databaseUrl ? 'opening the database (PostgreSQL server)' : `opening the embedded database in ${config.dataDir}`);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(db, undefined, progress);
    await prepareAuditTrail(db, config.auditKey, applied.some(isAuditKeyMigration));
    if (ownerWork) await ownerWork(db);
    await db.useAppRole(APP_ROLE);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** The migration that brought the audit key (0009): entries older than it are re-keyed once, as it is applied. */
export const isAuditKeyMigration = (name: string): boolean => name.startsWith('0009_');

/**
 * Gives this process the audit key and, in the run that applies migration 0009, re-keys the entries
 * written before it (ADR 0004). Only then: a later start must never sign unkeyed entries, or someone
 * with the database alone could truncate the trail, write plain entries and wait for a restart to
 * launder them. Runs as the schema owner, before the application writes.
 */
export async function prepareAuditTrail(owner: Db, auditKey: string, upgrading: boolean): Promise<void> {
  useAuditKey(auditKey);
  if (!upgrading) return;
  const { rekeyed, brokenChains } = await rekeyLegacyAudit(owner, auditKey);
  if (rekeyed > 0 || brokenChains.length > 0) {
    const broken = brokenChains.length ? `; chain(s) ${brokenChains.join(', ')} were already broken and stay so: run ctp audit verify` : '';
    process.stderr.write(`ctp: re-keyed ${rekeyed} audit entries written before AUDIT_KEY${broken}\n`);
  }
}

/** Fresh planner statistics after a bulk load (PGlite has no autovacuum to gather them). */
export async function refreshStatistics(db: Db): Promise<void> {
  await db.exec('ANALYZE child; ANALYZE child_name; ANALYZE child_name_term; ANALYZE involvement; ANALYZE carer; ANALYZE child_source_record;');
}

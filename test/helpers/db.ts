import fs from 'node:fs';
import { inject } from 'vitest';
import { useAuditKey } from '../../src/platform/audit.js';
import { DEMO_SECRETS } from '../../src/platform/config.js';
import { openDb, type Db } from '../../src/platform/db.js';
import { APP_ROLE } from '../../src/server.js';
import { asAdmin, databaseName, databaseUrl } from './pg-admin.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (as CI does). `db` acts as the application role.
 * Each is a copy of the one database test/helpers/global-setup.ts migrated for the whole run.
 */
export interface TestDb {
  db: Db;
  /** The connection string of the test database, when on PostgreSQL. */
  url: string | undefined;
  /** Runs fn as the schema owner (for tampering with the audit trail, restore, and the like). */
  asOwner<T>(fn: (owner: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  // The test configuration's key (testConfig leaves AUDIT_KEY unset, so it is the demo value).
  useAuditKey(DEMO_SECRETS.auditKey);
  const base = process.env.DATABASE_URL;
  if (!base) {
    const db = await openDb({ databaseUrl: undefined, dataDir: 'memory://', loadDataDir: await migratedDataDir() });
    await db.useAppRole(APP_ROLE);
    return {
      db,
      url: undefined,
      async asOwner(fn) {
        await db.exec('RESET ROLE');
        try {
          return await fn(db);
        } finally {
          await db.useAppRole(APP_ROLE);
        }
      },
      close: () => db.close(),
    };
  }
  const name = databaseName('ctp_test');
  await asAdmin(base, `CREATE DATABASE ${name} TEMPLATE ${migratedTemplate()}`);
  const url = databaseUrl(base, name);
  const owner = await openDb({ databaseUrl: url, dataDir: '' });
  const db = await openDb({ databaseUrl: url, dataDir: '' });
  await db.useAppRole(APP_ROLE);
  return {
    db,
    url,
    asOwner: (fn) => fn(owner),
    async close() {
      await db.close();
      await owner.close();
      await asAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

let dataDir: Promise<Blob> | undefined;
/** The migrated embedded database's files, read once per test file. */
function migratedDataDir(): Promise<Blob> {
  const file = inject('migratedDataDir');
  if (!file) throw new Error('no migrated database: run the tests through vitest.config.ts (its globalSetup makes one)');
  return (dataDir ??= fs.promises.readFile(file).then((bytes) => new Blob([new Uint8Array(bytes)])));
}

function migratedTemplate(): string {
  const name = inject('migratedTemplate');
  if (!/^ctp_template_[0-9a-f]+$/.test(name))
    throw new Error('no migrated template database: run the tests through vitest.config.ts (its globalSetup makes one)');
  return name;
}

/**
 * An empty database with no migrations applied, for testing a migration on the rows before it:
 * in-memory PGlite, or a new database on the PostgreSQL server named by DATABASE_URL. Acts as the owner.
 */
export async function createEmptyDb(): Promise<{ db: Db; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const db = await openDb({ databaseUrl: undefined, dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const name = databaseName('ctp_test');
  await asAdmin(base, `CREATE DATABASE ${name}`);
  const db = await openDb({ databaseUrl: databaseUrl(base, name), dataDir: '' });
  return {
    db,
    async drop() {
      await db.close();
      await asAdmin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

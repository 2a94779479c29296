import crypto from 'node:crypto';
import pg from 'pg';

/**
 * Databases on the PostgreSQL server the tests run against (DATABASE_URL): made, copied and dropped
 * as its superuser, one statement on a connection of its own. Used by the run's set-up
 * (global-setup.ts), each file's database (db.ts) and the browser tests' demo (browser/demo-copy.ts).
 */

/** Runs one statement (CREATE or DROP DATABASE, which take no parameters) on the server of baseUrl. */
export async function asAdmin(baseUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The connection string of the database `name` on the server of baseUrl. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh name for a database of the tests: the prefix and twelve hexadecimal digits. */
export const databaseName = (prefix: 'ctp_test' | 'ctp_template' | 'ctp_demo'): string =>
  `${prefix}_${crypto.randomBytes(6).toString('hex')}`;

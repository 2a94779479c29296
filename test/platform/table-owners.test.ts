import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';

const SRC = path.resolve(import.meta.dirname, '../../src');
const FEATURES = fs
  .readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

// style.md: every table has one owning feature, said in its COMMENT ON TABLE; only the owner's SQL writes it.
describe('table owners', () => {
  it('names, for every table of the migrated schema, one owning feature that is a folder of src/', async () => {
    const tables = await t.db.query<{ name: string; comment: string | null }>(
      `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname`,
    );
    expect(tables.length).toBeGreaterThan(40);
    const wrong = tables
      .map(({ name, comment }) => ({ name, owner: /^Owner: ([a-z]+)\. \S/.exec(comment ?? '')?.[1] }))
      .filter(({ owner }) => owner === undefined || !FEATURES.includes(owner));
    expect(wrong).toEqual([]);
  });

  it('gives partnership the area and its organisations, and the platform the settings', async () => {
    const rows = await t.db.query<{ name: string; comment: string }>(
      `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c
        WHERE c.relname = ANY ($1::text[]) ORDER BY c.relname`,
      [['area', 'area_setting', 'organisation']],
    );
    expect(rows.map((r) => [r.name, r.comment.split('.')[0]])).toEqual([
      ['area', 'Owner: partnership'],
      ['area_setting', 'Owner: platform'],
      ['organisation', 'Owner: partnership'],
    ]);
  });
});

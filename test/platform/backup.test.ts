import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { verifyAuditTrail } from '../../src/platform/audit.js';
import { backup, restore, tablesInDependencyOrder } from '../../src/platform/backup.js';
import type { Db } from '../../src/platform/db.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildUser } from '../helpers/factories.js';

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-backup-'));
  await loadDemo(t.testDb.db, t.config);
  // Some activity, so sessions and audit entries exist too.
  const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: 'E10000099' });
  const agent = await signIn(t.app, user);
  await agent.get('/areas/E10000099');
  await new Agent(t.app).get('/sign-in');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table, as PostgreSQL renders it. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of await tablesInDependencyOrder(db)) {
    const quoted = `"${table.name}"`;
    result[table.name] = (
      await db.query<{ r: unknown }>(
        // Ties on the key's first column (composite keys) are ordered by the whole row, so the order is the same after a restore.
        `SELECT to_jsonb(t) AS r FROM ${quoted} t ORDER BY t."${table.primaryKey}", to_jsonb(t)::text`,
      )
    ).map((row) => row.r);
  }
  return result;
}

describe('backup and restore', () => {
  it('round-trips everything, audit chain included, after a wipe', async () => {
    const file = path.join(dir, 'all.ctpbackup');
    const before = await t.testDb.asOwner(snapshot);
    const counts = await t.testDb.asOwner((db) => backup(db, file));
    expect(counts.audit_event).toBeGreaterThanOrEqual(3);
    expect(counts.app_user).toBe(before.app_user?.length);

    await t.testDb.asOwner((db) => db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
    await t.testDb.asOwner((db) => restore(db, file));

    expect(await t.testDb.asOwner(snapshot)).toEqual(before);
    expect(await verifyAuditTrail(t.testDb.db)).toMatchObject({ ok: true, checked: before.audit_event?.length });
    // New entries continue the restored chain and the identity sequence.
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    await visitor.post('/sign-in', { email: 'nobody@test.example', password: 'whatever-it-is-1' });
    expect((await verifyAuditTrail(t.testDb.db)).ok).toBe(true);
  }, 180_000);

  it('refuses a truncated backup and leaves the database as it was', async () => {
    const file = path.join(dir, 'good.ctpbackup');
    await t.testDb.asOwner((db) => backup(db, file));
    const before = await t.testDb.asOwner(snapshot);
    const zlib = await import('node:zlib');
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const truncated = path.join(dir, 'truncated.ctpbackup');
    fs.writeFileSync(truncated, zlib.gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await expect(t.testDb.asOwner((db) => restore(db, truncated))).rejects.toThrow(/incomplete/);
    expect(await t.testDb.asOwner(snapshot)).toEqual(before);
  }, 180_000);
});

// Issue 11 §8: a backup is the owner's alone, and one whose rows do not match its end marker is refused.
describe('backup integrity', () => {
  it('writes the backup readable by its owner only', async () => {
    const file = path.join(dir, 'private.ctpbackup');
    await t.testDb.asOwner((db) => backup(db, file));
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses a backup with rows removed or added behind its end marker, changing nothing', async () => {
    const zlib = await import('node:zlib');
    const file = path.join(dir, 'counted.ctpbackup');
    await t.testDb.asOwner((db) => backup(db, file));
    const before = await t.testDb.asOwner(snapshot);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    // The last row of the last table: nothing refers to it, so only the counts can tell it is gone.
    const lastRow = lines.findLastIndex((l) => l.startsWith('{"r":'));
    const end = lines.findIndex((l) => l.startsWith('{"end":'));
    const marker = JSON.parse(lines[end] ?? '{}') as { end: true; counts: Record<string, number> };
    const inflated = JSON.stringify({ ...marker, counts: { ...marker.counts, app_user: (marker.counts.app_user ?? 0) + 1 } });
    const edits: [string, string[]][] = [
      ['one row removed', lines.filter((_, i) => i !== lastRow)],
      ['counts edited', lines.map((l, i) => (i === end ? inflated : l))],
    ];
    for (const [label, edited] of edits) {
      const bad = path.join(dir, `${label.replace(/ /g, '-')}.ctpbackup`);
      fs.writeFileSync(bad, zlib.gzipSync(edited.join('\n')));
      await expect(
        t.testDb.asOwner((db) => restore(db, bad)),
        label,
      ).rejects.toThrow(
        /does not hold the rows its end marker counts \(\w+: \d+ rows, the end marker says \d+\): it was cut or edited, and nothing was restored/,
      );
      expect(await t.testDb.asOwner(snapshot)).toEqual(before);
    }
    // Two refused restores of the whole demo, each checked against a snapshot: 74 s on the embedded engine at load 11.
  }, 180_000);
});

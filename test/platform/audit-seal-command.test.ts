import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit, useAuditKey, verifyAuditTrail, type Actor } from '../../src/platform/audit.js';
import { DEMO_SECRETS } from '../../src/platform/config.js';
import { openDb, type Db } from '../../src/platform/db.js';
import { ctp } from '../helpers/ctp.js';
import { createTestDb } from '../helpers/db.js';
import { buildArea } from '../helpers/factories.js';

/**
 * ADR 0042: entries a server wrote but never sealed (it crashed between a commit and its sealer's
 * round) are sealed by the operator's `ctp audit seal`, which says how many went into each chain.
 * On the embedded database through a data folder; on PostgreSQL through a database of the test run.
 */
const ctx = { ip: 'local', userAgent: 'test', requestId: 'seal-cmd' };
const actor = (areaCode: string | null): Actor => ({ userId: null, label: 'crashed server', role: null, areaCode });
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A database the `ctp` process can open too, its environment, and how to close it. */
async function sharedDatabase(): Promise<{ db: Db; env: Record<string, string>; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const t = await createTestDb();
    return { db: t.db, env: { DATABASE_URL: t.url ?? '' }, close: () => t.close() };
  }
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-seal-')), 'data');
  dirs.push(path.dirname(dataDir));
  const env = { DATA_DIR: dataDir };
  expect((await ctp(['migrate'], env)).code).toBe(0);
  useAuditKey(DEMO_SECRETS.auditKey);
  const db = await openDb({ databaseUrl: undefined, dataDir });
  return { db, env, close: () => db.close() };
}

describe('ctp audit seal', () => {
  it('seals every pending entry, says how many per chain, and a second run finds nothing', async () => {
    const { db, env, close } = await sharedDatabase();
    let first = '';
    let second = '';
    try {
      const areas = [await buildArea(db), await buildArea(db)].sort();
      [first, second] = [areas[0] ?? '', areas[1] ?? ''];
      const write = (areaCode: string | null, action: string) => db.transaction((tx) => recordAudit(tx, actor(areaCode), ctx, { action }));
      for (const step of ['a', 'b', 'c']) await write(first, `test.${step}`);
      await write(second, 'test.d');
      await write(null, 'test.e');
      await write(null, 'test.f');
      expect((await verifyAuditTrail(db)).unsealed.count).toBe(6);
    } finally {
      // The embedded folder is held by one process at a time: let `ctp` have it.
      if (!process.env.DATABASE_URL) await close();
    }

    const sealed = await ctp(['audit', 'seal'], env);
    expect(sealed).toMatchObject({ code: 0, stderr: '' });
    expect(sealed.stdout.trim().split('\n')).toEqual([
      'Sealed 6 audit entries into 3 chain(s):',
      `  area ${first}: 3 entries`,
      `  area ${second}: 1 entry`,
      '  system (no area): 2 entries',
    ]);
    const again = await ctp(['audit', 'seal'], env);
    expect(again).toMatchObject({ code: 0, stdout: 'Nothing to seal: every committed audit entry is already sealed into its chain.\n' });

    const verified = await ctp(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).not.toMatch(/not sealed/);
    if (process.env.DATABASE_URL) await close();
  }, 300_000);

  it('is in the help beside verify', async () => {
    const help = await ctp(['audit', '--help']);
    expect(help.stdout).toMatch(/verify \[options\]/);
    expect(help.stdout).toMatch(/seal\s+Seal every committed audit entry not yet chained/);
  });
});

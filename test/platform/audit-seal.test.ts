import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, recordAudit, verifyAuditTrail, type Actor, type StoredAuditEvent } from '../../src/platform/audit.js';
import { takeCheckpoint } from '../../src/platform/audit-checkpoint.js';
import { sealAuditEntries } from '../../src/platform/audit-seal.js';
import { DEMO_SECRETS } from '../../src/platform/config.js';
import { tamperWithTrail } from '../helpers/audit-tamper.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Issue 19 §4 (ADR 0042): entries are written with no lock and sealed into their chain after they
 * commit, in the order they became final; what `verify` proves is unchanged.
 */
const ctx = { ip: '192.0.2.1', userAgent: 'test', requestId: 'req-seal' };
const actor = (areaCode: string | null): Actor => ({ userId: null, label: 'tester@test.example', role: 'auditor', areaCode });
const onServer = Boolean(process.env.DATABASE_URL);

let t: TestDb;
let area: string;
const write = (action: string) => t.db.transaction((tx) => recordAudit(tx, actor(area), ctx, { action }));
const tamper = (sql: string, params: unknown[] = []) => tamperWithTrail(t, sql, params);

beforeAll(async () => {
  t = await createTestDb();
  area = await buildArea(t.db);
});
afterAll(async () => t?.close());

describe('sealing', () => {
  it('continues a chain written before seals from its newest in-row entry, and sees that entry removed', async () => {
    for (const step of ['a', 'b', 'c']) await write(`inrow.${step}`);
    // As entries written before migration 0067 look: each holds its predecessor's keyed hash.
    await t.asOwner(async (owner) => {
      await owner.exec('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      let prev = GENESIS_HASH;
      for (const row of await owner.query<StoredAuditEvent>('SELECT * FROM audit_event WHERE chain = $1 ORDER BY seq', [area])) {
        const hash = auditHash({ ...row, prev_hash: prev }, DEMO_SECRETS.auditKey);
        await owner.query('UPDATE audit_event SET prev_hash = $1, hash = $2, xact_id = NULL WHERE seq = $3', [prev, hash, row.seq]);
        prev = hash;
      }
      await owner.exec('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });
    await write('sealed.a');
    await write('sealed.b');
    expect(await sealAuditEntries(t.db)).toBe(2);
    const [first] = await t.db.query<{ prev_hash: string; position: number }>(
      'SELECT prev_hash, position FROM audit_seal WHERE chain = $1 ORDER BY position LIMIT 1',
      [area],
    );
    const [inRowTip] = await t.db.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_event WHERE chain = $1 AND prev_hash IS NOT NULL ORDER BY seq DESC LIMIT 1',
      [area],
    );
    expect(first).toEqual({ prev_hash: inRowTip?.hash, position: 1 });
    const verified = await verifyAuditTrail(t.db);
    expect(verified).toMatchObject({ ok: true, checked: 5, unsealed: { count: 0 } });
    expect(verified.heads).toEqual([expect.objectContaining({ chain: area, entries: 5 })]);

    await tamper('DELETE FROM audit_event WHERE seq = $1', [inRowTip?.seq]);
    const result = await verifyAuditTrail(t.db);
    expect(result.firstBroken?.problem).toMatch(/first seal does not follow the chain's newest entry chained in-row/);
    await t.asOwner(async (owner) => {
      await owner.exec('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await owner.exec('DELETE FROM audit_event');
      await owner.exec('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });
    await tamper('DELETE FROM audit_seal');
  });

  it('reports unsealed entries, whose removal alone does not show, until they are sealed', async () => {
    await write('pending.a');
    await write('pending.b');
    const before = await verifyAuditTrail(t.db);
    expect(before).toMatchObject({ ok: true, checked: 2, unsealed: { count: 2 } });
    expect(before.unsealed.lastSeq).toBeGreaterThan(before.unsealed.firstSeq ?? Infinity);
    await tamper('DELETE FROM audit_event WHERE seq = $1', [before.unsealed.lastSeq]);
    expect(await verifyAuditTrail(t.db)).toMatchObject({ ok: true, unsealed: { count: 1 } });
    await write('pending.c');
    expect(await sealAuditEntries(t.db)).toBe(2);
    expect(await sealAuditEntries(t.db)).toBe(0);
    const checkpoint = await takeCheckpoint(t.db, DEMO_SECRETS.auditKey);
    expect(checkpoint.chains).toEqual([expect.objectContaining({ chain: area, entries: 2 })]);
    // Once sealed, a removal shows.
    await tamper('DELETE FROM audit_event WHERE seq = $1', [before.unsealed.firstSeq]);
    expect((await verifyAuditTrail(t.db)).firstBroken?.problem).toMatch(/a sealed entry was removed/);
    await tamper('DELETE FROM audit_seal WHERE seq = $1', [before.unsealed.firstSeq]);
    expect((await verifyAuditTrail(t.db)).firstBroken?.problem).toMatch(/a seal was removed or inserted/);
  });
});

describe('sealing under concurrent transactions', () => {
  let d: TestDb;
  let code: string;
  beforeAll(async () => {
    d = await createTestDb();
    code = await buildArea(d.db);
  });
  afterAll(async () => d?.close());

  // One embedded connection runs one transaction at a time: an entry committed out of order needs a server.
  it.skipIf(!onServer)('seals an entry that committed after a later one, after it, and never skips it', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = (): void => undefined;
    const early = new Promise<void>((resolve) => (written = resolve));
    const slow = d.db.transaction(async (tx) => {
      await recordAudit(tx, actor(code), ctx, { action: 'slow' });
      written();
      await held;
    });
    await early;
    await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: 'fast' }));
    expect(await sealAuditEntries(d.db)).toBe(1);
    expect(await verifyAuditTrail(d.db)).toMatchObject({ ok: true, checked: 1, unsealed: { count: 0 } });
    release();
    await slow;
    expect(await sealAuditEntries(d.db)).toBe(1);
    const seals = await d.db.query<{ action: string; position: number; seq: number }>(
      `SELECT e.action, s.position, s.seq FROM audit_seal s JOIN audit_event e ON e.seq = s.seq WHERE s.chain = $1 ORDER BY s.position`,
      [code],
    );
    expect(seals.map((s) => [s.action, s.position])).toEqual([
      ['fast', 1],
      ['slow', 2],
    ]);
    expect(seals[1]?.seq).toBeLessThan(seals[0]?.seq ?? 0);
    expect(await verifyAuditTrail(d.db)).toMatchObject({ ok: true, checked: 2, unsealed: { count: 0 } });
  });

  it('looks at every entry once when the last horizon is from another cluster (a restored backup)', async () => {
    await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: 'before.restore' }));
    await sealAuditEntries(d.db);
    // A seal as a backup from a busier cluster brings it: its horizon is beyond this cluster's next transaction.
    await d.asOwner((owner) =>
      owner.query(
        `INSERT INTO audit_seal (seq, chain, position, entry_hash, prev_hash, hash, horizon)
         VALUES (-1, 'restored', 1, 'x', $1, 'restored-seal', '999999999999')`,
        [GENESIS_HASH],
      ),
    );
    await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: 'after.restore' }));
    expect(await sealAuditEntries(d.db)).toBe(1);
    const [newest] = await d.db.query<{ horizon: string }>('SELECT horizon::text AS horizon FROM audit_seal ORDER BY id DESC LIMIT 1');
    expect(BigInt(newest?.horizon ?? '0')).toBeLessThan(999999999999n);
  });
});

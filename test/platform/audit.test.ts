import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, recordAudit, verifyAuditTrail, type Actor } from '../../src/platform/audit.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea } from '../helpers/factories.js';

let t: TestDb;
let area: string;
const ctx = { ip: '192.0.2.1', userAgent: 'test', requestId: 'req-1' };
const actor = (areaCode: string | null): Actor => ({ userId: null, label: 'tester@test.example', role: 'auditor', areaCode });

beforeAll(async () => {
  t = await createTestDb();
  area = await buildArea(t.db);
});
afterAll(async () => t?.close());

async function record(n: number, areaCode: string | null = area) {
  for (let i = 0; i < n; i += 1) {
    await t.db.transaction((tx) =>
      recordAudit(tx, actor(areaCode), ctx, {
        action: 'child.viewed',
        subject: { type: 'child', id: `c${i}` },
        reason: 'Planning a team meeting',
        details: { z: 1, a: [1, { y: 'é', b: null }] },
      }),
    );
  }
}

describe('audit trail', () => {
  it('chains entries per area and verifies them', async () => {
    await record(5);
    await record(3, null);
    const result = await verifyAuditTrail(t.db);
    expect(result).toMatchObject({ ok: true, checked: 8, chains: 2 });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction((tx) => recordAudit(tx, actor(area), ctx, { action: 'concurrent', details: { i } })),
      ),
    );
    expect((await verifyAuditTrail(t.db)).ok).toBe(true);
  });

  it('rolls back with the change it records', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM audit_event');
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, actor(area), ctx, { action: 'doomed' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.query('SELECT count(*)::int AS n FROM audit_event')).toEqual(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the schema owner (trigger)', async () => {
    await t.asOwner(async (owner) => {
      await expect(owner.query(`UPDATE audit_event SET reason = 'edited'`)).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    });
  });

  it('gives the application role no UPDATE or DELETE grant on it', async () => {
    const [grants] = await t.db.query<{ can_insert: boolean; can_update: boolean; can_delete: boolean }>(
      `SELECT has_table_privilege('ctp_app', 'audit_event', 'INSERT') AS can_insert,
              has_table_privilege('ctp_app', 'audit_event', 'UPDATE') AS can_update,
              has_table_privilege('ctp_app', 'audit_event', 'DELETE') AS can_delete`,
    );
    expect(grants).toEqual({ can_insert: true, can_update: false, can_delete: false });
    await expect(t.db.query(`UPDATE audit_event SET reason = 'edited'`)).rejects.toThrow(/permission denied|append-only/);
  });

  it('hashes details the same whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 5, f: 4 }], d: 2 }, b: 1 }));
  });

  it('names the first entry that was edited by hand', async () => {
    const [target] = await t.db.query<{ seq: number }>(`SELECT seq FROM audit_event WHERE chain = $1 ORDER BY seq LIMIT 1 OFFSET 2`, [
      area,
    ]);
    await t.asOwner(async (owner) => {
      await owner.exec('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await owner.query(`UPDATE audit_event SET reason = 'nothing to see' WHERE seq = $1`, [target?.seq]);
      await owner.exec('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });
    const result = await verifyAuditTrail(t.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: target?.seq, chain: area });
    expect(result.firstBroken?.problem).toMatch(/altered/);
  });
});

describe('audit trail with a removed entry', () => {
  it('names the entry after the gap', async () => {
    const db = await createTestDb();
    try {
      const code = await buildArea(db.db);
      for (let i = 0; i < 4; i += 1) await db.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: `step${i}` }));
      const rows = await db.db.query<{ seq: number }>('SELECT seq FROM audit_event ORDER BY seq');
      await db.asOwner(async (owner) => {
        await owner.exec('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
        await owner.query('DELETE FROM audit_event WHERE seq = $1', [rows[1]?.seq]);
        await owner.exec('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      });
      const result = await verifyAuditTrail(db.db);
      expect(result.firstBroken).toMatchObject({ seq: rows[2]?.seq });
      expect(result.firstBroken?.problem).toMatch(/removed or inserted/);
    } finally {
      await db.close();
    }
  });
});

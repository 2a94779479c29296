import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  KEYED_SCHEME,
  legacyAuditHash,
  LEGACY_SCHEME,
  recordAudit,
  verifyAuditTrail,
  type Actor,
  type StoredAuditEvent,
} from '../../src/platform/audit.js';
import { readCheckpoint, takeCheckpoint } from '../../src/platform/audit-checkpoint.js';
import { sealAuditEntries } from '../../src/platform/audit-seal.js';
import { rekeyLegacyAudit } from '../../src/platform/audit-rekey.js';
import { prepareAuditTrail } from '../../src/platform/migrate.js';
import { DEMO_SECRETS } from '../../src/platform/config.js';
import { tamperWithTrail } from '../helpers/audit-tamper.js';
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
  it('chains entries per area once sealed, and says which are not sealed yet', async () => {
    await record(5);
    await record(3, null);
    const written = await verifyAuditTrail(t.db);
    expect(written).toMatchObject({ ok: true, checked: 8, chains: 0, unsealed: { count: 8 } });
    expect(await sealAuditEntries(t.db)).toBe(8);
    const result = await verifyAuditTrail(t.db);
    expect(result).toMatchObject({ ok: true, checked: 8, chains: 2, unsealed: { count: 0, firstSeq: null } });
    expect(result.heads.find((h) => h.chain === area)).toMatchObject({ entries: 5 });
  });

  it('keeps the chain whole under concurrent writers and sealers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction((tx) => recordAudit(tx, actor(area), ctx, { action: 'concurrent', details: { i } })),
      ),
    );
    const sealed = await Promise.all([sealAuditEntries(t.db), sealAuditEntries(t.db, { batch: 3 })]);
    expect(sealed[0] + sealed[1]).toBe(20);
    expect(await verifyAuditTrail(t.db)).toMatchObject({ ok: true, unsealed: { count: 0 } });
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
    // The rolled-back entry's seq is a gap that holds nothing up.
    await record(1);
    expect(await sealAuditEntries(t.db)).toBe(1);
    expect(await verifyAuditTrail(t.db)).toMatchObject({ ok: true, unsealed: { count: 0 } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the schema owner (trigger)', async () => {
    await t.asOwner(async (owner) => {
      await expect(owner.query(`UPDATE audit_event SET reason = 'edited'`)).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE audit_seal SET position = position + 1`)).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_seal')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_seal')).rejects.toThrow(/append-only/);
    });
  });

  it.each(['audit_event', 'audit_seal'])('gives the application role no UPDATE or DELETE grant on %s', async (table) => {
    const [grants] = await t.db.query<{ can_insert: boolean; can_update: boolean; can_delete: boolean }>(
      `SELECT has_table_privilege('ctp_app', $1, 'INSERT') AS can_insert,
              has_table_privilege('ctp_app', $1, 'UPDATE') AS can_update,
              has_table_privilege('ctp_app', $1, 'DELETE') AS can_delete`,
      [table],
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
  it('names a sealed entry that was removed, and a removed seal', async () => {
    const db = await createTestDb();
    try {
      const code = await buildArea(db.db);
      for (let i = 0; i < 4; i += 1) await db.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: `step${i}` }));
      await sealAuditEntries(db.db);
      const rows = await db.db.query<{ seq: number }>('SELECT seq FROM audit_event ORDER BY seq');
      const tamper = (sql: string, seq: number | undefined) => tamperWithTrail(db, sql, [seq]);
      await tamper('DELETE FROM audit_event WHERE seq = $1', rows[1]?.seq);
      const gone = await verifyAuditTrail(db.db);
      expect(gone.firstBroken).toMatchObject({ seq: rows[1]?.seq, id: null });
      expect(gone.firstBroken?.problem).toMatch(/a sealed entry was removed/);
      // Its seal removed too: the seal after it no longer follows the one before.
      await tamper('DELETE FROM audit_seal WHERE seq = $1', rows[1]?.seq);
      const cut = await verifyAuditTrail(db.db);
      expect(cut.firstBroken).toMatchObject({ seq: rows[2]?.seq });
      expect(cut.firstBroken?.problem).toMatch(/a seal was removed or inserted/);
    } finally {
      await db.close();
    }
  });
});

// Issue 11 §4: the chain is keyed, and checkpoints kept outside the database catch truncation.
describe('audit trail against a database-only attacker', () => {
  let d: TestDb;
  let code: string;
  const tamper = (sql: string, params: unknown[] = []) => tamperWithTrail(d, sql, params);
  const tip = async () =>
    (
      await d.db.query<StoredAuditEvent>('SELECT * FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [code])
    )[0] as StoredAuditEvent;
  /** An entry as the application's role could insert it, hashed by `hash` and chained to the tip. */
  async function forge(hash: (e: StoredAuditEvent) => string, scheme: string): Promise<string> {
    const last = await tip();
    const e = {
      ...last,
      id: crypto.randomUUID(),
      occurred_at: new Date(),
      action: 'child.viewed',
      subject_id: 'c-forged',
      prev_hash: last.hash,
    };
    await d.db.query(
      `INSERT INTO audit_event (id, chain, area_code, occurred_at, actor_user_id, actor_label, actor_role, action, outcome,
         subject_type, subject_id, reason, ip, user_agent, request_id, details, prev_hash, hash, hash_scheme)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [
        e.id,
        e.chain,
        e.area_code,
        e.occurred_at,
        e.actor_user_id,
        e.actor_label,
        e.actor_role,
        e.action,
        e.outcome,
        e.subject_type,
        e.subject_id,
        e.reason,
        e.ip,
        e.user_agent,
        e.request_id,
        JSON.stringify(e.details),
        e.prev_hash,
        hash(e),
        scheme,
      ],
    );
    return e.id;
  }

  beforeAll(async () => {
    d = await createTestDb();
    code = await buildArea(d.db);
    for (let i = 0; i < 5; i += 1) await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: `step${i}` }));
    await sealAuditEntries(d.db);
  });
  afterAll(async () => d?.close());

  it.each([
    ['a plain SHA-256 marked as unkeyed', legacyAuditHash, LEGACY_SCHEME, /not keyed/],
    ['a plain SHA-256 marked as keyed', legacyAuditHash, KEYED_SCHEME, /keyed hash/],
    [
      'an HMAC with another key',
      (e: StoredAuditEvent) => auditHash(e, 'a-key-that-is-not-the-audit-key-at-all'),
      KEYED_SCHEME,
      /keyed hash/,
    ],
  ])('names an entry the application role forged with %s', async (_label, hash, scheme, problem) => {
    const id = await forge(hash, scheme);
    const result = await verifyAuditTrail(d.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ id, chain: code });
    expect(result.firstBroken?.problem).toMatch(problem);
    await tamper('DELETE FROM audit_event WHERE id = $1', [id]);
    expect((await verifyAuditTrail(d.db)).ok).toBe(true);
  });

  it('detects the newest entries removed after a checkpoint, which the chain alone cannot', async () => {
    const checkpoint = await takeCheckpoint(d.db, DEMO_SECRETS.auditKey);
    const newest = await tip();
    await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: 'after.checkpoint' }));
    await sealAuditEntries(d.db);
    await tamper('DELETE FROM audit_event WHERE chain = $1 AND seq >= $2', [code, newest.seq]);
    await tamper('DELETE FROM audit_seal WHERE chain = $1 AND seq >= $2', [code, newest.seq]);
    expect((await verifyAuditTrail(d.db)).ok).toBe(true);
    const result = await verifyAuditTrail(d.db, { mustReach: checkpoint.chains });
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ chain: code, seq: newest.seq });
    expect(result.firstBroken?.problem).toMatch(/no longer holds the entry the checkpoint recorded/);
    // The application writes on from the cut: the checkpointed entry is still missing.
    await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: 'after.the.cut' }));
    await sealAuditEntries(d.db);
    expect((await verifyAuditTrail(d.db, { mustReach: checkpoint.chains })).ok).toBe(false);
  });

  it('refuses a checkpoint that was edited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-checkpoint-'));
    try {
      const checkpoint = await takeCheckpoint(d.db, DEMO_SECRETS.auditKey);
      const file = path.join(dir, 'cp.json');
      fs.writeFileSync(file, JSON.stringify({ ...checkpoint, chains: checkpoint.chains.slice(1) }));
      expect(() => readCheckpoint(file, DEMO_SECRETS.auditKey)).toThrow(/does not carry a valid signature/);
      fs.writeFileSync(file, JSON.stringify(checkpoint));
      expect(readCheckpoint(file, DEMO_SECRETS.auditKey).chains).toEqual(checkpoint.chains);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('detects a chain re-hashed by the schema owner without the key', async () => {
    const rows = await d.db.query<StoredAuditEvent>('SELECT * FROM audit_event WHERE chain = $1 ORDER BY seq', [code]);
    let prev = GENESIS_HASH;
    for (const row of rows.slice(1)) {
      const hash = auditHash({ ...row, prev_hash: prev }, 'the-owner-guessed-this-key-0000000000');
      await tamper('UPDATE audit_event SET prev_hash = $1, hash = $2 WHERE seq = $3', [prev, hash, row.seq]);
      prev = hash;
    }
    const result = await verifyAuditTrail(d.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ chain: code, seq: rows[1]?.seq });
  });
});

describe('upgrade of entries hashed before the audit key', () => {
  it('re-keys an intact plain chain once, and never an unkeyed entry written after that', async () => {
    const d = await createTestDb();
    try {
      const code = await buildArea(d.db);
      for (let i = 0; i < 3; i += 1) await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: `old${i}` }));
      // As a database written before migration 0009 looks: plain SHA-256, marked 'sha256'.
      await d.asOwner(async (owner) => {
        await owner.exec('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
        let prev = GENESIS_HASH;
        for (const row of await owner.query<StoredAuditEvent>('SELECT * FROM audit_event ORDER BY seq')) {
          const hash = legacyAuditHash({ ...row, prev_hash: prev });
          await owner.query(`UPDATE audit_event SET prev_hash = $1, hash = $2, hash_scheme = 'sha256' WHERE seq = $3`, [
            prev,
            hash,
            row.seq,
          ]);
          prev = hash;
        }
        await owner.exec('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      });
      expect((await verifyAuditTrail(d.db)).firstBroken?.problem).toMatch(/not keyed/);
      // A start-up that applies no migration never re-keys: a wholly plain trail (one rewritten with the
      // database alone) stays a break instead of being signed by the next restart.
      await d.asOwner((owner) => prepareAuditTrail(owner, DEMO_SECRETS.auditKey, false));
      expect((await verifyAuditTrail(d.db)).firstBroken?.problem).toMatch(/not keyed/);
      // The run that applies migration 0009 re-keys what verified under the old scheme.
      expect(await d.asOwner((owner) => rekeyLegacyAudit(owner, DEMO_SECRETS.auditKey))).toEqual({ rekeyed: 3, brokenChains: [] });
      expect(await verifyAuditTrail(d.db)).toMatchObject({ ok: true, checked: 3 });
      await d.db.transaction((tx) => recordAudit(tx, actor(code), ctx, { action: 'new' }));
      const [last] = await d.db.query<StoredAuditEvent>('SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1');
      // A forger appends a plain entry and waits for the next start-up to launder it: it stays a break.
      const forged = { ...(last as StoredAuditEvent), id: crypto.randomUUID(), prev_hash: last?.hash ?? '' };
      await d.db.query(
        `INSERT INTO audit_event (id, chain, area_code, occurred_at, actor_label, action, outcome, ip, user_agent, request_id, details, prev_hash, hash, hash_scheme)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'sha256')`,
        [
          forged.id,
          forged.chain,
          forged.area_code,
          forged.occurred_at,
          forged.actor_label,
          forged.action,
          forged.outcome,
          forged.ip,
          forged.user_agent,
          forged.request_id,
          JSON.stringify(forged.details),
          forged.prev_hash,
          legacyAuditHash(forged),
        ],
      );
      expect(await d.asOwner((owner) => rekeyLegacyAudit(owner, DEMO_SECRETS.auditKey))).toEqual({ rekeyed: 0, brokenChains: [] });
      expect((await verifyAuditTrail(d.db)).firstBroken).toMatchObject({ id: forged.id });
    } finally {
      await d.close();
    }
  });
});

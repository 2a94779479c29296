import crypto from 'node:crypto';
import type { Clock } from './clock.js';
import { prepared, type Queryable, type Tx } from './db.js';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Who acted. A signed-out visitor is an actor too (label 'anonymous' or the email they typed). */
export interface Actor {
  userId: string | null;
  label: string;
  role: string | null;
  areaCode: string | null;
}

/** Where the request came from; the request id correlates the entry with the logs. */
export interface RequestContext {
  ip: string;
  userAgent: string;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  subject?: { type: string; id: string };
  /** Why, in the user's words. Required by the features that read a child's information. */
  reason?: string;
  details?: Record<string, unknown>;
  /** The area whose data the event concerns; defaults to the actor's area. */
  areaCode?: string | null;
  /** When it happened, from the caller's clock (src/platform/clock.ts); defaults to the machine's time. */
  occurredAt?: Date;
}

export const SYSTEM_CHAIN = 'system';
export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK_CLASS = 7_401_002;

/** JSON with object keys sorted, so the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface StoredAuditEvent {
  seq: number;
  id: string;
  chain: string;
  area_code: string | null;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  actor_role: string | null;
  action: string;
  outcome: AuditOutcome;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  ip: string;
  user_agent: string;
  request_id: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  hash_scheme: string;
}

type HashedFields = Omit<StoredAuditEvent, 'seq' | 'hash' | 'hash_scheme'>;

/**
 * How an entry's hash was made. 'hmac-sha256' is keyed with AUDIT_KEY, which never enters the
 * database, so a database-only attacker cannot compute it (ADR 0004). 'sha256' marks entries written
 * before the key existed, until they are re-keyed at start-up (audit-rekey.ts).
 */
export const KEYED_SCHEME = 'hmac-sha256';
export const LEGACY_SCHEME = 'sha256';

let auditKey: string | undefined;

/** Sets the audit key of this process: once at start-up (openMigratedDb), from config.auditKey. */
export function useAuditKey(key: string): void {
  auditKey = key;
}

/** Fails closed: an entry is never written or checked with a missing key. */
export function currentAuditKey(): string {
  if (!auditKey) throw new Error('The audit key is not set in this process (useAuditKey at start-up)');
  return auditKey;
}

function hashMaterial(e: HashedFields): string {
  return canonicalJson([
    e.prev_hash,
    e.id,
    e.chain,
    e.area_code,
    e.occurred_at.toISOString(),
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
    e.details,
  ]);
}

/** The keyed hash of an entry (HMAC-SHA256 with the audit key). */
export function auditHash(e: HashedFields, key: string = currentAuditKey()): string {
  return crypto.createHmac('sha256', key).update(hashMaterial(e)).digest('hex');
}

/** The hash entries had before the audit key (plain SHA-256): read only to re-key them. */
export function legacyAuditHash(e: HashedFields): string {
  return crypto.createHash('sha256').update(hashMaterial(e)).digest('hex');
}

// Every audited request runs these two: prepared, so the server parses and plans them once per connection.
const CHAIN_TIP = prepared('audit.chain_tip', 'SELECT audit_chain_tip($1, $2) AS hash');
const INSERT_EVENT = prepared(
  'audit.insert',
  `INSERT INTO audit_event (id, chain, area_code, occurred_at, actor_user_id, actor_label, actor_role,
     action, outcome, subject_type, subject_id, reason, ip, user_agent, request_id, details, prev_hash, hash, hash_scheme)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
);

/**
 * Appends one entry to the audit trail inside the caller's transaction, so the entry and the
 * change it records commit or roll back together. Entries of one chain are serialised by an
 * advisory lock held to the end of the transaction.
 */
export async function recordAudit(tx: Tx, actor: Actor, ctx: RequestContext, entry: AuditEntry): Promise<string> {
  const areaCode = entry.areaCode === undefined ? actor.areaCode : entry.areaCode;
  const chain = areaCode ?? SYSTEM_CHAIN;
  // Locks the chain, then reads its newest entry (migration 0008): one round trip.
  const [last] = await tx.query<{ hash: string | null }>(CHAIN_TIP, [AUDIT_LOCK_CLASS, chain]);
  const event: HashedFields = {
    id: crypto.randomUUID(),
    chain,
    area_code: areaCode,
    occurred_at: entry.occurredAt ?? new Date(),
    actor_user_id: actor.userId,
    actor_label: actor.label,
    actor_role: actor.role,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    subject_type: entry.subject?.type ?? null,
    subject_id: entry.subject?.id ?? null,
    reason: entry.reason ?? null,
    ip: ctx.ip,
    user_agent: ctx.userAgent,
    request_id: ctx.requestId,
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await tx.query(INSERT_EVENT, [
    event.id,
    event.chain,
    event.area_code,
    event.occurred_at,
    event.actor_user_id,
    event.actor_label,
    event.actor_role,
    event.action,
    event.outcome,
    event.subject_type,
    event.subject_id,
    event.reason,
    event.ip,
    event.user_agent,
    event.request_id,
    JSON.stringify(event.details),
    event.prev_hash,
    auditHash(event),
    KEYED_SCHEME,
  ]);
  return event.id;
}

/**
 * `recordAudit` with the entry's time taken from a clock: what a service built with a clock records
 * with, so its audit entries carry the same time as the rows they describe (ADR 0010).
 */
export function auditWithClock(clock: Clock) {
  return (tx: Tx, actor: Actor, ctx: RequestContext, entry: AuditEntry): Promise<string> =>
    recordAudit(tx, actor, ctx, { occurredAt: clock.now(), ...entry });
}

/** The newest entry of a chain, and how many entries the chain holds up to it. */
export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
  entries: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  chains: number;
  /** Each chain's newest entry, as verified (what a checkpoint records). */
  heads: ChainHead[];
  firstBroken?: { seq: number; id: string | null; chain: string; problem: string };
}

export interface VerifyOptions {
  /** Heads from a checkpoint: each chain must still hold that very entry (catches removal of the newest entries). */
  mustReach?: readonly ChainHead[];
  batchSize?: number;
}

/** Re-computes every chain from its first entry with the audit key; stops at the first entry that does not fit. */
export async function verifyAuditTrail(db: Queryable, options: VerifyOptions = {}): Promise<AuditVerification> {
  const key = currentAuditKey();
  const batchSize = options.batchSize ?? 2000;
  const heads = new Map<string, ChainHead>();
  const mustReach = new Map((options.mustReach ?? []).map((h) => [h.chain, h]));
  const reached = new Set<string>();
  let checked = 0;
  let afterSeq = 0;
  const result = (firstBroken?: AuditVerification['firstBroken']): AuditVerification => ({
    ok: !firstBroken,
    checked,
    chains: heads.size,
    heads: [...heads.values()],
    ...(firstBroken ? { firstBroken } : {}),
  });
  for (;;) {
    const rows = await db.query<StoredAuditEvent>('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, batchSize]);
    for (const row of rows) {
      const broken = (problem: string) => result({ seq: row.seq, id: row.id, chain: row.chain, problem });
      const head = heads.get(row.chain);
      if (row.prev_hash !== (head?.hash ?? GENESIS_HASH)) {
        return broken('its previous-hash does not match the entry before it in the chain (an entry was removed or inserted)');
      }
      if (row.hash_scheme !== KEYED_SCHEME) {
        return broken('it is not keyed with the audit key (written outside the application, or never re-keyed)');
      }
      if (auditHash(row, key) !== row.hash) {
        return broken('its content does not match its keyed hash (the entry was altered, or written without the audit key)');
      }
      const anchor = mustReach.get(row.chain);
      if (anchor && row.seq === anchor.seq) {
        if (row.hash !== anchor.hash) return broken('it differs from the entry the checkpoint recorded (the chain was re-written)');
        reached.add(row.chain);
      }
      heads.set(row.chain, { chain: row.chain, seq: row.seq, hash: row.hash, entries: (head?.entries ?? 0) + 1 });
      checked += 1;
      afterSeq = row.seq;
    }
    if (rows.length < batchSize) break;
  }
  for (const anchor of mustReach.values()) {
    if (!reached.has(anchor.chain)) {
      return result({
        seq: anchor.seq,
        id: null,
        chain: anchor.chain,
        problem: `the chain no longer holds the entry the checkpoint recorded (its entry ${anchor.entries}, seq ${anchor.seq}): entries were removed`,
      });
    }
  }
  return result();
}

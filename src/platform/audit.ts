import crypto from 'node:crypto';
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
}

type HashedFields = Omit<StoredAuditEvent, 'seq' | 'hash'>;

export function auditHash(e: HashedFields): string {
  const material = canonicalJson([
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
  return crypto.createHash('sha256').update(material).digest('hex');
}

// Every audited request runs these two: prepared, so the server parses and plans them once per connection.
const CHAIN_TIP = prepared('audit.chain_tip', 'SELECT audit_chain_tip($1, $2) AS hash');
const INSERT_EVENT = prepared(
  'audit.insert',
  `INSERT INTO audit_event (id, chain, area_code, occurred_at, actor_user_id, actor_label, actor_role,
     action, outcome, subject_type, subject_id, reason, ip, user_agent, request_id, details, prev_hash, hash)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
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
    occurred_at: new Date(),
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
  ]);
  return event.id;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  chains: number;
  firstBroken?: { seq: number; id: string; chain: string; problem: string };
}

/** Re-computes every chain from its first entry; stops at the first entry that does not fit. */
export async function verifyAuditTrail(db: Queryable, batchSize = 2000): Promise<AuditVerification> {
  const lastHash = new Map<string, string>();
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await db.query<StoredAuditEvent>('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, batchSize]);
    for (const row of rows) {
      const expectedPrev = lastHash.get(row.chain) ?? GENESIS_HASH;
      const broken = (problem: string): AuditVerification => ({
        ok: false,
        checked,
        chains: lastHash.size,
        firstBroken: { seq: row.seq, id: row.id, chain: row.chain, problem },
      });
      if (row.prev_hash !== expectedPrev) {
        return broken('its previous-hash does not match the entry before it in the chain (an entry was removed or inserted)');
      }
      if (auditHash(row) !== row.hash) {
        return broken('its content does not match its hash (the entry was altered)');
      }
      lastHash.set(row.chain, row.hash);
      checked += 1;
      afterSeq = row.seq;
    }
    if (rows.length < batchSize) break;
  }
  return { ok: true, checked, chains: lastHash.size };
}

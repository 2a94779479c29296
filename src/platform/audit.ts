import crypto from 'node:crypto';
import { auditHash, KEYED_SCHEME, SYSTEM_CHAIN, type AuditOutcome, type HashedFields } from './audit-hash.js';
import type { Clock } from './clock.js';
import { prepared, type Tx } from './db.js';

export {
  auditHash,
  canonicalJson,
  currentAuditKey,
  GENESIS_HASH,
  KEYED_SCHEME,
  legacyAuditHash,
  LEGACY_SCHEME,
  SYSTEM_CHAIN,
  useAuditKey,
  type AuditOutcome,
  type StoredAuditEvent,
} from './audit-hash.js';
export { verifyAuditTrail, type AuditVerification, type ChainHead, type VerifyOptions } from './audit-verify.js';

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

// Every audited request runs this one statement: prepared, so the server parses and plans it once per connection.
const INSERT_EVENT = prepared(
  'audit.insert',
  `INSERT INTO audit_event (id, chain, area_code, occurred_at, actor_user_id, actor_label, actor_role,
     action, outcome, subject_type, subject_id, reason, ip, user_agent, request_id, details, hash, hash_scheme)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
);

/**
 * Appends one entry to the audit trail inside the caller's transaction, so the entry and the
 * change it records commit or roll back together. No lock and no read: the entry carries the keyed
 * hash of its own content, and the sealer (audit-seal.ts) chains it once it has committed, so the
 * audited requests of an area run side by side (ADR 0042).
 */
export async function recordAudit(tx: Tx, actor: Actor, ctx: RequestContext, entry: AuditEntry): Promise<string> {
  const areaCode = entry.areaCode === undefined ? actor.areaCode : entry.areaCode;
  const event: HashedFields = {
    id: crypto.randomUUID(),
    chain: areaCode ?? SYSTEM_CHAIN,
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
    prev_hash: null,
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

import crypto from 'node:crypto';

/**
 * How audit entries and seals are hashed (ADR 0004, ADR 0042): the canonical material of an entry,
 * the keyed hash over it, and the keyed hash that links a seal to the one before it.
 */
export type AuditOutcome = 'success' | 'failure' | 'denied';

export const SYSTEM_CHAIN = 'system';
export const GENESIS_HASH = '0'.repeat(64);

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
  /** The chain's previous entry, for entries written before migration 0067; null since, when audit_seal chains them (ADR 0042). */
  prev_hash: string | null;
  hash: string;
  hash_scheme: string;
}

export type HashedFields = Omit<StoredAuditEvent, 'seq' | 'hash' | 'hash_scheme'>;

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

/** The keyed hash of a seal: the seal before it, its place in its chain, and the entry it seals (ADR 0042). */
export interface SealLink {
  prev_hash: string;
  chain: string;
  position: number;
  seq: number;
  entry_hash: string;
}

// The prefix keeps a seal's hash apart from an entry's or a checkpoint's made with the same key.
export function sealHash(s: SealLink, key: string = currentAuditKey()): string {
  return crypto
    .createHmac('sha256', key)
    .update(`ctp-audit-seal\n${canonicalJson([s.prev_hash, s.chain, s.position, s.seq, s.entry_hash])}`)
    .digest('hex');
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import { canonicalJson, verifyAuditTrail, type AuditVerification, type ChainHead } from './audit.js';
import { ConfigError } from './config.js';
import type { Queryable } from './db.js';

/**
 * A signed record of each audit chain's newest entry, kept outside the database (ADR 0004). The
 * keyed chain stops a database-only attacker forging or re-hashing entries; it cannot show that the
 * newest entries were cut off. A checkpoint can: `ctp audit verify --against FILE` fails when a
 * chain no longer holds the entry the checkpoint recorded.
 */
const FORMAT = 'ctp-audit-checkpoint';
const VERSION = 1;

export interface AuditCheckpoint {
  format: typeof FORMAT;
  version: typeof VERSION;
  createdAt: string;
  chains: ChainHead[];
  /** HMAC-SHA256 with the audit key over everything above. */
  signature: string;
}

// The prefix keeps a checkpoint's signature apart from an entry's hash made with the same key.
const sign = (body: Omit<AuditCheckpoint, 'signature'>, key: string): string =>
  crypto
    .createHmac('sha256', key)
    .update(`${FORMAT}\n${canonicalJson(body)}`)
    .digest('hex');

export function describeBreak(result: AuditVerification): string {
  const b = result.firstBroken;
  if (!b) return '';
  const entry = b.id ? `entry seq ${b.seq} (id ${b.id}, chain ${b.chain})` : `chain ${b.chain} at seq ${b.seq}`;
  return `Audit trail BROKEN at ${entry}: ${b.problem}. ${result.checked} entries before it verified.`;
}

/** Verifies the whole trail first: a checkpoint never vouches for a trail that is already broken. */
export async function takeCheckpoint(db: Queryable, key: string, now: Date = new Date()): Promise<AuditCheckpoint> {
  const result = await verifyAuditTrail(db);
  if (!result.ok) throw new ConfigError(`${describeBreak(result)} No checkpoint was made.`);
  const body = { format: FORMAT, version: VERSION, createdAt: now.toISOString(), chains: result.heads } as const;
  return { ...body, signature: sign(body, key) };
}

/** Reads a checkpoint file and checks its signature; any fault is one clear ConfigError. */
export function readCheckpoint(file: string, key: string): AuditCheckpoint {
  let parsed: Partial<AuditCheckpoint>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AuditCheckpoint>;
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'not JSON';
    throw new ConfigError(`Cannot read the checkpoint ${file} (${reason})`);
  }
  if (parsed.format !== FORMAT || parsed.version !== VERSION || !Array.isArray(parsed.chains) || typeof parsed.signature !== 'string') {
    throw new ConfigError(`${file} is not a ctp audit checkpoint (version ${VERSION})`);
  }
  const { signature, ...body } = parsed as AuditCheckpoint;
  const expected = Buffer.from(sign(body, key), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new ConfigError(`The checkpoint ${file} does not carry a valid signature: it was edited, or made with another AUDIT_KEY`);
  }
  return parsed as AuditCheckpoint;
}

import { auditHash, currentAuditKey, GENESIS_HASH, KEYED_SCHEME, sealHash, type StoredAuditEvent } from './audit-hash.js';
import type { Queryable } from './db.js';

/** The newest link of a chain (its newest seal, or its newest entry chained in-row), and how many entries the chain holds up to it. */
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
  /** Each chain's newest link, as verified (what a checkpoint records). */
  heads: ChainHead[];
  /**
   * Entries the sealer has not chained yet (ADR 0042): each one's content is verified against its
   * keyed hash, but its place in its chain is not fixed yet, so its removal would not show.
   */
  unsealed: { count: number; firstSeq: number | null; lastSeq: number | null };
  firstBroken?: { seq: number; id: string | null; chain: string; problem: string };
}

export interface VerifyOptions {
  /** Heads from a checkpoint: each chain must still hold that very link (catches removal of the newest entries). */
  mustReach?: readonly ChainHead[];
  batchSize?: number;
}

type Broken = NonNullable<AuditVerification['firstBroken']>;
type EntryRow = StoredAuditEvent & { sealed_by: number | null };
interface SealRow {
  seq: number;
  chain: string;
  position: number;
  entry_hash: string;
  prev_hash: string;
  hash: string;
  entry_id: string | null;
  entry_chain: string | null;
  entry_stored_hash: string | null;
  entry_in_row: boolean | null;
}

/** Where each chain's in-row links end: what its first seal must follow. */
interface InRowTail {
  hash: string;
  entries: number;
  /** The chain has an entry written for sealing: no in-row link may follow it. */
  sealing: boolean;
}

/**
 * Re-computes every chain with the audit key and stops at the first entry or seal that does not fit.
 * First every entry, in `seq` order: its keyed hash, and for entries written before migration 0067
 * the in-row link to the one before; then every seal, chain by chain in order: its keyed hash, its
 * link to the seal before (the first to the chain's newest in-row entry), and that the entry it seals
 * is still there, unaltered.
 */
export async function verifyAuditTrail(db: Queryable, options: VerifyOptions = {}): Promise<AuditVerification> {
  const key = currentAuditKey();
  const batchSize = options.batchSize ?? 2000;
  const heads = new Map<string, ChainHead>();
  const tails = new Map<string, InRowTail>();
  const mustReach = new Map((options.mustReach ?? []).map((h) => [h.chain, h]));
  const reached = new Set<string>();
  const unsealed: AuditVerification['unsealed'] = { count: 0, firstSeq: null, lastSeq: null };
  let checked = 0;
  const result = (firstBroken?: Broken): AuditVerification => ({
    ok: !firstBroken,
    checked,
    chains: heads.size,
    heads: [...heads.values()],
    unsealed,
    ...(firstBroken ? { firstBroken } : {}),
  });
  const reach = (chain: string, seq: number, hash: string): string | undefined => {
    const anchor = mustReach.get(chain);
    if (!anchor || anchor.seq !== seq) return undefined;
    if (anchor.hash !== hash) return 'it differs from the link the checkpoint recorded (the chain was re-written)';
    reached.add(chain);
    return undefined;
  };

  let afterSeq = 0;
  for (;;) {
    const rows = await db.query<EntryRow>(
      `SELECT e.*, s.seq AS sealed_by FROM audit_event e LEFT JOIN audit_seal s ON s.seq = e.seq
        WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [afterSeq, batchSize],
    );
    for (const row of rows) {
      const broken = (problem: string) => result({ seq: row.seq, id: row.id, chain: row.chain, problem });
      if (row.seq === afterSeq) return broken('it is sealed twice');
      if (row.hash_scheme !== KEYED_SCHEME) {
        return broken('it is not keyed with the audit key (written outside the application, or never re-keyed)');
      }
      if (auditHash(row, key) !== row.hash) {
        return broken('its content does not match its keyed hash (the entry was altered, or written without the audit key)');
      }
      const tail = tails.get(row.chain) ?? { hash: GENESIS_HASH, entries: 0, sealing: false };
      if (row.prev_hash !== null) {
        if (tail.sealing) return broken('it is chained in-row after its chain moved to seals (written outside the application)');
        if (row.prev_hash !== tail.hash) {
          return broken('its previous-hash does not match the entry before it in the chain (an entry was removed or inserted)');
        }
        const problem = reach(row.chain, row.seq, row.hash);
        if (problem) return broken(problem);
        tails.set(row.chain, { hash: row.hash, entries: tail.entries + 1, sealing: false });
        heads.set(row.chain, { chain: row.chain, seq: row.seq, hash: row.hash, entries: tail.entries + 1 });
      } else {
        tails.set(row.chain, { ...tail, sealing: true });
        if (row.sealed_by === null) {
          unsealed.count += 1;
          unsealed.firstSeq ??= row.seq;
          unsealed.lastSeq = row.seq;
        }
      }
      checked += 1;
      afterSeq = row.seq;
    }
    if (rows.length < batchSize) break;
  }

  let after = { chain: '', position: 0 };
  let previous: { chain: string; position: number; hash: string } | undefined;
  for (;;) {
    const seals = await db.query<SealRow>(
      `SELECT s.seq, s.chain, s.position, s.entry_hash, s.prev_hash, s.hash,
              e.id AS entry_id, e.chain AS entry_chain, e.hash AS entry_stored_hash, e.prev_hash IS NOT NULL AS entry_in_row
         FROM audit_seal s LEFT JOIN audit_event e ON e.seq = s.seq
        WHERE (s.chain, s.position) > ($1, $2) ORDER BY s.chain, s.position LIMIT $3`,
      [after.chain, after.position, batchSize],
    );
    for (const seal of seals) {
      const broken = (problem: string) => result({ seq: seal.seq, id: seal.entry_id, chain: seal.chain, problem });
      const tail = tails.get(seal.chain);
      const expected =
        previous?.chain === seal.chain
          ? { position: previous.position + 1, hash: previous.hash }
          : { position: 1, hash: tail?.hash ?? GENESIS_HASH };
      if (seal.position !== expected.position || seal.prev_hash !== expected.hash) {
        return broken(
          seal.position === 1
            ? "its chain's first seal does not follow the chain's newest entry chained in-row (that entry was removed)"
            : 'its seal does not follow the seal before it in the chain (a seal was removed or inserted)',
        );
      }
      if (sealHash(seal, key) !== seal.hash)
        return broken('its seal does not match its keyed hash (altered, or written without the audit key)');
      if (seal.entry_id === null) return broken('the entry this seal chains is gone: a sealed entry was removed');
      if (seal.entry_chain !== seal.chain || seal.entry_stored_hash !== seal.entry_hash || seal.entry_in_row) {
        return broken('the entry this seal chains is not the one it sealed (replaced)');
      }
      const problem = reach(seal.chain, seal.seq, seal.hash);
      if (problem) return broken(problem);
      heads.set(seal.chain, { chain: seal.chain, seq: seal.seq, hash: seal.hash, entries: (tail?.entries ?? 0) + seal.position });
      previous = { chain: seal.chain, position: seal.position, hash: seal.hash };
      after = previous;
    }
    if (seals.length < batchSize) break;
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

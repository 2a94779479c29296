import { currentAuditKey, GENESIS_HASH, sealHash, type SealLink } from './audit-hash.js';
import { startBackgroundRounds, type BackgroundRounds } from './background-rounds.js';
import type { Db, Tx } from './db.js';

/**
 * The sealer (ADR 0042): chains committed audit entries into their area's chain, shortly after they
 * were written, as an append-only transparency log does. Writers take no lock; only sealers queue,
 * one at a time across every process on the database, behind this advisory lock.
 */
const SEALER_LOCK = [7_401_003, 0] as const;
const DEFAULT_BATCH = 5000;

interface Pending {
  /** The oldest transaction running when this statement's snapshot was taken, and where this round looked from. */
  horizon: string;
  from: string;
  seq: number | null;
  chain: string | null;
  area_code: string | null;
  hash: string | null;
}

/*
 * What a round may seal: committed entries written since the oldest transaction still running at the
 * last round (an entry of an older transaction was final then, so it was sealed then). A transaction
 * still running now may commit later with a lower seq than entries sealed now: it is sealed by a later
 * round, after them; the chain's order is the order entries became final, never a wait on the sequence.
 * So neither a rolled-back entry (a gap in seq) nor one committed out of seq order holds sealing up.
 * A stored horizon beyond the next transaction id came from another cluster (a restored backup): then
 * the round looks at every entry once.
 */
const PENDING = `
  WITH now AS (
    SELECT pg_snapshot_xmin(s) AS horizon, pg_snapshot_xmax(s) AS next FROM pg_current_snapshot() AS s
  ), bound AS (
    SELECT now.horizon, CASE WHEN last.horizon <= now.next THEN last.horizon ELSE '0'::xid8 END AS "from"
      FROM now LEFT JOIN (SELECT horizon FROM audit_seal ORDER BY id DESC LIMIT 1) AS last ON true
  )
  SELECT bound.horizon::text AS horizon, bound."from"::text AS "from", e.seq, e.chain, e.area_code, e.hash
    FROM bound LEFT JOIN LATERAL (
      SELECT e.seq, e.chain, e.area_code, e.hash FROM audit_event e
       WHERE e.prev_hash IS NULL AND e.xact_id >= bound."from"
         AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.seq = e.seq)
       ORDER BY e.seq LIMIT $1
    ) e ON true`;

/** Each chain's newest seal, or for a chain not sealed yet, its newest entry chained in-row (written before migration 0067). */
const TIPS = `
  SELECT c.chain, COALESCE(s.position, 0) AS position, COALESCE(s.hash, i.hash) AS hash
    FROM unnest($1::text[]) AS c (chain)
    LEFT JOIN LATERAL (SELECT position, hash FROM audit_seal WHERE chain = c.chain ORDER BY position DESC LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT hash FROM audit_event WHERE s.hash IS NULL AND chain = c.chain AND prev_hash IS NOT NULL ORDER BY seq DESC LIMIT 1
    ) i ON true`;

const INSERT_SEALS = `
  INSERT INTO audit_seal (seq, chain, area_code, position, entry_hash, prev_hash, hash, horizon)
  SELECT seq, chain, area_code, position, entry_hash, prev_hash, hash, $8::xid8
    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
      AS s (seq, chain, area_code, position, entry_hash, prev_hash, hash)`;

/** How many entries a sealing sealed into one chain (an area's, or the system's). */
export interface ChainSealed {
  chain: string;
  areaCode: string | null;
  sealed: number;
}

type Seal = SealLink & { area_code: string | null; hash: string };

async function sealRound(tx: Tx, key: string, batch: number): Promise<Seal[]> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', SEALER_LOCK);
  const rows = await tx.query<Pending>(PENDING, [batch]);
  const pending = rows.filter((r): r is Pending & { seq: number; chain: string; hash: string } => r.seq !== null);
  if (pending.length === 0) return [];
  const chains = [...new Set(pending.map((r) => r.chain))];
  const tips = new Map((await tx.query<{ chain: string; position: number; hash: string | null }>(TIPS, [chains])).map((t) => [t.chain, t]));
  const seals: Seal[] = [];
  for (const entry of pending) {
    const tip = tips.get(entry.chain);
    const link: SealLink = {
      prev_hash: tip?.hash ?? GENESIS_HASH,
      chain: entry.chain,
      position: (tip?.position ?? 0) + 1,
      seq: entry.seq,
      entry_hash: entry.hash,
    };
    const hash = sealHash(link, key);
    seals.push({ ...link, area_code: entry.area_code, hash });
    tips.set(entry.chain, { chain: entry.chain, position: link.position, hash });
  }
  // A full batch may have left entries of this horizon behind: the next round looks from where this one did.
  const horizon = pending.length === batch ? (rows[0]?.from ?? '0') : (rows[0]?.horizon ?? '0');
  await tx.query(INSERT_SEALS, [
    seals.map((s) => s.seq),
    seals.map((s) => s.chain),
    seals.map((s) => s.area_code),
    seals.map((s) => s.position),
    seals.map((s) => s.entry_hash),
    seals.map((s) => s.prev_hash),
    seals.map((s) => s.hash),
    horizon,
  ]);
  return seals;
}

/**
 * Seals what has committed, in rounds of `batch` entries until none is left; returns how many were
 * sealed into each chain, in the chains' order (`ctp audit seal` prints it).
 */
export async function sealAuditEntriesByChain(db: Db, options: { batch?: number } = {}): Promise<ChainSealed[]> {
  const key = currentAuditKey();
  const batch = options.batch ?? DEFAULT_BATCH;
  const byChain = new Map<string, ChainSealed>();
  for (;;) {
    const seals = await db.transaction((tx) => sealRound(tx, key, batch));
    for (const s of seals) {
      const tally = byChain.get(s.chain) ?? { chain: s.chain, areaCode: s.area_code, sealed: 0 };
      tally.sealed += 1;
      byChain.set(s.chain, tally);
    }
    if (seals.length < batch) return [...byChain.values()].sort((a, b) => a.chain.localeCompare(b.chain));
  }
}

/** Seals what has committed; returns how many entries were sealed. */
export async function sealAuditEntries(db: Db, options: { batch?: number } = {}): Promise<number> {
  return (await sealAuditEntriesByChain(db, options)).reduce((n, c) => n + c.sealed, 0);
}

/**
 * The background loop `ctp serve` starts: a round every `intervalMs` (entries wait that long at most
 * to be chained, plus a round's time). On the embedded database a round waits for a quiet moment on
 * the one connection first, so it does not sit between a request's statements. A failing round is
 * reported and the next one runs as usual; stop() waits for a round in progress.
 */
export function startAuditSealer({
  db,
  intervalMs = 250,
  onError,
}: {
  db: Db;
  intervalMs?: number;
  onError: (error: unknown) => void;
}): BackgroundRounds {
  return startBackgroundRounds(
    async (stopped) => {
      await db.whenQuiet(20, 2000);
      if (!stopped()) await sealAuditEntries(db);
    },
    { intervalMs, onError },
  );
}

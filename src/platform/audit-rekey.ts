import { auditHash, GENESIS_HASH, KEYED_SCHEME, legacyAuditHash, LEGACY_SCHEME, type StoredAuditEvent } from './audit.js';
import type { Db } from './db.js';

export interface RekeyResult {
  rekeyed: number;
  /** Chains whose plain chain was already broken: re-keyed up to the break, the rest left for `ctp audit verify` to report. */
  brokenChains: string[];
}

/**
 * Upgrades entries written before the audit key (plain SHA-256, migration 0009) to the keyed hash,
 * once, as the schema owner, before the application writes its first keyed entry. Only what still verifies
 * under the old scheme is re-keyed: a chain that was already broken is re-keyed up to its break
 * and the break stays visible. Writers are held off by a table lock, so the chain cannot move
 * underneath (ADR 0004, "Upgrade").
 */
export async function rekeyLegacyAudit(owner: Db, key: string): Promise<RekeyResult> {
  const [pending] = await owner.query<{ legacy: boolean }>('SELECT EXISTS (SELECT 1 FROM audit_event WHERE hash_scheme = $1) AS legacy', [
    LEGACY_SCHEME,
  ]);
  if (!pending?.legacy) return { rekeyed: 0, brokenChains: [] };
  return owner.transaction(async (tx) => {
    await tx.exec('LOCK TABLE audit_event IN EXCLUSIVE MODE');
    // Only on the first start after the upgrade: once the application has written a keyed entry, an
    // unkeyed one can only have been written around it (a forgery) and must stay visible as a break.
    const [state] = await tx.query<{ legacy: boolean; keyed: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM audit_event WHERE hash_scheme = $1) AS legacy,
              EXISTS (SELECT 1 FROM audit_event WHERE hash_scheme = $2) AS keyed`,
      [LEGACY_SCHEME, KEYED_SCHEME],
    );
    if (!state?.legacy || state.keyed) return { rekeyed: 0, brokenChains: [] };
    // The append-only trigger refuses every UPDATE; this one transaction alone is let through.
    await tx.exec('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    const oldTip = new Map<string, string>();
    const newTip = new Map<string, string>();
    const broken = new Set<string>();
    let rekeyed = 0;
    let afterSeq = 0;
    for (;;) {
      const rows = await tx.query<StoredAuditEvent>('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT 1000', [afterSeq]);
      for (const row of rows) {
        afterSeq = row.seq;
        if (broken.has(row.chain)) continue;
        const intact = row.prev_hash === (oldTip.get(row.chain) ?? GENESIS_HASH) && legacyAuditHash(row) === row.hash;
        if (!intact) {
          broken.add(row.chain);
          continue;
        }
        oldTip.set(row.chain, row.hash);
        const rekeyedRow = { ...row, prev_hash: newTip.get(row.chain) ?? GENESIS_HASH };
        const hash = auditHash(rekeyedRow, key);
        await tx.query('UPDATE audit_event SET prev_hash = $1, hash = $2, hash_scheme = $3 WHERE seq = $4', [
          rekeyedRow.prev_hash,
          hash,
          KEYED_SCHEME,
          row.seq,
        ]);
        newTip.set(row.chain, hash);
        rekeyed += 1;
      }
      if (rows.length < 1000) break;
    }
    await tx.exec('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    return { rekeyed, brokenChains: [...broken] };
  });
}

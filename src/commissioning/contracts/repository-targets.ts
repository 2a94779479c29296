import { insertReturning, type Tx } from '../../platform/db.js';

/**
 * Changing a contract's targets (ADR 0038): in place while no return has been judged against the target;
 * once one has, the target is retired (kept, with the values judged against it) and a replacement takes its
 * place, so no earlier period is judged again against a value it was not set.
 */

/** Locks the target's row and says whether a return has been judged against it (inside the lock). */
export async function lockTarget(tx: Tx, contractId: string, targetId: string): Promise<{ judged: boolean; retired: boolean } | undefined> {
  const [row] = await tx.query<{ judged: boolean; retired: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM contract_return_value v WHERE v.target_id = t.id) AS judged, t.retired_at IS NOT NULL AS retired
       FROM contract_target t WHERE t.contract_id = $1 AND t.id = $2 FOR UPDATE`,
    [contractId, targetId],
  );
  return row;
}

export async function changeTargetValue(tx: Tx, targetId: string, change: { targetValue: string; label: string }): Promise<void> {
  await tx.query('UPDATE contract_target SET target_value = $2::numeric, label = $3 WHERE id = $1', [targetId, change.targetValue, change.label]);
}

export async function deleteTarget(tx: Tx, targetId: string): Promise<void> {
  await tx.query('DELETE FROM contract_target WHERE id = $1', [targetId]);
}

export async function retireTarget(tx: Tx, targetId: string, at: Date): Promise<void> {
  await tx.query('UPDATE contract_target SET retired_at = $2 WHERE id = $1', [targetId, at]);
}

/** The target that replaces a retired one: the same indicator or activity and direction, at the same place in the list. */
export async function insertReplacementTarget(
  tx: Tx,
  replaced: string,
  change: { targetValue: string; label: string; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO contract_target (contract_id, area_code, kind, indicator_id, label, target_value, direction, position, created_at, replaces_target_id)
     SELECT contract_id, area_code, kind, indicator_id, $2, $3::numeric, direction, position, $4, id FROM contract_target WHERE id = $1
     RETURNING id`,
    [replaced, change.label, change.targetValue, change.at],
  );
  return row.id;
}

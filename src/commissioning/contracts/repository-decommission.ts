import type { Queryable, Tx } from '../../platform/db.js';
import { penceOf } from '../../platform/money.js';
import { REINVESTMENT_DESTINATIONS, type Decommission } from './types.js';

/** Decommissioning's SQL (ADR 0030): the decision, the money released and where it went. */

interface DecommissionRow {
  decided_on: string;
  ends_on: string;
  reasons: string;
  released_pence: string;
  recorded_by_name: string;
}

export async function findDecommission(db: Queryable, contractId: string): Promise<Decommission | null> {
  const [d] = await db.query<DecommissionRow>(
    `SELECT d.decided_on::text, d.ends_on::text, d.reasons, d.released_pence, u.display_name AS recorded_by_name
       FROM contract_decommission d JOIN app_user u ON u.id = d.recorded_by WHERE d.contract_id = $1`,
    [contractId],
  );
  if (!d) return null;
  const rows = await db.query<{
    destination: string;
    to_service_id: string | null;
    to_fund_id: string | null;
    to_name: string;
    amount_pence: string;
    prevention: boolean;
    description: string;
  }>(
    `SELECT r.destination, r.to_service_id, r.to_fund_id, coalesce(s.name, f.name, r.description) AS to_name, r.amount_pence, r.prevention, r.description
       FROM contract_reinvestment r LEFT JOIN area_service s ON s.id = r.to_service_id LEFT JOIN fund f ON f.id = r.to_fund_id
      WHERE r.contract_id = $1 ORDER BY r.amount_pence DESC, r.id`,
    [contractId],
  );
  return {
    decidedOn: d.decided_on,
    endsOn: d.ends_on,
    reasons: d.reasons,
    releasedPence: penceOf(d.released_pence),
    recordedByName: d.recorded_by_name,
    reinvestments: rows.map((r) => ({
      destination: REINVESTMENT_DESTINATIONS.parse(r.destination),
      toServiceId: r.to_service_id,
      toFundId: r.to_fund_id,
      toName: r.to_name,
      amountPence: penceOf(r.amount_pence),
      prevention: r.prevention,
      description: r.description,
    })),
  };
}

export interface NewDecommission {
  contractId: string;
  areaCode: string;
  decidedOn: string;
  endsOn: string;
  reasons: string;
  releasedPence: number;
  userId: string;
  at: Date;
  reinvestments: {
    destination: string;
    toServiceId: string | null;
    toFundId: string | null;
    amountPence: number;
    prevention: boolean;
    description: string;
  }[];
}

export async function insertDecommission(tx: Tx, d: NewDecommission): Promise<void> {
  await tx.query(
    `INSERT INTO contract_decommission (contract_id, area_code, decided_on, ends_on, reasons, released_pence, recorded_by, recorded_at)
     VALUES ($1, (SELECT area_code FROM commissioning_contract WHERE id = $1), $2, $3, $4, $5, $6, $7)`,
    [d.contractId, d.decidedOn, d.endsOn, d.reasons, d.releasedPence, d.userId, d.at],
  );
  for (const r of d.reinvestments) {
    await tx.query(
      `INSERT INTO contract_reinvestment (contract_id, area_code, destination, to_service_id, to_fund_id, amount_pence, prevention, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [d.contractId, d.areaCode, r.destination, r.toServiceId, r.toFundId, r.amountPence, r.prevention, r.description],
    );
  }
  await tx.query('UPDATE commissioning_contract SET changed_at = $2 WHERE id = $1', [d.contractId, d.at]);
}

/**
 * The stage a commission is at, its row locked until the transaction ends: two decommissionings of the last two
 * contracts of one commission queue here, so the second sees the first's and moves the commission.
 */
export async function lockCommissionStage(tx: Tx, commissionId: string): Promise<string | undefined> {
  const [row] = await tx.query<{ stage: string }>('SELECT stage FROM commission WHERE id = $1 FOR UPDATE', [commissionId]);
  return row?.stage;
}

/** Whether another contract under the commission is still in force on a day: not decommissioned, its term not over. */
export async function otherContractsRunning(db: Queryable, commissionId: string, contractId: string, today: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM commissioning_contract c
      WHERE c.commission_id = $1 AND c.id <> $2 AND c.ends_on >= $3::date
        AND NOT EXISTS (SELECT 1 FROM contract_decommission d WHERE d.contract_id = c.id) LIMIT 1`,
    [commissionId, contractId, today],
  );
  return rows.length > 0;
}

import type { Queryable, Tx } from '../../platform/db.js';
import type { ContributionKind } from '../types.js';
import type { AlignedFund } from './types.js';

/** Aligned budgets' SQL (ADR 0032): a fund of kind 'aligned' and its partners' budgets; bookings are funds' (ADR 0033). */

const FUND_COLUMNS = `f.id, f.area_code AS "areaCode", f.name, f.purpose,
  to_char(f.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(f.ends_on, 'YYYY-MM-DD') AS "endsOn",
  ARRAY(SELECT h.user_id::text FROM fund_budget_holder h WHERE h.fund_id = f.id ORDER BY h.user_id) AS "budgetHolderIds"`;

export async function listAlignedFunds(db: Queryable, areaCode: string): Promise<AlignedFund[]> {
  return db.query<AlignedFund>(`SELECT ${FUND_COLUMNS} FROM fund f WHERE f.area_code = $1 AND f.kind = 'aligned' ORDER BY lower(f.name)`, [
    areaCode,
  ]);
}

/** The aligned fund, whatever its area (the caller's area is checked by fundOfArea); undefined when none or pooled. */
export async function findAlignedFund(db: Queryable, fundId: string): Promise<AlignedFund | undefined> {
  const [row] = await db.query<AlignedFund>(`SELECT ${FUND_COLUMNS} FROM fund f WHERE f.id = $1 AND f.kind = 'aligned'`, [fundId]);
  return row;
}

export async function fundNameTaken(db: Queryable, areaCode: string, name: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM fund WHERE area_code = $1 AND lower(name) = lower($2)', [areaCode, name]);
  return rows.length > 0;
}

export async function insertAlignedFund(
  tx: Tx,
  f: { areaCode: string; name: string; purpose: string; startsOn: string; endsOn: string | null; by: string | null; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO fund (area_code, kind, name, purpose, host_organisation_id, starts_on, ends_on, created_by, created_at, changed_at)
     VALUES ($1, 'aligned', $2, $3, NULL, $4, $5, $6, $7, $7) RETURNING id`,
    [f.areaCode, f.name, f.purpose, f.startsOn, f.endsOn, f.by, f.at],
  );
  if (!row) throw new Error('fund insert returned no row');
  return row.id;
}

export async function insertBudgetHolder(
  tx: Tx,
  fundId: string,
  areaCode: string,
  userId: string,
  by: string | null,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO fund_budget_holder (fund_id, area_code, user_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [fundId, areaCode, userId, by, at],
  );
}

export async function insertContribution(
  tx: Tx,
  c: { organisationId: string; financialYear: number; kind: ContributionKind; amountPence: number | null; description: string; areaCode: string; fundId: string; by: string | null; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO fund_contribution (fund_id, area_code, organisation_id, financial_year, kind, amount_pence, description, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [c.fundId, c.areaCode, c.organisationId, c.financialYear, c.kind, c.amountPence, c.description, c.by, c.at],
  );
  if (!row) throw new Error('contribution insert returned no row');
  return row.id;
}

/** The area's services open on the day, by name, for a booking's select (the directory owns them; read here). */
export async function listOpenServices(db: Queryable, areaCode: string, today: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `SELECT id, name FROM area_service WHERE area_code = $1 AND (closed_from IS NULL OR closed_from > $2) ORDER BY lower(name)`,
    [areaCode, today],
  );
}

import type { Queryable, Tx } from '../../platform/db.js';
import { penceOf } from '../../platform/money.js';
import { CONTRIBUTION_KINDS, ENTRY_KINDS } from '../types.js';
import type { AlignedBudget, AlignedContribution, AlignedEntry, AlignedFund } from './types.js';

/** Aligned budgets' SQL (ADR 0032): a fund of kind 'aligned', its partners' budgets and the bookings on their lines. */

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

/** Holds the fund while a booking checks what its line has left, so two bookings cannot both spend the last of it. */
export async function lockFund(tx: Tx, fundId: string): Promise<void> {
  await tx.query('SELECT 1 FROM fund WHERE id = $1 FOR UPDATE', [fundId]);
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
  c: Omit<AlignedContribution, 'id' | 'organisationName'> & { areaCode: string; fundId: string; by: string | null; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO fund_contribution (fund_id, area_code, organisation_id, financial_year, kind, amount_pence, description, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [c.fundId, c.areaCode, c.organisationId, c.financialYear, c.kind, c.amountPence, c.description, c.by, c.at],
  );
  if (!row) throw new Error('contribution insert returned no row');
  return row.id;
}

export async function listContributions(db: Queryable, fundId: string): Promise<AlignedContribution[]> {
  const rows = await db.query<Omit<AlignedContribution, 'kind' | 'amountPence'> & { kind: string; amountPence: string | null }>(
    `SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.financial_year AS "financialYear",
            c.kind, c.amount_pence::text AS "amountPence", c.description
       FROM fund_contribution c JOIN organisation o ON o.id = c.organisation_id
      WHERE c.fund_id = $1 ORDER BY c.financial_year, o.name, c.recorded_at`,
    [fundId],
  );
  return rows.map((r) => ({
    ...r,
    kind: CONTRIBUTION_KINDS.parse(r.kind),
    amountPence: r.amountPence === null ? null : penceOf(r.amountPence),
  }));
}

export async function listEntries(db: Queryable, fundId: string): Promise<AlignedEntry[]> {
  const rows = await db.query<Omit<AlignedEntry, 'kind' | 'amountPence'> & { kind: string; amountPence: string }>(
    `SELECT e.id, e.kind, e.amount_pence::text AS "amountPence", to_char(e.on_day, 'YYYY-MM-DD') AS "onDay", e.financial_year AS "financialYear",
            e.organisation_id AS "organisationId", o.name AS "organisationName", e.service_id AS "serviceId", s.name AS "serviceName",
            e.settles_entry_id AS "settlesEntryId", e.description
       FROM fund_entry e JOIN area_service s ON s.id = e.service_id LEFT JOIN organisation o ON o.id = e.organisation_id
      WHERE e.fund_id = $1 ORDER BY e.on_day, e.recorded_at`,
    [fundId],
  );
  return rows.map((r) => ({ ...r, kind: ENTRY_KINDS.parse(r.kind), amountPence: penceOf(r.amountPence) }));
}

/** A partner's line in a year: its money budget, and what is booked on it (commitments net of settling spend, and spend). */
export async function lineOf(db: Queryable, fundId: string, organisationId: string, financialYear: number): Promise<AlignedBudget> {
  const [row] = await db.query<{ budget: string; hasBudget: boolean; committed: string; spent: string }>(
    `SELECT (SELECT COALESCE(sum(amount_pence), 0) FROM fund_contribution
              WHERE fund_id = $1 AND organisation_id = $2 AND financial_year = $3 AND kind = 'money')::text AS budget,
            EXISTS (SELECT 1 FROM fund_contribution WHERE fund_id = $1 AND organisation_id = $2 AND financial_year = $3 AND kind = 'money') AS "hasBudget",
            (SELECT COALESCE(sum(GREATEST(e.amount_pence - COALESCE((SELECT sum(s.amount_pence) FROM fund_entry s WHERE s.settles_entry_id = e.id), 0), 0)), 0)
               FROM fund_entry e WHERE e.fund_id = $1 AND e.organisation_id = $2 AND e.financial_year = $3 AND e.kind = 'commitment')::text AS committed,
            (SELECT COALESCE(sum(amount_pence), 0) FROM fund_entry
              WHERE fund_id = $1 AND organisation_id = $2 AND financial_year = $3 AND kind = 'spend')::text AS spent`,
    [fundId, organisationId, financialYear],
  );
  const budgetPence = penceOf(row?.budget ?? 0);
  const committedPence = penceOf(row?.committed ?? 0);
  const spentPence = penceOf(row?.spent ?? 0);
  return {
    hasBudget: row?.hasBudget ?? false,
    budgetPence,
    committedPence,
    spentPence,
    remainingPence: budgetPence - committedPence - spentPence,
  };
}

/** A commitment of the fund with what of it is still outstanding. */
export async function findCommitment(
  db: Queryable,
  fundId: string,
  entryId: string,
): Promise<{ organisationId: string | null; financialYear: number; serviceId: string; outstandingPence: number } | undefined> {
  const [row] = await db.query<{ organisationId: string | null; financialYear: number; serviceId: string; outstanding: string }>(
    `SELECT e.organisation_id AS "organisationId", e.financial_year AS "financialYear", e.service_id AS "serviceId",
            (e.amount_pence - COALESCE((SELECT sum(s.amount_pence) FROM fund_entry s WHERE s.settles_entry_id = e.id), 0))::text AS outstanding
       FROM fund_entry e WHERE e.fund_id = $1 AND e.id = $2 AND e.kind = 'commitment'`,
    [fundId, entryId],
  );
  return row ? { ...row, outstandingPence: penceOf(row.outstanding) } : undefined;
}

export async function insertEntry(
  tx: Tx,
  e: Omit<AlignedEntry, 'id' | 'organisationName' | 'serviceName'> & { fundId: string; areaCode: string; by: string; at: Date },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO fund_entry (fund_id, area_code, service_id, kind, amount_pence, on_day, financial_year, organisation_id, settles_entry_id,
                             description, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      e.fundId,
      e.areaCode,
      e.serviceId,
      e.kind,
      e.amountPence,
      e.onDay,
      e.financialYear,
      e.organisationId,
      e.settlesEntryId,
      e.description,
      e.by,
      e.at,
    ],
  );
  if (!row) throw new Error('fund entry insert returned no row');
  return row.id;
}

/** The area's services open on the day, by name, for a booking's select (the directory owns them; read here). */
export async function listOpenServices(db: Queryable, areaCode: string, today: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `SELECT id, name FROM area_service WHERE area_code = $1 AND (closed_from IS NULL OR closed_from > $2) ORDER BY lower(name)`,
    [areaCode, today],
  );
}

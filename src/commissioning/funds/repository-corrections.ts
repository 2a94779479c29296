import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { penceOf } from '../../platform/money.js';
import { CONTRIBUTION_KINDS, ENTRY_KINDS, type ContributionKind, type EntryKind } from '../types.js';
import { AWAITS } from './repository.js';

/**
 * Corrections' SQL (ADR 0033): the row to be reversed as a reversal needs it, and the reversing row, which
 * copies the original's kind, partner, year, service and day with the amount negated and the reason.
 */

export interface EntryToReverse {
  id: string;
  kind: EntryKind;
  serviceId: string;
  amountPence: number;
  onDay: string;
  financialYear: number;
  organisationId: string | null;
  settlesEntryId: string | null;
  reversesEntryId: string | null;
  reversedOn: string | null;
  /** A commitment: what it still awaits; a spend: 0. */
  awaitsPence: number;
}

export async function findEntryToReverse(db: Queryable, fundId: string, id: string): Promise<EntryToReverse | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<Omit<EntryToReverse, 'kind' | 'amountPence' | 'awaitsPence'> & { kind: string; amountPence: string; awaits: string }>(
    `SELECT e.id, e.kind, e.service_id AS "serviceId", e.amount_pence::text AS "amountPence", to_char(e.on_day, 'YYYY-MM-DD') AS "onDay",
            e.financial_year AS "financialYear", e.organisation_id AS "organisationId", e.settles_entry_id AS "settlesEntryId",
            e.reverses_entry_id AS "reversesEntryId",
            (SELECT to_char(r.recorded_at, 'YYYY-MM-DD') FROM fund_entry r WHERE r.reverses_entry_id = e.id) AS "reversedOn",
            (CASE WHEN e.kind = 'commitment' THEN ${AWAITS('e')} ELSE 0 END)::text AS awaits
       FROM fund_entry e WHERE e.id = $1 AND e.fund_id = $2`,
    [id, fundId],
  );
  return row && { ...row, kind: ENTRY_KINDS.parse(row.kind), amountPence: penceOf(row.amountPence), awaitsPence: penceOf(row.awaits) };
}

export async function insertEntryReversal(tx: Tx, fundId: string, areaCode: string, original: EntryToReverse, r: { amountPence: number; reason: string; by: string }, at: Date): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO fund_entry (fund_id, area_code, service_id, kind, amount_pence, on_day, financial_year, organisation_id, settles_entry_id,
                             description, recorded_by, recorded_at, reverses_entry_id, reversal_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', $10, $11, $12, $13) RETURNING id`,
    [fundId, areaCode, original.serviceId, original.kind, -r.amountPence, original.onDay, original.financialYear, original.organisationId, original.settlesEntryId, r.by, at, original.id, r.reason],
  );
  return row.id;
}

export interface ContributionToReverse {
  id: string;
  organisationId: string;
  financialYear: number;
  kind: ContributionKind;
  amountPence: number | null;
  description: string;
  reversesContributionId: string | null;
  reversedOn: string | null;
}

export async function findContributionToReverse(db: Queryable, fundId: string, id: string): Promise<ContributionToReverse | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<Omit<ContributionToReverse, 'kind' | 'amountPence'> & { kind: string; amountPence: string | null }>(
    `SELECT c.id, c.organisation_id AS "organisationId", c.financial_year AS "financialYear", c.kind, c.amount_pence::text AS "amountPence",
            c.description, c.reverses_contribution_id AS "reversesContributionId",
            (SELECT to_char(r.recorded_at, 'YYYY-MM-DD') FROM fund_contribution r WHERE r.reverses_contribution_id = c.id) AS "reversedOn"
       FROM fund_contribution c WHERE c.id = $1 AND c.fund_id = $2`,
    [id, fundId],
  );
  return row && { ...row, kind: CONTRIBUTION_KINDS.parse(row.kind), amountPence: row.amountPence === null ? null : penceOf(row.amountPence) };
}

export async function insertContributionReversal(
  tx: Tx,
  fundId: string,
  areaCode: string,
  original: ContributionToReverse,
  r: { amountPence: number | null; reason: string; by: string },
  at: Date,
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO fund_contribution (fund_id, area_code, organisation_id, financial_year, kind, amount_pence, description, recorded_by, recorded_at,
                                    reverses_contribution_id, reversal_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [fundId, areaCode, original.organisationId, original.financialYear, original.kind, r.amountPence === null ? null : -r.amountPence, original.description, r.by, at, original.id, r.reason],
  );
  return row.id;
}

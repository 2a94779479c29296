import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { penceOf } from '../../platform/money.js';
import { CONTRIBUTION_KINDS, ENTRY_KINDS, FUND_KINDS } from '../types.js';
import type { StatementContribution, StatementEntry } from './statement.js';
import type { Agreement, BudgetHolder, Contribution, Entry, Fund } from './types.js';

/** Funds' SQL (ADR 0028): one function per question; money read back as whole pence. */

const day = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS "${as}"`;

type FundRow = Omit<Fund, 'kind' | 'budgetHolders' | 'agreements'> & { kind: string };

export async function findFundRow(db: Queryable, areaCode: string, id: string, lock = false): Promise<FundRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<FundRow>(
    `SELECT f.id, f.area_code AS "areaCode", f.kind, f.name, f.purpose, f.host_organisation_id AS "hostOrganisationId",
            (SELECT o.name FROM organisation o WHERE o.id = f.host_organisation_id) AS "hostOrganisationName",
            ${day('f.starts_on', 'startsOn')}, ${day('f.ends_on', 'endsOn')}
       FROM fund f WHERE f.id = $1 AND f.area_code = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, areaCode],
  );
  return row;
}

/** Locks the fund's row until the transaction ends: bookings on one fund wait for each other (ADR 0028). */
export async function lockFund(tx: Tx, areaCode: string, id: string): Promise<FundRow | undefined> {
  return findFundRow(tx, areaCode, id, true);
}

export async function findFund(db: Queryable, areaCode: string, id: string): Promise<Fund | undefined> {
  const row = await findFundRow(db, areaCode, id);
  if (!row) return undefined;
  return { ...row, kind: FUND_KINDS.parse(row.kind), budgetHolders: await listBudgetHolders(db, id), agreements: await listAgreements(db, id) };
}

export async function listBudgetHolders(db: Queryable, fundId: string): Promise<BudgetHolder[]> {
  return db.query<BudgetHolder>(
    `SELECT u.id AS "userId", u.display_name AS "displayName", u.role
       FROM fund_budget_holder h JOIN app_user u ON u.id = h.user_id
      WHERE h.fund_id = $1 ORDER BY u.display_name`,
    [fundId],
  );
}

type AgreementRow = Omit<Agreement, 'services' | 'needsYotApproval' | 'yotApproval' | 'status'> & {
  yotApproverName: string | null;
  yotApproverTitle: string | null;
  yotOrganisationId: string | null;
  yotOrganisationName: string | null;
  yotApprovedOn: string | null;
};

export async function listAgreements(db: Queryable, fundId: string): Promise<Agreement[]> {
  const rows = await db.query<AgreementRow>(
    `SELECT a.id, a.version, a.purpose, ${day('a.starts_on', 'startsOn')}, ${day('a.ends_on', 'endsOn')}, a.exit_terms AS "exitTerms",
            a.governance, a.variation_reason AS "variationReason", p.display_name AS "proposedByName",
            ${day('a.agreed_on', 'agreedOn')}, g.display_name AS "agreedByName", a.decision_id AS "decisionId",
            a.yot_approver_name AS "yotApproverName", a.yot_approver_title AS "yotApproverTitle",
            a.yot_organisation_id AS "yotOrganisationId", o.name AS "yotOrganisationName", ${day('a.yot_approved_on', 'yotApprovedOn')}
       FROM fund_agreement a
       JOIN app_user p ON p.id = a.proposed_by
       LEFT JOIN app_user g ON g.id = a.agreed_by
       LEFT JOIN organisation o ON o.id = a.yot_organisation_id
      WHERE a.fund_id = $1 ORDER BY a.version DESC`,
    [fundId],
  );
  const services = await db.query<{ agreementId: string; id: string; name: string; serviceType: string | null }>(
    `SELECT s.agreement_id AS "agreementId", v.id, v.name, v.service_type AS "serviceType"
       FROM fund_agreement_service s JOIN fund_agreement a ON a.id = s.agreement_id JOIN area_service v ON v.id = s.service_id
      WHERE a.fund_id = $1 ORDER BY v.name`,
    [fundId],
  );
  const latestAgreed = rows.find((r) => r.agreedOn !== null)?.version;
  return rows.map(({ yotApproverName, yotApproverTitle, yotOrganisationId, yotOrganisationName, yotApprovedOn, ...a }) => {
    const scope = services.filter((s) => s.agreementId === a.id).map(({ agreementId: _, ...s }) => s);
    return {
      ...a,
      status: a.agreedOn === null ? 'proposed' : a.version === latestAgreed ? 'in_force' : 'superseded',
      services: scope,
      needsYotApproval: scope.some((s) => s.serviceType === 'youth_offending'),
      yotApproval:
        yotApprovedOn === null || yotOrganisationId === null
          ? null
          : {
              approverName: yotApproverName ?? '',
              approverTitle: yotApproverTitle ?? '',
              organisationId: yotOrganisationId,
              organisationName: yotOrganisationName ?? '',
              approvedOn: yotApprovedOn,
            },
    };
  });
}

export async function insertFund(
  tx: Tx,
  f: { areaCode: string; kind: string; name: string; purpose: string; hostOrganisationId: string | null; startsOn: string; endsOn: string | null; by: string },
  at: Date,
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO fund (area_code, kind, name, purpose, host_organisation_id, starts_on, ends_on, created_by, created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
    [f.areaCode, f.kind, f.name, f.purpose, f.hostOrganisationId, f.startsOn, f.endsOn, f.by, at],
  );
  return row.id;
}

export async function fundNameTaken(db: Queryable, areaCode: string, name: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM fund WHERE area_code = $1 AND lower(name) = lower($2)', [areaCode, name])).length > 0;
}

export async function insertAgreement(
  tx: Tx,
  a: {
    fundId: string;
    areaCode: string;
    version: number;
    purpose: string;
    startsOn: string;
    endsOn: string;
    exitTerms: string;
    governance: string;
    variationReason: string;
    serviceIds: readonly string[];
    by: string;
  },
  at: Date,
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO fund_agreement (fund_id, area_code, version, purpose, starts_on, ends_on, exit_terms, governance, variation_reason, proposed_by, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [a.fundId, a.areaCode, a.version, a.purpose, a.startsOn, a.endsOn, a.exitTerms, a.governance, a.variationReason, a.by, at],
  );
  await tx.query(
    `INSERT INTO fund_agreement_service (agreement_id, area_code, service_id) SELECT $1, $2, unnest($3::uuid[])`,
    [row.id, a.areaCode, a.serviceIds],
  );
  return row.id;
}

export async function setYotApproval(
  tx: Tx,
  agreementId: string,
  y: { approverName: string; approverTitle: string; organisationId: string; approvedOn: string; by: string },
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE fund_agreement SET yot_approver_name = $2, yot_approver_title = $3, yot_organisation_id = $4, yot_approved_on = $5,
            yot_recorded_by = $6, yot_recorded_at = $7
      WHERE id = $1 AND agreed_on IS NULL`,
    [agreementId, y.approverName, y.approverTitle, y.organisationId, y.approvedOn, y.by, at],
  );
}

/** Marks the version agreed and puts its purpose and term on the fund (the term in force). */
export async function markAgreed(tx: Tx, fundId: string, agreement: Agreement, agreedOn: string, decisionId: string, by: string, at: Date): Promise<void> {
  await tx.query(`UPDATE fund_agreement SET agreed_on = $2, agreed_by = $3, agreed_at = $4, decision_id = $5 WHERE id = $1 AND agreed_on IS NULL`, [
    agreement.id,
    agreedOn,
    by,
    at,
    decisionId,
  ]);
  await tx.query(`UPDATE fund SET purpose = $2, starts_on = $3, ends_on = $4, changed_at = $5 WHERE id = $1`, [
    fundId,
    agreement.purpose,
    agreement.startsOn,
    agreement.endsOn,
    at,
  ]);
}

export async function deleteProposed(tx: Tx, agreementId: string): Promise<boolean> {
  return (await tx.query('DELETE FROM fund_agreement WHERE id = $1 AND agreed_on IS NULL RETURNING id', [agreementId])).length > 0;
}

export async function replaceBudgetHolders(tx: Tx, fundId: string, areaCode: string, userIds: readonly string[], by: string, at: Date): Promise<void> {
  await tx.query('DELETE FROM fund_budget_holder WHERE fund_id = $1 AND NOT (user_id = ANY ($2::uuid[]))', [fundId, userIds]);
  await tx.query(
    `INSERT INTO fund_budget_holder (fund_id, area_code, user_id, added_by, added_at)
     SELECT $1, $2, unnest($3::uuid[]), $4, $5 ON CONFLICT DO NOTHING`,
    [fundId, areaCode, userIds, by, at],
  );
}

/** The area's people who may hold a fund's budget: open accounts of the roles that may book (planners, practice managers). */
export async function listPossibleBudgetHolders(db: Queryable, areaCode: string): Promise<BudgetHolder[]> {
  return db.query<BudgetHolder>(
    `SELECT id AS "userId", display_name AS "displayName", role FROM app_user
      WHERE area_code = $1 AND role IN ('planner', 'practice_manager') AND closed_at IS NULL ORDER BY display_name`,
    [areaCode],
  );
}

export async function insertContribution(
  tx: Tx,
  c: { fundId: string; areaCode: string; organisationId: string; financialYear: number; kind: string; amountPence: number | null; description: string; by: string },
  at: Date,
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO fund_contribution (fund_id, area_code, organisation_id, financial_year, kind, amount_pence, description, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [c.fundId, c.areaCode, c.organisationId, c.financialYear, c.kind, c.amountPence, c.description, c.by, at],
  );
  return row.id;
}

export async function listContributions(db: Queryable, fundId: string): Promise<Contribution[]> {
  const rows = await db.query<Omit<Contribution, 'kind' | 'amountPence'> & { kind: string; amountPence: string | null }>(
    `SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.financial_year AS "financialYear", c.kind,
            c.amount_pence::text AS "amountPence", c.description,
            c.reverses_contribution_id AS "reversesContributionId", c.reversal_reason AS "reversalReason",
            (SELECT r.id FROM fund_contribution r WHERE r.reverses_contribution_id = c.id) AS "reversedById"
       FROM fund_contribution c JOIN organisation o ON o.id = c.organisation_id
      WHERE c.fund_id = $1 ORDER BY c.financial_year, o.name, c.recorded_at`,
    [fundId],
  );
  return rows.map((r) => ({ ...r, kind: CONTRIBUTION_KINDS.parse(r.kind), amountPence: r.amountPence === null ? null : penceOf(r.amountPence) }));
}

export async function insertEntry(
  tx: Tx,
  e: {
    fundId: string;
    areaCode: string;
    serviceId: string;
    kind: string;
    amountPence: number;
    onDay: string;
    financialYear: number;
    organisationId: string | null;
    settlesEntryId: string | null;
    description: string;
    by: string;
  },
  at: Date,
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO fund_entry (fund_id, area_code, service_id, kind, amount_pence, on_day, financial_year, organisation_id, settles_entry_id,
                             description, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [e.fundId, e.areaCode, e.serviceId, e.kind, e.amountPence, e.onDay, e.financialYear, e.organisationId, e.settlesEntryId, e.description, e.by, at],
  );
  return row.id;
}

export async function listEntries(db: Queryable, fundId: string): Promise<Entry[]> {
  const rows = await db.query<Omit<Entry, 'kind' | 'amountPence'> & { kind: string; amountPence: string }>(
    `SELECT e.id, e.service_id AS "serviceId", s.name AS "serviceName", e.kind, e.amount_pence::text AS "amountPence",
            ${day('e.on_day', 'onDay')}, e.financial_year AS "financialYear", e.organisation_id AS "organisationId",
            o.name AS "organisationName", e.settles_entry_id AS "settlesEntryId", e.description, u.display_name AS "recordedByName",
            e.reverses_entry_id AS "reversesEntryId", e.reversal_reason AS "reversalReason",
            (SELECT r.id FROM fund_entry r WHERE r.reverses_entry_id = e.id) AS "reversedById"
       FROM fund_entry e JOIN area_service s ON s.id = e.service_id JOIN app_user u ON u.id = e.recorded_by
       LEFT JOIN organisation o ON o.id = e.organisation_id
      WHERE e.fund_id = $1 ORDER BY e.on_day, e.recorded_at`,
    [fundId],
  );
  return rows.map((r) => ({ ...r, kind: ENTRY_KINDS.parse(r.kind), amountPence: penceOf(r.amountPence) }));
}

/**
 * What a commitment still awaits, for the row aliased `e`: its amount less the spending that paid it (a spend's
 * reversal carries the commitment too, so it adds back) less what a reversal of the commitment released (its
 * amount is negative). Never below nothing; a commitment's reversal itself awaits nothing (ADR 0033).
 */
export const AWAITS = (e: string) => `greatest(${e}.amount_pence
  - coalesce((SELECT sum(p.amount_pence) FROM fund_entry p WHERE p.settles_entry_id = ${e}.id), 0)
  + coalesce((SELECT sum(r.amount_pence) FROM fund_entry r WHERE r.reverses_entry_id = ${e}.id AND r.kind = 'commitment'), 0), 0)`;

/** One partner's budget for one financial year (aligned budgets' lines). */
export interface BudgetLine {
  organisationId: string;
  financialYear: number;
}

/**
 * What a booking may still draw on, read inside the fund's lock: money put in less commitments not yet paid
 * less spending, for the whole fund, or (aligned budgets) for one partner's line in one financial year.
 * Reversals are rows with negated amounts, so the sums net them. Summed in SQL as numeric.
 */
export async function moneyLeft(tx: Tx, fundId: string, line: BudgetLine | null): Promise<number> {
  const [row] = await tx.query<{ left: string }>(
    `SELECT (
       coalesce((SELECT sum(amount_pence) FROM fund_contribution
                  WHERE fund_id = $1 AND kind = 'money' AND ($2::uuid IS NULL OR (organisation_id = $2 AND financial_year = $3))), 0)
       - coalesce((SELECT sum(${AWAITS('e')}) FROM fund_entry e
                    WHERE e.fund_id = $1 AND e.kind = 'commitment' AND ($2::uuid IS NULL OR (e.organisation_id = $2 AND e.financial_year = $3))), 0)
       - coalesce((SELECT sum(amount_pence) FROM fund_entry
                    WHERE fund_id = $1 AND kind = 'spend' AND ($2::uuid IS NULL OR (organisation_id = $2 AND financial_year = $3))), 0)
     )::text AS left`,
    [fundId, line?.organisationId ?? null, line?.financialYear ?? null],
  );
  return penceOf(row?.left ?? '0');
}

/** Whether the partner has put money (a money contribution, reversed or not) into the fund for the year. */
export async function hasMoneyBudget(db: Queryable, fundId: string, line: BudgetLine): Promise<boolean> {
  if (!isUuid(line.organisationId)) return false;
  const rows = await db.query(
    `SELECT 1 FROM fund_contribution WHERE fund_id = $1 AND organisation_id = $2 AND financial_year = $3 AND kind = 'money' AND reverses_contribution_id IS NULL`,
    [fundId, line.organisationId, line.financialYear],
  );
  return rows.length > 0;
}

/** The version of the fund's agreement in force (the latest agreed), read again inside a booking's lock. */
export async function versionInForce(tx: Queryable, fundId: string): Promise<number | null> {
  const [row] = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM fund_agreement WHERE fund_id = $1 AND agreed_on IS NOT NULL', [fundId]);
  return row?.version ?? null;
}

/** A commitment of the fund (not a reversal) and what of it is not yet paid. */
export async function findCommitment(
  tx: Queryable,
  fundId: string,
  id: string,
): Promise<{ id: string; serviceId: string; organisationId: string | null; financialYear: number; outstanding: number } | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.query<{ id: string; serviceId: string; organisationId: string | null; financialYear: number; outstanding: string }>(
    `SELECT e.id, e.service_id AS "serviceId", e.organisation_id AS "organisationId", e.financial_year AS "financialYear", (${AWAITS('e')})::text AS outstanding
       FROM fund_entry e WHERE e.id = $1 AND e.fund_id = $2 AND e.kind = 'commitment' AND e.reverses_entry_id IS NULL`,
    [id, fundId],
  );
  return row ? { ...row, outstanding: penceOf(row.outstanding) } : undefined;
}

/** The rows a statement is built from (statement.ts). */
export async function statementRows(db: Queryable, fundId: string): Promise<{ contributions: StatementContribution[]; entries: StatementEntry[] }> {
  const [contributions, entries] = [await listContributions(db, fundId), await listEntries(db, fundId)];
  return {
    contributions: contributions.map(({ organisationId, organisationName, financialYear, kind, amountPence, reversesContributionId }) => ({
      organisationId,
      organisationName,
      financialYear,
      kind,
      amountPence,
      reverses: reversesContributionId !== null,
    })),
    entries: entries.map(({ id, kind, amountPence, financialYear, serviceId, serviceName, organisationId, settlesEntryId, reversesEntryId }) => ({
      id,
      kind,
      amountPence,
      financialYear,
      serviceId,
      serviceName,
      organisationId,
      settlesEntryId,
      reversesEntryId,
    })),
  };
}

/** A service of the area by id, with its type (004 Table 4.4), open or not. */
export async function findServicesOfArea(db: Queryable, areaCode: string, ids: readonly string[]): Promise<{ id: string; name: string; serviceType: string | null }[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.query(`SELECT id, name, service_type AS "serviceType" FROM area_service WHERE area_code = $1 AND id = ANY ($2::uuid[]) ORDER BY name`, [areaCode, valid]);
}

/** The area's services to choose a scope from. */
export async function listServiceChoices(db: Queryable, areaCode: string): Promise<{ id: string; name: string; serviceType: string | null }[]> {
  return db.query(`SELECT id, name, service_type AS "serviceType" FROM area_service WHERE area_code = $1 ORDER BY name`, [areaCode]);
}

/** An open partner of the area, with its sector. */
export async function findPartner(db: Queryable, areaCode: string, id: string): Promise<{ id: string; name: string; sector: string } | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<{ id: string; name: string; sector: string }>(
    'SELECT id, name, sector FROM organisation WHERE id = $1 AND area_code = $2 AND closed_on IS NULL',
    [id, areaCode],
  );
  return row;
}

export async function listPartners(db: Queryable, areaCode: string): Promise<{ id: string; name: string; sector: string }[]> {
  return db.query('SELECT id, name, sector FROM organisation WHERE area_code = $1 AND closed_on IS NULL ORDER BY name', [areaCode]);
}

/** The users of the area among these ids who may hold a budget. */
export async function findBudgetHolderCandidates(db: Queryable, areaCode: string, ids: readonly string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM app_user WHERE area_code = $1 AND id = ANY ($2::uuid[]) AND role IN ('planner', 'practice_manager') AND closed_at IS NULL`,
    [areaCode, valid],
  );
  return rows.map((r) => r.id);
}

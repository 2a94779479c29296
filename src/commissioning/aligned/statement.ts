import type { Queryable } from '../../platform/db.js';
import { financialYearLabel, penceOf } from '../../platform/money.js';

/**
 * A fund's statement (issue 17 items 4-5; ADR 0032): for each financial year, what was contributed, what is
 * committed and not yet paid, what was spent, and what remains, for the fund as a whole and for each partner.
 * The same shape serves pooled funds and aligned budgets; for a pooled fund a partner's own line has no
 * commitments or spending (the pool's money has no owner, 000 §2.49), only its contributions.
 *
 * Money is whole pence throughout: sums come from SQL as bigint and are added as safe integers, so each
 * statement reconciles to the penny (remaining = contributed - committed - spent).
 */

export interface StatementYear {
  financialYear: number;
  /** "2025-26" */
  label: string;
  /** Money contributed (the budget, for aligned budgets). */
  contributedPence: number;
  /** Contributions in kind with a value: counted as resources, not as money that can be booked. */
  inKindValuedPence: number;
  /** Contributions in kind left unvalued: counted, never summed. */
  inKindUnvaluedCount: number;
  /** Commitments not yet settled by spending. */
  committedPence: number;
  spentPence: number;
  /** contributed - committed - spent; negative only if bookings ran past the money (never allowed for aligned lines). */
  remainingPence: number;
}

export interface PartnerStatement {
  organisationId: string;
  organisationName: string;
  years: StatementYear[];
  total: StatementYear;
}

export interface FundStatement {
  years: StatementYear[];
  total: StatementYear;
  partners: PartnerStatement[];
}

interface Row {
  organisation_id: string | null;
  organisation_name: string | null;
  financial_year: number;
  contributed: string;
  in_kind_valued: string;
  in_kind_unvalued: string;
  committed: string;
  spent: string;
}

/**
 * One row per partner (null: the pool's own bookings) and year: contributions by kind, commitments net of
 * the spending that settled them (000 §2.49), spending. Readable as three aggregates joined on (partner, year).
 */
const STATEMENT_SQL = `
  WITH contributions AS (
    SELECT organisation_id, financial_year,
           COALESCE(sum(amount_pence) FILTER (WHERE kind = 'money'), 0) AS contributed,
           COALESCE(sum(amount_pence) FILTER (WHERE kind <> 'money'), 0) AS in_kind_valued,
           count(*) FILTER (WHERE kind <> 'money' AND amount_pence IS NULL) AS in_kind_unvalued
      FROM fund_contribution WHERE fund_id = $1
     GROUP BY organisation_id, financial_year
  ), settled AS (
    SELECT settles_entry_id AS id, sum(amount_pence) AS amount
      FROM fund_entry WHERE fund_id = $1 AND settles_entry_id IS NOT NULL GROUP BY settles_entry_id
  ), bookings AS (
    SELECT e.organisation_id, e.financial_year,
           COALESCE(sum(GREATEST(e.amount_pence - COALESCE(s.amount, 0), 0)) FILTER (WHERE e.kind = 'commitment'), 0) AS committed,
           COALESCE(sum(e.amount_pence) FILTER (WHERE e.kind = 'spend'), 0) AS spent
      FROM fund_entry e LEFT JOIN settled s ON s.id = e.id
     WHERE e.fund_id = $1
     GROUP BY e.organisation_id, e.financial_year
  )
  SELECT COALESCE(c.organisation_id, b.organisation_id) AS organisation_id, o.name AS organisation_name,
         COALESCE(c.financial_year, b.financial_year) AS financial_year,
         COALESCE(c.contributed, 0)::text AS contributed, COALESCE(c.in_kind_valued, 0)::text AS in_kind_valued,
         COALESCE(c.in_kind_unvalued, 0)::text AS in_kind_unvalued,
         COALESCE(b.committed, 0)::text AS committed, COALESCE(b.spent, 0)::text AS spent
    FROM contributions c
    FULL JOIN bookings b ON b.organisation_id IS NOT DISTINCT FROM c.organisation_id AND b.financial_year = c.financial_year
    LEFT JOIN organisation o ON o.id = COALESCE(c.organisation_id, b.organisation_id)
   ORDER BY financial_year, organisation_name`;

export function emptyYear(financialYear: number): StatementYear {
  return {
    financialYear,
    label: financialYear ? financialYearLabel(financialYear) : 'All years',
    contributedPence: 0,
    inKindValuedPence: 0,
    inKindUnvaluedCount: 0,
    committedPence: 0,
    spentPence: 0,
    remainingPence: 0,
  };
}

function add(into: StatementYear, r: Omit<StatementYear, 'financialYear' | 'label'>): void {
  into.contributedPence += r.contributedPence;
  into.inKindValuedPence += r.inKindValuedPence;
  into.inKindUnvaluedCount += r.inKindUnvaluedCount;
  into.committedPence += r.committedPence;
  into.spentPence += r.spentPence;
  into.remainingPence += r.remainingPence;
}

/** Years in order, with the years between the first and last filled in (a year with nothing is a row of zeros). */
function byYear(map: Map<number, StatementYear>): StatementYear[] {
  const years = [...map.keys()];
  if (years.length === 0) return [];
  const out: StatementYear[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y += 1) out.push(map.get(y) ?? emptyYear(y));
  return out;
}

/** The fund's statement from its contributions and bookings. */
export async function fundStatement(db: Queryable, fundId: string): Promise<FundStatement> {
  const rows = await db.query<Row>(STATEMENT_SQL, [fundId]);
  const fundYears = new Map<number, StatementYear>();
  const partners = new Map<string, { name: string; years: Map<number, StatementYear> }>();
  const total = emptyYear(0);
  const partnerTotals = new Map<string, StatementYear>();
  for (const row of rows) {
    const amounts = {
      contributedPence: penceOf(row.contributed),
      inKindValuedPence: penceOf(row.in_kind_valued),
      inKindUnvaluedCount: Number(row.in_kind_unvalued),
      committedPence: penceOf(row.committed),
      spentPence: penceOf(row.spent),
      remainingPence: 0,
    };
    amounts.remainingPence = amounts.contributedPence - amounts.committedPence - amounts.spentPence;
    const year = row.financial_year;
    if (!fundYears.has(year)) fundYears.set(year, emptyYear(year));
    add(fundYears.get(year) as StatementYear, amounts);
    add(total, amounts);
    if (row.organisation_id === null) continue;
    const partner = partners.get(row.organisation_id) ?? { name: row.organisation_name ?? '', years: new Map() };
    partners.set(row.organisation_id, partner);
    if (!partner.years.has(year)) partner.years.set(year, emptyYear(year));
    add(partner.years.get(year) as StatementYear, amounts);
    if (!partnerTotals.has(row.organisation_id)) partnerTotals.set(row.organisation_id, emptyYear(0));
    add(partnerTotals.get(row.organisation_id) as StatementYear, amounts);
  }
  return {
    years: byYear(fundYears),
    total,
    partners: [...partners.entries()]
      .map(([organisationId, p]) => ({
        organisationId,
        organisationName: p.name,
        years: byYear(p.years),
        total: partnerTotals.get(organisationId) ?? emptyYear(0),
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName)),
  };
}

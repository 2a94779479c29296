import type { Queryable } from '../../platform/db.js';
import { penceOf } from '../../platform/money.js';
import { FUND_KINDS, type FundKind } from '../types.js';

/**
 * The resource map's questions (000 §2.48; ADR 0032), one function each, all of one area. Commissioning's own
 * tables are read with the directory's services, their aims (to outcomes) and the partner register's sectors.
 */

/** What a partner put into funds of one kind in a year: money and valued in kind summed, unvalued in kind counted. */
export interface ContributionFact {
  organisationId: string;
  organisationName: string;
  sector: string;
  fundKind: FundKind;
  financialYear: number;
  valuedPence: number;
  unvaluedCount: number;
}

export async function contributionsOfArea(db: Queryable, areaCode: string): Promise<ContributionFact[]> {
  const rows = await db.query<
    Omit<ContributionFact, 'valuedPence' | 'unvaluedCount' | 'fundKind'> & { fundKind: string; valued: string; unvalued: string }
  >(
    `SELECT c.organisation_id AS "organisationId", o.name AS "organisationName", o.sector, f.kind AS "fundKind", c.financial_year AS "financialYear",
            COALESCE(sum(c.amount_pence), 0)::text AS valued, (count(*) FILTER (WHERE c.amount_pence IS NULL AND c.reverses_contribution_id IS NULL)
             - count(*) FILTER (WHERE c.amount_pence IS NULL AND c.reverses_contribution_id IS NOT NULL))::text AS unvalued
       FROM fund_contribution c JOIN fund f ON f.id = c.fund_id JOIN organisation o ON o.id = c.organisation_id
      WHERE c.area_code = $1
      GROUP BY c.organisation_id, o.name, o.sector, f.kind, c.financial_year
      ORDER BY o.name, c.financial_year`,
    [areaCode],
  );
  return rows.map((r) => ({
    ...r,
    fundKind: FUND_KINDS.parse(r.fundKind),
    valuedPence: penceOf(r.valued),
    unvaluedCount: Number(r.unvalued),
  }));
}

/** Money put to work on a service in a year from any fund: spending, and commitments not yet settled by it. */
export interface DeployedFact {
  serviceId: string;
  financialYear: number;
  pence: number;
}

export async function deployedOfArea(db: Queryable, areaCode: string): Promise<DeployedFact[]> {
  const rows = await db.query<{ serviceId: string; financialYear: number; pence: string }>(
    `WITH settled AS (
       -- What no longer awaits payment: spending that paid the commitment (a spend's reversal adds back), and
       -- what a reversal of the commitment released (its amount is negative; ADR 0033).
       SELECT COALESCE(settles_entry_id, reverses_entry_id) AS id,
              sum(CASE WHEN settles_entry_id IS NOT NULL THEN amount_pence ELSE -amount_pence END) AS amount
         FROM fund_entry
        WHERE area_code = $1 AND (settles_entry_id IS NOT NULL OR (kind = 'commitment' AND reverses_entry_id IS NOT NULL))
        GROUP BY 1
     )
     SELECT e.service_id AS "serviceId", e.financial_year AS "financialYear",
            sum(CASE WHEN e.kind = 'spend' THEN e.amount_pence ELSE GREATEST(e.amount_pence - COALESCE(s.amount, 0), 0) END)::text AS pence
       FROM fund_entry e LEFT JOIN settled s ON s.id = e.id
      WHERE e.area_code = $1
      GROUP BY e.service_id, e.financial_year
      ORDER BY e.service_id, e.financial_year`,
    [areaCode],
  );
  return rows.map((r) => ({ ...r, pence: penceOf(r.pence) }));
}

/** A service of the directory as the map sorts it: its national levels of need, the outcomes its aims serve, its type. */
export interface ServiceFacts {
  id: string;
  name: string;
  needLevels: string[];
  outcomeCodes: string[];
  serviceType: string | null;
}

export async function servicesOfArea(db: Queryable, areaCode: string): Promise<ServiceFacts[]> {
  return db.query<ServiceFacts>(
    `SELECT s.id, s.name, s.need_levels AS "needLevels", s.service_type AS "serviceType",
            ARRAY(SELECT DISTINCT a.outcome_code FROM area_service_aim sa JOIN aim a ON a.code = sa.aim_code WHERE sa.service_id = s.id) AS "outcomeCodes"
       FROM area_service s WHERE s.area_code = $1 ORDER BY lower(s.name)`,
    [areaCode],
  );
}

export async function listOutcomeNames(db: Queryable): Promise<{ code: string; name: string }[]> {
  return db.query<{ code: string; name: string }>('SELECT code, everyday_name AS name FROM outcome ORDER BY position');
}

/** The services some pooled fund has committed money to or spent on (004 Table 4.4: "services funded through pooled budgets"). */
export async function servicesFundedFromPools(db: Queryable, areaCode: string): Promise<{ serviceId: string; funds: number }[]> {
  const rows = await db.query<{ serviceId: string; funds: string }>(
    `SELECT e.service_id AS "serviceId", count(DISTINCT e.fund_id)::text AS funds
       FROM fund_entry e JOIN fund f ON f.id = e.fund_id
      WHERE e.area_code = $1 AND f.kind = 'pooled'
      GROUP BY e.service_id`,
    [areaCode],
  );
  return rows.map((r) => ({ serviceId: r.serviceId, funds: Number(r.funds) }));
}

/** How many pooled funds have committed money to or spent on some service (Table 4.4's evidence base). */
export async function countPooledFundsPaying(db: Queryable, areaCode: string): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(DISTINCT e.fund_id)::text AS n FROM fund_entry e JOIN fund f ON f.id = e.fund_id WHERE e.area_code = $1 AND f.kind = 'pooled'`,
    [areaCode],
  );
  return Number(row?.n ?? 0);
}

/**
 * Money a partner deploys on a service through a contract paid outside any fund (ADR 0038), over a stretch of
 * days the map spreads it across by financial year.
 */
export interface ContractResource {
  serviceId: string;
  organisationId: string | null;
  organisationName: string | null;
  pence: number;
  from: string;
  to: string;
}

const dayAfter = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The area's contracts paid outside any fund as resources: each at its value over its term; a decommissioned
 * one at its value less the money released, over its term up to the day it ended, and the money it released
 * to other services of the directory on those services from the next day to the end of the term as agreed.
 * Money reinvested into a fund is the fund's contribution (counted there); money gone elsewhere or nowhere
 * yet is not a resource deployed on a known service, so it is not counted.
 */
export async function contractResourcesOfArea(db: Queryable, areaCode: string): Promise<ContractResource[]> {
  const contracts = await db.query<{
    id: string;
    serviceId: string;
    organisationId: string | null;
    organisationName: string | null;
    value: string;
    startsOn: string;
    endsOn: string;
    endedOn: string | null;
    released: string | null;
  }>(
    `SELECT c.id, c.service_id AS "serviceId", c.paying_organisation_id AS "organisationId", o.name AS "organisationName",
            c.value_pence::text AS value, c.starts_on::text AS "startsOn", c.ends_on::text AS "endsOn",
            d.ends_on::text AS "endedOn", d.released_pence::text AS released
       FROM commissioning_contract c
       LEFT JOIN organisation o ON o.id = c.paying_organisation_id
       LEFT JOIN contract_decommission d ON d.contract_id = c.id
      WHERE c.area_code = $1 AND c.fund_id IS NULL
      ORDER BY c.starts_on, c.id`,
    [areaCode],
  );
  const moved = await db.query<{ contractId: string; serviceId: string; amount: string }>(
    `SELECT r.contract_id AS "contractId", r.to_service_id AS "serviceId", r.amount_pence::text AS amount
       FROM contract_reinvestment r JOIN commissioning_contract c ON c.id = r.contract_id
      WHERE c.area_code = $1 AND c.fund_id IS NULL AND r.destination = 'service'
      ORDER BY r.id`,
    [areaCode],
  );
  return contracts.flatMap((c) => {
    const payer = { organisationId: c.organisationId, organisationName: c.organisationName };
    if (c.endedOn === null) return [{ serviceId: c.serviceId, ...payer, pence: penceOf(c.value), from: c.startsOn, to: c.endsOn }];
    const to = c.endedOn < c.endsOn ? c.endedOn : c.endsOn;
    const kept = Math.max(0, penceOf(c.value) - penceOf(c.released));
    const after = dayAfter(to);
    return [
      { serviceId: c.serviceId, ...payer, pence: kept, from: c.startsOn, to },
      ...moved
        .filter((m) => m.contractId === c.id)
        .map((m) => ({ serviceId: m.serviceId, ...payer, pence: penceOf(m.amount), from: after, to: after > c.endsOn ? after : c.endsOn })),
    ];
  });
}

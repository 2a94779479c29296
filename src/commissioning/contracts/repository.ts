import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { penceOf } from '../../platform/money.js';
import { periodOf, type Monitoring } from './periods.js';
import {
  CONTRACT_KINDS,
  MONITORING,
  RETURN_SOURCES,
  TARGET_DIRECTIONS,
  TARGET_KINDS,
  type ContractReturn,
  type ContractState,
  type ContractSummary,
  type ReturnSource,
  type Target,
  type TargetDirection,
} from './types.js';

/** Contracts' SQL (ADR 0030): one function per question, parameterised, rows mapped to the feature's types. */

interface ContractRow {
  id: string;
  area_code: string;
  kind: string;
  title: string;
  service_id: string;
  service_name: string;
  provider_kind: string | null;
  provider_organisation_id: string | null;
  provider_name: string;
  value_pence: string;
  starts_on: string;
  agreed_ends_on: string;
  decommission_ends_on: string | null;
  monitoring: string;
  spent_pence: string | null;
  returns_count: string;
  latest_start: string | null;
  under_target: boolean | null;
  commission_id: string | null;
  commission_title: string | null;
  fund_id: string | null;
  fund_name: string | null;
  paying_organisation_id: string | null;
  paying_partner_name: string | null;
}

export interface ContractRecord extends ContractSummary {
  areaCode: string;
  agreedEndsOn: string;
  commissionId: string | null;
  commissionTitle: string | null;
  fundId: string | null;
  fundName: string | null;
}

const CONTRACT_SELECT = `
  SELECT c.id, c.area_code, c.kind, c.title, c.service_id, s.name AS service_name, s.provider_kind,
         s.organisation_id AS provider_organisation_id, coalesce(o.name, nullif(s.provider_name, ''), '') AS provider_name,
         c.value_pence, c.starts_on::text AS starts_on, c.ends_on::text AS agreed_ends_on, d.ends_on::text AS decommission_ends_on,
         c.monitoring, r.spent AS spent_pence, coalesce(r.returns, 0) AS returns_count, r.latest_start::text AS latest_start,
         u.under AS under_target, c.commission_id, cm.title AS commission_title, c.fund_id, f.name AS fund_name,
         c.paying_organisation_id, po.name AS paying_partner_name
    FROM commissioning_contract c
    JOIN area_service s ON s.id = c.service_id
    LEFT JOIN organisation o ON o.id = s.organisation_id
    LEFT JOIN organisation po ON po.id = c.paying_organisation_id
    LEFT JOIN contract_decommission d ON d.contract_id = c.id
    LEFT JOIN commission cm ON cm.id = c.commission_id
    LEFT JOIN fund f ON f.id = c.fund_id
    LEFT JOIN LATERAL (
      SELECT sum(spend_pence) AS spent, count(*) AS returns, max(period_start) AS latest_start
        FROM contract_return WHERE contract_id = c.id AND replaced_at IS NULL) r ON true
    LEFT JOIN LATERAL (
      SELECT bool_or(CASE t.direction WHEN 'at_least' THEN v.value < t.target_value ELSE v.value > t.target_value END) AS under
        FROM contract_return lr
        JOIN contract_return_value v ON v.return_id = lr.id
        JOIN contract_target t ON t.id = v.target_id
       WHERE lr.contract_id = c.id AND lr.replaced_at IS NULL AND lr.period_start = r.latest_start) u ON true`;

/** Where a contract stands on a day: before its start, running, past its end, or ended early by a decommissioning. */
export function stateOn(today: string, c: { startsOn: string; endsOn: string; decommissioned: boolean }): ContractState {
  if (c.decommissioned) return 'decommissioned';
  if (today < c.startsOn) return 'not_started';
  return today > c.endsOn ? 'ended' : 'running';
}

function toContract(r: ContractRow, today: string): ContractRecord {
  const monitoring = MONITORING.parse(r.monitoring) as Monitoring;
  const endsOn = r.decommission_ends_on !== null && r.decommission_ends_on < r.agreed_ends_on ? r.decommission_ends_on : r.agreed_ends_on;
  return {
    id: r.id,
    areaCode: r.area_code,
    kind: CONTRACT_KINDS.parse(r.kind),
    title: r.title,
    serviceId: r.service_id,
    serviceName: r.service_name,
    providerKind: r.provider_kind,
    providerOrganisationId: r.provider_organisation_id,
    providerName: r.provider_name,
    valuePence: penceOf(r.value_pence),
    startsOn: r.starts_on,
    endsOn,
    agreedEndsOn: r.agreed_ends_on,
    monitoring,
    state: stateOn(today, { startsOn: r.starts_on, endsOn, decommissioned: r.decommission_ends_on !== null }),
    spentPence: penceOf(r.spent_pence),
    returnsCount: Number(r.returns_count),
    latestPeriod: r.latest_start ? periodOf(monitoring, r.latest_start).code : null,
    underTarget: r.under_target === true,
    payingOrganisationId: r.paying_organisation_id,
    payingPartnerName: r.paying_partner_name,
    commissionId: r.commission_id,
    commissionTitle: r.commission_title,
    fundId: r.fund_id,
    fundName: r.fund_name,
  };
}

export async function listContracts(db: Queryable, areaCode: string, today: string): Promise<ContractRecord[]> {
  const rows = await db.query<ContractRow>(`${CONTRACT_SELECT} WHERE c.area_code = $1 ORDER BY c.starts_on DESC, c.title`, [areaCode]);
  return rows.map((r) => toContract(r, today));
}

export async function findContract(db: Queryable, areaCode: string, id: string, today: string): Promise<ContractRecord | undefined> {
  const [row] = await db.query<ContractRow>(`${CONTRACT_SELECT} WHERE c.area_code = $1 AND c.id = $2`, [areaCode, id]);
  return row ? toContract(row, today) : undefined;
}

/** Holds the contract's row until the transaction ends, so two returns for one period cannot both be first. */
export async function lockContract(tx: Tx, id: string): Promise<void> {
  await tx.query('SELECT id FROM commissioning_contract WHERE id = $1 FOR UPDATE', [id]);
}

export interface NewContract {
  areaCode: string;
  kind: string;
  title: string;
  serviceId: string;
  commissionId: string | null;
  fundId: string | null;
  payingOrganisationId: string | null;
  valuePence: number;
  startsOn: string;
  endsOn: string;
  monitoring: string;
  userId: string;
  at: Date;
}

export async function insertContract(tx: Tx, c: NewContract): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO commissioning_contract (area_code, kind, title, service_id, commission_id, fund_id, value_pence, starts_on, ends_on, monitoring, created_by, created_at, changed_at, paying_organisation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id`,
    [c.areaCode, c.kind, c.title, c.serviceId, c.commissionId, c.fundId, c.valuePence, c.startsOn, c.endsOn, c.monitoring, c.userId, c.at, c.payingOrganisationId],
  );
  return row.id;
}

/** Records the partner that pays a contract paid outside any fund (a fund-paid one is never changed: its CHECK, one_payer). */
export async function setPayingPartner(tx: Tx, id: string, organisationId: string, at: Date): Promise<void> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE commissioning_contract SET paying_organisation_id = $2, changed_at = $3
      WHERE id = $1 AND fund_id IS NULL
      RETURNING id`,
    [id, organisationId, at],
  );
  if (rows.length !== 1) throw new Error('a contract paid outside any fund was not found to record its paying partner');
}

/** A commission or fund of the area by id, for a contract to name; undefined when the area has none such. */
export async function findCommissionTitle(db: Queryable, areaCode: string, id: string): Promise<string | undefined> {
  const [row] = await db.query<{ title: string }>('SELECT title FROM commission WHERE area_code = $1 AND id = $2', [areaCode, id]);
  return row?.title;
}

export async function findFundName(db: Queryable, areaCode: string, id: string): Promise<string | undefined> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM fund WHERE area_code = $1 AND id = $2', [areaCode, id]);
  return row?.name;
}

/** The area's commissions and funds, for a contract's form to offer. */
export async function listCommissionsAndFunds(db: Queryable, areaCode: string) {
  const commissions = await db.query<{ id: string; title: string }>(
    'SELECT id, title FROM commission WHERE area_code = $1 ORDER BY title',
    [areaCode],
  );
  const funds = await db.query<{ id: string; name: string }>('SELECT id, name FROM fund WHERE area_code = $1 ORDER BY name', [areaCode]);
  return { commissions, funds };
}

/** The area's partner organisations, for a contract's paying partner. */
export async function listPartners(db: Queryable, areaCode: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>('SELECT id, name FROM organisation WHERE area_code = $1 AND closed_on IS NULL ORDER BY name', [areaCode]);
}

interface TargetRow {
  id: string;
  kind: string;
  indicator_id: string | null;
  indicator_code: string | null;
  indicator_title: string | null;
  unit: string | null;
  label: string;
  target_value: string;
  direction: string;
  retired_at: Date | null;
  judged: boolean;
}

/** The contract's targets in force, or (`withRetired`) every one it has had, retired ones included for the returns judged against them. */
export async function listTargets(db: Queryable, contractId: string, { withRetired = false } = {}): Promise<Target[]> {
  const rows = await db.query<TargetRow>(
    `SELECT t.id, t.kind, t.indicator_id, i.code AS indicator_code, i.title AS indicator_title, i.unit, t.label, t.target_value::text, t.direction,
            t.retired_at, EXISTS (SELECT 1 FROM contract_return_value v WHERE v.target_id = t.id) AS judged
       FROM contract_target t LEFT JOIN indicator i ON i.id = t.indicator_id
      WHERE t.contract_id = $1 AND ($2 OR t.retired_at IS NULL) ORDER BY t.position`,
    [contractId, withRetired],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: TARGET_KINDS.parse(r.kind),
    indicatorId: r.indicator_id,
    indicatorCode: r.indicator_code,
    label: r.indicator_title ?? r.label,
    unit: r.unit ?? 'count',
    targetValue: Number(r.target_value),
    direction: TARGET_DIRECTIONS.parse(r.direction),
    column: r.indicator_code ?? r.label,
    retiredAt: r.retired_at ? new Date(r.retired_at).toISOString() : null,
    judged: r.judged,
  }));
}

export async function insertTarget(
  tx: Tx,
  t: {
    contractId: string;
    kind: string;
    indicatorId: string | null;
    label: string;
    targetValue: string;
    direction: TargetDirection;
    at: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO contract_target (contract_id, area_code, kind, indicator_id, label, target_value, direction, position, created_at)
     VALUES ($1, (SELECT area_code FROM commissioning_contract WHERE id = $1), $2, $3, $4, $5::numeric, $6, (SELECT coalesce(max(position), 0) + 1 FROM contract_target WHERE contract_id = $1), $7)
     RETURNING id`,
    [t.contractId, t.kind, t.indicatorId, t.label, t.targetValue, t.direction, t.at],
  );
  return row.id;
}

interface ReturnRow {
  id: string;
  period_start: string;
  period_end: string;
  version: number;
  spend_pence: string;
  notes: string;
  source: string;
  entered_by_name: string;
  entered_at: Date;
  replaced_at: Date | null;
  values: { targetId: string; value: string }[] | null;
}

/** A contract's returns: the current one of each period, or every version of one period (its history); latest first. */
export async function listReturns(
  db: Queryable,
  contract: { id: string; monitoring: Monitoring },
  targets: readonly Target[],
  only: { periodStart?: string } = {},
): Promise<ContractReturn[]> {
  const rows = await db.query<ReturnRow>(
    `SELECT r.id, r.period_start::text, r.period_end::text, r.version, r.spend_pence, r.notes, r.source, u.display_name AS entered_by_name,
            r.entered_at, r.replaced_at,
            (SELECT json_agg(json_build_object('targetId', v.target_id, 'value', v.value::text)) FROM contract_return_value v WHERE v.return_id = r.id) AS values
       FROM contract_return r JOIN app_user u ON u.id = r.entered_by
      WHERE r.contract_id = $1 AND ($2::date IS NULL AND r.replaced_at IS NULL OR r.period_start = $2::date)
      ORDER BY r.period_start DESC, r.version DESC`,
    [contract.id, only.periodStart ?? null],
  );
  const byId = new Map(targets.map((t) => [t.id, t]));
  return rows.map((r) => {
    const values = (r.values ?? []).map((v) => {
      const target = byId.get(v.targetId);
      const value = Number(v.value);
      return { targetId: v.targetId, value, underTarget: target ? missesTarget(target, value) : false };
    });
    const period = periodOf(contract.monitoring, r.period_start);
    return {
      id: r.id,
      period: period.code,
      periodWords: period.words,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      version: r.version,
      spendPence: penceOf(r.spend_pence),
      notes: r.notes,
      source: RETURN_SOURCES.parse(r.source),
      enteredByName: r.entered_by_name,
      enteredAt: new Date(r.entered_at).toISOString(),
      replacedAt: r.replaced_at ? new Date(r.replaced_at).toISOString() : null,
      values,
      underTarget: values.some((v) => v.underTarget),
    };
  });
}

/** A value misses its target: below an at-least target, above an at-most one. */
export const missesTarget = (t: Pick<Target, 'direction' | 'targetValue'>, value: number): boolean =>
  t.direction === 'at_least' ? value < t.targetValue : value > t.targetValue;

export async function currentReturn(
  tx: Queryable,
  contractId: string,
  periodStart: string,
): Promise<{ id: string; version: number } | undefined> {
  const [row] = await tx.query<{ id: string; version: number }>(
    'SELECT id, version FROM contract_return WHERE contract_id = $1 AND period_start = $2 AND replaced_at IS NULL',
    [contractId, periodStart],
  );
  return row;
}

export interface NewReturn {
  contractId: string;
  periodStart: string;
  periodEnd: string;
  version: number;
  spendPence: number;
  notes: string;
  source: ReturnSource;
  userId: string;
  at: Date;
  values: { targetId: string; value: string }[];
}

/** Marks the period's current return replaced (if any) and writes the new one with its values. */
export async function replaceReturn(tx: Tx, previousId: string | undefined, r: NewReturn): Promise<string> {
  if (previousId) await tx.query('UPDATE contract_return SET replaced_at = $2 WHERE id = $1', [previousId, r.at]);
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO contract_return (contract_id, area_code, period_start, period_end, version, spend_pence, notes, source, entered_by, entered_at)
     VALUES ($1, (SELECT area_code FROM commissioning_contract WHERE id = $1), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [r.contractId, r.periodStart, r.periodEnd, r.version, r.spendPence, r.notes, r.source, r.userId, r.at],
  );
  const { id } = row;
  for (const v of r.values) {
    await tx.query('INSERT INTO contract_return_value (return_id, area_code, target_id, value) VALUES ($1, (SELECT area_code FROM contract_return WHERE id = $1), $2, $3::numeric)', [
      id,
      v.targetId,
      v.value,
    ]);
  }
  return id;
}

export { findDecommission, lockCommissionStage, insertDecommission, otherContractsRunning, type NewDecommission } from './repository-decommission.js';
export { changeTargetValue, deleteTarget, insertReplacementTarget, lockTarget, retireTarget } from './repository-targets.js';

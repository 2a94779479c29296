import type { Queryable, Tx } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { REQUIRED_SECTION_KINDS, SECTION_KIND_INFO, type ActionStatus, type PlanOwner, type SectionKind } from '../types.js';

/** The drafting part's SQL (migration 0057): one function per change. Every function that writes takes the transaction. */

async function returning(tx: Tx, sql: string, params: unknown[]): Promise<string> {
  const [row] = await tx.query<{ id: string }>(sql, params);
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export interface NewPlan {
  areaCode: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  owner: PlanOwner;
  by: string | null;
  at: Date;
}

/** A plan with one section of each required content, in the regulations' order, not yet complete. */
export async function insertPlan(tx: Tx, p: NewPlan): Promise<string> {
  const id = await returning(
    tx,
    `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [p.areaCode, p.title, p.periodStart, p.periodEnd, p.owner, p.by, p.at],
  );
  await tx.query(
    `INSERT INTO plan_section (plan_id, area_code, kind, title, position, updated_by, updated_at)
     SELECT $1, $2, k.kind, k.title, k.position, $5, $6 FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS k (kind, title, position)`,
    [id, p.areaCode, REQUIRED_SECTION_KINDS, REQUIRED_SECTION_KINDS.map((k) => SECTION_KIND_INFO[k].title), p.by, p.at],
  );
  return id;
}

export async function touchPlan(tx: Tx, planId: string, at: Date): Promise<void> {
  await tx.query('UPDATE plan SET updated_at = $2 WHERE id = $1', [planId, at]);
}

export async function updatePlan(tx: Tx, planId: string, p: Omit<NewPlan, 'areaCode' | 'by'>): Promise<void> {
  await tx.query('UPDATE plan SET title = $2, period_start = $3, period_end = $4, owner = $5, updated_at = $6 WHERE id = $1', [
    planId,
    p.title,
    p.periodStart,
    p.periodEnd,
    p.owner,
    p.at,
  ]);
}

export async function insertOtherSection(
  tx: Tx,
  s: { planId: string; areaCode: string; title: string; body: string; by: string | null; at: Date },
): Promise<string> {
  return returning(
    tx,
    `INSERT INTO plan_section (plan_id, area_code, kind, title, body, position, updated_by, updated_at)
     VALUES ($1, $2, 'other', $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM plan_section WHERE plan_id = $1), $5, $6) RETURNING id`,
    [s.planId, s.areaCode, s.title, s.body, s.by, s.at],
  );
}

export async function updateSection(
  tx: Tx,
  sectionId: string,
  s: { title: string; body: string; complete: boolean; by: string | null; at: Date },
): Promise<void> {
  await tx.query('UPDATE plan_section SET title = $2, body = $3, complete = $4, updated_by = $5, updated_at = $6 WHERE id = $1', [
    sectionId,
    s.title,
    s.body,
    s.complete,
    s.by,
    s.at,
  ]);
}

export async function findSectionKind(db: Queryable, planId: string, sectionId: string): Promise<SectionKind | undefined> {
  if (!isUuid(sectionId)) return undefined;
  const [row] = await db.query<{ kind: SectionKind }>('SELECT kind FROM plan_section WHERE plan_id = $1 AND id = $2', [planId, sectionId]);
  return row?.kind;
}

export interface PriorityRow {
  planId: string;
  areaCode: string;
  title: string;
  description: string;
  outcomeCode: string;
  aimCodes: readonly string[];
  indicatorIds: readonly string[];
  at: Date;
}

async function replacePriorityLinks(tx: Tx, priorityId: string, p: PriorityRow): Promise<void> {
  await tx.query('DELETE FROM plan_priority_aim WHERE priority_id = $1', [priorityId]);
  await tx.query('DELETE FROM plan_priority_indicator WHERE priority_id = $1', [priorityId]);
  await tx.query('INSERT INTO plan_priority_aim (priority_id, area_code, aim_code) SELECT $1, $2, unnest($3::text[])', [
    priorityId,
    p.areaCode,
    p.aimCodes,
  ]);
  await tx.query(
    `INSERT INTO plan_priority_indicator (priority_id, area_code, indicator_id, position)
     SELECT $1, $2, i.id, i.position FROM unnest($3::uuid[]) WITH ORDINALITY AS i (id, position)`,
    [priorityId, p.areaCode, p.indicatorIds],
  );
}

export async function insertPriority(tx: Tx, p: PriorityRow): Promise<string> {
  const id = await returning(
    tx,
    `INSERT INTO plan_priority (plan_id, area_code, title, description, outcome_code, position, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(position), 0) + 1 FROM plan_priority WHERE plan_id = $1), $6, $6) RETURNING id`,
    [p.planId, p.areaCode, p.title, p.description, p.outcomeCode, p.at],
  );
  await replacePriorityLinks(tx, id, p);
  return id;
}

export async function updatePriority(tx: Tx, priorityId: string, p: PriorityRow): Promise<void> {
  await tx.query('UPDATE plan_priority SET title = $2, description = $3, outcome_code = $4, updated_at = $5 WHERE id = $1', [
    priorityId,
    p.title,
    p.description,
    p.outcomeCode,
    p.at,
  ]);
  await replacePriorityLinks(tx, priorityId, p);
}

export interface ActionRow {
  priorityId: string;
  areaCode: string;
  title: string;
  leadOrganisationId: string;
  partnerIds: readonly string[];
  startsOn: string;
  endsOn: string;
  outlineCostPence: number | null;
  fundId: string | null;
  status: ActionStatus;
  at: Date;
}

async function replacePartners(tx: Tx, actionId: string, a: ActionRow): Promise<void> {
  await tx.query('DELETE FROM plan_action_partner WHERE action_id = $1', [actionId]);
  await tx.query('INSERT INTO plan_action_partner (action_id, area_code, organisation_id) SELECT $1, $2, unnest($3::uuid[])', [
    actionId,
    a.areaCode,
    a.partnerIds.filter((id) => id !== a.leadOrganisationId),
  ]);
}

export async function insertAction(tx: Tx, a: ActionRow): Promise<string> {
  const id = await returning(
    tx,
    `INSERT INTO plan_action (priority_id, area_code, title, lead_organisation_id, starts_on, ends_on, outline_cost_pence, fund_id, status, position, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT coalesce(max(position), 0) + 1 FROM plan_action WHERE priority_id = $1), $10, $10) RETURNING id`,
    [a.priorityId, a.areaCode, a.title, a.leadOrganisationId, a.startsOn, a.endsOn, a.outlineCostPence, a.fundId, a.status, a.at],
  );
  await replacePartners(tx, id, a);
  return id;
}

export async function updateAction(tx: Tx, actionId: string, a: ActionRow): Promise<void> {
  await tx.query(
    `UPDATE plan_action SET title = $2, lead_organisation_id = $3, starts_on = $4, ends_on = $5, outline_cost_pence = $6, fund_id = $7,
            status = $8, updated_at = $9 WHERE id = $1`,
    [actionId, a.title, a.leadOrganisationId, a.startsOn, a.endsOn, a.outlineCostPence, a.fundId, a.status, a.at],
  );
  await replacePartners(tx, actionId, a);
}

export async function insertProgress(
  tx: Tx,
  p: { actionId: string; areaCode: string; onDay: string; note: string; status: ActionStatus; by: string | null; byName: string; at: Date },
): Promise<string> {
  const id = await returning(
    tx,
    `INSERT INTO plan_action_progress (action_id, area_code, on_day, note, status, written_by, written_by_name, written_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [p.actionId, p.areaCode, p.onDay, p.note, p.status, p.by, p.byName, p.at],
  );
  await tx.query('UPDATE plan_action SET status = $2, updated_at = $3 WHERE id = $1', [p.actionId, p.status, p.at]);
  return id;
}

/** Every progress note of an action, latest first (the action's page). */
export async function listProgress(db: Queryable, actionId: string) {
  return db.query<{ id: string; onDay: string; note: string; status: ActionStatus; writtenByName: string; writtenAt: string }>(
    `SELECT id, on_day::text AS "onDay", note, status, written_by_name AS "writtenByName", to_json(written_at)#>>'{}' AS "writtenAt"
       FROM plan_action_progress WHERE action_id = $1 ORDER BY on_day DESC, written_at DESC`,
    [actionId],
  );
}

/** The plan's priority with the indicators it has now; undefined otherwise. */
export async function findPriorityOfPlan(db: Queryable, planId: string, priorityId: string) {
  if (!isUuid(priorityId)) return undefined;
  const [row] = await db.query<{ id: string; title: string; indicatorIds: string[] }>(
    `SELECT p.id, p.title, coalesce(array_agg(pi.indicator_id) FILTER (WHERE pi.indicator_id IS NOT NULL), '{}') AS "indicatorIds"
       FROM plan_priority p LEFT JOIN plan_priority_indicator pi ON pi.priority_id = p.id
      WHERE p.id = $1 AND p.plan_id = $2 GROUP BY p.id`,
    [priorityId, planId],
  );
  return row;
}

export async function priorityIsOfPlan(db: Queryable, planId: string, priorityId: string): Promise<boolean> {
  return (await findPriorityOfPlan(db, planId, priorityId)) !== undefined;
}

/** The plan's action as its form needs it; undefined otherwise. */
export async function findActionOfPlan(db: Queryable, planId: string, actionId: string) {
  if (!isUuid(actionId)) return undefined;
  const [row] = await db.query<{ id: string; priorityId: string; title: string; status: ActionStatus }>(
    `SELECT a.id, a.priority_id AS "priorityId", a.title, a.status
       FROM plan_action a JOIN plan_priority p ON p.id = a.priority_id WHERE a.id = $1 AND p.plan_id = $2`,
    [actionId, planId],
  );
  return row;
}

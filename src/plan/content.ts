import type { Queryable } from '../platform/db.js';
import { isUuid } from '../platform/ids.js';
import { listTargets } from '../outcomes/index.js';
import {
  ACTION_STATUSES,
  PLAN_OWNERS,
  PLAN_STATUSES,
  SECTION_KINDS,
  type PlanAction,
  type PlanContent,
  type PlanPriority,
  type PlanSection,
  type PlanSummary,
} from './types.js';

/**
 * The plan's content as one plain value (ADR 0034): the reader every part builds on. The plan's pages show
 * it, cypp-publish freezes it as a version, cypp-review reads its actions. One query per table, assembled in
 * order (sections, priorities, then each priority's actions by position); targets are outcomes' own, read
 * now for the plan's period.
 */

const PLAN_COLUMNS = `p.id, p.area_code AS "areaCode", p.title, p.period_start::text AS "periodStart", p.period_end::text AS "periodEnd",
  p.owner, p.status, to_json(p.created_at)#>>'{}' AS "createdAt", to_json(p.updated_at)#>>'{}' AS "updatedAt"`;

type PlanRow = Omit<PlanSummary, 'owner' | 'status'> & { owner: string; status: string };
const toSummary = (r: PlanRow): PlanSummary => ({ ...r, owner: PLAN_OWNERS.parse(r.owner), status: PLAN_STATUSES.parse(r.status) });

/** The area's plans, latest period first. */
export async function listPlans(db: Queryable, areaCode: string): Promise<PlanSummary[]> {
  const rows = await db.query<PlanRow>(`SELECT ${PLAN_COLUMNS} FROM plan p WHERE p.area_code = $1 ORDER BY p.period_start DESC, p.created_at DESC`, [
    areaCode,
  ]);
  return rows.map(toSummary);
}

/** One plan of the area; undefined when there is none (another area's plan is never found). */
export async function findPlan(db: Queryable, areaCode: string, planId: string): Promise<PlanSummary | undefined> {
  if (!isUuid(planId)) return undefined;
  const [row] = await db.query<PlanRow>(`SELECT ${PLAN_COLUMNS} FROM plan p WHERE p.area_code = $1 AND p.id = $2`, [areaCode, planId]);
  return row ? toSummary(row) : undefined;
}

async function sectionsOf(db: Queryable, planId: string): Promise<PlanSection[]> {
  const rows = await db.query<Omit<PlanSection, 'kind'> & { kind: string }>(
    `SELECT id, kind, title, body, complete, position, to_json(updated_at)#>>'{}' AS "updatedAt"
       FROM plan_section WHERE plan_id = $1 ORDER BY position, title`,
    [planId],
  );
  return rows.map((r) => ({ ...r, kind: SECTION_KINDS.parse(r.kind) }));
}

async function prioritiesOf(db: Queryable, planId: string) {
  const priorities = await db.query<Omit<PlanPriority, 'aims' | 'indicators' | 'actions'>>(
    `SELECT pp.id, pp.title, pp.description, pp.outcome_code AS "outcomeCode", o.everyday_name AS "outcomeName", pp.position
       FROM plan_priority pp JOIN outcome o ON o.code = pp.outcome_code
      WHERE pp.plan_id = $1 ORDER BY pp.position, pp.title`,
    [planId],
  );
  const aims = await db.query<{ priorityId: string; code: string; text: string }>(
    `SELECT pa.priority_id AS "priorityId", a.code, a.text
       FROM plan_priority_aim pa JOIN aim a ON a.code = pa.aim_code JOIN plan_priority pp ON pp.id = pa.priority_id
      WHERE pp.plan_id = $1 ORDER BY a.position`,
    [planId],
  );
  const indicators = await db.query<{ priorityId: string; id: string; code: string; title: string }>(
    `SELECT pi.priority_id AS "priorityId", i.id, i.code, i.title
       FROM plan_priority_indicator pi JOIN indicator i ON i.id = pi.indicator_id JOIN plan_priority pp ON pp.id = pi.priority_id
      WHERE pp.plan_id = $1 ORDER BY pi.position, i.code`,
    [planId],
  );
  return { priorities, aims, indicators };
}

type ActionRow = Omit<PlanAction, 'lead' | 'partners' | 'fund' | 'status' | 'latestProgress'> & {
  leadId: string;
  leadName: string;
  fundId: string | null;
  fundName: string | null;
  status: string;
};

async function actionsOf(db: Queryable, planId: string) {
  const actions = await db.query<ActionRow>(
    `SELECT a.id, a.priority_id AS "priorityId", a.title, a.lead_organisation_id AS "leadId", o.name AS "leadName",
            a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn", a.outline_cost_pence AS "outlineCostPence",
            a.fund_id AS "fundId", f.name AS "fundName", a.status, a.position
       FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id
       JOIN organisation o ON o.id = a.lead_organisation_id LEFT JOIN fund f ON f.id = a.fund_id
      WHERE pp.plan_id = $1 ORDER BY a.position, a.title`,
    [planId],
  );
  const partners = await db.query<{ actionId: string; id: string; name: string }>(
    `SELECT ap.action_id AS "actionId", o.id, o.name
       FROM plan_action_partner ap JOIN organisation o ON o.id = ap.organisation_id
       JOIN plan_action a ON a.id = ap.action_id JOIN plan_priority pp ON pp.id = a.priority_id
      WHERE pp.plan_id = $1 ORDER BY o.name`,
    [planId],
  );
  const progress = await db.query<{ actionId: string; id: string; onDay: string; note: string; status: string; writtenByName: string; writtenAt: string }>(
    `SELECT DISTINCT ON (g.action_id) g.action_id AS "actionId", g.id, g.on_day::text AS "onDay", g.note, g.status,
            g.written_by_name AS "writtenByName", to_json(g.written_at)#>>'{}' AS "writtenAt"
       FROM plan_action_progress g JOIN plan_action a ON a.id = g.action_id JOIN plan_priority pp ON pp.id = a.priority_id
      WHERE pp.plan_id = $1 ORDER BY g.action_id, g.on_day DESC, g.written_at DESC`,
    [planId],
  );
  return actions.map(
    (a): PlanAction => ({
      id: a.id,
      priorityId: a.priorityId,
      title: a.title,
      lead: { id: a.leadId, name: a.leadName },
      partners: partners.filter((p) => p.actionId === a.id).map((p) => ({ id: p.id, name: p.name })),
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      outlineCostPence: a.outlineCostPence,
      fund: a.fundId !== null ? { id: a.fundId, name: a.fundName ?? '' } : null,
      status: ACTION_STATUSES.parse(a.status),
      position: a.position,
      latestProgress: (() => {
        const p = progress.find((g) => g.actionId === a.id);
        return p ? { id: p.id, onDay: p.onDay, note: p.note, status: ACTION_STATUSES.parse(p.status), writtenByName: p.writtenByName, writtenAt: p.writtenAt } : null;
      })(),
    }),
  );
}

/**
 * The plan with its sections, priorities (their aims, indicators and outcomes' targets in the plan's period)
 * and each priority's key actions (partners, latest progress), in order; undefined when the area has no such
 * plan. A plain JSON-serialisable value: cypp-publish stores it as a frozen version.
 */
export async function planContent(db: Queryable, areaCode: string, planId: string): Promise<PlanContent | undefined> {
  const plan = await findPlan(db, areaCode, planId);
  if (!plan) return undefined;
  const [sections, { priorities, aims, indicators }, actions, targets] = await Promise.all([
    sectionsOf(db, plan.id),
    prioritiesOf(db, plan.id),
    actionsOf(db, plan.id),
    listTargets(db, areaCode),
  ]);
  const inPeriod = targets.filter((t) => t.period.start >= plan.periodStart && t.period.start <= plan.periodEnd);
  return {
    plan,
    sections,
    priorities: priorities.map((p) => ({
      ...p,
      aims: aims.filter((a) => a.priorityId === p.id).map((a) => ({ code: a.code, text: a.text })),
      indicators: indicators
        .filter((i) => i.priorityId === p.id)
        .map((i) => ({
          id: i.id,
          code: i.code,
          title: i.title,
          targets: inPeriod
            .filter((t) => t.indicatorId === i.id)
            .map((t) => ({ periodLabel: t.period.label, periodStart: t.period.start, group: t.group, value: t.value })),
        })),
      actions: actions.filter((a) => a.priorityId === p.id),
    })),
  };
}

/** Every key action of the plan, priority by priority (cypp-review's list of what to report progress on). */
export const actionsOfPlan = (content: PlanContent): PlanAction[] => content.priorities.flatMap((p) => p.actions);

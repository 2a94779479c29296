import { listFunds } from '../../commissioning/index.js';
import { organisationIsInArea, partnershipService } from '../../partnership/index.js';
import { auditWithClock } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { checkMoney } from '../../platform/money.js';
import { planProblems } from '../errors.js';
import { readDay, readIds, requiredText, textOf } from '../input.js';
import { ACTION_STATUSES, type PlanSummary } from '../types.js';
import type { PlanBy } from './by.js';
import * as repo from './repository.js';

/**
 * A priority's key actions (issue 18 item 2; 002 §7.3 "key actions with timescales and leads"): a lead partner
 * and contributing partners of the partner register, a timescale, an outline cost in whole pence
 * (platform/money.ts), a funding source (a pooled fund or aligned budgets of commissioning), a status, and dated
 * progress notes, each giving the action its status.
 */

export interface ActionInput {
  title?: unknown;
  leadOrganisationId?: unknown;
  partnerIds?: unknown;
  startsOn?: unknown;
  endsOn?: unknown;
  outlineCost?: unknown;
  fundId?: unknown;
  status?: unknown;
}

export interface ProgressInput {
  onDay?: unknown;
  note?: unknown;
  status?: unknown;
}

export function actionsService({
  db,
  clock,
  planOf,
}: {
  db: Db;
  clock: Clock;
  planOf: (areaCode: string, planId: string) => Promise<PlanSummary>;
}) {
  const audit = auditWithClock(clock);

  async function readAction(areaCode: string, input: ActionInput) {
    const errors = new FieldErrors();
    const title = requiredText(errors, 'title', input.title, 'the action', 300);
    const leadOrganisationId = textOf(input.leadOrganisationId);
    if (!(await organisationIsInArea(db, leadOrganisationId, areaCode)))
      errors.add('leadOrganisationId', 'in_area', 'Select the partner that leads the action');
    const partnerIds = readIds(errors, 'partnerIds', input.partnerIds);
    for (const id of partnerIds)
      if (!(await organisationIsInArea(db, id, areaCode))) {
        errors.add('partnerIds', 'in_area', 'Choose contributing partners from the area’s partner register');
        break;
      }
    const startsOn = readDay(errors, 'startsOn', input.startsOn, 'the day the action starts');
    const endsOn = readDay(errors, 'endsOn', input.endsOn, 'the day the action is due to finish');
    if (startsOn && endsOn && endsOn < startsOn)
      errors.add('endsOn', 'date_order', 'The day the action is due to finish must be on or after the day it starts');
    const costText = textOf(input.outlineCost);
    let outlineCostPence: number | null = null;
    if (costText !== '') {
      const cost = checkMoney(costText, { field: 'outlineCost', label: 'the outline cost' });
      if ('error' in cost) errors.add(cost.error.field, cost.error.rule, cost.error.message);
      else outlineCostPence = cost.pence;
    }
    const fundText = textOf(input.fundId);
    const fundId = fundText === '' ? null : fundText;
    if (fundId !== null && !(await listFunds(db, areaCode)).some((f) => f.id === fundId))
      errors.add('fundId', 'known_fund', 'Select a pooled fund or aligned budgets of this area, or none');
    const statusText = textOf(input.status) || 'not_started';
    const status = ACTION_STATUSES.is(statusText) ? statusText : undefined;
    if (!status) errors.add('status', 'one_of', 'Select how the action stands');
    errors.throwIfAny();
    if (!startsOn || !endsOn || !status) throw new Error('unreachable');
    return { title, leadOrganisationId, partnerIds, startsOn, endsOn, outlineCostPence, fundId, status };
  }

  /** The plan's action; not found otherwise. */
  async function actionOf(plan: PlanSummary, actionId: string) {
    const action = await repo.findActionOfPlan(db, plan.id, actionId);
    if (!action) throw planProblems.notFound('No such action in this plan');
    return action;
  }

  return {
    actionOf,

    /** What an action's form offers: the area's partners now, and its pooled funds and aligned budgets. */
    async actionChoices(areaCode: string) {
      const [partners, funds] = await Promise.all([partnershipService({ db, clock }).listOrganisations(areaCode), listFunds(db, areaCode)]);
      return {
        partners: partners.map((o) => ({ id: o.id, name: o.name })),
        funds: funds.map((f) => ({ id: f.id, name: f.name, kind: f.kind })),
      };
    },
    progressOf: (actionId: string) => repo.listProgress(db, actionId),

    async addAction(by: PlanBy, areaCode: string, planId: string, priorityId: string, input: ActionInput): Promise<string> {
      const plan = await planOf(areaCode, planId);
      if (!(await repo.priorityIsOfPlan(db, plan.id, priorityId))) throw planProblems.notFound('No such priority in this plan');
      const action = await readAction(areaCode, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertAction(tx, { ...action, priorityId, areaCode, at: clock.now() });
        await repo.touchPlan(tx, plan.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.action_added',
          subject: { type: 'plan', id: plan.id },
          details: { actionId: id, priorityId, ...action },
        });
        return id;
      });
    },

    async changeAction(by: PlanBy, areaCode: string, planId: string, actionId: string, input: ActionInput): Promise<void> {
      const plan = await planOf(areaCode, planId);
      const before = await actionOf(plan, actionId);
      const action = await readAction(areaCode, input);
      await db.transaction(async (tx) => {
        await repo.updateAction(tx, before.id, { ...action, priorityId: before.priorityId, areaCode, at: clock.now() });
        await repo.touchPlan(tx, plan.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.action_changed',
          subject: { type: 'plan', id: plan.id },
          details: { actionId: before.id, ...action },
        });
      });
    },

    /** A dated progress note, giving the action the status it says. */
    async addProgress(by: PlanBy, areaCode: string, planId: string, actionId: string, input: ProgressInput): Promise<string> {
      const plan = await planOf(areaCode, planId);
      const action = await actionOf(plan, actionId);
      const errors = new FieldErrors();
      const onDay = textOf(input.onDay) === '' ? todayOf(clock) : readDay(errors, 'onDay', input.onDay, 'the day of the progress');
      const note = requiredText(errors, 'note', input.note, 'the progress made', 4000);
      const status = ACTION_STATUSES.is(input.status) ? input.status : undefined;
      if (!status) errors.add('status', 'one_of', 'Select how the action stands now');
      errors.throwIfAny();
      if (!onDay || !status) throw new Error('unreachable');
      return db.transaction(async (tx) => {
        const id = await repo.insertProgress(tx, {
          actionId: action.id,
          areaCode,
          onDay,
          note,
          status,
          by: by.userId,
          byName: by.name,
          at: clock.now(),
        });
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.action_progress',
          subject: { type: 'plan', id: plan.id },
          details: { actionId: action.id, before: action.status, after: status, onDay },
        });
        return id;
      });
    },
  };
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { planProblems } from '../errors.js';
import { planPaths as pp } from '../paths.js';
import { publishBlockers } from '../readiness.js';
import type { PlanRouteOptions } from '../routes.js';
import { BlockersSchema, PlanContentSchema } from '../schemas.js';
import { ACTION_STATUSES, PLAN_OWNERS } from '../types.js';
import { planByOf } from './by.js';

/**
 * Drafting a plan as JSON (issue 18 items 1-2; ADR 0034). Read with plan.view; changed by the planner
 * (plan.manage). Fields are optional in the schemas so the service names each missing one with its rule.
 */

const Text = (description?: string) => Type.Optional(Type.String(description === undefined ? {} : { description }));
const Day = (description: string) => Text(`${description} (YYYY-MM-DD or D/M/YYYY)`);
const List = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PlanParams = Type.Object({ planId: Type.String() });
const SectionParams = Type.Object({ planId: Type.String(), sectionId: Type.String() });
const PriorityParams = Type.Object({ planId: Type.String(), priorityId: Type.String() });
const ActionParams = Type.Object({ planId: Type.String(), actionId: Type.String() });

const PlanBody = Type.Object({
  title: Text(),
  periodStart: Day('First day of the plan’s period, set locally'),
  periodEnd: Day('Last day of the plan’s period'),
  owner: Text(`Whose plan it is. One of: ${PLAN_OWNERS.values.join(', ')}`),
});
const SectionBody = Type.Object({
  title: Text(),
  body: Text('The section’s own words, at most 20,000 characters'),
  complete: Type.Optional(Type.Boolean({ description: 'Marked complete (refused while it has no words)' })),
});
const PriorityBody = Type.Object({
  title: Text(),
  description: Text(),
  outcomeCode: Text('One of the five outcomes, like be-healthy'),
  aimCodes: List('Aims of that outcome, like be-healthy.2'),
  indicatorCodes: List('Codes of indicators of the outcomes catalogue, like NI 117'),
});
const ActionBody = Type.Object({
  title: Text(),
  leadOrganisationId: Text('The partner that leads it'),
  partnerIds: List('Contributing partners'),
  startsOn: Day('The day it starts'),
  endsOn: Day('The day it is due to finish'),
  outlineCost: Text('Typed pounds and pence, like 1234.56 or £1,234.56; blank when not yet costed'),
  fundId: Text('A pooled fund or aligned budgets of commissioning that pay for it'),
  status: Text(`One of: ${ACTION_STATUSES.values.join(', ')}`),
});

export async function draftingApiRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { drafting } = plan;
  const api = apiRoutes(app, { tags: ['plan'], policy: policy.allow('plan.view') });
  const manage = policy.allow('plan.manage');
  const invalid = [planProblems.invalid];
  const found = [planProblems.notFound];
  const contentOf = async (areaCode: string, planId: string) => {
    const content = await plan.content(areaCode, planId);
    if (!content) throw planProblems.notFound('No such plan in this area');
    return content;
  };

  api.post(pp.apiPlans, {
    policy: manage,
    summary: 'Start a plan for a period the area sets, with its owner; one empty section of each required content is made (audited)',
    schema: { body: PlanBody, response: { 201: Created } },
    problems: invalid,
    work: async ({ user, body, context }) => ({ id: await drafting.start(planByOf(user, context), user.areaCode, body) }),
  });

  api.put(pp.apiPlan(':planId'), {
    policy: manage,
    summary: 'Change a plan’s title, period or owner (audited)',
    schema: { params: PlanParams, body: PlanBody, response: { 204: Type.Null() } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => drafting.change(planByOf(user, context), user.areaCode, params.planId, body),
  });

  api.get(pp.apiPlanContent(':planId'), {
    summary:
      'A plan’s whole content in order: sections, priorities with aims, indicators and targets, key actions with partners and latest progress',
    schema: { params: PlanParams, response: { 200: PlanContentSchema } },
    problems: found,
    work: async ({ user, params }) => contentOf(user.areaCode, params.planId),
  });

  api.get(pp.apiPlanReadiness(':planId'), {
    summary: 'Whether the plan may be published: each incomplete required section and why (002 §7.3)',
    schema: { params: PlanParams, response: { 200: BlockersSchema } },
    problems: found,
    work: async ({ user, params }) => {
      const blockers = publishBlockers(await contentOf(user.areaCode, params.planId));
      return { ready: blockers.length === 0, blockers };
    },
  });

  api.put(pp.apiPlanSection(':planId', ':sectionId'), {
    policy: manage,
    summary: 'A section’s title, words (at most 20,000 characters) and whether it is complete (audited)',
    schema: { params: SectionParams, body: SectionBody, response: { 204: Type.Null() } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) =>
      drafting.editSection(planByOf(user, context), user.areaCode, params.planId, params.sectionId, body),
  });

  api.post(pp.apiPlanSections(':planId'), {
    policy: manage,
    summary: 'Add a section on another matter the partners choose (audited)',
    schema: { params: PlanParams, body: SectionBody, response: { 201: Created } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => ({
      id: await drafting.addSection(planByOf(user, context), user.areaCode, params.planId, body),
    }),
  });

  api.post(pp.apiPlanPriorities(':planId'), {
    policy: manage,
    summary: 'Add a priority tied to an outcome, its aims and indicators of the catalogue (audited)',
    schema: { params: PlanParams, body: PriorityBody, response: { 201: Created } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => ({
      id: await drafting.addPriority(planByOf(user, context), user.areaCode, params.planId, body),
    }),
  });

  api.put(pp.apiPlanPriority(':planId', ':priorityId'), {
    policy: manage,
    summary: 'Change a priority, its outcome, aims and indicators (audited)',
    schema: { params: PriorityParams, body: PriorityBody, response: { 204: Type.Null() } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) =>
      drafting.changePriority(planByOf(user, context), user.areaCode, params.planId, params.priorityId, body),
  });

  api.post(pp.apiPlanPriorityTargets(':planId', ':priorityId'), {
    policy: manage,
    summary: 'Set the target for a year of the plan on one of the priority’s indicators: kept as the outcomes feature’s target (audited)',
    schema: {
      params: PriorityParams,
      body: Type.Object({
        indicatorCode: Text('An indicator of the priority'),
        period: Text('The year, like 2026-27'),
        value: Text('The target value'),
      }),
      response: { 204: Type.Null() },
    },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) =>
      drafting.setTarget(planByOf(user, context), user.areaCode, params.planId, params.priorityId, body),
  });

  api.post(pp.apiPlanActions(':planId', ':priorityId'), {
    policy: manage,
    summary: 'Add a key action to a priority: lead and contributing partners, timescale, outline cost, fund, status (audited)',
    schema: { params: PriorityParams, body: ActionBody, response: { 201: Created } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => ({
      id: await drafting.addAction(planByOf(user, context), user.areaCode, params.planId, params.priorityId, body),
    }),
  });

  api.put(pp.apiPlanAction(':planId', ':actionId'), {
    policy: manage,
    summary: 'Change a key action (audited)',
    schema: { params: ActionParams, body: ActionBody, response: { 204: Type.Null() } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) =>
      drafting.changeAction(planByOf(user, context), user.areaCode, params.planId, params.actionId, body),
  });

  api.post(pp.apiPlanActionProgress(':planId', ':actionId'), {
    policy: manage,
    summary: 'A dated progress note on a key action, giving it the status it says (audited)',
    schema: {
      params: ActionParams,
      body: Type.Object({
        onDay: Day('The day of the progress; today when blank'),
        note: Text(),
        status: Text(`One of: ${ACTION_STATUSES.values.join(', ')}`),
      }),
      response: { 201: Created },
    },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => ({
      id: await drafting.addProgress(planByOf(user, context), user.areaCode, params.planId, params.actionId, body),
    }),
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { Uuid } from '../../platform/schema.js';
import { planProblems } from '../errors.js';
import { planPaths as pp } from '../paths.js';
import type { ParticipationService } from './service.js';
import { ActivityBody, PARTICIPANT_GROUPS, PARTICIPATION_METHODS, PARTICIPATION_STAGES, ParticipationActivitySchema } from './types.js';

/** Participation activities as JSON (issue 18 item 3; ADR 0035): read with plan.view, recorded and changed with plan.participation. */

const Params = Type.Object({ activityId: Type.String() });
const Year = Type.Object({ year: Type.Optional(Type.String({ description: 'A financial year by the year it starts: 2026 for 1 April 2026 to 31 March 2027; the current one when left out' })) });
const Share = Type.Object({ count: Type.Integer(), percent: Type.Integer() });

const SummarySchema = Type.Object({
  year: Type.Integer(),
  yearLabel: Type.String(),
  activities: Type.Integer(),
  participants: Type.Integer(),
  byGroup: Type.Array(Type.Object({ group: PARTICIPANT_GROUPS.schema(), activities: Type.Integer(), participants: Type.Integer() })),
  byMethod: Type.Array(Type.Object({ method: PARTICIPATION_METHODS.schema(), activities: Type.Integer(), participants: Type.Integer() })),
  byStage: Type.Array(Type.Object({ stage: PARTICIPATION_STAGES.schema(), activities: Type.Integer() })),
  changed: Share,
  feedbackGiven: Share,
});

export async function participationApiRoutes(app: FastifyInstance, { participation }: { participation: ParticipationService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['plan'], policy: policy.allow('plan.participation') });

  api.get(pp.apiParticipation, {
    policy: policy.allow('plan.view'),
    summary: 'The area’s participation activities held in a financial year, latest first',
    schema: { querystring: Year, response: { 200: Type.Object({ year: Type.Integer(), yearLabel: Type.String(), activities: Type.Array(ParticipationActivitySchema) }) } },
    problems: [planProblems.invalid],
    work: async ({ user, query }) => {
      const found = await participation.list(user, query);
      return { year: found.year, yearLabel: found.yearLabel, activities: found.activities };
    },
  });

  api.get(pp.apiParticipationSummary, {
    policy: policy.allow('plan.view'),
    summary: 'The board’s summary of a financial year: counts by group, method and stage, and the shares linked to a change and fed back',
    schema: { querystring: Year, response: { 200: SummarySchema } },
    problems: [planProblems.invalid],
    work: async ({ user, query }) => {
      const { years: _, ...summary } = await participation.summary(user, query);
      return summary;
    },
  });

  api.post(pp.apiParticipation, {
    summary: 'Record a participation activity (audited); who took part is counted, never named',
    schema: { body: ActivityBody, response: { 201: Type.Object({ id: Uuid }) } },
    problems: [planProblems.invalid],
    work: async ({ user, body, context }) => ({ id: await participation.record({ user, ctx: context }, body) }),
  });

  api.get(pp.apiParticipationActivity(':activityId'), {
    policy: policy.allow('plan.view'),
    summary: 'A participation activity: who took part, what they said, what it changed and the feedback given',
    schema: { params: Params, response: { 200: ParticipationActivitySchema } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => participation.view(user, params.activityId),
  });

  api.put(pp.apiParticipationActivity(':activityId'), {
    summary: 'Change a participation activity, what it changed and the feedback given (audited)',
    schema: { params: Params, body: ActivityBody, response: { 200: Type.Object({ id: Uuid }) } },
    problems: [planProblems.invalid, planProblems.notFound],
    work: async ({ user, params, body, context }) => {
      await participation.change({ user, ctx: context }, params.activityId, body);
      return { id: params.activityId };
    },
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { planProblems } from '../errors.js';
import { reviewPaths as rp } from './paths.js';
import type { ReviewService } from './service.js';
import { PlanReviewSchema, PRIORITY_NARRATIVE_MAX, REVIEW_NARRATIVE_MAX, ReviewSummarySchema } from './types.js';

/** The annual review as JSON (issue 18 item 7; ADR 0037): read with plan.view, started, written and published with plan.manage. */

const PlanParams = Type.Object({ planId: Type.String() });
const Params = Type.Object({ planId: Type.String(), year: Type.String({ description: 'The financial year by the year its April falls in: 2026 is 2026-27' }) });

export async function reviewApiRoutes(app: FastifyInstance, { review }: { review: ReviewService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['plan'], policy: policy.allow('plan.manage') });

  api.get(rp.apiPlanReviews(':planId'), {
    policy: policy.allow('plan.view'),
    summary: 'A plan’s annual reviews, latest year first, drafts included',
    schema: { params: PlanParams, response: { 200: Type.Array(ReviewSummarySchema) } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => (await review.list(user, params.planId)).reviews,
  });

  api.post(rp.apiPlanReviews(':planId'), {
    summary: 'Start the annual review of a year of the plan’s period (audited)',
    description:
      'Refused naming `year`: not a year (integer), not a year of the plan’s period (in_plan_period), a year not yet begun (year_begun), or a year the plan already has a review of (unique).',
    schema: { params: PlanParams, body: Type.Object({ year: Type.Union([Type.Integer(), Type.String()]) }), response: { 201: Type.Object({ year: Type.Integer() }) } },
    problems: [planProblems.notFound, planProblems.invalid, planProblems.conflict],
    work: async ({ user, params, body, context }) => review.start({ user, ctx: context }, params.planId, body),
  });

  api.get(rp.apiPlanReview(':planId', ':year'), {
    policy: policy.allow('plan.view'),
    summary: 'An annual review: progress on every action and each priority’s indicators against the year’s targets, with what changed and why (a draft as it stands; a published review as published)',
    schema: { params: Params, response: { 200: PlanReviewSchema } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => review.view(user, params.planId, params.year),
  });

  api.put(rp.apiPlanReview(':planId', ':year'), {
    summary: 'Write a draft review’s narratives: the plan’s and each priority’s (audited)',
    description: `Refused naming the field: \`narrative\` over ${REVIEW_NARRATIVE_MAX} characters (max_length); \`priority-{id}\` over ${PRIORITY_NARRATIVE_MAX} (max_length) or not a priority of the plan (known_priority); a published review (published).`,
    schema: {
      params: Params,
      body: Type.Object({
        narrative: Type.Optional(Type.String({ description: 'What changed in the year and why, for the plan as a whole' })),
        priorities: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Each priority’s narrative by the priority’s id; one left out keeps its words' })),
      }),
      response: { 204: Type.Null() },
    },
    problems: [planProblems.notFound, planProblems.invalid, planProblems.conflict],
    work: async ({ user, params, body, context }) => {
      await review.save({ user, ctx: context }, params.planId, params.year, body);
    },
  });

  api.post(rp.apiPlanReviewPublish(':planId', ':year'), {
    summary: 'Publish a draft review: frozen as it stands and public beside the plan (audited)',
    description: 'Refused naming the field while the plan is a draft (`plan` plan_published), the narrative or a priority’s is blank (`narrative`, `priority-{id}` required), or it is already published (`status` published). All or nothing.',
    schema: { params: Params, response: { 204: Type.Null() } },
    problems: [planProblems.notFound, planProblems.invalid, planProblems.conflict],
    work: async ({ user, params, context }) => {
      await review.publish({ user, ctx: context }, params.planId, params.year);
    },
  });
}

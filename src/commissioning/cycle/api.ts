import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { Nullable, Timestamp, Uuid } from '../../platform/schema.js';
import { commissioningProblems } from '../errors.js';
import { commissioningPaths as cp } from '../paths.js';
import { COMMISSION_LEVELS, COMMISSION_STAGES } from '../types.js';
import type { CommissionAgendaService } from './agenda.js';
import type { CycleService } from './service.js';
import { governanceProblems } from '../../governance/index.js';
import { CommissionProviderSchema, CommissionSchema, EVIDENCE_KINDS, EvidenceSchema, StageMoveSchema } from './types.js';

/** Commissions as JSON (issue 17 item 3; ADR 0029): the same services as the pages, read with commissioning.view, changed with commissioning.manage. */

const Params = Type.Object({ commissionId: Type.String() });

const IndicatorNowSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  href: Type.String(),
  known: Type.Boolean(),
  latestPeriod: Nullable(Type.String()),
  latestText: Type.String(),
  englandText: Type.String(),
  direction: Type.String(),
  rag: Nullable(Type.String()),
  targetText: Nullable(Type.String()),
});
const NeedsNowSchema = Type.Object({
  outcomeCode: Type.String(),
  outcomeName: Type.String(),
  href: Type.String(),
  known: Type.Boolean(),
  narrativeExcerpt: Type.String(),
  narrativeUpdatedAt: Nullable(Timestamp),
});
const DecisionShownSchema = Type.Object({
  id: Uuid,
  bodyId: Uuid,
  bodyName: Type.String(),
  meetingId: Uuid,
  meetingHref: Type.String(),
  heldOn: Type.String({ format: 'date' }),
  itemTitle: Type.String(),
  powerDescription: Type.String(),
  decision: Type.String(),
  interests: Nullable(
    Type.Array(Type.Object({ personName: Type.String(), subject: Type.String(), nature: Type.String(), part: Type.Union([Type.Literal('took_part'), Type.Literal('withdrew'), Type.Literal('not_recorded')]) }), {
      description: 'Members with a declared interest in the commission’s providers on the meeting’s day, and their part; null when the caller does not see the body’s business (counts only)',
    }),
  ),
  interestedCount: Type.Integer(),
  withdrewCount: Type.Integer(),
  interestedWhoTookPart: Type.Integer(),
  stage: COMMISSION_STAGES.schema(),
  note: Type.String(),
  linkedAt: Timestamp,
  linkedByName: Type.String(),
});
const CommissionViewSchema = Type.Object({
  commission: CommissionSchema,
  providers: Type.Array(CommissionProviderSchema),
  moves: Type.Array(StageMoveSchema),
  evidence: Type.Array(Type.Intersect([EvidenceSchema, Type.Object({ indicator: Nullable(IndicatorNowSchema), needs: Nullable(NeedsNowSchema) })])),
  decisions: Type.Array(DecisionShownSchema),
  teamPlan: Nullable(
    Type.Object(
      { visible: Type.Boolean(), childName: Type.Optional(Type.String()), href: Type.Optional(Type.String()) },
      { description: 'Individual commissioning: the child’s team around the child plan, named and linked only for those who may work on it (the read is audited); others see visible: false' },
    ),
  ),
  nextMoves: Type.Array(Type.Object({ stage: COMMISSION_STAGES.schema(), forward: Type.Boolean() })),
});

const CommissionBody = Type.Object({
  level: Type.String({ description: COMMISSION_LEVELS.values.join(', ') }),
  title: Type.String(),
  purpose: Type.Optional(Type.String()),
  serviceId: Type.Optional(Type.String({ description: 'The service of the directory being commissioned' })),
  fundId: Type.Optional(Type.String({ description: 'The fund that pays for it' })),
  organisationIds: Type.Optional(Type.Array(Type.String(), { description: 'Partner organisations that provide or bid: declared interests are read against them' })),
  serviceIds: Type.Optional(Type.Array(Type.String(), { description: 'Services of the directory it touches as providers' })),
  teamPlanAssessmentId: Type.Optional(Type.String({ description: 'Individual level only: the episode whose team around the child plan it starts from (a reference; nothing of the case is copied)' })),
});

export async function cycleApiRoutes(app: FastifyInstance, { cycle, commissionAgenda }: { cycle: CycleService; commissionAgenda: CommissionAgendaService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.manage') });

  api.get(cp.apiCommissions, {
    policy: policy.allow('commissioning.view'),
    summary: 'The area’s commissions, filtered by level and stage, 25 a page',
    schema: {
      querystring: Type.Object({ level: Type.Optional(COMMISSION_LEVELS.schema()), stage: Type.Optional(COMMISSION_STAGES.schema()), page: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), lastPage: Type.Integer(), commissions: Type.Array(CommissionSchema) }) },
    },
    work: async ({ user, query }) => {
      const found = await cycle.list(user, query);
      return { total: found.total, page: found.page, lastPage: found.lastPage, commissions: found.commissions };
    },
  });

  api.post(cp.apiCommissions, {
    summary: 'Start a commission at needs analysis (audited)',
    schema: { body: CommissionBody, response: { 201: Type.Object({ id: Uuid }) } },
    work: async ({ user, body, context }) => ({ id: await cycle.create({ user, ctx: context }, body) }),
  });

  api.get(cp.apiCommission(':commissionId'), {
    policy: policy.allow('commissioning.view'),
    summary: 'A commission: its stage, providers, history, evidence with the cited indicators and needs assessment read now, and the board decisions it rests on',
    schema: { params: Params, response: { 200: CommissionViewSchema } },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params, context }) => cycle.view({ user, ctx: context }, params.commissionId),
  });

  api.post(cp.apiCommissionMove(':commissionId'), {
    summary: 'Move a commission to another stage: forward one at a time, back with a reason (audited)',
    schema: {
      params: Params,
      body: Type.Object({ toStage: Type.String({ description: 'One of the stages of the cycle' }), reason: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ stage: COMMISSION_STAGES.schema() }) },
    },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params, body, context }) => ({ stage: await cycle.move({ user, ctx: context }, params.commissionId, body) }),
  });

  api.post(cp.apiCommissionEvidence(':commissionId'), {
    summary: 'Add evidence to the stage the commission is at: a note, an indicator or the needs assessment on an outcome (audited)',
    schema: {
      params: Params,
      body: Type.Object({
        kind: Type.String({ description: EVIDENCE_KINDS.values.join(', ') }),
        note: Type.Optional(Type.String()),
        indicatorCode: Type.Optional(Type.String()),
        outcomeCode: Type.Optional(Type.String()),
      }),
      response: { 201: Type.Object({ id: Uuid }) },
    },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params, body, context }) => ({ id: await cycle.addEvidence({ user, ctx: context }, params.commissionId, body) }),
  });

  api.post(cp.apiCommissionDecisions(':commissionId'), {
    summary: 'Link a decision of the board, taken through governance, to the stage the commission is at (audited)',
    schema: { params: Params, body: Type.Object({ decisionId: Type.String(), note: Type.Optional(Type.String()) }), response: { 204: Type.Null() } },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params, body, context }) => {
      await cycle.linkDecision({ user, ctx: context }, params.commissionId, body);
    },
  });

  api.get(cp.apiCommissionAgenda(':commissionId'), {
    summary: 'The board’s upcoming meetings a commission may be put on the agenda of (empty for those who may not: ADR 0038)',
    policy: policy.allow('commissioning.view'),
    schema: {
      params: Params,
      response: { 200: Type.Array(Type.Object({ id: Uuid, heldOn: Type.String({ format: 'date' }), startsAt: Type.String(), place: Type.String(), bodyName: Type.String() })) },
    },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params }) => commissionAgenda.meetings(user, params.commissionId),
  });

  api.post(cp.apiCommissionAgenda(':commissionId'), {
    summary:
      'Put the commission on the agenda of an upcoming meeting of the children’s trust board, naming its providers (those who manage the board’s meetings, or commissioning.manage; audited)',
    policy: policy.allow('commissioning.view'),
    schema: {
      params: Params,
      body: Type.Object({ meetingId: Type.String({ description: 'A meeting of the board held today or later' }) }),
      response: { 201: Type.Object({ itemId: Uuid, meetingId: Uuid, heldOn: Type.String({ format: 'date' }) }) },
    },
    problems: [commissioningProblems.notFound, governanceProblems.notInBody],
    work: async ({ user, params, body, context }) => commissionAgenda.put({ user, ctx: context }, params.commissionId, body),
  });
}

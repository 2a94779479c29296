import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { Uuid } from '../../platform/schema.js';
import { planProblems } from '../errors.js';
import { planPaths as pp } from '../paths.js';
import { CHILD_AGE_GROUPS, LISTENED, MATTERS, QUOTATION_STATES } from './children-questions.js';
import type { ConsultationService } from './service.js';
import { ConsultationSchema, ConsulteeSchema, LANGUAGES, ResponseSchema } from './types.js';

/**
 * Consultations on a draft plan as JSON (issue 18 item 4; ADR 0035): read with plan.view, changed with plan.manage.
 * Responses sent here are typed; a file is uploaded on the response page.
 */

const Params = Type.Object({ consultationId: Type.String() });
const ResponseParams = Type.Object({ consultationId: Type.String(), responseId: Type.String() });
const AnswerParams = Type.Object({ consultationId: Type.String(), answerId: Type.String() });
const Count = <T extends TSchema>(value: T) => Type.Array(Type.Object({ value: Type.Union([value, Type.Null()]), label: Type.String(), count: Type.Integer() }));

const ChildrenSummarySchema = Type.Object({
  answers: Type.Integer(),
  matters: Count(MATTERS.schema()),
  listened: Count(LISTENED.schema()),
  ageGroups: Count(CHILD_AGE_GROUPS.schema()),
  freeText: Type.Array(
    Type.Object({
      id: Uuid,
      matters: Type.Union([MATTERS.schema(), Type.Null()]),
      listened: Type.Union([LISTENED.schema(), Type.Null()]),
      better: Type.String(),
      ageGroup: Type.Union([CHILD_AGE_GROUPS.schema(), Type.Null()]),
      language: LANGUAGES.schema(),
      quotation: QUOTATION_STATES.schema({ description: 'Only approved words are ever shown in public' }),
      submittedAt: Type.String(),
    }),
  ),
});

export async function consultationApiRoutes(app: FastifyInstance, { consultations }: { consultations: ConsultationService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['plan'], policy: policy.allow('plan.manage') });

  api.get(pp.apiConsultations, {
    policy: policy.allow('plan.view'),
    summary: 'The area’s consultations on its plans, latest first',
    schema: { response: { 200: Type.Array(ConsultationSchema) } },
    work: async ({ user }) => consultations.list(user),
  });

  api.post(pp.apiConsultations, {
    summary: 'Set up a consultation on a draft plan (audited): the relevant partners, the LSCB, schools, governing bodies, colleges, children and young people, parents and carers and the voluntary and community sector are listed as consultees',
    schema: {
      body: Type.Object({
        planId: Type.String(),
        title: Type.String(),
        description: Type.Optional(Type.String()),
        opensOn: Type.String({ description: 'YYYY-MM-DD' }),
        closesOn: Type.String({ description: 'YYYY-MM-DD' }),
        childrenQuestions: Type.Optional(Type.Boolean({ description: 'Open the simple questions to children and young people on the public page while it runs' })),
      }),
      response: { 201: Type.Object({ id: Uuid }) },
    },
    problems: [planProblems.invalid],
    work: async ({ user, body, context }) => ({ id: await consultations.create({ user, ctx: context }, body) }),
  });

  api.get(pp.apiConsultation(':consultationId'), {
    policy: policy.allow('plan.view'),
    summary: 'A consultation with its consultees and the responses received, each with what changed in the plan or why not',
    schema: { params: Params, response: { 200: Type.Object({ consultation: ConsultationSchema, consultees: Type.Array(ConsulteeSchema), responses: Type.Array(ResponseSchema) }) } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => consultations.view(user, params.consultationId),
  });

  api.post(pp.apiConsultationResponses(':consultationId'), {
    summary: 'Record a typed response (audited)',
    schema: {
      params: Params,
      body: Type.Object({
        consulteeId: Type.Optional(Type.String({ description: 'The body consulted that responded, when it is one of those listed' })),
        respondent: Type.String(),
        receivedOn: Type.String({ description: 'YYYY-MM-DD' }),
        language: Type.Optional(Type.String({ description: LANGUAGES.values.join(', ') })),
        body: Type.String(),
      }),
      response: { 201: Type.Object({ id: Uuid }) },
    },
    problems: [planProblems.invalid, planProblems.notFound],
    work: async ({ user, params, body, context }) => ({ id: await consultations.recordResponse({ user, ctx: context }, params.consultationId, body) }),
  });

  api.put(pp.apiConsultationResponseOutcome(':consultationId', ':responseId'), {
    summary: 'Record what changed in the plan because of a response, or why it did not (audited)',
    schema: {
      params: ResponseParams,
      body: Type.Object({
        outcome: Type.String({ description: 'changed or not_changed' }),
        outcomeNote: Type.String({ description: 'What changed, or why not' }),
        changedSectionId: Type.Optional(Type.String({ description: 'The section of the plan that changed' })),
      }),
      response: { 204: Type.Null() },
    },
    problems: [planProblems.invalid, planProblems.notFound],
    work: async ({ user, params, body, context }) => {
      await consultations.recordOutcome({ user, ctx: context }, params.consultationId, params.responseId, body);
    },
  });

  api.get(pp.apiConsultationChildren(':consultationId'), {
    policy: policy.allow('plan.view'),
    summary: 'Children and young people’s answers for the board: counts per answer choice and every free-text answer (not public)',
    schema: { params: Params, response: { 200: ChildrenSummarySchema } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => (await consultations.childrenSummary(user, params.consultationId)).summary,
  });

  api.put(pp.apiConsultationChildrenAnswer(':consultationId', ':answerId'), {
    summary: 'Approve or decline the quotation of words a young person offered to share (audited); only approved words are ever public',
    schema: {
      params: AnswerParams,
      body: Type.Object({ decision: Type.String({ description: 'approved or declined' }) }),
      response: { 200: Type.Object({ quotation: Type.Union([Type.Literal('approved'), Type.Literal('declined')]) }) },
    },
    problems: [planProblems.invalid, planProblems.notFound, planProblems.conflict],
    work: async ({ user, params, body, context }) => ({ quotation: await consultations.moderate({ user, ctx: context }, params.consultationId, params.answerId, body) }),
  });
}

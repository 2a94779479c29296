import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { selfAssessmentProblems } from './errors.js';
import type { SelfAssessmentService } from './service.js';
import { ComparisonSchema, SelfAssessmentSchema, SelfAssessmentSummarySchema } from './types.js';

/** The board's self-assessment as JSON (issue 16 item 7): for the board's members, chair and secretariat. */

const Params = Type.Object({ selfAssessmentId: Type.String() });
const AnswersBody = Type.Object({
  answers: Type.Array(
    Type.Object({
      question: Type.String({ description: 'One of the seven questions’ codes' }),
      rating: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'not_in_place, developing, established or embedded; blank or null for none yet. Else refused: rating-<question> one_of' })),
      evidence: Type.Optional(Type.String()),
    }),
  ),
});

export async function selfAssessmentApiRoutes(app: FastifyInstance, { selfAssessment }: { selfAssessment: SelfAssessmentService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['governance'], policy: policy.allow('governance.business') });
  const by = (user: Parameters<typeof actorOf>[0], ctx: Parameters<SelfAssessmentService['start']>[0]['ctx']) => ({ user, actor: actorOf(user), ctx });

  api.get('/api/governance/self-assessments', {
    summary: 'The trust board’s self-assessments, newest year first (its members, chair and secretariat only; none to anyone else)',
    schema: { response: { 200: Type.Array(SelfAssessmentSummarySchema) } },
    work: async ({ user }) => (await selfAssessment.list(user)).selfAssessments,
  });

  api.post('/api/governance/self-assessments', {
    summary: 'Start the trust board’s self-assessment for a year (audited); a second for the same year is refused (year: unique)',
    schema: { body: Type.Object({ year: Type.Integer() }), response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    problems: [selfAssessmentProblems.yearTaken, selfAssessmentProblems.noBoard, selfAssessmentProblems.notFound, selfAssessmentProblems.notMember],
    work: async ({ user, body, context }) => ({ id: await selfAssessment.start(by(user, context), body.year) }),
  });

  api.get('/api/governance/self-assessments/:selfAssessmentId', {
    summary: 'A self-assessment with its seven answers',
    schema: { params: Params, response: { 200: SelfAssessmentSchema } },
    problems: [selfAssessmentProblems.notFound],
    work: async ({ user, params }) => selfAssessment.find(user, params.selfAssessmentId),
  });

  api.put('/api/governance/self-assessments/:selfAssessmentId', {
    summary: 'Save answers to a draft self-assessment (audited); a question left out keeps its answer',
    schema: { params: Params, body: AnswersBody, response: { 204: Type.Null() } },
    problems: [selfAssessmentProblems.notFound, selfAssessmentProblems.agreed, selfAssessmentProblems.notMember],
    work: async ({ user, params, body, context }) => {
      await selfAssessment.save(by(user, context), params.selfAssessmentId, body.answers);
    },
  });

  api.post('/api/governance/self-assessments/:selfAssessmentId/agree', {
    summary: 'Agree a self-assessment (the chair or the secretariat; audited): every question needs a rating and evidence',
    schema: { params: Params, response: { 204: Type.Null() } },
    problems: [selfAssessmentProblems.notFound, selfAssessmentProblems.agreed, selfAssessmentProblems.notChairOrSecretariat],
    work: async ({ user, params, context }) => {
      await selfAssessment.agree(by(user, context), params.selfAssessmentId);
    },
  });

  api.get('/api/governance/self-assessments/:selfAssessmentId/compare', {
    summary: 'This self-assessment’s ratings beside the body’s previous one, each change in words',
    schema: { params: Params, response: { 200: ComparisonSchema } },
    problems: [selfAssessmentProblems.notFound],
    work: async ({ user, params }) => selfAssessment.compare(user, params.selfAssessmentId),
  });
}

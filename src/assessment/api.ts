import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoute, bodyAsSent, passedThrough } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { policy } from '../platform/policy.js';
import { fieldOf, refuseUnknownFields } from './drafts.js';
import { assessmentProblems as problems } from './errors.js';
import type { AssessmentServices } from './index.js';
import * as s from './schemas.js';

/**
 * Front-line work's JSON API: the same services as the pages. This file holds the assessment
 * itself (checks, starting, consent, sharing, the draft and its versions, the portable format);
 * api-work.ts the work around it (team, plan, referrals, caseload).
 */

export const tags = ['front-line work'];
export const work = policy.allow('assessments.work');
const { notFound, conflict } = platformProblems;
/** What any change to an assessment can meet: not found, not shared with this person, or closed. */
export const changeProblems = [notFound, problems.notShared, problems.closed];

export async function assessmentApiRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { assessments, sharing, needLevel, portable } = assessment;

  apiRoute(app, {
    method: 'POST',
    url: '/api/children/:childId/pre-assessment-checks',
    policy: work,
    summary: 'Record a pre-assessment checklist and its decision (002 para 121)',
    tags,
    schema: { params: s.ChildIdParams, body: s.ChecklistBody, response: { 201: s.Created } },
    problems: [notFound],
    handler: async (request, reply) => {
      const id = await assessments.recordChecklist(signedIn(request).user, request.params.childId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/children/:childId/assessments',
    policy: work,
    summary: 'Start a common assessment',
    description:
      'Refused with 409 assessment_open when the child already has an open one, named by its openAssessmentId: add to it instead (004 para 198).',
    tags,
    schema: { params: s.ChildIdParams, body: s.StartBody, response: { 201: s.Created } },
    problems: [notFound, problems.assessmentOpen],
    handler: async (request, reply) => {
      const id = await assessments.start(signedIn(request).user, request.params.childId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/children/:childId/assessments',
    policy: work,
    summary: 'A child’s common assessments (summaries)',
    tags,
    schema: { params: s.ChildIdParams, response: { 200: Type.Array(s.SummarySchema) } },
    problems: [notFound],
    handler: async (request) =>
      (await assessments.listForChild(signedIn(request).user, request.params.childId, request.context)).map(passedThrough),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/children/:childId/level-of-need',
    policy: policy.allow('children.view'),
    summary: 'A child’s current level of need, as their record shows it',
    description:
      'For anyone who may open the child’s record (shielding applies; a merged record is not found). Asks for a reason, which is audited.',
    tags,
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery, response: { 200: s.LevelOfNeedSchema } },
    problems: [notFound],
    handler: async (request) => {
      const { childId, needLevel: level } = await needLevel.levelOfNeed(
        signedIn(request).user,
        request.params.childId,
        request.query.reason,
        request.context,
      );
      return { childId, needLevel: level && { ...level, changedAt: level.changedAt.toISOString() } };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/lead-professional-criteria',
    policy: work,
    summary: 'The area’s criteria for appointing a lead professional (000 §2.18)',
    description: 'Send every one of them as criteriaMet to POST /api/assessments/{assessmentId}/lead-professional.',
    tags,
    schema: { response: { 200: s.CriteriaSchema } },
    handler: async (request) => needLevel.leadProfessionalCriteria(signedIn(request).user),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/assessments/:assessmentId',
    policy: work,
    summary: 'A common assessment with its team, plan, reviews and referrals',
    description: 'Audited with the basis it is shared on.',
    tags,
    schema: { params: s.AssessmentParams, response: { 200: s.DetailsSchema } },
    problems: [notFound, problems.notShared],
    handler: async (request) => {
      const { details, basis } = await assessments.view(signedIn(request).user, request.params.assessmentId, request.context);
      return { ...details, basis };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/consents',
    policy: work,
    summary: 'Record consent given, declined, or sharing without consent',
    tags,
    schema: { params: s.AssessmentParams, body: s.ConsentBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.consentRecorder],
    handler: async (request, reply) => {
      const id = await assessments.recordConsent(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/sharing-without-consent',
    policy: work,
    summary: 'Propose sharing without consent, with its legal basis (a second person approves)',
    description:
      'Takes effect only when a designated safeguarding lead or a practice manager other than you approves it (ADR 0006). One proposal waits at a time.',
    tags,
    schema: { params: s.AssessmentParams, body: s.ProposalBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.proposalWaiting],
    handler: async (request, reply) => {
      const id = await sharing.propose(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/sharing-without-consent',
    policy: work,
    summary: 'Proposals to share without consent waiting for your decision',
    description: 'Empty unless you are a designated safeguarding lead or a practice manager.',
    tags,
    schema: { response: { 200: Type.Array(s.ProposalSchema) } },
    handler: async (request) => (await sharing.listWaiting(signedIn(request).user, request.context)).map(passedThrough),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/sharing-without-consent/:proposalId/decision',
    policy: work,
    summary: 'Approve or reject a proposal to share without consent (not the proposer)',
    tags,
    schema: { params: s.ProposalParams, body: s.ProposalDecisionBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.secondPerson, problems.proposalDecided],
    handler: async (request, reply) => {
      const { decision, note } = request.body;
      await sharing.decide(signedIn(request).user, request.params.proposalId, decision, note, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/consents/:consentId/withdraw',
    policy: work,
    summary: 'Withdraw consent: sharing stops at once',
    tags,
    schema: { params: s.ConsentParams, body: s.WithdrawBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.consentNotInForce],
    handler: async (request, reply) => {
      const { assessmentId, consentId } = request.params;
      await assessments.withdrawConsent(signedIn(request).user, assessmentId, consentId, request.body.note, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/assessments/:assessmentId/draft',
    policy: work,
    summary: 'Save the draft',
    description:
      'Send the draftVersion you read. A save based on an older one is refused with 409 stale_draft, whose `current` member holds what was saved since (its draftVersion, draft, who and when); a field the form does not have is refused with 400 unknown_field.',
    tags,
    schema: { params: s.AssessmentParams, body: s.DraftBody, response: { 200: s.DraftSaved } },
    problems: [...changeProblems, problems.noConsent, problems.staleDraft],
    keepBodyAsSent: true,
    handler: async (request) => {
      const sent = bodyAsSent(request);
      refuseUnknownFields(sent, ['draftVersion', 'content']);
      const { user } = signedIn(request);
      const content = fieldOf(sent, 'content');
      return {
        draftVersion: await assessments.saveDraft(user, request.params.assessmentId, content, request.body.draftVersion, request.context),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/versions',
    policy: work,
    summary: 'Complete the assessment: saves, then locks it as the next version',
    description:
      'On a fault the draft is still saved, and every missing field is named. The draftVersion is checked as for a draft save (409 stale_draft).',
    tags,
    schema: { params: s.AssessmentParams, body: s.CompleteBody, response: { 201: s.VersionCreated } },
    problems: [...changeProblems, problems.noConsent, problems.staleDraft],
    keepBodyAsSent: true,
    handler: async (request, reply) => {
      const sent = bodyAsSent(request);
      refuseUnknownFields(sent, ['draftVersion', 'content', 'changeNote']);
      const { changeNote, draftVersion } = request.body;
      const { assessmentId } = request.params;
      const content = fieldOf(sent, 'content');
      const version = await assessments.complete(signedIn(request).user, assessmentId, content, changeNote, draftVersion, request.context);
      return reply.code(201).send({ version });
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/assessments/:assessmentId/export',
    policy: work,
    summary: 'Export the completed assessment in the portable format',
    description: 'A disclosure: needs consent in force, and is audited.',
    tags,
    schema: { params: s.AssessmentParams, response: { 200: s.Portable } },
    problems: [notFound, problems.notShared, problems.exportNotCompleted, problems.noConsentToShare, problems.exportShielded],
    handler: async (request) =>
      passedThrough(await portable.exportAssessment(signedIn(request).user, request.params.assessmentId, request.context)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/import',
    policy: work,
    summary: 'Import an assessment exported by another area (000 §2.25)',
    description: 'A document that does not match schemas/common-assessment-v1.schema.json is refused with the path of each fault.',
    tags,
    schema: { body: Type.Unknown({ description: 'A portable common assessment document' }), response: { 201: s.Imported } },
    problems: [problems.upnConflict, problems.importChildShielded, problems.assessmentOpen, conflict],
    handler: async (request, reply) =>
      reply.code(201).send(await portable.importAssessment(signedIn(request).user, request.body, request.context)),
  });
}

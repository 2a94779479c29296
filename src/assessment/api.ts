import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes, bodyAsSent, passedThrough } from '../platform/http/api-route.js';
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

/**
 * The draft's content as sent, before validation stripped any of its free-form fields, once the
 * body is known to hold no member but those named: one the form does not have is refused by name.
 */
function contentAsSent(request: FastifyRequest, members: string[]): unknown {
  const sent = bodyAsSent(request);
  refuseUnknownFields(sent, members);
  return fieldOf(sent, 'content');
}

export async function assessmentApiRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { assessments, sharing, needLevel, portable } = assessment;
  const api = apiRoutes(app, { tags, policy: work });

  api.post('/api/children/:childId/pre-assessment-checks', {
    summary: 'Record a pre-assessment checklist and its decision (002 para 121)',
    schema: { params: s.ChildIdParams, body: s.ChecklistBody, response: { 201: s.Created } },
    problems: [notFound],
    work: async ({ user, params, body, context }) => ({ id: await assessments.recordChecklist(user, params.childId, body, context) }),
  });

  api.post('/api/children/:childId/assessments', {
    summary: 'Start a common assessment',
    description:
      'Refused with 409 assessment_open when the child already has an open one, named by its openAssessmentId: add to it instead (004 para 198).',
    schema: { params: s.ChildIdParams, body: s.StartBody, response: { 201: s.Created } },
    problems: [notFound, problems.assessmentOpen],
    work: async ({ user, params, body, context }) => ({ id: await assessments.start(user, params.childId, body, context) }),
  });

  api.get('/api/children/:childId/assessments', {
    summary: 'A child’s common assessments (summaries)',
    description:
      'Only to the team around the child and those the family’s consent covers (003 §2.39, 004 Box 6.1); to anyone else the list is empty, and GET /api/children/{childId}/level-of-need says why.',
    schema: { params: s.ChildIdParams, response: { 200: Type.Array(s.SummarySchema) } },
    problems: [notFound],
    work: async ({ user, params, context }) => (await assessments.listForChild(user, params.childId, context)).map(passedThrough),
  });

  api.get('/api/children/:childId/level-of-need', {
    policy: policy.allow('children.view'),
    summary: 'A child’s current level of need, as their record shows it',
    description:
      'For anyone who may open the child’s record (shielding applies; a merged record is not found), but shown only to the team around the child and those the family’s consent covers: to anyone else needLevel is null and withheld says why (003 §2.39, 004 Box 6.1). Asks for a reason, which is audited.',
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery, response: { 200: s.LevelOfNeedSchema } },
    problems: [notFound],
    work: async ({ user, params, query, context }) => {
      const { childId, needLevel: level, withheld } = await needLevel.levelOfNeed(user, params.childId, query.reason, context);
      return { childId, needLevel: level && { ...level, changedAt: level.changedAt.toISOString() }, ...(withheld ? { withheld } : {}) };
    },
  });

  api.get('/api/lead-professional-criteria', {
    summary: 'The area’s criteria for appointing a lead professional (000 §2.18)',
    description: 'Send every one of them as criteriaMet to POST /api/assessments/{assessmentId}/lead-professional.',
    schema: { response: { 200: s.CriteriaSchema } },
    work: async ({ user }) => needLevel.leadProfessionalCriteria(user),
  });

  api.get('/api/assessments/:assessmentId', {
    summary: 'A common assessment with its team, plan, reviews and referrals',
    description: 'Audited with the basis it is shared on.',
    schema: { params: s.AssessmentParams, response: { 200: s.DetailsSchema } },
    problems: [notFound, problems.notShared],
    work: async ({ user, params, context }) => {
      const { details, basis } = await assessments.view(user, params.assessmentId, context);
      return { ...details, basis };
    },
  });

  api.post('/api/assessments/:assessmentId/consents', {
    summary: 'Record consent given, declined, or sharing without consent',
    schema: { params: s.AssessmentParams, body: s.ConsentBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.consentRecorder],
    work: async ({ user, params, body, context }) => ({ id: await assessments.recordConsent(user, params.assessmentId, body, context) }),
  });

  api.post('/api/assessments/:assessmentId/sharing-without-consent', {
    summary: 'Propose sharing without consent, with its legal basis (a second person approves)',
    description:
      'Takes effect only when a designated safeguarding lead or a practice manager other than you approves it (ADR 0006). One proposal waits at a time.',
    schema: { params: s.AssessmentParams, body: s.ProposalBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.proposalWaiting],
    work: async ({ user, params, body, context }) => ({ id: await sharing.propose(user, params.assessmentId, body, context) }),
  });

  api.get('/api/sharing-without-consent', {
    summary: 'Proposals to share without consent waiting for your decision',
    description: 'Empty unless you are a designated safeguarding lead or a practice manager.',
    schema: { response: { 200: Type.Array(s.ProposalSchema) } },
    work: async ({ user, context }) => (await sharing.listWaiting(user, context)).map(passedThrough),
  });

  api.post('/api/sharing-without-consent/:proposalId/decision', {
    summary: 'Approve or reject a proposal to share without consent (not the proposer)',
    schema: { params: s.ProposalParams, body: s.ProposalDecisionBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.secondPerson, problems.proposalDecided],
    work: async ({ user, params, body, context }) => {
      await sharing.decide(user, params.proposalId, body.decision, body.note, context);
    },
  });

  api.post('/api/assessments/:assessmentId/consents/:consentId/withdraw', {
    summary: 'Withdraw consent: sharing stops at once',
    schema: { params: s.ConsentParams, body: s.WithdrawBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.consentNotInForce],
    work: async ({ user, params, body, context }) =>
      assessments.withdrawConsent(user, params.assessmentId, params.consentId, body.note, context),
  });

  api.put('/api/assessments/:assessmentId/draft', {
    summary: 'Save the draft',
    description:
      'Send the draftVersion you read. A save based on an older one is refused with 409 stale_draft, whose `current` member holds what was saved since (its draftVersion, draft, who and when); a field the form does not have is refused with 400 unknown_field.',
    schema: { params: s.AssessmentParams, body: s.DraftBody, response: { 200: s.DraftSaved } },
    problems: [...changeProblems, problems.noConsent, problems.staleDraft],
    keepBodyAsSent: true,
    work: async ({ user, params, body, context, request }) => {
      const content = contentAsSent(request, ['draftVersion', 'content']);
      return { draftVersion: await assessments.saveDraft(user, params.assessmentId, content, body.draftVersion, context) };
    },
  });

  api.post('/api/assessments/:assessmentId/versions', {
    summary: 'Complete the assessment: saves, then locks it as the next version',
    description:
      'On a fault the draft is still saved, and every missing field is named. The draftVersion is checked as for a draft save (409 stale_draft).',
    schema: { params: s.AssessmentParams, body: s.CompleteBody, response: { 201: s.VersionCreated } },
    problems: [...changeProblems, problems.noConsent, problems.staleDraft],
    keepBodyAsSent: true,
    work: async ({ user, params, body, context, request }) => {
      const content = contentAsSent(request, ['draftVersion', 'content', 'changeNote']);
      return { version: await assessments.complete(user, params.assessmentId, content, body.changeNote, body.draftVersion, context) };
    },
  });

  api.get('/api/assessments/:assessmentId/export', {
    summary: 'Export the completed assessment in the portable format',
    description: 'A disclosure: needs consent in force, and is audited.',
    schema: { params: s.AssessmentParams, response: { 200: s.Portable } },
    problems: [notFound, problems.notShared, problems.exportNotCompleted, problems.noConsentToShare, problems.exportShielded],
    work: async ({ user, params, context }) => passedThrough(await portable.exportAssessment(user, params.assessmentId, context)),
  });

  api.post('/api/assessments/import', {
    summary: 'Import an assessment exported by another area (000 §2.25)',
    description: 'A document that does not match schemas/common-assessment-v1.schema.json is refused with the path of each fault.',
    schema: { body: Type.Unknown({ description: 'A portable common assessment document' }), response: { 201: s.Imported } },
    problems: [problems.upnConflict, problems.importChildShielded, problems.assessmentOpen, conflict],
    work: async ({ user, body, context }) => portable.importAssessment(user, body, context),
  });
}

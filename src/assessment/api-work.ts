import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes, passedThrough } from '../platform/http/api-route.js';
import { policy } from '../platform/policy.js';
import { changeProblems, tags, work } from './api.js';
import { assessmentProblems as problems } from './errors.js';
import type { AssessmentServices } from './index.js';
import * as s from './schemas.js';

/** Front-line work's JSON API, the work around an assessment: the team, the plan, referrals, caseloads. */

const respond = policy.allow('referrals.respond');
const { notFound } = platformProblems;

export async function assessmentWorkApiRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { team, referrals, work: workLists } = assessment;
  const api = apiRoutes(app, { tags, policy: work });

  api.post('/api/assessments/:assessmentId/team', {
    summary: 'Add a member to the team around the child',
    schema: { params: s.AssessmentParams, body: s.MemberBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.alreadyMember],
    work: async ({ user, params, body, context }) => ({ id: await team.addMember(user, params.assessmentId, body, context) }),
  });

  api.post('/api/assessments/:assessmentId/team/:memberId/leave', {
    summary: 'A member leaves the team',
    schema: { params: s.MemberParams, body: s.LeaveBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.isLead],
    work: async ({ user, params, body, context }) => team.removeMember(user, params.assessmentId, params.memberId, body.leftOn, context),
  });

  api.post('/api/assessments/:assessmentId/lead-professional', {
    summary: 'Appoint or change the lead professional',
    description: 'Each of the area’s criteria must be confirmed; a change needs a handover note.',
    schema: { params: s.AssessmentParams, body: s.LeadBody, response: { 201: s.Created } },
    problems: changeProblems,
    work: async ({ user, params, body, context }) => ({ id: await team.appointLeadProfessional(user, params.assessmentId, body, context) }),
  });

  api.post('/api/assessments/:assessmentId/actions', {
    summary: 'Add an action to the plan',
    schema: { params: s.AssessmentParams, body: s.ActionBody, response: { 201: s.Created } },
    problems: changeProblems,
    work: async ({ user, params, body, context }) => ({ id: await team.addAction(user, params.assessmentId, body, context) }),
  });

  api.put('/api/assessments/:assessmentId/actions/:actionId/status', {
    summary: 'Change an action’s status',
    schema: { params: s.ActionParams, body: s.ActionStatusBody, response: { 204: Type.Null() } },
    problems: changeProblems,
    work: async ({ user, params, body, context }) => team.setActionStatus(user, params.assessmentId, params.actionId, body.status, context),
  });

  api.post('/api/assessments/:assessmentId/reviews', {
    summary: 'Record a review',
    schema: { params: s.AssessmentParams, body: s.ReviewBody, response: { 201: s.Created } },
    problems: changeProblems,
    work: async ({ user, params, body, context }) => ({ id: await team.recordReview(user, params.assessmentId, body, context) }),
  });

  api.post('/api/assessments/:assessmentId/close', {
    summary: 'Close with the outcome',
    schema: { params: s.AssessmentParams, body: s.CloseBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.notEscalated],
    work: async ({ user, params, body, context }) => team.close(user, params.assessmentId, body, context),
  });

  api.post('/api/assessments/:assessmentId/referrals', {
    summary: 'Escalate to a specialist service with the assessment attached',
    schema: { params: s.AssessmentParams, body: s.ReferralBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.referralNotCompleted],
    work: async ({ user, params, body, context }) => ({ id: await referrals.escalate(user, params.assessmentId, body, context) }),
  });

  api.get('/api/referrals', {
    policy: respond,
    summary: 'Referrals waiting for your organisation',
    schema: { response: { 200: Type.Array(s.ReferralSchema) } },
    work: async ({ user, context }) => (await referrals.incoming(user, context)).map(passedThrough),
  });

  api.get('/api/referrals/:referralId', {
    policy: respond,
    summary: 'A referral: to your organisation, or sent by the team around the child you work on, with its reply',
    schema: { params: s.ReferralParams, response: { 200: s.ReceivedReferralSchema } },
    problems: [notFound],
    work: async ({ user, params, context }) => {
      const { referral, attached, basis, child, consent, latestReview } = await referrals.view(user, params.referralId, context);
      return {
        referral: passedThrough(referral),
        attached: attached ? passedThrough(attached) : null,
        seenAs: basis.kind,
        child: passedThrough(child),
        consent: consent ? passedThrough(consent) : null,
        latestReview: latestReview ? passedThrough(latestReview) : null,
      };
    },
  });

  api.post('/api/referrals/:referralId/acknowledge', {
    policy: respond,
    summary: 'Acknowledge a referral',
    schema: { params: s.ReferralParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.alreadyAcknowledged],
    work: async ({ user, params, context }) => referrals.acknowledge(user, params.referralId, context),
  });

  api.post('/api/referrals/:referralId/decision', {
    policy: respond,
    summary: 'Decide a referral: accept, allocate, strategy discussion, step down, signpost, no further action, or return it',
    schema: { params: s.ReferralParams, body: s.DecisionBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.referralDecided],
    work: async ({ user, params, body, context }) => referrals.decide(user, params.referralId, body, context),
  });

  api.get('/api/my-children', {
    summary: 'Your open assessments and referrals waiting for your organisation',
    schema: {
      response: { 200: Type.Object({ children: Type.Array(s.SummarySchema), incomingReferrals: Type.Array(s.ReferralSchema) }) },
    },
    work: async ({ user, context }) => {
      const { children, incomingReferrals } = await workLists.myChildren(user, context);
      return { children: children.map(passedThrough), incomingReferrals: incomingReferrals.map(passedThrough) };
    },
  });

  api.get('/api/caseload', {
    policy: policy.allow('assessments.caseload'),
    summary: 'Open assessments, overdue actions and overdue referrals in your area',
    schema: {
      response: {
        200: Type.Object({
          open: Type.Array(s.SummarySchema),
          openByService: Type.Array(Type.Object({ service: Type.String(), open: Type.Integer() }), {
            description: 'Open assessments counted by the assessor’s service of the area’s list',
          }),
          overdueActions: Type.Array(Type.Object({}, { additionalProperties: true })),
          overdueReferrals: Type.Array(s.ReferralSchema),
        }),
      },
    },
    work: async ({ user, context }) => {
      const { open, openByService, overdueActions, overdueReferrals } = await workLists.caseload(user, context);
      return {
        open: open.map(passedThrough),
        openByService,
        overdueActions: overdueActions.map(passedThrough),
        overdueReferrals: overdueReferrals.map(passedThrough),
      };
    },
  });

  api.get('/api/assessments/report', {
    policy: policy.allow('assessments.report'),
    summary: 'Assessments started, completed and closed by month and service',
    schema: {
      response: {
        200: Type.Object({
          rows: Type.Array(
            Type.Object({
              month: Type.String(),
              service: Type.String(),
              started: Type.Integer(),
              completed: Type.Integer(),
              closed: Type.Integer(),
            }),
          ),
          totals: Type.Object({ started: Type.Integer(), completed: Type.Integer(), closed: Type.Integer() }),
        }),
      },
    },
    work: async ({ user }) => workLists.report(user),
  });
}

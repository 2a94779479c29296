import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoute, passedThrough } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
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

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/team',
    policy: work,
    summary: 'Add a member to the team around the child',
    tags,
    schema: { params: s.AssessmentParams, body: s.MemberBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.alreadyMember],
    handler: async (request, reply) => {
      const id = await team.addMember(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/team/:memberId/leave',
    policy: work,
    summary: 'A member leaves the team',
    tags,
    schema: { params: s.MemberParams, body: s.LeaveBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.isLead],
    handler: async (request, reply) => {
      const { assessmentId, memberId } = request.params;
      await team.removeMember(signedIn(request).user, assessmentId, memberId, request.body.leftOn, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/lead-professional',
    policy: work,
    summary: 'Appoint or change the lead professional',
    description: 'Each of the area’s criteria must be confirmed; a change needs a handover note.',
    tags,
    schema: { params: s.AssessmentParams, body: s.LeadBody, response: { 201: s.Created } },
    problems: changeProblems,
    handler: async (request, reply) => {
      const { user } = signedIn(request);
      const id = await team.appointLeadProfessional(user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/actions',
    policy: work,
    summary: 'Add an action to the plan',
    tags,
    schema: { params: s.AssessmentParams, body: s.ActionBody, response: { 201: s.Created } },
    problems: changeProblems,
    handler: async (request, reply) => {
      const id = await team.addAction(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/assessments/:assessmentId/actions/:actionId/status',
    policy: work,
    summary: 'Change an action’s status',
    tags,
    schema: { params: s.ActionParams, body: s.ActionStatusBody, response: { 204: Type.Null() } },
    problems: changeProblems,
    handler: async (request, reply) => {
      const { assessmentId, actionId } = request.params;
      await team.setActionStatus(signedIn(request).user, assessmentId, actionId, request.body.status, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/reviews',
    policy: work,
    summary: 'Record a review',
    tags,
    schema: { params: s.AssessmentParams, body: s.ReviewBody, response: { 201: s.Created } },
    problems: changeProblems,
    handler: async (request, reply) => {
      const id = await team.recordReview(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/close',
    policy: work,
    summary: 'Close with the outcome',
    tags,
    schema: { params: s.AssessmentParams, body: s.CloseBody, response: { 204: Type.Null() } },
    problems: [...changeProblems, problems.notEscalated],
    handler: async (request, reply) => {
      await team.close(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/assessments/:assessmentId/referrals',
    policy: work,
    summary: 'Escalate to a specialist service with the assessment attached',
    tags,
    schema: { params: s.AssessmentParams, body: s.ReferralBody, response: { 201: s.Created } },
    problems: [...changeProblems, problems.referralNotCompleted],
    handler: async (request, reply) => {
      const id = await referrals.escalate(signedIn(request).user, request.params.assessmentId, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/referrals',
    policy: respond,
    summary: 'Referrals waiting for your organisation',
    tags,
    schema: { response: { 200: Type.Array(s.ReferralSchema) } },
    handler: async (request) => (await referrals.incoming(signedIn(request).user, request.context)).map(passedThrough),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/referrals/:referralId',
    policy: respond,
    summary: 'A referral to your organisation, with the assessment it carries',
    tags,
    schema: { params: s.ReferralParams, response: { 200: s.ReceivedReferralSchema } },
    problems: [notFound],
    handler: async (request) => {
      const { referral, attached } = await referrals.viewReceived(signedIn(request).user, request.params.referralId, request.context);
      return { referral: passedThrough(referral), attached: attached ? passedThrough(attached) : null };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/referrals/:referralId/acknowledge',
    policy: respond,
    summary: 'Acknowledge a referral',
    tags,
    schema: { params: s.ReferralParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.alreadyAcknowledged],
    handler: async (request, reply) => {
      await referrals.acknowledge(signedIn(request).user, request.params.referralId, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/referrals/:referralId/decision',
    policy: respond,
    summary: 'Accept a referral, or return it with reasons',
    tags,
    schema: { params: s.ReferralParams, body: s.DecisionBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.referralDecided],
    handler: async (request, reply) => {
      await referrals.decide(signedIn(request).user, request.params.referralId, request.body, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/my-children',
    policy: work,
    summary: 'Your open assessments and referrals waiting for your organisation',
    tags,
    schema: {
      response: { 200: Type.Object({ children: Type.Array(s.SummarySchema), incomingReferrals: Type.Array(s.ReferralSchema) }) },
    },
    handler: async (request) => {
      const { children, incomingReferrals } = await workLists.myChildren(signedIn(request).user, request.context);
      return { children: children.map(passedThrough), incomingReferrals: incomingReferrals.map(passedThrough) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/caseload',
    policy: policy.allow('assessments.caseload'),
    summary: 'Open assessments, overdue actions and overdue referrals in your area',
    tags,
    schema: {
      response: {
        200: Type.Object({
          open: Type.Array(s.SummarySchema),
          overdueActions: Type.Array(Type.Object({}, { additionalProperties: true })),
          overdueReferrals: Type.Array(s.ReferralSchema),
        }),
      },
    },
    handler: async (request) => {
      const { open, overdueActions, overdueReferrals } = await workLists.caseload(signedIn(request).user, request.context);
      return {
        open: open.map(passedThrough),
        overdueActions: overdueActions.map(passedThrough),
        overdueReferrals: overdueReferrals.map(passedThrough),
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/assessments/report',
    policy: policy.allow('assessments.report'),
    summary: 'Assessments started, completed and closed by month and service',
    tags,
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
    handler: async (request) => workLists.report(signedIn(request).user),
  });
}

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { signedIn } from '../platform/http/plugin.js';
import { policy, type Action } from '../platform/policy.js';
import type { AssessmentServices } from './index.js';
import { fieldOf, refuseUnknownFields } from './drafts.js';
import * as s from './schemas.js';

/** Front-line work's JSON API: the same services as the pages. */

const tags = ['front-line work'];

interface Spec<P extends TSchema | undefined, B extends TSchema | undefined, Q extends TSchema | undefined> {
  summary: string;
  description?: string;
  action: Action;
  params?: P;
  body?: B;
  query?: Q;
  status?: 200 | 201 | 204;
  response?: TSchema;
  /** Hand the handler the body as sent too: the schema strips unknown fields, which a draft save refuses by name. */
  raw?: boolean;
}

type In<T> = T extends TSchema ? Static<T> : undefined;

export async function assessmentApiRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { assessments, sharing, needLevel, team, referrals, portable, work } = assessment;

  /** One route: schema, policy, then the service; the answer as JSON (or 204). */
  function route<P extends TSchema | undefined, B extends TSchema | undefined, Q extends TSchema | undefined = undefined>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    spec: Spec<P, B, Q>,
    handler: (user: User, params: In<P>, body: In<B>, ctx: RequestContext, extra: { raw: unknown; query: In<Q> }) => Promise<unknown>,
  ): void {
    const status = spec.status ?? (method === 'GET' ? 200 : 201);
    app.route({
      method,
      url,
      config: { policy: policy.allow(spec.action) },
      // Before validation, which strips unknown fields (app.ts: removeAdditional), keep a copy of what was sent.
      ...(spec.raw ? { preValidation: async (request: FastifyRequest) => void sent.set(request, structuredClone(request.body)) } : {}),
      schema: {
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        tags,
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        response: { [status]: status === 204 ? Type.Null() : (spec.response ?? s.Created) },
      },
      handler: async (request: FastifyRequest, reply) => {
        const result = await handler(signedIn(request).user, request.params as In<P>, request.body as In<B>, request.context, {
          raw: sent.get(request),
          query: request.query as In<Q>,
        });
        return status === 204 ? reply.code(204).send() : reply.code(status).send(result);
      },
    });
  }

  const id = async (work: Promise<string>) => ({ id: await work });
  const sent = new WeakMap<FastifyRequest, unknown>();

  route(
    'POST',
    '/api/children/:childId/pre-assessment-checks',
    {
      summary: 'Record a pre-assessment checklist and its decision (002 para 121)',
      action: 'assessments.work',
      params: s.ChildIdParams,
      body: s.ChecklistBody,
    },
    (user, p, b, ctx) => id(assessments.recordChecklist(user, p.childId, b, ctx)),
  );
  route(
    'POST',
    '/api/children/:childId/assessments',
    {
      summary: 'Start a common assessment',
      description: 'Refused with 409 assessment_open when the child already has an open one: add to it instead (004 para 198).',
      action: 'assessments.work',
      params: s.ChildIdParams,
      body: s.StartBody,
    },
    (user, p, b, ctx) => id(assessments.start(user, p.childId, b, ctx)),
  );
  route(
    'GET',
    '/api/children/:childId/assessments',
    {
      summary: 'A child’s common assessments (summaries)',
      action: 'assessments.work',
      params: s.ChildIdParams,
      response: Type.Array(s.SummarySchema),
    },
    (user, p, _b, ctx) => assessments.listForChild(user, p.childId, ctx),
  );
  route(
    'GET',
    '/api/children/:childId/level-of-need',
    {
      summary: 'A child’s current level of need, as their record shows it',
      description:
        'For anyone who may open the child’s record (shielding applies; a merged record is not found). Asks for a reason, which is audited.',
      action: 'children.view',
      params: s.ChildIdParams,
      query: s.ReasonQuery,
      response: s.LevelOfNeedSchema,
    },
    (user, p, _b, ctx, { query }) => needLevel.levelOfNeed(user, p.childId, query.reason, ctx),
  );
  route(
    'GET',
    '/api/lead-professional-criteria',
    {
      summary: 'The area’s criteria for appointing a lead professional (000 §2.18)',
      description: 'Send every one of them as criteriaMet to POST /api/assessments/{assessmentId}/lead-professional.',
      action: 'assessments.work',
      response: s.CriteriaSchema,
    },
    (user) => needLevel.leadProfessionalCriteria(user),
  );
  route(
    'GET',
    '/api/assessments/:assessmentId',
    {
      summary: 'A common assessment with its team, plan, reviews and referrals',
      description: 'Audited with the basis it is shared on.',
      action: 'assessments.work',
      params: s.AssessmentParams,
      response: s.DetailsSchema,
    },
    async (user, p, _b, ctx) => {
      const { details, basis } = await assessments.view(user, p.assessmentId, ctx);
      return { ...details, basis };
    },
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/consents',
    {
      summary: 'Record consent given, declined, or sharing without consent',
      action: 'assessments.work',
      params: s.AssessmentParams,
      body: s.ConsentBody,
    },
    (user, p, b, ctx) => id(assessments.recordConsent(user, p.assessmentId, b, ctx)),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/sharing-without-consent',
    {
      summary: 'Propose sharing without consent, with its legal basis (a second person approves)',
      description:
        'Takes effect only when a designated safeguarding lead or a practice manager other than you approves it (ADR 0006). One proposal waits at a time.',
      action: 'assessments.work',
      params: s.AssessmentParams,
      body: s.ProposalBody,
    },
    (user, p, b, ctx) => id(sharing.propose(user, p.assessmentId, b, ctx)),
  );
  route(
    'GET',
    '/api/sharing-without-consent',
    {
      summary: 'Proposals to share without consent waiting for your decision',
      description: 'Empty unless you are a designated safeguarding lead or a practice manager.',
      action: 'assessments.work',
      response: Type.Array(s.ProposalSchema),
    },
    (user, _p, _b, ctx) => sharing.listWaiting(user, ctx),
  );
  route(
    'POST',
    '/api/sharing-without-consent/:proposalId/decision',
    {
      summary: 'Approve or reject a proposal to share without consent (not the proposer)',
      action: 'assessments.work',
      params: s.ProposalParams,
      body: s.ProposalDecisionBody,
      status: 204,
    },
    async (user, p, b, ctx) => {
      await sharing.decide(user, p.proposalId, b.decision, b.note, ctx);
    },
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/consents/:consentId/withdraw',
    {
      summary: 'Withdraw consent: sharing stops at once',
      action: 'assessments.work',
      params: s.ConsentParams,
      body: s.WithdrawBody,
      status: 204,
    },
    (user, p, b, ctx) => assessments.withdrawConsent(user, p.assessmentId, p.consentId, b.note, ctx),
  );
  route(
    'PUT',
    '/api/assessments/:assessmentId/draft',
    {
      summary: 'Save the draft',
      description:
        'Send the draftVersion you read. A save based on an older one is refused with 409 stale_draft, whose `current` member holds what was saved since (its draftVersion, draft, who and when); a field the form does not have is refused with 400 unknown_field.',
      action: 'assessments.work',
      params: s.AssessmentParams,
      body: s.DraftBody,
      status: 200,
      response: s.DraftSaved,
      raw: true,
    },
    async (user, p, b, ctx, { raw }) => {
      refuseUnknownFields(raw, ['draftVersion', 'content']);
      return { draftVersion: await assessments.saveDraft(user, p.assessmentId, fieldOf(raw, 'content'), b.draftVersion, ctx) };
    },
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/versions',
    {
      summary: 'Complete the assessment: saves, then locks it as the next version',
      description:
        'On a fault the draft is still saved, and every missing field is named. The draftVersion is checked as for a draft save (409 stale_draft).',
      action: 'assessments.work',
      params: s.AssessmentParams,
      body: s.CompleteBody,
      response: s.VersionCreated,
      raw: true,
    },
    async (user, p, b, ctx, { raw }) => {
      refuseUnknownFields(raw, ['draftVersion', 'content', 'changeNote']);
      const version = await assessments.complete(user, p.assessmentId, fieldOf(raw, 'content'), b.changeNote, b.draftVersion, ctx);
      return { version };
    },
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/team',
    { summary: 'Add a member to the team around the child', action: 'assessments.work', params: s.AssessmentParams, body: s.MemberBody },
    (user, p, b, ctx) => id(team.addMember(user, p.assessmentId, b, ctx)),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/team/:memberId/leave',
    { summary: 'A member leaves the team', action: 'assessments.work', params: s.MemberParams, body: s.LeaveBody, status: 204 },
    (user, p, b, ctx) => team.removeMember(user, p.assessmentId, p.memberId, b.leftOn, ctx),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/lead-professional',
    {
      summary: 'Appoint or change the lead professional',
      description: 'Each of the area’s criteria must be confirmed; a change needs a handover note.',
      action: 'assessments.work',
      params: s.AssessmentParams,
      body: s.LeadBody,
    },
    (user, p, b, ctx) => id(team.appointLeadProfessional(user, p.assessmentId, b, ctx)),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/actions',
    { summary: 'Add an action to the plan', action: 'assessments.work', params: s.AssessmentParams, body: s.ActionBody },
    (user, p, b, ctx) => id(team.addAction(user, p.assessmentId, b, ctx)),
  );
  route(
    'PUT',
    '/api/assessments/:assessmentId/actions/:actionId/status',
    { summary: 'Change an action’s status', action: 'assessments.work', params: s.ActionParams, body: s.ActionStatusBody, status: 204 },
    (user, p, b, ctx) => team.setActionStatus(user, p.assessmentId, p.actionId, b.status, ctx),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/reviews',
    { summary: 'Record a review', action: 'assessments.work', params: s.AssessmentParams, body: s.ReviewBody },
    (user, p, b, ctx) => id(team.recordReview(user, p.assessmentId, b, ctx)),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/close',
    { summary: 'Close with the outcome', action: 'assessments.work', params: s.AssessmentParams, body: s.CloseBody, status: 204 },
    (user, p, b, ctx) => team.close(user, p.assessmentId, b, ctx),
  );
  route(
    'POST',
    '/api/assessments/:assessmentId/referrals',
    {
      summary: 'Escalate to a specialist service with the assessment attached',
      action: 'assessments.work',
      params: s.AssessmentParams,
      body: s.ReferralBody,
    },
    (user, p, b, ctx) => id(referrals.escalate(user, p.assessmentId, b, ctx)),
  );
  route(
    'GET',
    '/api/assessments/:assessmentId/export',
    {
      summary: 'Export the completed assessment in the portable format',
      description: 'A disclosure: needs consent in force, and is audited.',
      action: 'assessments.work',
      params: s.AssessmentParams,
      response: s.Portable,
    },
    (user, p, _b, ctx) => portable.exportAssessment(user, p.assessmentId, ctx),
  );
  route(
    'POST',
    '/api/assessments/import',
    {
      summary: 'Import an assessment exported by another area (000 §2.25)',
      description: 'A document that does not match schemas/common-assessment-v1.schema.json is refused with the path of each fault.',
      action: 'assessments.work',
      body: Type.Unknown({ description: 'A portable common assessment document' }) as TSchema,
      response: s.Imported,
    },
    (user, _p, b, ctx) => portable.importAssessment(user, b, ctx),
  );
  route(
    'GET',
    '/api/referrals',
    { summary: 'Referrals waiting for your organisation', action: 'referrals.respond', response: Type.Array(s.ReferralSchema) },
    (user, _p, _b, ctx) => referrals.incoming(user, ctx),
  );
  route(
    'GET',
    '/api/referrals/:referralId',
    {
      summary: 'A referral to your organisation, with the assessment it carries',
      action: 'referrals.respond',
      params: s.ReferralParams,
      response: s.ReceivedReferralSchema,
    },
    async (user, p, _b, ctx) => {
      const { referral, attached } = await referrals.viewReceived(user, p.referralId, ctx);
      return { referral, attached: attached ?? null };
    },
  );
  route(
    'POST',
    '/api/referrals/:referralId/acknowledge',
    { summary: 'Acknowledge a referral', action: 'referrals.respond', params: s.ReferralParams, status: 204 },
    (user, p, _b, ctx) => referrals.acknowledge(user, p.referralId, ctx),
  );
  route(
    'POST',
    '/api/referrals/:referralId/decision',
    {
      summary: 'Accept a referral, or return it with reasons',
      action: 'referrals.respond',
      params: s.ReferralParams,
      body: s.DecisionBody,
      status: 204,
    },
    (user, p, b, ctx) => referrals.decide(user, p.referralId, b, ctx),
  );
  route(
    'GET',
    '/api/my-children',
    {
      summary: 'Your open assessments and referrals waiting for your organisation',
      action: 'assessments.work',
      response: Type.Object({ children: Type.Array(s.SummarySchema), incomingReferrals: Type.Array(s.ReferralSchema) }),
    },
    (user, _p, _b, ctx) => work.myChildren(user, ctx),
  );
  route(
    'GET',
    '/api/caseload',
    {
      summary: 'Open assessments, overdue actions and overdue referrals in your area',
      action: 'assessments.caseload',
      response: Type.Object({
        open: Type.Array(s.SummarySchema),
        overdueActions: Type.Array(Type.Object({}, { additionalProperties: true })),
        overdueReferrals: Type.Array(s.ReferralSchema),
      }),
    },
    (user, _p, _b, ctx) => work.caseload(user, ctx),
  );
  route(
    'GET',
    '/api/assessments/report',
    {
      summary: 'Assessments started, completed and closed by month and service',
      action: 'assessments.report',
      response: Type.Object({
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
    (user) => work.report(user),
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { Nullable, Uuid } from '../../platform/schema.js';
import type { Section11AuditsService } from './audits.js';
import { section11Problems } from './errors.js';
import type { Section11RoundsService } from './rounds.js';
import { AgencyRowSchema, OverviewRowSchema, RoundSchema, Section11AuditSchema } from './types.js';

/**
 * Section 11 audits as JSON (issue 16 item 8). `/api/section-11/rounds…` is the LSCB's (its members and
 * secretariat); `/api/section-11/audits…` is an agency's own staff's, each seeing their own agency's only.
 */

const RoundParams = Type.Object({ roundId: Type.String() });
const RoundAuditParams = Type.Object({ roundId: Type.String(), auditId: Type.String() });
const AuditParams = Type.Object({ auditId: Type.String() });
const Dates = 'YYYY-MM-DD or D/M/YYYY';

const RoundBody = Type.Object({
  title: Type.String(),
  periodStart: Type.String({ description: Dates }),
  periodEnd: Type.Optional(Type.String({ description: `${Dates}; the area’s usual period (setting governance.safeguardingAuditMonths) when absent` })),
  dueOn: Type.Optional(Type.String({ description: `${Dates}; on or after periodStart (dueOn: date_order); the area’s usual time to complete when absent` })),
  standards: Type.Optional(Type.Array(Type.String(), { description: 'Codes of the standards to audit; all of them when absent' })),
});

const AnswersBody = Type.Object({
  answers: Type.Array(
    Type.Object({
      standardCode: Type.String(),
      rating: Type.Optional(Nullable(Type.String({ description: 'met, partly_met or not_met; else refused (rating-<code>: one_of)' }))),
      evidence: Type.Optional(Type.String()),
      improvement: Type.Optional(Type.String()),
      improvementOwner: Type.Optional(Type.String()),
      improvementDue: Type.Optional(Nullable(Type.String({ description: Dates }))),
    }),
  ),
});

export async function section11ApiRoutes(
  app: FastifyInstance,
  { rounds, audits }: { rounds: Section11RoundsService; audits: Section11AuditsService },
): Promise<void> {
  const lscb = apiRoutes(app, { tags: ['section 11'], policy: policy.allow('section11.oversee') });
  const agency = apiRoutes(app, { tags: ['section 11'], policy: policy.allow('section11.complete') });
  const by = (user: Parameters<typeof actorOf>[0], ctx: Parameters<Section11RoundsService['chase']>[0]['ctx']) => ({ user, actor: actorOf(user), ctx });

  lscb.get('/api/section-11/rounds', {
    summary: 'The LSCB’s section 11 rounds, newest first (its members and secretariat; an empty list to anyone else)',
    schema: { response: { 200: Type.Array(Type.Omit(RoundSchema, ['standards'])) } },
    work: async ({ user }) => (await rounds.rounds(user))?.rounds ?? [],
  });

  lscb.post('/api/section-11/rounds', {
    summary: 'Set a round (the LSCB’s chair or secretariat; audited): each agency under the section 11 duty in the period gets its audit',
    schema: { body: RoundBody, response: { 201: Type.Object({ id: Uuid }) } },
    problems: [section11Problems.notFound, section11Problems.notChairOrSecretariat, section11Problems.noAgencies],
    work: async ({ user, body, context }) => ({ id: await rounds.setRound(by(user, context), body) }),
  });

  lscb.get('/api/section-11/rounds/:roundId', {
    summary: 'A round with every agency’s completion and ratings, late ones marked',
    schema: { params: RoundParams, response: { 200: Type.Object({ round: RoundSchema, agencies: Type.Array(OverviewRowSchema) }) } },
    problems: [section11Problems.notFound],
    work: async ({ user, params }) => {
      const o = await rounds.overview(user, params.roundId);
      return { round: o.round, agencies: o.rows };
    },
  });

  lscb.get('/api/section-11/rounds/:roundId/audits/:auditId', {
    summary: 'One agency’s audit as the LSCB reads it, with its chases and challenge',
    schema: { params: RoundAuditParams, response: { 200: Section11AuditSchema } },
    problems: [section11Problems.notFound],
    work: async ({ user, params }) => rounds.audit(user, params.roundId, params.auditId),
  });

  lscb.post('/api/section-11/rounds/:roundId/audits/:auditId/chase', {
    summary: 'Chase an audit not yet submitted: the agency’s staff who can complete it are told (audited); a submitted one is refused (status: not_submitted)',
    schema: { params: RoundAuditParams, response: { 200: Type.Object({ told: Type.Integer() }) } },
    problems: [section11Problems.notFound, section11Problems.submitted],
    work: async ({ user, params, context }) => ({ told: await rounds.chase(by(user, context), params.roundId, params.auditId) }),
  });

  lscb.put('/api/section-11/rounds/:roundId/audits/:auditId/challenge', {
    summary: 'Record the LSCB’s challenge to an agency’s audit (audited)',
    schema: { params: RoundAuditParams, body: Type.Object({ challenge: Type.String() }), response: { 204: Type.Null() } },
    problems: [section11Problems.notFound],
    work: async ({ user, params, body, context }) => {
      await rounds.challenge(by(user, context), params.roundId, params.auditId, body.challenge);
    },
  });

  agency.get('/api/section-11/audits', {
    summary: 'The caller’s own agency’s section 11 audits, newest round first',
    schema: { response: { 200: Type.Array(Type.Composite([AgencyRowSchema, Type.Object({ late: Type.Boolean() })])) } },
    work: async ({ user }) => audits.mine(user),
  });

  agency.get('/api/section-11/audits/:auditId', {
    summary: 'One of the caller’s own agency’s audits (another agency’s is not found)',
    schema: { params: AuditParams, response: { 200: Section11AuditSchema } },
    problems: [section11Problems.notFound],
    work: async ({ user, params }) => audits.find(user, params.auditId),
  });

  agency.put('/api/section-11/audits/:auditId', {
    summary: 'Save answers to the agency’s audit as they stand (audited); a standard left out keeps its answer',
    schema: { params: AuditParams, body: AnswersBody, response: { 204: Type.Null() } },
    problems: [section11Problems.notFound, section11Problems.submitted],
    work: async ({ user, params, body, context }) => {
      await audits.save(by(user, context), params.auditId, body.answers);
    },
  });

  agency.post('/api/section-11/audits/:auditId/submit', {
    summary: 'Submit the audit to the LSCB (audited): refused naming each standard unanswered (rating-<code>: required)',
    schema: { params: AuditParams, response: { 204: Type.Null() } },
    problems: [section11Problems.notFound, section11Problems.submitted],
    work: async ({ user, params, context }) => {
      await audits.submit(by(user, context), params.auditId);
    },
  });

  agency.put('/api/section-11/audits/:auditId/response', {
    summary: 'The agency’s response to the LSCB’s challenge (audited)',
    schema: { params: AuditParams, body: Type.Object({ response: Type.String() }), response: { 204: Type.Null() } },
    problems: [section11Problems.notFound, section11Problems.noChallenge],
    work: async ({ user, params, body, context }) => {
      await audits.respond(by(user, context), params.auditId, body.response);
    },
  });
}

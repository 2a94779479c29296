import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PartnershipService } from '../../partnership/index.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { pageRoute } from '../../platform/http/views.js';
import { formatDate } from '../../platform/dates.js';
import { policy } from '../../platform/policy.js';
import { governanceProblems } from '../errors.js';
import { businessPaths } from '../meetings/paths.js';
import { callerOf, callerOfCall } from '../meetings/caller.js';
import { MEETING_ACTION_STATUS_LABELS, MeetingActionSchema } from '../meetings/types.js';
import type { AccountabilityService } from './service.js';
import { COMMITMENT_STATUS_LABELS, COMMITMENT_STATUSES, CommitmentSchema, SourcedCommitmentSchema } from './types.js';

/**
 * Accountability (issue 16 item 6; 001 §3.4): each partner's commitments and their status, with its open
 * actions from the bodies' meetings; the chair or secretariat records commitments, and progress notes are
 * added by them or by the partner's own members. Pages and JSON, through one service.
 */

const page = pageRenderer('governance/accountability/views', {
  businessPaths,
  formatDate,
  statusLabels: COMMITMENT_STATUS_LABELS,
  actionStatusLabels: MEETING_ACTION_STATUS_LABELS,
});

type PartnerParams = { Params: { organisationId: string } };

export async function accountabilityRoutes(
  app: FastifyInstance,
  { accountability, partnership }: { accountability: AccountabilityService; partnership: PartnershipService },
): Promise<void> {
  const business = pageRoute('governance.business');

  app.get(businessPaths.accountability, business, async (request, reply) => {
    const found = await accountability.overview(callerOf(request));
    return page(reply, 'overview.njk', { pageTitle: 'Partners’ commitments', ...found });
  });

  const partnerPage = async (reply: FastifyReply, request: FastifyRequest, organisationId: string, values: Form, errors?: FormErrors, status = 200) => {
    const found = await accountability.ofPartner(callerOf(request), organisationId);
    const managed = found.bodies.filter((b) => b.manage);
    const done = (request.query as { done?: string }).done;
    return page(
      reply,
      'partner.njk',
      {
        pageTitle: `${found.organisationName}: commitments and actions`,
        ...found,
        managed: managed.map((b) => ({ value: b.id, text: b.name, selected: b.id === values.bodyId })),
        statusItems: COMMITMENT_STATUSES.values.map((v) => ({ value: v, text: COMMITMENT_STATUS_LABELS[v] })),
        values,
        errors,
        banner: done === 'commitment' ? 'Commitment recorded' : done === 'note' ? 'Progress noted' : undefined,
      },
      status,
    );
  };
  app.get<PartnerParams>(businessPaths.accountabilityPartner(':organisationId'), business, async (request, reply) =>
    partnerPage(reply, request, request.params.organisationId, {}),
  );
  app.post(businessPaths.commitmentsNew, business, async (request, reply) => {
    const form = formOf(request.body);
    const organisationId = form.organisationId ?? '';
    const result = await handleForm(
      () => accountability.addCommitment(callerOf(request), form),
      async (errors, status) => {
        // A form from a partner's page goes back to it; one sent with no partner has no page to show.
        if (!(await partnership.listOrganisations(callerOf(request).user.areaCode)).some((o) => o.id === organisationId))
          return reply.code(status).send({ errors: errors.summary });
        return partnerPage(reply, request, organisationId, form, errors, status);
      },
    );
    return result.ok ? reply.redirect(`${businessPaths.accountabilityPartner(organisationId)}?done=commitment`, 303) : reply;
  });
  app.post<{ Params: { commitmentId: string } }>(businessPaths.commitmentNotes(':commitmentId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const organisationId = form.organisationId ?? '';
    const result = await handleForm(
      () => accountability.addNote(callerOf(request), request.params.commitmentId, form),
      (errors, status) => partnerPage(reply, request, organisationId, {}, errors, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.accountabilityPartner(organisationId)}?done=note`, 303) : reply;
  });

  const api = apiRoutes(app, { tags: ['governance'], policy: policy.allow('governance.business') });
  api.get('/api/governance/accountability', {
    summary: 'Each partner with its commitments to the bodies you see: how many, how many overdue, how many met',
    schema: {
      response: {
        200: Type.Array(Type.Object({ organisationId: Type.String(), organisationName: Type.String(), commitments: Type.Integer(), overdue: Type.Integer(), met: Type.Integer() })),
      },
    },
    work: async (call) => (await accountability.overview(callerOfCall(call))).partners,
  });
  api.get('/api/governance/accountability/:organisationId', {
    summary: 'A partner’s commitments with their progress, and its open actions from the bodies’ meetings (001 §3.4)',
    schema: {
      params: Type.Object({ organisationId: Type.String() }),
      response: {
        200: Type.Object({
          organisationId: Type.String(),
          organisationName: Type.String(),
          commitments: Type.Array(CommitmentSchema),
          actions: Type.Array(Type.Intersect([MeetingActionSchema, Type.Object({ bodyName: Type.String() })])),
          sourced: Type.Array(SourcedCommitmentSchema, { description: 'Commitments kept elsewhere: the Children and Young People’s Plan’s key actions it leads or contributes to' }),
        }),
      },
    },
    problems: [governanceProblems.notFound],
    work: async (call) => {
      const found = await accountability.ofPartner(callerOfCall(call), call.params.organisationId);
      return { organisationId: found.organisationId, organisationName: found.organisationName, commitments: found.commitments, actions: found.actions, sourced: found.sourced };
    },
  });
  api.post('/api/governance/commitments', {
    summary: 'Record a partner’s agreed commitment to a body: its chair or secretariat (audited)',
    schema: {
      body: Type.Object({
        bodyId: Type.String(),
        organisationId: Type.String(),
        description: Type.String(),
        agreedOn: Type.String({ description: 'YYYY-MM-DD' }),
        dueOn: Type.String({ description: 'YYYY-MM-DD, on or after agreedOn' }),
      }),
      response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    problems: [governanceProblems.notFound, governanceProblems.notInBody],
    work: async (call) => ({ id: await accountability.addCommitment(callerOfCall(call), call.body) }),
  });
  api.post('/api/governance/commitments/:commitmentId/notes', {
    summary: 'Note a commitment’s progress and how it stands: the body’s chair or secretariat, or a member speaking for the partner (audited)',
    schema: {
      params: Type.Object({ commitmentId: Type.String() }),
      body: Type.Object({ note: Type.String(), status: COMMITMENT_STATUSES.schema() }),
      response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    problems: [governanceProblems.notFound, governanceProblems.notInBody],
    work: async (call) => ({ id: await accountability.addNote(callerOfCall(call), call.params.commitmentId, call.body) }),
  });
}

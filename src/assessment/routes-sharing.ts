import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { mayApproveSharing } from './consent-policy.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';

/**
 * The second person's pages for sharing without consent (ADR 0006): proposals waiting in the area,
 * each approved or rejected by a designated safeguarding lead or a practice manager who did not propose it.
 */

const BANNERS: Record<string, string> = {
  approved: 'Sharing without consent approved: the team around the child can open the assessment',
  rejected: 'Proposal rejected: nothing is shared',
};

export async function sharingPageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { sharing } = assessment;

  const listPage = async (
    user: User,
    ctx: RequestContext,
    data: { errors?: FormErrors; errorFor?: string; values?: Form; banner?: string },
  ) => ({
    pageTitle: 'Sharing without consent',
    mayApprove: mayApproveSharing(user),
    proposals: await sharing.listWaiting(user, ctx),
    ...data,
  });

  app.get(paths.sharingProposals, allow('assessments.work'), async (request, reply) => {
    const query = formOf(request.query);
    const banner = Object.hasOwn(BANNERS, query.done ?? '') ? BANNERS[query.done ?? ''] : undefined;
    return show(reply, 'sharing-proposals.njk', await listPage(signedIn(request).user, request.context, { banner }));
  });

  app.post<{ Params: { id: string } }>(paths.sharingProposalDecision(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      async () => (await sharing.decide(user, id, form.decision, form.note, request.context)).decision,
      async (errors, status) =>
        show(reply, 'sharing-proposals.njk', await listPage(user, request.context, { errors, errorFor: id, values: form }), status),
      { hrefs: { decision: `note-${id}`, note: `note-${id}` }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${paths.sharingProposals}?done=${result.value}`, 303) : reply;
  });
}

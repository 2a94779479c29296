import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { formatDate, formatDateTime } from '../platform/dates.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import { RELATIONSHIP_LABELS } from './households/service.js';
import type { ChildServices } from './index.js';
import { show } from './routes-forms.js';
import { HOUSEHOLD_RELATIONSHIPS } from './types.js';

/**
 * A child's household (issue 14, families and siblings): the children linked with this one that the
 * viewer may see, how they are related, linking another child and ending a link. Shown under the
 * viewer's grant to the child's record (a reason given, ADR 0013); without one, the record's address
 * asks for the reason. The children offered for linking are the records the viewer has open now, so
 * linking never names a child the viewer has not already found and opened with a reason.
 */

type ChildParams = { Params: { childId: string }; Querystring: Form };

const BANNERS: Record<string, { heading: string; text?: string }> = {
  linked: { heading: 'Children linked', text: 'They are now shown in one household.' },
  unlinked: { heading: 'Link ended', text: 'The change has been recorded.' },
};

export async function childHouseholdRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  const { households } = children;

  /** The page's data, or undefined when the viewer holds no grant to the record (the caller redirects to ask why). */
  const householdPage = async (
    user: User,
    childId: string,
    ctx: RequestContext,
    data: { values: Form; errors?: FormErrors; done?: string },
  ) => {
    const household = await households.viewUnderGrant(user, childId, ctx);
    if (!household) return undefined;
    const names = new Map(household.members.map((m) => [m.id, m.displayName]));
    const [child] = household.members;
    return {
      pageTitle: `Household: ${child?.displayName ?? ''}`,
      childId: household.childId,
      child,
      reason: household.reason,
      members: household.members.map((m) => ({ ...m, born: formatDate(m.dateOfBirth), isChild: m.id === household.childId })),
      links: household.links.map((l) => ({
        id: l.id,
        // This child first: "Leo Brennan and Mia Brennan" on Leo's page.
        between: (l.otherChildId === household.childId ? [l.otherChildId, l.childId] : [l.childId, l.otherChildId])
          .map((id) => names.get(id) ?? '')
          .join(' and '),
        relationship: RELATIONSHIP_LABELS[l.relationship],
        linkedOn: formatDateTime(l.linkedAt),
        mayUnlink: l.childId === household.childId || l.otherChildId === household.childId,
      })),
      linkable: household.linkable.map((m) => ({
        value: m.id,
        text: m.displayName,
        hint: { text: `Born ${formatDate(m.dateOfBirth)}` },
        checked: m.id === data.values.otherChildId,
      })),
      relationships: HOUSEHOLD_RELATIONSHIPS.values.map((r) => ({
        value: r,
        text: RELATIONSHIP_LABELS[r],
        checked: r === data.values.relationship,
      })),
      canEdit: can(user, 'children.edit'),
      canSeeTeam: can(user, 'assessments.work'),
      banner: BANNERS[data.done ?? ''],
      ...data,
    };
  };

  const render = async (
    reply: FastifyReply,
    user: User,
    childId: string,
    ctx: RequestContext,
    data: Parameters<typeof householdPage>[3],
    status = 200,
  ) => {
    const page = await householdPage(user, childId, ctx, data);
    return page ? show(reply, 'household.njk', page, status) : reply.redirect(paths.child(childId), 303);
  };

  app.get<ChildParams>(paths.childHousehold(':childId'), pageRoute('children.view'), async (request, reply) => {
    const { user } = signedIn(request);
    return render(reply, user, request.params.childId, request.context, { values: {}, done: request.query.done });
  });

  app.post<ChildParams>(paths.childHouseholdLinks(':childId'), pageRoute('children.edit'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => households.link(user, childId, { otherChildId: form.otherChildId, relationship: form.relationship }, request.context),
      (errors, status) => render(reply, user, childId, request.context, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${paths.childHousehold(childId)}?done=linked`, 303) : reply;
  });

  app.post<{ Params: { childId: string; linkId: string } }>(
    paths.childHouseholdUnlink(':childId', ':linkId'),
    pageRoute('children.edit'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const { childId, linkId } = request.params;
      await households.unlink(user, childId, linkId, request.context);
      return reply.redirect(`${paths.childHousehold(childId)}?done=unlinked`, 303);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { serviceItems, type DirectoryService } from '../directory/index.js';
import type { PartnershipService } from '../partnership/index.js';
import type { User } from '../platform/auth/repository.js';
import { notFound } from '../platform/errors.js';
import { dateParts, formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import type { ChildServices } from './index.js';
import { isUuid } from '../platform/ids.js';
import { show } from './routes-forms.js';

/**
 * Who is involved with a child: recording a service's involvement and ending it. Each change is a
 * POST that redirects to the record's "why" page with a banner; a refused change shows the form again.
 */

const allow = pageRoute;

type ChildParams = { Params: { childId: string } };

const childPath = ':childId';

export async function childInvolvementRoutes(
  app: FastifyInstance,
  { children, partnership, directory }: { children: ChildServices; partnership: PartnershipService; directory: DirectoryService },
): Promise<void> {
  const involvementPage = async (user: User, childId: string, data: { values: Form; errors?: FormErrors }) => ({
    pageTitle: 'Record an involvement',
    childId,
    organisations: [
      { value: '', text: 'Select an organisation', selected: false },
      ...(await partnership.listOrganisations(user.areaCode)).map((o) => ({
        value: o.id,
        text: o.name,
        selected: o.id === data.values.organisationId,
      })),
    ],
    services: serviceItems(await directory.offered(user.areaCode), data.values.service),
    ...data,
  });

  app.get<ChildParams>(paths.childInvolvementNew(childPath), allow('children.edit'), async (request, reply) => {
    const { childId } = request.params;
    if (!isUuid(childId)) throw notFound('record');
    return show(reply, 'involvements/new.njk', await involvementPage(signedIn(request).user, childId, { values: {} }));
  });

  app.post<ChildParams>(paths.childInvolvementNew(childPath), allow('children.edit'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        children.records.addInvolvement(
          user,
          childId,
          {
            service: form.service,
            organisationId: form.organisationId,
            practitionerName: form.practitionerName,
            role: form.role?.trim() ? form.role : undefined,
            phone: form.phone,
            email: form.email,
            sensitive: form.sensitive === 'yes',
            startedOn: dateParts(form, 'startedOn'),
            me: form.me === 'yes',
          },
          request.context,
        ),
      async (errors, status) => show(reply, 'involvements/new.njk', await involvementPage(user, childId, { values: form, errors }), status),
      { dates: ['startedOn'] },
    );
    return result.ok ? reply.redirect(`${paths.child(childId)}?done=involvement`, 303) : reply;
  });

  app.post<{ Params: { childId: string; involvementId: string } }>(
    paths.childInvolvementEnd(childPath, ':involvementId'),
    allow('children.edit'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const { childId, involvementId } = request.params;
      const form = formOf(request.body);
      const result = await handleForm(
        () => children.records.endInvolvement(user, childId, involvementId, dateParts(form, 'endedOn'), request.context),
        (errors, status) =>
          show(reply, 'involvements/end.njk', { pageTitle: 'End an involvement', childId, involvementId, values: form, errors }, status),
        { dates: ['endedOn'] },
      );
      return result.ok ? reply.redirect(`${paths.child(childId)}?done=ended`, 303) : reply;
    },
  );
}

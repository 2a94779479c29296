import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { RequestContext } from '../platform/audit.js';
import { formatDate } from '../platform/dates.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import { callerOf } from '../platform/subject-policy.js';
import { PROVIDER_FIELDS, type DirectoryEntries } from './entries.js';
import { ENTRY_HREFS, entryChoices, entryInputOf, entryValuesOf, tickedFrom, tickedOf, type Ticked } from './entry-form.js';
import { directoryProblems } from './errors.js';
import type { PublicDirectory } from './public.js';
import { AreaServiceSchema, EntrySchema } from './types.js';
import type { AreaService } from './types.js';

/**
 * Provider staff keep their own organisation's directory entries (issue 17 item 1; ADR 0026): "Our
 * services", the entry's form (the area administrator's, without what stays the area's), and the
 * confirmation that an entry is still right, with their JSON twins. The entry rule decides whose.
 */

const page = pageRenderer('directory/views');
const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx, caller: callerOf(user) });
type ServiceParams = { Params: { serviceId: string } };

const BANNERS: Record<string, string> = {
  changed: 'Entry saved: the directory shows it now, and it counts as reviewed today',
  reviewed: 'Entry confirmed as still right: its review is up to date',
};

const EntryBody = Type.Object(
  Object.fromEntries(
    PROVIDER_FIELDS.map((f) => [f, Type.Optional(f === 'contactEmail' ? Type.String() : EntrySchema[f as keyof typeof EntrySchema])]),
  ),
);

export async function directoryEntryRoutes(
  app: FastifyInstance,
  { entries, publicDirectory }: { entries: DirectoryEntries; publicDirectory: PublicDirectory },
): Promise<void> {
  const keep = pageRoute('directory.entries');

  const formPage = async (
    reply: FastifyReply,
    user: User,
    data: { service: AreaService; values: Form; errors?: FormErrors; ticked?: Ticked },
    status = 200,
  ) =>
    page(
      reply,
      'service.njk',
      {
        pageTitle: `Change the entry for ${data.service.name}`,
        action: paths.ourService(data.service.id),
        entryOnly: true,
        state: `Last reviewed on ${formatDate(data.service.reviewedOn)}${data.service.reviewDue ? ': review due' : ''}`,
        ...(await entryChoices(publicDirectory, user.areaCode, data.values, data.ticked ?? tickedOf(data.service))),
        ...data,
      },
      status,
    );

  app.get<{ Querystring: Form }>(paths.ourServices, keep, async (request, reply) => {
    const { user } = signedIn(request);
    const services = await entries.ours(callerOf(user));
    return page(reply, 'ours.njk', {
      pageTitle: 'Our services in the directory',
      organisationName: user.organisationName,
      open: services.filter((s) => s.active).map((s) => ({ ...s, reviewedText: formatDate(s.reviewedOn) })),
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  app.get<ServiceParams>(paths.ourService(':serviceId'), keep, async (request, reply) => {
    const { user } = signedIn(request);
    const { service } = await entries.kept(by(user, request.context), request.params.serviceId);
    return formPage(reply, user, { service, values: { ...entryValuesOf(service), contactEmail: service.contactEmail } });
  });

  app.post<ServiceParams>(paths.ourService(':serviceId'), keep, async (request, reply) => {
    const { user } = signedIn(request);
    const { service } = await entries.kept(by(user, request.context), request.params.serviceId);
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        entries.change(by(user, request.context), service.id, {
          ...entryInputOf(form, tickedFrom(request.body)),
          contactEmail: form.contactEmail,
        }),
      (errors, status) => formPage(reply, user, { service, values: form, errors, ticked: tickedFrom(request.body) }, status),
      { hrefs: { ...ENTRY_HREFS, contactEmail: 'contactEmail' } },
    );
    return result.ok ? reply.redirect(`${paths.ourServices}?done=changed`, 303) : reply;
  });

  app.post<ServiceParams>(paths.ourServiceReviewed(':serviceId'), keep, async (request, reply) => {
    const { user } = signedIn(request);
    await entries.reviewed(by(user, request.context), request.params.serviceId);
    return reply.redirect(`${paths.ourServices}?done=reviewed`, 303);
  });

  const api = apiRoutes(app, { tags: ['services'], policy: policy.allow('directory.entries') });
  const Params = Type.Object({ serviceId: Type.String() });

  api.get('/api/services/ours', {
    summary: 'The services your organisation provides in your area: the directory entries you keep',
    schema: { response: { 200: Type.Array(AreaServiceSchema) } },
    work: async ({ user }) => entries.ours(callerOf(user)),
  });

  api.put('/api/services/:serviceId/entry', {
    summary:
      'Change a directory entry your organisation provides (the area administrator: any of the area’s). Only the fields given change; ' +
      'name, partner, type, kind of provider and sensitivity stay the area’s. A change is a review (audited)',
    schema: { params: Params, body: EntryBody, response: { 204: Type.Null() } },
    problems: [directoryProblems.notFound, directoryProblems.notKeeper],
    work: async ({ user, params, body, context }) => {
      await entries.change(by(user, context), params.serviceId, body);
    },
  });

  api.post('/api/services/:serviceId/reviewed', {
    summary: 'Confirm an entry is still right as it stands: the twelve-month review flag clears (audited). Its provider’s staff or the area administrator',
    schema: { params: Params, response: { 200: Type.Object({ reviewedOn: Type.String({ format: 'date' }) }) } },
    problems: [directoryProblems.notFound, directoryProblems.notKeeper],
    work: async ({ user, params, context }) => ({ reviewedOn: await entries.reviewed(by(user, context), params.serviceId) }),
  });
}

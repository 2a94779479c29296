import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import { actorOf } from '../platform/auth/service.js';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { formatDate } from '../platform/dates.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { callerOf } from '../platform/subject-policy.js';
import { directoryApiRoutes } from './api.js';
import { ENTRY_HREFS, entryChoices, entryInputOf, entryValuesOf, tickedFrom, tickedOf, type Ticked } from './entry-form.js';
import type { PublicDirectory } from './public.js';
import { directoryPublicRoutes } from './routes-public.js';
import type { DirectoryService } from './service.js';
import type { DirectoryEntries } from './entries.js';
import type { PostcodeService } from './postcodes/service.js';
import { postcodeRoutes } from './postcodes/routes.js';
import { directoryEntryRoutes } from './routes-entries.js';
import type { AreaService } from './types.js';

/**
 * The area's list of services under Local settings (issue 14, bug 7): the area administrator adds,
 * renames, changes, closes and reopens services; each change is audited. Forms elsewhere offer the
 * open ones.
 */

const page = pageRenderer('directory/views');
const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx, caller: callerOf(user) });

const BANNERS: Record<string, string> = {
  added: 'Service added: forms now offer it',
  changed: 'Service changed: records that name it show the change',
  closed: 'Service closed: forms no longer offer it from the day given, and records made before still name it',
  reopened: 'Service reopened: forms offer it again',
};

type ServiceParams = { Params: { serviceId: string } };

/** A service as the list shows it: its state in words. */
const rowOf = (s: AreaService) => ({
  ...s,
  state:
    s.closedFrom === null ? 'Open' : s.active ? `Open, closes on ${formatDate(s.closedFrom)}` : `Closed on ${formatDate(s.closedFrom)}`,
});

export async function directoryRoutes(
  app: FastifyInstance,
  {
    directory,
    entries,
    postcodes,
    partnership,
    publicDirectory,
  }: {
    directory: DirectoryService;
    entries: DirectoryEntries;
    postcodes: PostcodeService;
    partnership: PartnershipService;
    publicDirectory: PublicDirectory;
  },
): Promise<void> {
  const manage = pageRoute('settings.manage');

  const organisationItems = async (user: User, chosen: string | undefined) => [
    { value: '', text: 'None: the area as a whole', selected: false },
    ...(await partnership.listOrganisations(user.areaCode)).map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen })),
  ];

  /** The form of a new service, or of one to change (with its closing or reopening). */
  const formPage = async (
    reply: FastifyReply,
    user: User,
    data: { service?: AreaService; values: Form; errors?: FormErrors; ticked?: Ticked },
    status = 200,
  ) =>
    page(
      reply,
      'service.njk',
      {
        pageTitle: data.service ? `Change ${data.service.name}` : 'Add a service',
        action: data.service ? paths.localSettingsService(data.service.id) : paths.localSettingsServiceNew,
        organisations: await organisationItems(user, data.values.organisationId),
        state: data.service ? rowOf(data.service).state : '',
        ...(await entryChoices(publicDirectory, user.areaCode, data.values, data.ticked ?? tickedOf(data.service))),
        ...data,
      },
      status,
    );

  const valuesOf = (s: AreaService): Form => ({
    name: s.name,
    organisationId: s.organisationId ?? '',
    sensitive: s.sensitive ? 'yes' : '',
    contactEmail: s.contactEmail,
    ...entryValuesOf(s),
  });
  const inputOf = (form: Form, body: unknown) => ({
    ...entryInputOf(form, tickedFrom(body)),
    name: form.name,
    organisationId: form.organisationId,
    sensitive: form.sensitive === 'yes',
    contactEmail: form.contactEmail,
  });
  const hrefs = {
    ...ENTRY_HREFS,
    name: 'name',
    organisationId: 'organisationId',
    contactEmail: 'contactEmail',
    effectiveFrom: 'effectiveFrom',
  };

  app.get<{ Querystring: Form }>(paths.localSettingsServices, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const services = (await directory.list(user.areaCode)).map(rowOf);
    return page(reply, 'services.njk', {
      pageTitle: 'Services',
      areaName: user.areaName,
      open: services.filter((s) => s.active),
      closed: services.filter((s) => !s.active),
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  app.get(paths.localSettingsServiceNew, manage, async (request, reply) =>
    formPage(reply, signedIn(request).user, { values: { sensitive: '' } }),
  );

  app.post(paths.localSettingsServiceNew, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => directory.add(by(user, request.context), user.areaCode, inputOf(form, request.body)),
      (errors, status) => formPage(reply, user, { values: form, errors, ticked: tickedFrom(request.body) }, status),
      { hrefs },
    );
    return result.ok ? reply.redirect(`${paths.localSettingsServices}?done=added`, 303) : reply;
  });

  app.get<ServiceParams>(paths.localSettingsService(':serviceId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const service = await directory.find(user.areaCode, request.params.serviceId);
    return formPage(reply, user, { service, values: valuesOf(service) });
  });

  app.post<ServiceParams>(paths.localSettingsService(':serviceId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const service = await directory.find(user.areaCode, request.params.serviceId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => directory.change(by(user, request.context), user.areaCode, service.id, inputOf(form, request.body)),
      (errors, status) => formPage(reply, user, { service, values: form, errors, ticked: tickedFrom(request.body) }, status),
      { hrefs },
    );
    return result.ok ? reply.redirect(`${paths.localSettingsServices}?done=changed`, 303) : reply;
  });

  app.post<ServiceParams>(paths.localSettingsServiceClose(':serviceId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const service = await directory.find(user.areaCode, request.params.serviceId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => directory.close(by(user, request.context), user.areaCode, service.id, form.effectiveFrom),
      (errors, status) =>
        formPage(reply, user, { service, values: { ...valuesOf(service), effectiveFrom: form.effectiveFrom }, errors }, status),
      { hrefs },
    );
    return result.ok ? reply.redirect(`${paths.localSettingsServices}?done=closed`, 303) : reply;
  });

  app.post<ServiceParams>(paths.localSettingsServiceReopen(':serviceId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    await directory.reopen(by(user, request.context), user.areaCode, request.params.serviceId);
    return reply.redirect(`${paths.localSettingsServices}?done=reopened`, 303);
  });

  await app.register(directoryApiRoutes, { directory });
  await app.register(directoryPublicRoutes, { publicDirectory });
  await app.register(directoryEntryRoutes, { entries, publicDirectory });
  await app.register(postcodeRoutes, { postcodes });
}

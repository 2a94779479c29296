import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import type { RequestContext } from '../platform/audit.js';
import type { UserLifecycleService } from '../platform/auth/lifecycle.js';
import type { User } from '../platform/auth/repository.js';
import { formatDate } from '../platform/dates.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { can, ROLE_LABELS, ROLES, type Role } from '../platform/policy.js';
import { statusOf, type TrainingService } from './service.js';
import { TRAINING_KIND_LABELS } from './training.js';

/**
 * A user's page and the changes of their working life (issue 13 item 3): role or organisation,
 * suspend, re-enable, close, the designated safeguarding lead flag; each a form with a required
 * reason, POST-redirect-GET to the user's page.
 */

const page = pageRenderer('admin/views');
type UserParams = { Params: { userId: string } };

const STATUS_CHANGES = {
  suspend: {
    path: paths.adminUserSuspend,
    title: 'Suspend this account',
    lead: 'They will not be able to sign in, and every session of theirs ends at once. You can re-enable the account later.',
    button: 'Suspend account',
    done: 'suspended',
  },
  reenable: {
    path: paths.adminUserReenable,
    title: 'Re-enable this account',
    lead: 'They will be able to sign in again.',
    button: 'Re-enable account',
    done: 'reenabled',
  },
  close: {
    path: paths.adminUserClose,
    title: 'Close this account',
    lead: 'Close an account when its person leaves. A closed account cannot sign in and cannot be re-enabled; what they recorded stays.',
    button: 'Close account',
    done: 'closed',
  },
} as const;
type StatusChange = keyof typeof STATUS_CHANGES;

const DONE_BANNERS: Record<string, string> = {
  changed: 'Role and organisation saved',
  suspended: 'Account suspended: its sessions have ended',
  reenabled: 'Account re-enabled',
  closed: 'Account closed: its sessions have ended',
  safeguarding: 'Designated safeguarding lead flag saved',
  training: 'Training or check recorded',
};

export async function adminAccountRoutes(
  app: FastifyInstance,
  { users, training, partnership }: { users: UserLifecycleService; training: TrainingService; partnership: PartnershipService },
): Promise<void> {
  const manage = pageRoute('users.manage');

  // The user's page: practice managers see their own organisation's people (training), administrators the area's.
  app.get<UserParams>(paths.adminUser(':userId'), pageRoute('users.training'), async (request, reply) => {
    const { user: actor } = signedIn(request);
    const user = await training.find(actor, request.params.userId);
    const records = await training.list(actor, user.id);
    const done = formOf(request.query).done ?? '';
    return page(reply, 'user.njk', {
      pageTitle: user.displayName,
      user,
      roleLabel: ROLE_LABELS[user.role],
      status: statusOf(user),
      canManage: can(actor, 'users.manage', user.areaCode) && actor.id !== user.id,
      done: Object.hasOwn(DONE_BANNERS, done) ? DONE_BANNERS[done] : undefined,
      training: records.map((r) => ({
        kind: TRAINING_KIND_LABELS[r.kind],
        completedOn: formatDate(r.completedOn),
        expiresOn: formatDate(r.expiresOn),
      })),
    });
  });

  const roleChoices = (actor: User, selected: string | undefined) =>
    ROLES.values
      .filter((r: Role) => r !== 'system_admin' || actor.role === 'system_admin')
      .map((r) => ({ value: r, text: ROLE_LABELS[r], checked: r === selected }));

  const changePage = async (reply: FastifyReply, actor: User, user: User, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'user-change.njk',
      {
        pageTitle: `Change role or organisation: ${user.displayName}`,
        user,
        values,
        errors,
        roles: roleChoices(actor, values.role),
        organisations: (await partnership.listOrganisations(user.areaCode)).map((o) => ({
          value: o.id,
          text: o.name,
          selected: o.id === values.organisationId,
        })),
      },
      status,
    );

  app.get<UserParams>(paths.adminUserChange(':userId'), manage, async (request, reply) => {
    const { user: actor } = signedIn(request);
    const user = await users.find(actor, request.params.userId);
    return changePage(reply, actor, user, { role: user.role, organisationId: user.organisationId });
  });

  app.post<UserParams>(paths.adminUserChange(':userId'), manage, async (request, reply) => {
    const { user: actor } = signedIn(request);
    const user = await users.find(actor, request.params.userId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => users.changeAccount(actor, user.id, form, request.context),
      (errors, status) => changePage(reply, actor, user, form, errors, status),
      { hrefs: { role: 'role', account: 'reason' } },
    );
    return result.ok ? reply.redirect(`${paths.adminUser(user.id)}?done=changed`, 303) : reply;
  });

  const statusPage = (reply: FastifyReply, change: StatusChange, user: User, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'user-status.njk',
      { pageTitle: STATUS_CHANGES[change].title, change: STATUS_CHANGES[change], user, values, errors },
      status,
    );

  const run: Record<StatusChange, (actor: User, id: string, reason: string | undefined, ctx: RequestContext) => Promise<unknown>> = {
    suspend: (actor, id, reason, ctx) => users.suspend(actor, id, reason, ctx),
    reenable: (actor, id, reason, ctx) => users.reenable(actor, id, reason, ctx),
    close: (actor, id, reason, ctx) => users.close(actor, id, reason, ctx),
  };

  for (const change of Object.keys(STATUS_CHANGES) as StatusChange[]) {
    const url = STATUS_CHANGES[change].path(':userId');
    app.get<UserParams>(url, manage, async (request, reply) => {
      const user = await users.find(signedIn(request).user, request.params.userId);
      return statusPage(reply, change, user, {});
    });
    app.post<UserParams>(url, manage, async (request, reply) => {
      const { user: actor } = signedIn(request);
      const user = await users.find(actor, request.params.userId);
      const form = formOf(request.body);
      const result = await handleForm(
        () => run[change](actor, user.id, form.reason, request.context),
        (errors, status) => statusPage(reply, change, user, form, errors, status),
        { hrefs: { account: 'reason' } },
      );
      return result.ok ? reply.redirect(`${paths.adminUser(user.id)}?done=${STATUS_CHANGES[change].done}`, 303) : reply;
    });
  }

  const leadPage = (reply: FastifyReply, user: User, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'user-safeguarding-lead.njk',
      {
        pageTitle: `Designated safeguarding lead: ${user.displayName}`,
        user,
        values,
        errors,
        items: [
          { value: 'yes', text: 'Yes, a designated safeguarding lead', checked: values.designated === 'yes' },
          { value: 'no', text: 'No', checked: values.designated === 'no' },
        ],
      },
      status,
    );

  app.get<UserParams>(paths.adminUserSafeguardingLead(':userId'), manage, async (request, reply) => {
    const user = await users.find(signedIn(request).user, request.params.userId);
    return leadPage(reply, user, { designated: user.designatedSafeguarding ? 'yes' : 'no' });
  });

  app.post<UserParams>(paths.adminUserSafeguardingLead(':userId'), manage, async (request, reply) => {
    const { user: actor } = signedIn(request);
    const user = await users.find(actor, request.params.userId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => users.setSafeguardingLead(actor, user.id, form.designated === 'yes', form.reason, request.context),
      (errors, status) => leadPage(reply, user, form, errors, status),
      { hrefs: { account: 'reason' } },
    );
    return result.ok ? reply.redirect(`${paths.adminUser(user.id)}?done=safeguarding`, 303) : reply;
  });
}

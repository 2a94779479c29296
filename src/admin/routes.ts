import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import type { UserLifecycleService } from '../platform/auth/lifecycle.js';
import type { AuthService, NewUserInput } from '../platform/auth/service.js';
import { platformProblems } from '../platform/errors.js';
import { apiRoute } from '../platform/http/api-route.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { policy, ROLE_LABELS, ROLES, type Role } from '../platform/policy.js';
import { adminApiRoutes } from './api.js';
import { adminAccountRoutes } from './routes-account.js';
import { adminTrainingRoutes } from './routes-training.js';
import { statusOf, type TrainingService } from './service.js';

const UserSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    jobTitle: Type.String(),
    role: Type.String(),
    organisationName: Type.String(),
    twoFactorEnabled: Type.Boolean(),
    lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'UserSummary' },
);

const NewUserBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    displayName: Type.String({ maxLength: 200 }),
    jobTitle: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.String({ enum: [...ROLES.values] }),
    organisationId: Type.String(),
    password: Type.String({ maxLength: 256 }),
  },
  { $id: 'NewUser' },
);

export async function adminRoutes(
  app: FastifyInstance,
  {
    auth,
    users,
    training,
    partnership,
  }: { auth: AuthService; users: UserLifecycleService; training: TrainingService; partnership: PartnershipService },
): Promise<void> {
  await app.register(adminAccountRoutes, { users, training, partnership });
  await app.register(adminTrainingRoutes, { training });
  await app.register(adminApiRoutes, { users, training });

  const listUsers = async (areaCode: string) => auth.listUsers(areaCode);

  app.get(paths.adminUsers, { config: { policy: policy.allow('users.list') }, schema: { hide: true } }, async (request, reply) => {
    const { user } = signedIn(request);
    const users = await listUsers(user.areaCode);
    const { created } = formOf(request.query);
    return reply.render('admin/views/users.njk', {
      pageTitle: 'Users',
      users: users.map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role], status: statusOf(u), href: paths.adminUser(u.id) })),
      created: users.find((u) => u.id === created),
    });
  });

  const roleChoices = (actorRole: Role, selected?: string) =>
    ROLES.values
      .filter((r) => r !== 'system_admin' || actorRole === 'system_admin')
      .map((r) => ({
        value: r,
        text: ROLE_LABELS[r],
        checked: r === selected,
      }));

  const newUserPage = async (areaCode: string, actorRole: Role, values: Form = {}, errors?: FormErrors) => ({
    pageTitle: 'Create a user',
    values,
    errors,
    roles: roleChoices(actorRole, values.role),
    organisations: [
      { value: '', text: 'Select an organisation' },
      ...(await partnership.listOrganisations(areaCode)).map((o) => ({
        value: o.id,
        text: o.name,
        selected: o.id === values.organisationId,
      })),
    ],
  });

  app.get(paths.adminUsersNew, { config: { policy: policy.allow('users.create') }, schema: { hide: true } }, async (request, reply) => {
    const { user } = signedIn(request);
    return reply.render('admin/views/new-user.njk', await newUserPage(user.areaCode, user.role));
  });

  app.post(paths.adminUsersNew, { config: { policy: policy.allow('users.create') }, schema: { hide: true } }, async (request, reply) => {
    const { user } = signedIn(request);
    const body = formOf(request.body);
    const input: NewUserInput = {
      email: body.email,
      displayName: body.displayName,
      jobTitle: body.jobTitle,
      role: body.role,
      organisationId: body.organisationId,
      password: body.password,
    };
    const result = await handleForm(
      () => auth.createUser(user, input, request.context),
      async (errors, status) =>
        reply
          .code(status)
          .render('admin/views/new-user.njk', await newUserPage(user.areaCode, user.role, { ...body, password: '' }, errors)),
    );
    return result.ok ? reply.redirect(`${paths.adminUsers}?created=${result.value}`, 303) : reply;
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/users',
    policy: policy.allow('users.list'),
    summary: 'Users in your area',
    tags: ['administration'],
    schema: { response: { 200: Type.Array(UserSummary) } },
    handler: async (request) => {
      const { user } = signedIn(request);
      return (await listUsers(user.areaCode)).map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        jobTitle: u.jobTitle,
        role: u.role,
        organisationName: u.organisationName,
        twoFactorEnabled: u.totpEnabled,
        lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
      }));
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/users',
    policy: policy.allow('users.create'),
    summary: 'Create a user in your area',
    description: 'The new user sets up two-factor sign-in at first sign-in. Passwords: 12 characters or more and not a common password.',
    tags: ['administration'],
    schema: { body: NewUserBody, response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    problems: [platformProblems.conflict],
    handler: async (request, reply) => {
      const { user } = signedIn(request);
      const id = await auth.createUser(user, request.body, request.context);
      return reply.code(201).send({ id });
    },
  });
}

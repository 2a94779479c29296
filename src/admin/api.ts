import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { UserLifecycleService } from '../platform/auth/lifecycle.js';
import type { User } from '../platform/auth/repository.js';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { policy, ROLES } from '../platform/policy.js';
import { statusOf, type TrainingService } from './service.js';
import { TRAINING_KINDS, TrainingRecord } from './training.js';

/** A user's working life and training through the JSON API: the same services as the pages. */

const UserParams = Type.Object({ userId: Type.String() });
const Reason = Type.String({ maxLength: 2000, description: 'Why: required, recorded in the audit trail' });

const UserAccount = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    role: ROLES.schema(),
    organisationId: Type.String({ format: 'uuid' }),
    organisationName: Type.String(),
    designatedSafeguarding: Type.Boolean(),
    status: Type.Union([Type.Literal('Active'), Type.Literal('Suspended'), Type.Literal('Closed')]),
  },
  { $id: 'UserAccount' },
);

const TrainingDue = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    displayName: Type.String(),
    email: Type.String(),
    organisationName: Type.String(),
    kind: TRAINING_KINDS.schema(),
    expiresOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    status: Type.Union([Type.Literal('lapsed'), Type.Literal('due'), Type.Literal('missing')]),
  },
  { $id: 'TrainingDue' },
);

const account = (u: User) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  organisationId: u.organisationId,
  organisationName: u.organisationName,
  designatedSafeguarding: u.designatedSafeguarding,
  status: statusOf(u),
});

const { notFound, validationFailed, conflict } = platformProblems;

export async function adminApiRoutes(
  app: FastifyInstance,
  { users, training }: { users: UserLifecycleService; training: TrainingService },
): Promise<void> {
  const api = apiRoutes(app, { tags: ['administration'], policy: policy.allow('users.manage') });
  const changed = async (actor: User, id: string) => account(await users.find(actor, id));

  api.get('/api/users/:userId', {
    summary: 'A user of your area: role, organisation, status and the safeguarding lead flag',
    schema: { params: UserParams, response: { 200: UserAccount } },
    problems: [notFound],
    work: async ({ user, params }) => account(await users.find(user, params.userId)),
  });

  api.put('/api/users/:userId', {
    summary: 'Change a user’s role or organisation (or both), with the reason',
    description: 'Send role, organisationId or both. Only a system administrator gives or takes away the system administrator role.',
    schema: {
      params: UserParams,
      body: Type.Object({ role: Type.Optional(Type.String()), organisationId: Type.Optional(Type.String()), reason: Reason }),
      response: { 200: UserAccount },
    },
    problems: [notFound, validationFailed, conflict],
    work: async ({ user, params, body, context }) => {
      await users.changeAccount(user, params.userId, body, context);
      return changed(user, params.userId);
    },
  });

  // The account's status changes: each takes a reason, and answers with the account as it now is.
  const reasonBody = Type.Object({ reason: Reason });
  const statusChanges = [
    { path: 'suspension', act: users.suspend, summary: 'Suspend a user: they cannot sign in, and their sessions end at once' },
    { path: 'reenable', act: users.reenable, summary: 'Re-enable a suspended user (a closed account stays closed)' },
    {
      path: 'close',
      act: users.close,
      summary: 'Close a user’s account for good: they cannot sign in again, and their sessions end at once',
    },
  ];
  for (const { path, act, summary } of statusChanges) {
    api.post(`/api/users/:userId/${path}`, {
      summary,
      schema: { params: UserParams, body: reasonBody, response: { 200: UserAccount } },
      problems: [notFound, validationFailed, conflict],
      work: async ({ user, params, body, context }) => {
        await act(user, params.userId, body.reason, context);
        return changed(user, params.userId);
      },
    });
  }

  api.put('/api/users/:userId/safeguarding-lead', {
    summary: 'Make a practitioner or manager a designated safeguarding lead, or stop them being one',
    schema: { params: UserParams, body: Type.Object({ designated: Type.Boolean(), reason: Reason }), response: { 200: UserAccount } },
    problems: [notFound, validationFailed, conflict],
    work: async ({ user, params, body, context }) => {
      await users.setSafeguardingLead(user, params.userId, body.designated, body.reason, context);
      return changed(user, params.userId);
    },
  });

  const trainingPolicy = policy.allow('users.training');
  api.get('/api/users/:userId/training', {
    policy: trainingPolicy,
    summary: 'A user’s training and vetting records (a practice manager: their own organisation’s users)',
    schema: { params: UserParams, response: { 200: Type.Array(TrainingRecord) } },
    problems: [notFound],
    work: async ({ user, params }) => training.list(user, params.userId),
  });

  api.post('/api/users/:userId/training', {
    policy: trainingPolicy,
    summary: 'Record a course a user completed or a check they passed, with its expiry (004 Box 6.1)',
    schema: {
      params: UserParams,
      body: Type.Object({
        kind: Type.String({ description: `One of ${TRAINING_KINDS.values.join(', ')}` }),
        completedOn: Type.String({ description: 'YYYY-MM-DD, today or before' }),
        expiresOn: Type.String({ description: 'YYYY-MM-DD, after completedOn' }),
      }),
      response: { 201: TrainingRecord },
    },
    problems: [notFound, validationFailed],
    work: async ({ user, params, body, context }) => training.record(user, params.userId, body, context),
  });

  api.get('/api/training-due', {
    policy: trainingPolicy,
    summary: 'Whose training or vetting lapses within 30 days, has lapsed, or was never recorded',
    description: 'A practice manager sees their organisation’s users; an administrator the area’s.',
    schema: { response: { 200: Type.Array(TrainingDue) } },
    work: async ({ user }) => training.due(user),
  });
}

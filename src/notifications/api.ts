import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { policy } from '../platform/policy.js';
import { CHANNELS, EVENT_TYPES } from './events.js';
import type { NotificationService } from './service.js';
import { Notification, Preference } from './types.js';

/**
 * The signed-in user's own notices and choices through the JSON API (issue 13 item 7): the same
 * service as the pages, so the same rules and the same audit entries. A notice that is not the
 * caller's is not found, never forbidden: whether it exists is not theirs to know.
 */

const PAGE_LIMIT_DEFAULT = 20;
const PAGE_LIMIT_MAX = 100;

const PageQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT, description: 'How many notices, at most' }),
  ),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'How many of the newest to skip' })),
});

const NotificationPage = Type.Object(
  {
    items: Type.Array(Notification),
    total: Type.Integer({ minimum: 0, description: 'The user’s notices in all' }),
    unread: Type.Integer({ minimum: 0, description: 'How many of them are unread (the number in the navigation)' }),
    limit: Type.Integer({ minimum: 1 }),
    offset: Type.Integer({ minimum: 0 }),
  },
  { $id: 'NotificationPage' },
);

const NotificationParams = Type.Object({ notificationId: Type.String() });

const PreferencesBody = Type.Object({
  preferences: Type.Array(
    Type.Object({
      event: Type.String({ description: `The kind of event: one of ${EVENT_TYPES.join(', ')}` }),
      channel: Type.String({ description: `One of ${CHANNELS.values.join(', ')} (in_app: in the service only; email: and by email)` }),
    }),
    { description: 'The kinds of event to change, each named once; those not named keep their channel' },
  ),
});

const { notFound, validationFailed } = platformProblems;

export async function notificationApiRoutes(
  app: FastifyInstance,
  { notifications }: { notifications: NotificationService },
): Promise<void> {
  const api = apiRoutes(app, { tags: ['Notifications'], policy: policy.allow('notifications.use') });

  api.get('/api/notifications', {
    summary: 'My notices, newest first, a page at a time, with how many I have and how many are unread',
    schema: { querystring: PageQuery, response: { 200: NotificationPage } },
    work: async ({ user, query }) => notifications.page(user, { limit: query.limit ?? PAGE_LIMIT_DEFAULT, offset: query.offset ?? 0 }),
  });

  api.post('/api/notifications/:notificationId/read', {
    summary: 'Mark one of my notices read (audited the first time); answers with the notice',
    description: 'A notice already read keeps the time it was first read. Someone else’s notice is not found.',
    schema: { params: NotificationParams, response: { 200: Notification } },
    problems: [notFound],
    work: async ({ user, params, context }) => notifications.markRead(user, params.notificationId, context),
  });

  api.post('/api/notifications/read-all', {
    summary: 'Mark all my unread notices read (audited when there were any); answers with how many were marked',
    schema: { response: { 200: Type.Object({ marked: Type.Integer({ minimum: 0 }) }) } },
    work: async ({ user, context }) => ({ marked: await notifications.markAllRead(user, context) }),
  });

  api.get('/api/notifications/preferences', {
    summary: 'How I am told of each kind of event: in the service only, or by email as well',
    schema: { response: { 200: Type.Array(Preference) } },
    work: async ({ user }) => notifications.preferences(user),
  });

  api.put('/api/notifications/preferences', {
    summary: 'Change how I am told of some kinds of event (audited, from and to); answers with all my choices',
    description:
      'An unknown event or channel is refused with 400, naming the field (preferences[i].event or preferences[i].channel) and the rule (one_of, duplicate).',
    schema: { body: PreferencesBody, response: { 200: Type.Array(Preference) } },
    problems: [validationFailed],
    work: async ({ user, body, context }) => notifications.changePreferences(user, body.preferences, context),
  });
}

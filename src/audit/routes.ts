import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import type { AuditTrailService } from './service.js';

const AuditQuerySchema = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: show entries older than this sequence number' })),
});
type AuditQueryString = Static<typeof AuditQuerySchema>;

const AuditEventSchema = Type.Object(
  {
    seq: Type.Integer(),
    occurredAt: Type.String({ format: 'date-time' }),
    actorLabel: Type.String(),
    actorRole: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    outcome: Type.String(),
    subjectType: Type.Union([Type.String(), Type.Null()]),
    subjectId: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    ip: Type.String(),
    requestId: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AuditEvent' },
);

export async function auditRoutes(app: FastifyInstance, { auditTrail }: { auditTrail: AuditTrailService }): Promise<void> {
  const readPolicy = policy.allow('audit.read');

  app.get<{ Querystring: AuditQueryString }>(
    paths.audit,
    { config: { policy: readPolicy }, schema: { hide: true, querystring: AuditQuerySchema } },
    async (request, reply) => {
      const { user } = signedIn(request);
      const page = await auditTrail.page(user, request.query, request.context);
      const actions = await auditTrail.actions(user.areaCode);
      const { before: _ignored, ...filters } = request.query;
      const nextQuery = page.next
        ? new URLSearchParams({ ...filters, before: String(page.next) } as Record<string, string>).toString()
        : undefined;
      return reply.render('audit/views/audit.njk', {
        pageTitle: 'Audit trail',
        events: page.events,
        filters,
        actions: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ value: a, text: a, selected: a === filters.action }))],
        nextHref: nextQuery ? `${paths.audit}?${nextQuery}` : undefined,
      });
    },
  );

  apiRoute(app, {
    method: 'GET',
    url: '/api/audit-events',
    policy: readPolicy,
    summary: "Your area's audit trail, newest first",
    tags: ['audit'],
    schema: {
      querystring: AuditQuerySchema,
      response: { 200: Type.Object({ events: Type.Array(AuditEventSchema), next: Type.Optional(Type.Integer()) }) },
    },
    handler: async (request) => {
      const { user } = signedIn(request);
      const page = await auditTrail.page(user, request.query, request.context);
      return { events: page.events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })), next: page.next };
    },
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../platform/auth/service.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { policy } from '../platform/policy.js';
import { callerOf } from '../platform/subject-policy.js';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { directoryProblems } from './errors.js';
import type { DirectoryService } from './service.js';
import { AreaServiceSchema, EntrySchema } from './types.js';

/** The area's list of services as JSON (issue 14, bug 7): read by anyone of the area, changed by its administrator. */

const ServiceBody = Type.Object({
  name: Type.String({ description: 'Unique in the area once trimmed and case-folded' }),
  organisationId: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The partner organisation that provides it' })),
  sensitive: Type.Optional(Type.Boolean({ default: false })),
  contactEmail: Type.Optional(Type.String()),
  ...Object.fromEntries(Object.entries(EntrySchema).map(([k, v]) => [k, Type.Optional(v)])),
});
const ServiceParams = Type.Object({ serviceId: Type.String() });
const CloseBody = Type.Object({
  closedFrom: Type.Optional(
    Type.String({ description: 'YYYY-MM-DD: today or later; today when absent. Refused in the past (effectiveFrom: date_in_past)' }),
  ),
});

export async function directoryApiRoutes(app: FastifyInstance, { directory }: { directory: DirectoryService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['services'], policy: policy.allow('settings.manage') });
  const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx, caller: callerOf(user) });

  api.get('/api/services', {
    policy: policy.allow('area.view'),
    summary: 'The area’s services, open and closed: what involvements, assessments and referrals name by id (or exact name)',
    schema: { response: { 200: Type.Array(AreaServiceSchema) } },
    work: async ({ user }) => directory.list(user.areaCode),
  });

  api.post('/api/services', {
    summary: 'Add a service to the area’s list (audited)',
    schema: { body: ServiceBody, response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    problems: [directoryProblems.nameTaken],
    work: async ({ user, body, context }) => ({ id: await directory.add(by(user, context), user.areaCode, body) }),
  });

  api.put('/api/services/:serviceId', {
    summary: 'Rename or change a service (audited); records that name it show the change',
    schema: { params: ServiceParams, body: ServiceBody, response: { 204: Type.Null() } },
    problems: [directoryProblems.notFound, directoryProblems.nameTaken],
    work: async ({ user, params, body, context }) => {
      await directory.change(by(user, context), user.areaCode, params.serviceId, body);
    },
  });

  api.post('/api/services/:serviceId/close', {
    summary: 'Close a service from a day: no longer offered, still named by the records made before (audited)',
    schema: { params: ServiceParams, body: CloseBody, response: { 200: Type.Object({ closedFrom: Type.String({ format: 'date' }) }) } },
    problems: [directoryProblems.notFound, directoryProblems.closed],
    work: async ({ user, params, body, context }) => ({
      closedFrom: await directory.close(by(user, context), user.areaCode, params.serviceId, body.closedFrom),
    }),
  });

  api.post('/api/services/:serviceId/reopen', {
    summary: 'Offer a closed service again (audited)',
    schema: { params: ServiceParams, response: { 204: Type.Null() } },
    problems: [directoryProblems.notFound],
    work: async ({ user, params, context }) => {
      await directory.reopen(by(user, context), user.areaCode, params.serviceId);
    },
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../platform/http/api-route.js';
import { platformProblems } from '../platform/errors.js';
import { policy } from '../platform/policy.js';
import type { ChildServices } from './index.js';
import * as s from './schemas.js';

/**
 * A child's household in the JSON API (issue 14, families and siblings; ADR 0017): read it (with a
 * reason, as every read of the index), link another child, end a link. Only children the caller may
 * see are named; a hidden child answers as one that does not exist.
 */
export async function childHouseholdApiRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  const { households } = children;
  const api = apiRoutes(app, { tags: ['child index'], policy: policy.allow('children.edit') });
  const { notFound, validationFailed } = platformProblems;

  api.get('/api/children/:childId/household', {
    policy: policy.allow('children.view'),
    summary: 'A child’s household: the linked children you may see, and how they are related',
    description:
      'Children whose records you cannot open are left out, and so is anyone linked only through them. The read is audited with the children it names.',
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery, response: { 200: s.HouseholdResponse } },
    problems: [notFound, validationFailed],
    work: async ({ user, params, query, context }) => {
      const h = await households.view(user, params.childId, query.reason, context);
      return {
        childId: h.childId,
        members: h.members.map(({ id, givenName, familyName, dateOfBirth }) => ({ id, givenName, familyName, dateOfBirth })),
        links: h.links.map((l) => ({ ...l, linkedAt: l.linkedAt.toISOString() })),
      };
    },
  });

  api.post('/api/children/:childId/household/links', {
    summary: 'Link another child to this child’s household',
    description:
      'Both children must be ones you may see. Refused naming the field: otherChildId (not_self, not_found, already_linked) or relationship (one_of).',
    schema: { params: s.ChildIdParams, body: s.HouseholdLinkBody, response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    problems: [notFound, validationFailed],
    work: async ({ user, params, body, context }) => ({ id: await households.link(user, params.childId, body, context) }),
  });

  api.delete('/api/children/:childId/household/links/:linkId', {
    summary: 'End a link between two children of a household',
    schema: { params: s.HouseholdLinkParams, response: { 204: Type.Null() } },
    problems: [notFound],
    work: async ({ user, params, context }) => households.unlink(user, params.childId, params.linkId, context),
  });
}

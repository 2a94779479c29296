import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { policy } from '../platform/policy.js';
import type { MappingService, PublishedMapping } from './mappings.js';

/** The published mappings through the API (issue 15 item 1): the same service as the mapping pages. */

const groupCode = Type.Union(['disabled', 'sen', 'looked-after', 'fsm', 'minority-ethnic', 'female', 'male'].map((g) => Type.Literal(g)));

const MappingBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'The publication as the publisher names it' }),
  measures: Type.Array(
    Type.Object({
      column: Type.String({ minLength: 1, maxLength: 200, description: 'EES: a measure column; Fingertips: an Indicator ID' }),
      indicator: Type.String({ minLength: 1, maxLength: 100, description: 'An indicator code of the catalogue' }),
    }),
    { maxItems: 200 },
  ),
  filters: Type.Optional(
    Type.Array(
      Type.Object({
        column: Type.String({ minLength: 1, maxLength: 200 }),
        total: Type.String({ minLength: 1, maxLength: 200, description: 'The value meaning all children (EES: Total)' }),
        groups: Type.Optional(
          Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 200 }), group: groupCode }), { maxItems: 50 }),
        ),
      }),
      { maxItems: 50, description: 'EES filter columns; rows with any other value than the total, or a group, are skipped' },
    ),
  ),
});

const MappingSchema = Type.Object({
  id: Type.String(),
  source: Type.Union([Type.Literal('ees'), Type.Literal('fingertips')]),
  slug: Type.String(),
  name: Type.String(),
  measures: Type.Array(Type.Object({ column: Type.String(), indicator: Type.String() })),
  filters: Type.Array(
    Type.Object({
      column: Type.String(),
      total: Type.String(),
      groups: Type.Array(Type.Object({ value: Type.String(), group: Type.String() })),
    }),
  ),
  updatedBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const MappingParams = Type.Object({
  source: Type.Union([Type.Literal('ees'), Type.Literal('fingertips')]),
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }),
});

const asJson = (m: PublishedMapping) => ({ ...m, updatedAt: m.updatedAt.toISOString() });

export async function outcomeMappingApiRoutes(app: FastifyInstance, { mappings }: { mappings: MappingService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['outcomes'], policy: policy.allow('outcomes.import') });

  api.get('/api/outcomes/import-mappings', {
    summary: 'The publications mapped to indicators (EES measure columns and filters; Fingertips indicator IDs)',
    schema: { response: { 200: Type.Array(MappingSchema) } },
    work: async () => (await mappings.list()).map(asJson),
  });

  api.put('/api/outcomes/import-mappings/:source/:slug', {
    summary: 'Save how a publication’s columns map to indicators; every later import of its files uses it',
    schema: { params: MappingParams, body: MappingBody, response: { 200: MappingSchema } },
    problems: [platformProblems.validationFailed],
    work: async ({ user, params, body, context }) =>
      asJson(
        await mappings.save(
          user,
          { source: params.source, slug: params.slug, name: body.name, measures: body.measures, filters: body.filters ?? [] },
          context,
        ),
      ),
  });
}

import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoute } from '../platform/http/api-route.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import { AreaCodeParams, AreaOverviewSchema } from './schemas.js';
import type { PartnershipService } from './service.js';

type Params = Static<typeof AreaCodeParams>;

export async function partnershipRoutes(app: FastifyInstance, { partnership }: { partnership: PartnershipService }): Promise<void> {
  const areaPolicy = policy.allow('area.view', { areaParam: 'areaCode' });

  app.get<{ Params: Params }>(
    paths.areaPattern,
    { config: { policy: areaPolicy }, schema: { hide: true, params: AreaCodeParams } },
    async (request, reply) => {
      const overview = await partnership.areaOverview(request.params.areaCode);
      return reply.render('partnership/views/area.njk', { pageTitle: overview.area.name, ...overview });
    },
  );

  apiRoute(app, {
    method: 'GET',
    url: '/api/areas/:areaCode',
    policy: areaPolicy,
    summary: 'A local area with its districts and partner organisations',
    tags: ['partnership'],
    schema: { params: AreaCodeParams, response: { 200: AreaOverviewSchema } },
    problems: [platformProblems.notFound],
    handler: async (request) => partnership.areaOverview(request.params.areaCode),
  });
}

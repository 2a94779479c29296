import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { can, policy } from '../platform/policy.js';
import { page } from './page.js';
import { COMMISSIONING_PARTS } from './parts.js';
import { commissioningPaths as cp } from './paths.js';
import type { CommissioningRouteOptions } from './routes.js';
import { FUND_KINDS } from './types.js';

const FundSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  areaCode: Type.String(),
  kind: FUND_KINDS.schema({ description: 'pooled: one discrete fund (Children Act 2004 s10(6)); aligned: partners’ budgets side by side' }),
  name: Type.String(),
  purpose: Type.String(),
  hostOrganisationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  hostOrganisationName: Type.Union([Type.String(), Type.Null()]),
  startsOn: Type.String({ description: 'First day of the term (YYYY-MM-DD)' }),
  endsOn: Type.Union([Type.String({ description: 'Last day of the term (YYYY-MM-DD)' }), Type.Null()]),
});

/** The landing page of commissioning (issue 17): the area's funds and links to the parts that exist. */
export async function commissioningHomeRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  app.get(cp.home, pageRoute('commissioning.view'), async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'home.njk', {
      pageTitle: 'Commissioning',
      areaName: user.areaName,
      funds: await commissioning.fundList(user.areaCode),
      parts: COMMISSIONING_PARTS,
      canManage: can(user, 'commissioning.manage'),
    });
  });

  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.view') });
  api.get(cp.apiFunds, {
    summary: 'The area’s funds: pooled funds and aligned budgets, with their host partner and term',
    schema: { response: { 200: Type.Array(FundSummarySchema) } },
    work: async ({ user }) => commissioning.fundList(user.areaCode),
  });
}

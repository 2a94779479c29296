import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { can, policy } from '../platform/policy.js';
import { page } from './page.js';
import { PLAN_PARTS } from './parts.js';
import { planPaths as pp } from './paths.js';
import type { PlanRouteOptions } from './routes.js';
import { PLAN_OWNERS, PLAN_STATUSES } from './types.js';

export const PlanSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  areaCode: Type.String(),
  title: Type.String(),
  periodStart: Type.String({ description: 'First day of the plan’s period (YYYY-MM-DD), set locally' }),
  periodEnd: Type.String({ description: 'Last day of the plan’s period (YYYY-MM-DD)' }),
  owner: PLAN_OWNERS.schema({ description: 'authority: the children’s services authority; board: the children’s trust board (from 2010)' }),
  status: PLAN_STATUSES.schema({ description: 'draft, published (in force) or superseded; only a published plan is ever public' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** The landing page of the plan (issue 18): the area's plans and links to the parts that exist. */
export async function planHomeRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  app.get(pp.home, pageRoute('plan.view'), async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'home.njk', {
      pageTitle: 'Children and Young People’s Plan',
      areaName: user.areaName,
      plans: await plan.list(user.areaCode),
      parts: PLAN_PARTS,
      canManage: can(user, 'plan.manage'),
    });
  });

  const api = apiRoutes(app, { tags: ['plan'], policy: policy.allow('plan.view') });
  api.get(pp.apiPlans, {
    summary: 'The area’s Children and Young People’s Plans, latest period first, drafts included',
    schema: { response: { 200: Type.Array(PlanSummarySchema) } },
    work: async ({ user }) => plan.list(user.areaCode),
  });
}

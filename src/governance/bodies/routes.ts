import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRenderer } from '../../platform/http/forms.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { formatDate } from '../../platform/dates.js';
import { governancePaths } from '../paths.js';
import type { GovernanceRouteOptions } from '../routes.js';
import { BODY_KIND_LABELS, NAMED_ROLE_LABELS, PARTNERSHIP_KIND_LABELS } from '../types.js';

/** The governance pages of bodies (issue 16 items 1-3): what everyone of the area sees, and the administrator's forms. */

const page = pageRenderer('governance/bodies/views', { gp: governancePaths, formatDate, BODY_KIND_LABELS, NAMED_ROLE_LABELS, PARTNERSHIP_KIND_LABELS });

export async function bodiesRoutes(app: FastifyInstance, { governance }: GovernanceRouteOptions): Promise<void> {
  const { bodies } = governance;

  app.get(governancePaths.home, pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const today = bodies.today();
    const [all, roles, links] = await Promise.all([bodies.list(user.areaCode), bodies.namedRoles(user.areaCode), bodies.links(user.areaCode)]);
    return page(reply, 'home.njk', {
      pageTitle: 'Governance',
      areaName: user.areaName,
      bodies: all,
      current: roles.filter((r) => r.fromDate <= today && (r.toDate === null || r.toDate >= today)),
      links,
      canManage: can(user, 'governance.manage'),
    });
  });
}

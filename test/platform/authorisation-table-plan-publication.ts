import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

// The same lists as authorisation-table-plan.ts, which spreads these rows in (importing them from there would be circular).
const PLAN_VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
const PLAN_MANAGE: readonly Role[] = ['planner'];

/**
 * The matrix's rows for approval, versions and publication of the plan (issue 18 items 5-6, ADR 0036): read with
 * plan.view, changed by the planner (plan.manage); the public's pages and JSON under /our-plan/{area} without
 * signing in (an area with nothing published answers 404, never 401 or 403).
 */
export const PLAN_PUBLICATION_ROWS: Record<string, Expectation> = {
  'GET /plan/publication': { roles: PLAN_VIEW },
  'GET /plan/:planId/publication': { roles: PLAN_VIEW },
  'POST /plan/:planId/publication': { roles: PLAN_MANAGE },
  'GET /plan/:planId/children-summary': { roles: PLAN_MANAGE },
  'POST /plan/:planId/children-summary': { roles: PLAN_MANAGE },
  'GET /plan/:planId/changes': { roles: PLAN_VIEW },
  'GET /plan/:planId/versions/:version': { roles: PLAN_VIEW },
  'GET /plan/:planId/versions/:version/changes': { roles: PLAN_VIEW },
  'GET /plan/:planId/versions/:version/translations': { roles: PLAN_VIEW },
  'POST /plan/:planId/versions/:version/translations': { roles: PLAN_MANAGE },
  'GET /api/plan/plans/:planId/versions': { roles: PLAN_VIEW },
  'POST /api/plan/plans/:planId/versions': { roles: PLAN_MANAGE },
  'GET /api/plan/plans/:planId/versions/:version': { roles: PLAN_VIEW },
  'GET /api/plan/plans/:planId/versions/:version/changes': { roles: PLAN_VIEW },
  'GET /api/plan/plans/:planId/changes': { roles: PLAN_VIEW },
  'PUT /api/plan/plans/:planId/children-summary': { roles: PLAN_MANAGE },
  'PUT /api/plan/plans/:planId/versions/:version/translations/:language': { roles: PLAN_MANAGE },
  'GET /our-plan/:areaCode': 'public',
  'GET /our-plan/:areaCode/plan.pdf': 'public',
  'GET /our-plan/:areaCode/young-people': 'public',
  'GET /our-plan/:areaCode/young-people.pdf': 'public',
  'GET /our-plan/:areaCode/languages/:language': 'public',
  'GET /our-plan/:areaCode/languages/:language/plan.pdf': 'public',
  'GET /api/our-plan/:areaCode': 'public',
};

import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

const VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
const MANAGE: readonly Role[] = ['planner'];

/** Drafting the plan (cypp-plan; issue 18 items 1-2): read with plan.view, changed by the planner (plan.manage). */
export const PLAN_DRAFTING_ROWS: Record<string, Expectation> = {
  'GET /plan/new': { roles: MANAGE },
  'POST /plan/new': { roles: MANAGE },
  'GET /plan/:planId': { roles: VIEW },
  'GET /plan/:planId/edit': { roles: MANAGE },
  'POST /plan/:planId/edit': { roles: MANAGE },
  'GET /plan/:planId/sections/new': { roles: MANAGE },
  'POST /plan/:planId/sections/new': { roles: MANAGE },
  'GET /plan/:planId/sections/:sectionId': { roles: VIEW },
  'POST /plan/:planId/sections/:sectionId': { roles: MANAGE },
  'GET /plan/:planId/priorities/new': { roles: MANAGE },
  'POST /plan/:planId/priorities/new': { roles: MANAGE },
  'GET /plan/:planId/priorities/:priorityId': { roles: MANAGE },
  'POST /plan/:planId/priorities/:priorityId': { roles: MANAGE },
  'GET /plan/:planId/priorities/:priorityId/targets': { roles: VIEW },
  'POST /plan/:planId/priorities/:priorityId/targets': { roles: MANAGE },
  'GET /plan/:planId/priorities/:priorityId/actions/new': { roles: MANAGE },
  'POST /plan/:planId/priorities/:priorityId/actions/new': { roles: MANAGE },
  'GET /plan/:planId/actions/:actionId': { roles: VIEW },
  'POST /plan/:planId/actions/:actionId': { roles: MANAGE },
  'POST /plan/:planId/actions/:actionId/progress': { roles: MANAGE },
  'POST /api/plan/plans': { roles: MANAGE },
  'PUT /api/plan/plans/:planId': { roles: MANAGE },
  'GET /api/plan/plans/:planId/content': { roles: VIEW },
  'GET /api/plan/plans/:planId/readiness': { roles: VIEW },
  'POST /api/plan/plans/:planId/sections': { roles: MANAGE },
  'PUT /api/plan/plans/:planId/sections/:sectionId': { roles: MANAGE },
  'POST /api/plan/plans/:planId/priorities': { roles: MANAGE },
  'PUT /api/plan/plans/:planId/priorities/:priorityId': { roles: MANAGE },
  'POST /api/plan/plans/:planId/priorities/:priorityId/targets': { roles: MANAGE },
  'POST /api/plan/plans/:planId/priorities/:priorityId/actions': { roles: MANAGE },
  'PUT /api/plan/plans/:planId/actions/:actionId': { roles: MANAGE },
  'POST /api/plan/plans/:planId/actions/:actionId/progress': { roles: MANAGE },
};

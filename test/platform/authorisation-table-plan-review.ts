import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/** plan.view and plan.manage (ADR 0034), written out here so this file needs nothing of authorisation-table-plan.ts (no cycle of imports). */
const VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
const MANAGE: readonly Role[] = ['planner'];

/**
 * The matrix's rows for the plan's annual review (issue 18 item 7, ADR 0037): read by those who read the plan,
 * started, written and published by the planner; the public's copy of a published review read without signing in.
 */
export const PLAN_REVIEW_ROWS: Record<string, Expectation> = {
  'GET /plan/reviews': { roles: VIEW },
  'GET /plan/:planId/reviews': { roles: VIEW },
  'POST /plan/:planId/reviews': { roles: MANAGE },
  'GET /plan/:planId/reviews/:year': { roles: VIEW },
  'GET /plan/:planId/reviews/:year/edit': { roles: MANAGE },
  'POST /plan/:planId/reviews/:year/edit': { roles: MANAGE },
  'POST /plan/:planId/reviews/:year/publish': { roles: MANAGE },
  'GET /plan/:planId/reviews/:year/review.pdf': { roles: VIEW },
  'GET /api/plan/plans/:planId/reviews': { roles: VIEW },
  'POST /api/plan/plans/:planId/reviews': { roles: MANAGE },
  'GET /api/plan/plans/:planId/reviews/:year': { roles: VIEW },
  'PUT /api/plan/plans/:planId/reviews/:year': { roles: MANAGE },
  'POST /api/plan/plans/:planId/reviews/:year/publish': { roles: MANAGE },
  'GET /our-plan/:areaCode/review/:year': 'public',
  'GET /our-plan/:areaCode/review': 'public',
  'GET /our-plan/:areaCode/review/:year/review.pdf': 'public',
};

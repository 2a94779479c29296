import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

// The plan's roles as authorisation-table-plan.ts lists them (not imported from it: it spreads this file in, a cycle).
const PLAN_VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
const PLAN_MANAGE: readonly Role[] = ['planner'];
const PLAN_PARTICIPATION: readonly Role[] = ['planner', 'practice_manager', 'practitioner'];

/**
 * The matrix's rows for participation and consultation (issue 18 items 3 and 4, ADR 0035): read with plan.view,
 * activities recorded with plan.participation, consultations run and quotations moderated with plan.manage; the
 * children's questions are public (no sign-in), rate limited per client.
 */
export const PLAN_VOICE_ROWS: Record<string, Expectation> = {
  'GET /plan/participation': { roles: PLAN_VIEW },
  'GET /plan/participation/summary': { roles: PLAN_VIEW },
  'GET /plan/participation/:activityId': { roles: PLAN_VIEW },
  'GET /plan/participation/new': { roles: PLAN_PARTICIPATION },
  'POST /plan/participation/new': { roles: PLAN_PARTICIPATION },
  'GET /plan/participation/:activityId/edit': { roles: PLAN_PARTICIPATION },
  'POST /plan/participation/:activityId/edit': { roles: PLAN_PARTICIPATION },
  'GET /api/plan/participation': { roles: PLAN_VIEW },
  'GET /api/plan/participation/summary': { roles: PLAN_VIEW },
  'GET /api/plan/participation/:activityId': { roles: PLAN_VIEW },
  'POST /api/plan/participation': { roles: PLAN_PARTICIPATION },
  'PUT /api/plan/participation/:activityId': { roles: PLAN_PARTICIPATION },

  'GET /plan/consultations': { roles: PLAN_VIEW },
  'GET /plan/consultations/:consultationId': { roles: PLAN_VIEW },
  'GET /plan/consultations/:consultationId/responses/:responseId': { roles: PLAN_VIEW },
  'GET /plan/consultations/:consultationId/responses/:responseId/file': { roles: PLAN_VIEW },
  'GET /plan/consultations/:consultationId/children': { roles: PLAN_VIEW },
  'GET /plan/consultations/new': { roles: PLAN_MANAGE },
  'POST /plan/consultations/new': { roles: PLAN_MANAGE },
  'POST /plan/consultations/:consultationId/consultees': { roles: PLAN_MANAGE },
  'GET /plan/consultations/:consultationId/responses/new': { roles: PLAN_MANAGE },
  'POST /plan/consultations/:consultationId/responses/new': { roles: PLAN_MANAGE },
  'POST /plan/consultations/:consultationId/responses/:responseId': { roles: PLAN_MANAGE },
  'POST /plan/consultations/:consultationId/children/:answerId': { roles: PLAN_MANAGE },
  'GET /api/plan/consultations': { roles: PLAN_VIEW },
  'GET /api/plan/consultations/:consultationId': { roles: PLAN_VIEW },
  'GET /api/plan/consultations/:consultationId/children': { roles: PLAN_VIEW },
  'POST /api/plan/consultations': { roles: PLAN_MANAGE },
  'POST /api/plan/consultations/:consultationId/responses': { roles: PLAN_MANAGE },
  'PUT /api/plan/consultations/:consultationId/responses/:responseId/outcome': { roles: PLAN_MANAGE },
  'PUT /api/plan/consultations/:consultationId/children/:answerId/quotation': { roles: PLAN_MANAGE },

  // The children and young people's questions: anyone, without signing in.
  'GET /our-plan/:areaCode/have-your-say': 'public',
  'POST /our-plan/:areaCode/have-your-say': 'public',
  'GET /our-plan/:areaCode/have-your-say/thank-you': 'public',
};

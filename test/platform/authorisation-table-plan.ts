import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';
import { PLAN_DRAFTING_ROWS } from './authorisation-table-plan-drafting.js';
import { PLAN_PUBLICATION_ROWS } from './authorisation-table-plan-publication.js';
import { PLAN_VOICE_ROWS } from './authorisation-table-plan-voice.js';
import { PLAN_REVIEW_ROWS } from './authorisation-table-plan-review.js';

/** Who reads the plan (plan.view): the planner, the board, the area administrator, practice managers (ADR 0034). */
export const PLAN_VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
/** Who drafts and changes it (plan.manage): the planner. */
export const PLAN_MANAGE: readonly Role[] = ['planner'];
/** Who records participation activities (plan.participation). */
export const PLAN_PARTICIPATION: readonly Role[] = ['planner', 'practice_manager', 'practitioner'];

/**
 * The matrix's rows for the Children and Young People's Plan (issue 18, ADR 0034). Each part keeps its own
 * block here, or its own file spread in below (drafting, participation and consultation, publication, review).
 * The public's pages under /our-plan/{area} are 'public'.
 */
export const PLAN_ROWS: Record<string, Expectation> = {
  // The landing page and the area's plans.
  'GET /plan': { roles: PLAN_VIEW },
  'GET /api/plan/plans': { roles: PLAN_VIEW },
  // Drafting: plans, sections, priorities, targets, key actions and progress (cypp-plan).
  ...PLAN_DRAFTING_ROWS,
  // Approval, versions and publication (cypp-publish, ADR 0036).
  ...PLAN_PUBLICATION_ROWS,
  // Participation and consultation (cypp-voice, ADR 0035).
  ...PLAN_VOICE_ROWS,
  // The annual review (cypp-review, ADR 0037).
  ...PLAN_REVIEW_ROWS,
};

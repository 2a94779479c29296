import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/** Who reads commissioning (commissioning.view): the commissioner, the board read-only, the area administrator, practice managers. */
export const COMMISSIONING_VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
/** The commissioner: the planner role (ADR 0027). */
export const COMMISSIONER: readonly Role[] = ['planner'];
/** Who may book on a fund at all (commissioning.book); narrowed to the fund's budget holders by commissioning/access.ts. */
export const BOOKERS: readonly Role[] = ['planner', 'practice_manager'];

/**
 * The matrix's rows for joint commissioning (issue 17, ADR 0027). Each part keeps its own block here, or its
 * own file spread in below (funds, commissions, contracts, the resource map).
 */
export const COMMISSIONING_ROWS: Record<string, Expectation> = {
  // The landing page and the area's funds.
  'GET /commissioning': { roles: COMMISSIONING_VIEW },
  'GET /api/commissioning/funds': { roles: COMMISSIONING_VIEW },
};

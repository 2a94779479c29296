import type { Role } from '../../src/platform/policy.js';

/** Who reads commissioning (commissioning.view): the commissioner, the board read-only, the area administrator, practice managers. */
export const COMMISSIONING_VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
/** The commissioner: the planner role (ADR 0027). */
export const COMMISSIONER: readonly Role[] = ['planner'];
/** Who may book on a fund at all (commissioning.book); narrowed to the fund's budget holders by commissioning/access.ts. */
export const BOOKERS: readonly Role[] = ['planner', 'practice_manager'];

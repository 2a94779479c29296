import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

// The same lists as authorisation-table-commissioning.ts, which spreads these rows in (importing them from there would be circular).
const COMMISSIONING_VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
const COMMISSIONER: readonly Role[] = ['planner'];

/** The matrix's rows for commissions through the cycle (issue 17 item 3, ADR 0029): read by commissioning.view, changed by the commissioner. */
export const CYCLE_ROWS: Record<string, Expectation> = {
  'GET /commissioning/commissions': { roles: COMMISSIONING_VIEW },
  'GET /commissioning/commissions/new': { roles: COMMISSIONER },
  'POST /commissioning/commissions/new': { roles: COMMISSIONER },
  'GET /commissioning/commissions/:commissionId': { roles: COMMISSIONING_VIEW },
  'POST /commissioning/commissions/:commissionId/stage': { roles: COMMISSIONER },
  'POST /commissioning/commissions/:commissionId/evidence': { roles: COMMISSIONER },
  'POST /commissioning/commissions/:commissionId/decisions': { roles: COMMISSIONER },
  'GET /api/commissioning/commissions': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/commissions': { roles: COMMISSIONER },
  'GET /api/commissioning/commissions/:commissionId': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/commissions/:commissionId/stage': { roles: COMMISSIONER },
  'POST /api/commissioning/commissions/:commissionId/evidence': { roles: COMMISSIONER },
  'POST /api/commissioning/commissions/:commissionId/decisions': { roles: COMMISSIONER },
};

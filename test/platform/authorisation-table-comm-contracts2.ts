import { COMMISSIONER, COMMISSIONING_VIEW } from './authorisation-roles-commissioning.js';
import type { Expectation } from './authorisation-table.js';

/**
 * The matrix's rows for what ADR 0038 added to contracts and commissions: changing and removing a contract's
 * targets (the commissioner), and putting a commission on the board's agenda. The agenda's routes let
 * commissioning's readers in; governance's rule narrows them to those who manage the board's meetings and
 * the commissioner (403 not_in_body for the rest).
 */
export const COMM_CONTRACTS2_ROWS: Record<string, Expectation> = {
  'GET /commissioning/contracts/:contractId/targets/:targetId': { roles: COMMISSIONER },
  'POST /commissioning/contracts/:contractId/targets/:targetId': { roles: COMMISSIONER },
  'POST /commissioning/contracts/:contractId/targets/:targetId/remove': { roles: COMMISSIONER },
  'PUT /api/commissioning/contracts/:contractId/targets/:targetId': { roles: COMMISSIONER },
  'DELETE /api/commissioning/contracts/:contractId/targets/:targetId': { roles: COMMISSIONER },
  'POST /commissioning/commissions/:commissionId/agenda': { roles: COMMISSIONING_VIEW },
  'GET /api/commissioning/commissions/:commissionId/agenda': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/commissions/:commissionId/agenda': { roles: COMMISSIONING_VIEW },
};

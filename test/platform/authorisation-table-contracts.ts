import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/** Read by commissioning.view: the commissioner, the board read-only, the area administrator, practice managers. */
const VIEW: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager'];
/** The commissioner (commissioning.manage). */
const COMMISSIONER: readonly Role[] = ['planner'];
/** commissioning.returns: readers and the provider's staff; narrowed to the contract by commissioning/contracts/rules.ts. */
const RETURNS: readonly Role[] = ['planner', 'board_member', 'area_admin', 'practice_manager', 'practitioner'];

/** The matrix's rows for contracts and monitoring returns (issue 17 item 6, ADR 0030). */
export const CONTRACT_ROWS: Record<string, Expectation> = {
  'GET /commissioning/contracts': { roles: VIEW },
  'GET /commissioning/contracts/:contractId': { roles: VIEW },
  'GET /api/commissioning/contracts': { roles: VIEW },
  'GET /api/commissioning/contracts/:contractId': { roles: VIEW },
  'GET /commissioning/contracts/new': { roles: COMMISSIONER },
  'POST /commissioning/contracts/new': { roles: COMMISSIONER },
  'POST /commissioning/contracts/:contractId/targets': { roles: COMMISSIONER },
  'GET /commissioning/contracts/:contractId/decommission': { roles: COMMISSIONER },
  'POST /commissioning/contracts/:contractId/decommission': { roles: COMMISSIONER },
  'GET /commissioning/contracts/:contractId/paying-partner': { roles: COMMISSIONER },
  'POST /commissioning/contracts/:contractId/paying-partner': { roles: COMMISSIONER },
  'PUT /api/commissioning/contracts/:contractId/paying-partner': { roles: COMMISSIONER },
  'POST /api/commissioning/contracts': { roles: COMMISSIONER },
  'POST /api/commissioning/contracts/:contractId/targets': { roles: COMMISSIONER },
  'POST /api/commissioning/contracts/:contractId/decommission': { roles: COMMISSIONER },
  'GET /commissioning/returns': { roles: RETURNS },
  'GET /commissioning/contracts/:contractId/returns/new': { roles: RETURNS },
  'POST /commissioning/contracts/:contractId/returns/new': { roles: RETURNS },
  'GET /commissioning/contracts/:contractId/returns/upload': { roles: RETURNS },
  'POST /commissioning/contracts/:contractId/returns/upload': { roles: RETURNS },
  'GET /commissioning/contracts/:contractId/returns/template.csv': { roles: RETURNS },
  'GET /commissioning/contracts/:contractId/returns/:periodStart': { roles: RETURNS },
  'GET /api/commissioning/contracts/:contractId/returns': { roles: RETURNS },
  'POST /api/commissioning/contracts/:contractId/returns': { roles: RETURNS },
  'GET /api/commissioning/contracts/:contractId/returns/:periodStart': { roles: RETURNS },
  'POST /api/commissioning/contracts/:contractId/returns/csv': { roles: RETURNS },
};

import { COMMISSIONING_VIEW } from './authorisation-roles-commissioning.js';
import type { Expectation } from './authorisation-table.js';
import { COMM_BOOK_ROWS } from './authorisation-table-comm-book.js';
import { COMM_MAP_ROWS } from './authorisation-table-comm-map.js';
import { FUND_ROWS } from './authorisation-table-funds.js';
import { CONTRACT_ROWS } from './authorisation-table-contracts.js';
import { CYCLE_ROWS } from './authorisation-table-cycle.js';
import { COMM_CONTRACTS2_ROWS } from './authorisation-table-comm-contracts2.js';

// The role lists live in a file of their own so the parts' files can use them without a cycle of imports.
export { BOOKERS, COMMISSIONER, COMMISSIONING_VIEW } from './authorisation-roles-commissioning.js';

/**
 * The matrix's rows for joint commissioning (issue 17, ADR 0027). Each part keeps its own block here, or its
 * own file spread in below (funds, commissions, contracts, the resource map).
 */
export const COMMISSIONING_ROWS: Record<string, Expectation> = {
  // The landing page and the area's funds.
  'GET /commissioning': { roles: COMMISSIONING_VIEW },
  'GET /api/commissioning/funds': { roles: COMMISSIONING_VIEW },
  // Aligned budgets, the resource map and the published figures' shapes (ADR 0032).
  ...COMM_MAP_ROWS,
  // Pooled funds and aligned budgets (ADR 0028).
  ...FUND_ROWS,
  // Contracts and monitoring returns (comm-contracts, ADR 0030).
  ...CONTRACT_ROWS,
  // Commissions through the cycle (comm-cycle).
  ...CYCLE_ROWS,
  // Targets changed and removed, a commission put on the board's agenda (ADR 0038).
  ...COMM_CONTRACTS2_ROWS,
  // Corrections, aligned budgets' holders, a pool agreement's board decision (comm-book, ADR 0033).
  ...COMM_BOOK_ROWS,
};

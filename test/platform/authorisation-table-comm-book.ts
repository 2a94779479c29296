import { BOOKERS, COMMISSIONER, COMMISSIONING_VIEW } from './authorisation-roles-commissioning.js';
import type { Expectation } from './authorisation-table.js';

/**
 * The matrix's rows for corrections, aligned budgets' holders on their page and the board decision a pool's
 * agreement cites (ADR 0033): a booking is reversed by those who book (narrowed to the fund's budget holders),
 * a contribution and the budget holders are the commissioner's, the cited decision is read by commissioning.view.
 */
export const COMM_BOOK_ROWS: Record<string, Expectation> = {
  'GET /commissioning/funds/:fundId/entries/:entryId/reverse': { roles: BOOKERS },
  'POST /commissioning/funds/:fundId/entries/:entryId/reverse': { roles: BOOKERS },
  'GET /commissioning/funds/:fundId/contributions/:contributionId/reverse': { roles: COMMISSIONER },
  'POST /commissioning/funds/:fundId/contributions/:contributionId/reverse': { roles: COMMISSIONER },
  'POST /api/commissioning/funds/:fundId/entries/:entryId/reversal': { roles: BOOKERS },
  'POST /api/commissioning/funds/:fundId/contributions/:contributionId/reversal': { roles: COMMISSIONER },
  'GET /api/commissioning/funds/:fundId/agreements/:version/decision': { roles: COMMISSIONING_VIEW },
  'POST /commissioning/aligned-budgets/:fundId/budget-holders': { roles: COMMISSIONER },
  'POST /commissioning/aligned-budgets/:fundId/budget-holders/:userId/remove': { roles: COMMISSIONER },
};

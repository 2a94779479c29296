import type { Expectation } from './authorisation-table.js';
import { BOOKERS, COMMISSIONER, COMMISSIONING_VIEW } from './authorisation-roles-commissioning.js';

/**
 * The matrix's rows for pooled funds and aligned budgets (issue 17 item 4, ADR 0028): read by commissioning.view,
 * set up, agreed and contributed to by the commissioner, booked on by the commissioner and the fund's budget
 * holders (commissioning.book; the fund's subject rule narrows it to them).
 */
export const FUND_ROWS: Record<string, Expectation> = {
  'GET /commissioning/funds': { roles: COMMISSIONING_VIEW },
  'GET /commissioning/funds/new': { roles: COMMISSIONER },
  'POST /commissioning/funds/new': { roles: COMMISSIONER },
  'GET /commissioning/funds/:fundId': { roles: COMMISSIONING_VIEW },
  'GET /commissioning/funds/:fundId/agreement/new': { roles: COMMISSIONER },
  'POST /commissioning/funds/:fundId/agreement/new': { roles: COMMISSIONER },
  'GET /commissioning/funds/:fundId/agreement/:version': { roles: COMMISSIONING_VIEW },
  'POST /commissioning/funds/:fundId/agreement/:version/yot-approval': { roles: COMMISSIONER },
  'POST /commissioning/funds/:fundId/agreement/:version/agree': { roles: COMMISSIONER },
  'POST /commissioning/funds/:fundId/agreement/:version/withdraw': { roles: COMMISSIONER },
  'GET /commissioning/funds/:fundId/budget-holders': { roles: COMMISSIONER },
  'POST /commissioning/funds/:fundId/budget-holders': { roles: COMMISSIONER },
  'GET /commissioning/funds/:fundId/contributions/new': { roles: COMMISSIONER },
  'POST /commissioning/funds/:fundId/contributions/new': { roles: COMMISSIONER },
  'GET /commissioning/funds/:fundId/bookings/new': { roles: BOOKERS },
  'POST /commissioning/funds/:fundId/bookings/new': { roles: BOOKERS },
  'GET /commissioning/funds/:fundId/statement': { roles: COMMISSIONING_VIEW },
  'GET /commissioning/funds/:fundId/statement.csv': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/funds': { roles: COMMISSIONER },
  'GET /api/commissioning/funds/:fundId': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/funds/:fundId/agreements': { roles: COMMISSIONER },
  'POST /api/commissioning/funds/:fundId/agreements/:version/yot-approval': { roles: COMMISSIONER },
  'POST /api/commissioning/funds/:fundId/agreements/:version/agree': { roles: COMMISSIONER },
  'DELETE /api/commissioning/funds/:fundId/agreements/:version': { roles: COMMISSIONER },
  'PUT /api/commissioning/funds/:fundId/budget-holders': { roles: COMMISSIONER },
  'GET /api/commissioning/funds/:fundId/contributions': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/funds/:fundId/contributions': { roles: COMMISSIONER },
  'GET /api/commissioning/funds/:fundId/entries': { roles: COMMISSIONING_VIEW },
  'POST /api/commissioning/funds/:fundId/entries': { roles: BOOKERS },
  'GET /api/commissioning/funds/:fundId/statement': { roles: COMMISSIONING_VIEW },
};

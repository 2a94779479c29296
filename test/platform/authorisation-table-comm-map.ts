import type { Expectation } from './authorisation-table.js';

/** Who reads commissioning, manages it and books on a fund: the seam's lists (authorisation-table-commissioning.ts). */
const VIEW = ['planner', 'board_member', 'area_admin', 'practice_manager'] as const;

/**
 * Aligned budgets, the resource map and the published figures' shapes (issue 17 items 5, 7 and 8; ADR 0032).
 * The usual answers hold: a fund the matrix names is no fund (404), an empty body or form is refused (400).
 */
export const COMM_MAP_ROWS: Record<string, Expectation> = {
  'GET /commissioning/aligned-budgets': { roles: [...VIEW] },
  'GET /commissioning/aligned-budgets/new': { roles: ['planner'] },
  'POST /commissioning/aligned-budgets/new': { roles: ['planner'] },
  'GET /commissioning/aligned-budgets/:fundId': { roles: [...VIEW] },
  'POST /commissioning/aligned-budgets/:fundId/budgets': { roles: ['planner'] },
  'POST /commissioning/aligned-budgets/:fundId/entries': { roles: ['planner', 'practice_manager'] },
  'GET /api/commissioning/aligned-budgets': { roles: [...VIEW] },
  'POST /api/commissioning/aligned-budgets': { roles: ['planner'] },
  'GET /api/commissioning/aligned-budgets/:fundId': { roles: [...VIEW] },
  'POST /api/commissioning/aligned-budgets/:fundId/budgets': { roles: ['planner'] },
  'POST /api/commissioning/aligned-budgets/:fundId/entries': { roles: ['planner', 'practice_manager'] },
  'GET /commissioning/resource-map': { roles: [...VIEW] },
  'GET /commissioning/resource-map/csv': { roles: [...VIEW] },
  'GET /commissioning/resource-map/published-figures': { roles: [...VIEW] },
  'GET /commissioning/resource-map/published-figures/csv': { roles: [...VIEW] },
  'GET /api/commissioning/resource-map': { roles: [...VIEW] },
  'GET /api/commissioning/resource-map/published-figures': { roles: [...VIEW] },
};

/**
 * Commissioning's URLs (issue 17), one place for routes, redirects, views and tests. Each part keeps its own
 * block: the landing page (here), funds and statements (comm-funds), commissions and the cycle (comm-cycle),
 * contracts and monitoring (comm-contracts), the resource map and aligned budgets (comm-map).
 */
export const commissioningPaths = {
  home: '/commissioning',
  apiFunds: '/api/commissioning/funds',

  // Funds: pooled funds, agreements, contributions, bookings, statements.
  funds: '/commissioning/funds',
  fund: (id: string) => `/commissioning/funds/${id}`,

  // Commissions at three levels through the cycle.
  commissions: '/commissioning/commissions',

  // Contracts and monitoring returns.
  contracts: '/commissioning/contracts',

  // The resource map (comm-map, ADR 0032): by partner, outcome and level of need; the published figures' shapes.
  resourceMap: '/commissioning/resource-map',
  resourceMapCsv: '/commissioning/resource-map/csv',
  publishedFigures: '/commissioning/resource-map/published-figures',
  publishedFiguresCsv: '/commissioning/resource-map/published-figures/csv',
  apiResourceMap: '/api/commissioning/resource-map',
  apiPublishedFigures: '/api/commissioning/resource-map/published-figures',

  // Aligned budgets (comm-map, ADR 0032): partners' budgets side by side for a shared purpose.
  alignedBudgets: '/commissioning/aligned-budgets',
  alignedBudgetsNew: '/commissioning/aligned-budgets/new',
  alignedBudget: (id: string) => `/commissioning/aligned-budgets/${id}`,
  alignedBudgetBudgets: (id: string) => `/commissioning/aligned-budgets/${id}/budgets`,
  alignedBudgetEntries: (id: string) => `/commissioning/aligned-budgets/${id}/entries`,
  apiAlignedBudgets: '/api/commissioning/aligned-budgets',
  apiAlignedBudget: (id: string) => `/api/commissioning/aligned-budgets/${id}`,
  apiAlignedBudgetBudgets: (id: string) => `/api/commissioning/aligned-budgets/${id}/budgets`,
  apiAlignedBudgetEntries: (id: string) => `/api/commissioning/aligned-budgets/${id}/entries`,
};

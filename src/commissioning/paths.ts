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

  // The resource map.
  resourceMap: '/commissioning/resource-map',
};

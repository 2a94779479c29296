/**
 * Commissioning's URLs (issue 17), one place for routes, redirects, views and tests. Each part keeps its own
 * block: the landing page (here), funds and statements (comm-funds), commissions and the cycle (comm-cycle),
 * contracts and monitoring (comm-contracts), the resource map and aligned budgets (comm-map).
 */
const fund = (id: string) => `/commissioning/funds/${id}`;
const apiFund = (id: string) => `/api/commissioning/funds/${id}`;

export const commissioningPaths = {
  home: '/commissioning',
  apiFunds: '/api/commissioning/funds',

  // Funds: pooled funds, agreements, contributions, bookings, statements (funds/).
  funds: '/commissioning/funds',
  fundNew: '/commissioning/funds/new',
  fund,
  fundAgreementNew: (id: string) => `${fund(id)}/agreement/new`,
  fundAgreement: (id: string, version: number | string) => `${fund(id)}/agreement/${version}`,
  fundAgreementYotApproval: (id: string, version: number | string) => `${fund(id)}/agreement/${version}/yot-approval`,
  fundAgreementAgree: (id: string, version: number | string) => `${fund(id)}/agreement/${version}/agree`,
  fundAgreementWithdraw: (id: string, version: number | string) => `${fund(id)}/agreement/${version}/withdraw`,
  fundBudgetHolders: (id: string) => `${fund(id)}/budget-holders`,
  fundContributionNew: (id: string) => `${fund(id)}/contributions/new`,
  fundBookingNew: (id: string) => `${fund(id)}/bookings/new`,
  fundStatement: (id: string) => `${fund(id)}/statement`,
  fundStatementCsv: (id: string) => `${fund(id)}/statement.csv`,
  apiFund,
  apiFundAgreements: (id: string) => `${apiFund(id)}/agreements`,
  apiFundAgreement: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}`,
  apiFundAgreementYotApproval: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}/yot-approval`,
  apiFundAgreementAgree: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}/agree`,
  apiFundBudgetHolders: (id: string) => `${apiFund(id)}/budget-holders`,
  apiFundContributions: (id: string) => `${apiFund(id)}/contributions`,
  apiFundEntries: (id: string) => `${apiFund(id)}/entries`,
  apiFundStatement: (id: string) => `${apiFund(id)}/statement`,

  // Commissions at three levels through the cycle.
  commissions: '/commissioning/commissions',

  // Contracts and monitoring returns.
  contracts: '/commissioning/contracts',

  // The resource map.
  resourceMap: '/commissioning/resource-map',
};

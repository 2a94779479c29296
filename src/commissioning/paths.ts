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
  /** Corrections (ADR 0033): a booking's or a contribution's reversal, with its reason. */
  fundEntryReverse: (id: string, entryId: string) => `${fund(id)}/entries/${entryId}/reverse`,
  fundContributionReverse: (id: string, contributionId: string) => `${fund(id)}/contributions/${contributionId}/reverse`,
  apiFund,
  apiFundAgreements: (id: string) => `${apiFund(id)}/agreements`,
  apiFundAgreement: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}`,
  apiFundAgreementYotApproval: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}/yot-approval`,
  apiFundAgreementAgree: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}/agree`,
  apiFundBudgetHolders: (id: string) => `${apiFund(id)}/budget-holders`,
  apiFundContributions: (id: string) => `${apiFund(id)}/contributions`,
  apiFundEntries: (id: string) => `${apiFund(id)}/entries`,
  apiFundStatement: (id: string) => `${apiFund(id)}/statement`,
  apiFundEntryReversal: (id: string, entryId: string) => `${apiFund(id)}/entries/${entryId}/reversal`,
  apiFundContributionReversal: (id: string, contributionId: string) => `${apiFund(id)}/contributions/${contributionId}/reversal`,
  apiFundAgreementDecision: (id: string, version: number | string) => `${apiFund(id)}/agreements/${version}/decision`,

  // Commissions at three levels through the cycle.
  commissions: '/commissioning/commissions',
  commissionNew: '/commissioning/commissions/new',
  commission: (id: string) => `/commissioning/commissions/${id}`,
  commissionMove: (id: string) => `/commissioning/commissions/${id}/stage`,
  commissionEvidence: (id: string) => `/commissioning/commissions/${id}/evidence`,
  commissionDecisions: (id: string) => `/commissioning/commissions/${id}/decisions`,
  apiCommissions: '/api/commissioning/commissions',
  apiCommission: (id: string) => `/api/commissioning/commissions/${id}`,
  apiCommissionMove: (id: string) => `/api/commissioning/commissions/${id}/stage`,
  apiCommissionEvidence: (id: string) => `/api/commissioning/commissions/${id}/evidence`,
  apiCommissionDecisions: (id: string) => `/api/commissioning/commissions/${id}/decisions`,
  /** Put a commission on the agenda of an upcoming meeting of the board (ADR 0038). */
  commissionAgenda: (id: string) => `/commissioning/commissions/${id}/agenda`,
  apiCommissionAgenda: (id: string) => `/api/commissioning/commissions/${id}/agenda`,

  // Contracts and monitoring returns.
  contracts: '/commissioning/contracts',
  contractNew: '/commissioning/contracts/new',
  contract: (id: string) => `/commissioning/contracts/${id}`,
  contractTargets: (id: string) => `/commissioning/contracts/${id}/targets`,
  /** A target: its change form (GET, POST) and its removal (POST …/remove); ADR 0038. */
  contractTarget: (id: string, targetId: string) => `/commissioning/contracts/${id}/targets/${targetId}`,
  contractTargetRemove: (id: string, targetId: string) => `/commissioning/contracts/${id}/targets/${targetId}/remove`,
  contractDecommission: (id: string) => `/commissioning/contracts/${id}/decommission`,
  /** The partner that pays a contract paid outside any fund: recorded for one set up before migration 0062, or corrected. */
  contractPayer: (id: string) => `/commissioning/contracts/${id}/paying-partner`,
  contractReturnNew: (id: string) => `/commissioning/contracts/${id}/returns/new`,
  contractReturnsUpload: (id: string) => `/commissioning/contracts/${id}/returns/upload`,
  contractReturnsTemplate: (id: string) => `/commissioning/contracts/${id}/returns/template.csv`,
  contractReturn: (id: string, periodStart: string) => `/commissioning/contracts/${id}/returns/${periodStart}`,
  /** The provider's staff: the contracts whose returns their organisation makes. */
  providerReturns: '/commissioning/returns',
  apiContracts: '/api/commissioning/contracts',
  apiContract: (id: string) => `/api/commissioning/contracts/${id}`,
  apiContractPayer: (id: string) => `/api/commissioning/contracts/${id}/paying-partner`,
  apiContractTarget: (id: string, targetId: string) => `/api/commissioning/contracts/${id}/targets/${targetId}`,

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
  alignedBudgetHolders: (id: string) => `/commissioning/aligned-budgets/${id}/budget-holders`,
  alignedBudgetHolderRemove: (id: string, userId: string) => `/commissioning/aligned-budgets/${id}/budget-holders/${userId}/remove`,
  apiAlignedBudgets: '/api/commissioning/aligned-budgets',
  apiAlignedBudget: (id: string) => `/api/commissioning/aligned-budgets/${id}`,
  apiAlignedBudgetBudgets: (id: string) => `/api/commissioning/aligned-budgets/${id}/budgets`,
  apiAlignedBudgetEntries: (id: string) => `/api/commissioning/aligned-budgets/${id}/entries`,
};

/**
 * Joint commissioning's public face (issue 17 items 3-11; ADR 0027): funds (pooled and aligned) with their
 * budget holders, contributions, commitments and spending, commissions at three levels through the cycle,
 * contracts and the resource map. Owns the fund*, commission* tables; no other feature's SQL writes them.
 */
export { commissioningServices, type CommissioningServices } from './services.js';
export { commissioningRoutes, type CommissioningRouteOptions, type CommissioningRoutePart } from './routes.js';
export { fundOfArea, fundRules, requireOnFund, type FundFacts } from './access.js';
export { commissioningProblems } from './errors.js';
export { commissioningPaths } from './paths.js';
export { listFunds } from './funds-list.js';
export { fundsService, type FundBy, type FundsService } from './funds/service.js';
export { fundBy } from './funds/api.js';
export type { Agreement, BudgetHolder, Contribution, Entry, Fund } from './funds/types.js';
export { COMMISSIONING_PARTS, type CommissioningPart } from './parts.js';
export * from './types.js';
// Statements (ADR 0028): kind-agnostic, for pooled funds and aligned budgets alike (comm-map reuses them).
export {
  buildStatement,
  shareOut,
  statementCsv,
  type FundStatement,
  type PartnerStatement,
  type ServiceSpend,
  type StatementContribution,
  type StatementEntry,
  type StatementInput,
  type StatementLine,
} from './funds/statement.js';
export { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, type Commission, type Evidence, type StageMove } from './cycle/types.js';
export type { CycleCaller, CycleService } from './cycle/service.js';

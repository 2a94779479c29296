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
export { COMMISSIONING_PARTS, type CommissioningPart } from './parts.js';
export * from './types.js';

/**
 * The Children and Young People's Plan's public face (issue 18; ADR 0034): plans for a period the area sets,
 * owned by the authority or (from 2010) the board, their sections (the regulations' required contents, each
 * complete or not), priorities tied to outcomes, aims and indicators, and key actions with partners, costs,
 * funds and progress. Owns the plan* tables; no other feature's SQL writes them.
 */
export { planServices, type PlanServices } from './services.js';
export { planRoutes, type PlanRouteOptions, type PlanRoutePart } from './routes.js';
export { planOfArea, publicPage, PUBLIC_RATE } from './access.js';
export { planProblems } from './errors.js';
export { planByOf, type PlanBy } from './drafting/by.js';
export { planPaths } from './paths.js';
export { PLAN_PARTS, type PlanPart } from './parts.js';
export { actionsOfPlan, findPlan, listPlans, planContent } from './content.js';
export { publishBlockers, type PublishBlocker } from './readiness.js';
export { planCommitmentSource } from './commitments.js';
export * from './types.js';
export { publicationPaths } from './publication/paths.js';
export { PLAN_LANGUAGES, LANGUAGE_FACTS } from './publication/languages.js';
// Participation and consultation (cypp-voice, ADR 0035): only approved quotations of children's words are public.
export { publishedQuotations } from './consultation/moderation.js';
export type { PublishedQuotation } from './consultation/children-questions.js';
// The annual review's part of governance's annual report, passed in by src/services.ts (ADR 0037).
export { planReviewReportSource } from './review/report-source.js';
export { REVIEW_STATUSES, type ReviewContent } from './review/types.js';

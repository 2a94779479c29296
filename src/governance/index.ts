/**
 * Partnership governance's public face (issue 16): the area's bodies (the children's trust board, its
 * sub-groups, a chief officers' group, the LSCB), their terms of reference and powers, members, the area's
 * named roles and links to other partnerships; and the one rule of who sees a body's business (ADR 0022).
 * Owns the governance_* tables; no other feature's SQL writes them.
 */
export { governanceServices, type GovernanceServices } from './services.js';
export { governanceRoutes, type GovernanceRouteOptions, type GovernanceRoutePart } from './routes.js';
export { accessToBody, businessAccess, managesMeetings, requireBusinessAccess, type BusinessViewer } from './access.js';
export { membersOn, quorumNeeded, representsOf, shapeOf, termsInForce, votes, type BodiesService, type GovernanceChangeBy } from './bodies/service.js';
export { findBody, listBodies } from './bodies/repository.js';
export { governanceProblems } from './errors.js';
export { governancePaths } from './paths.js';
export * from './types.js';
export { interestsTouching, type Touches } from './interests/repository.js';
export { overdueActionNotices } from './meetings/overdue-notices.js';
export type { AnnualReportSource, ReportContribution } from './report/types.js';
export type { BusinessServices } from './business.js';
export { ATTENDANCE, DECISION_PARTS, MEETING_ACTION_STATUSES } from './meetings/types.js';
export { COMMITMENT_STATUSES, type PartnerCommitmentSource, type SourcedCommitment } from './accountability/types.js';
export { selfAssessmentProblems, SELF_ASSESSMENT_QUESTIONS, SELF_ASSESSMENT_RATINGS, SELF_ASSESSMENT_STATUSES } from './self-assessment/index.js';
export { section11Problems, SECTION11_PERIOD_MONTHS, SECTION11_WEEKS_TO_COMPLETE, SECTION11_AUDIT_STATUSES, SECTION11_RATINGS, SECTION11_STANDARDS } from './section11/index.js';
export { citableDecisionExists, citeDecision, listCitableDecisions, type DecisionCited, type DecisionInterest } from './meetings/decision-reference.js';
export { boardAgendaService, type BoardAgendaService, type BoardMeeting } from './meetings/board-agenda.js';
export type { BusinessCaller, ItemInput } from './meetings/service.js';

/**
 * The plan's URLs (issue 18; ADR 0034), one place for routes, redirects, views and tests. Signed-in pages are
 * under `/plan`, JSON under `/api/plan`, the public's pages (no sign-in: the published plan, its children's
 * summary and translations, the children's consultation) under `/our-plan/{area}`. Each part keeps its own
 * block: the seam and drafting (cypp-plan), participation and consultation (cypp-voice), approval, versions
 * and publication (cypp-publish), the annual review (cypp-review).
 */
import { reviewPaths } from './review/paths.js';

const plan = (id: string) => `/plan/${id}`;
const apiPlan = (id: string) => `/api/plan/plans/${id}`;
const ourPlan = (areaCode: string) => `/our-plan/${areaCode}`;

export const planPaths = {
  home: '/plan',
  apiPlans: '/api/plan/plans',
  plan,
  apiPlan,
  /** The public's pages of an area's plan, signed out: each part adds what it publishes under this. */
  ourPlan,

  // Drafting (cypp-plan): the plan, its sections, priorities and key actions.
  planNew: '/plan/new',
  planSection: (id: string, sectionId: string) => `${plan(id)}/sections/${sectionId}`,
  planSectionNew: (id: string) => `${plan(id)}/sections/new`,
  planReadiness: (id: string) => `${plan(id)}/readiness`,
  planPriorityNew: (id: string) => `${plan(id)}/priorities/new`,
  planPriority: (id: string, priorityId: string) => `${plan(id)}/priorities/${priorityId}`,
  planPriorityTargets: (id: string, priorityId: string) => `${plan(id)}/priorities/${priorityId}/targets`,
  planActionNew: (id: string, priorityId: string) => `${plan(id)}/priorities/${priorityId}/actions/new`,
  planAction: (id: string, actionId: string) => `${plan(id)}/actions/${actionId}`,
  planActionProgress: (id: string, actionId: string) => `${plan(id)}/actions/${actionId}/progress`,
  apiPlanContent: (id: string) => `${apiPlan(id)}/content`,
  apiPlanReadiness: (id: string) => `${apiPlan(id)}/readiness`,
  apiPlanSection: (id: string, sectionId: string) => `${apiPlan(id)}/sections/${sectionId}`,
  apiPlanPriorities: (id: string) => `${apiPlan(id)}/priorities`,
  apiPlanPriorityTargets: (id: string, priorityId: string) => `${apiPlan(id)}/priorities/${priorityId}/targets`,
  apiPlanActions: (id: string, priorityId: string) => `${apiPlan(id)}/priorities/${priorityId}/actions`,
  apiPlanActionProgress: (id: string, actionId: string) => `${apiPlan(id)}/actions/${actionId}/progress`,

  // The annual review (cypp-review, ADR 0037): review/paths.ts.
  ...reviewPaths,
};

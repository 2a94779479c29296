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
  planEdit: (id: string) => `${plan(id)}/edit`,
  planPriorityNew: (id: string) => `${plan(id)}/priorities/new`,
  planPriority: (id: string, priorityId: string) => `${plan(id)}/priorities/${priorityId}`,
  planPriorityTargets: (id: string, priorityId: string) => `${plan(id)}/priorities/${priorityId}/targets`,
  planActionNew: (id: string, priorityId: string) => `${plan(id)}/priorities/${priorityId}/actions/new`,
  planAction: (id: string, actionId: string) => `${plan(id)}/actions/${actionId}`,
  planActionProgress: (id: string, actionId: string) => `${plan(id)}/actions/${actionId}/progress`,
  apiPlanContent: (id: string) => `${apiPlan(id)}/content`,
  apiPlanReadiness: (id: string) => `${apiPlan(id)}/readiness`,
  apiPlanSections: (id: string) => `${apiPlan(id)}/sections`,
  apiPlanSection: (id: string, sectionId: string) => `${apiPlan(id)}/sections/${sectionId}`,
  apiPlanPriority: (id: string, priorityId: string) => `${apiPlan(id)}/priorities/${priorityId}`,
  apiPlanAction: (id: string, actionId: string) => `${apiPlan(id)}/actions/${actionId}`,
  apiPlanPriorities: (id: string) => `${apiPlan(id)}/priorities`,
  apiPlanPriorityTargets: (id: string, priorityId: string) => `${apiPlan(id)}/priorities/${priorityId}/targets`,
  apiPlanActions: (id: string, priorityId: string) => `${apiPlan(id)}/priorities/${priorityId}/actions`,
  apiPlanActionProgress: (id: string, actionId: string) => `${apiPlan(id)}/actions/${actionId}/progress`,

  // Participation and consultation (cypp-voice, ADR 0035): activities, consultations, children's answers.
  participation: '/plan/participation',
  participationNew: '/plan/participation/new',
  participationSummary: '/plan/participation/summary',
  participationActivity: (id: string) => `/plan/participation/${id}`,
  participationEdit: (id: string) => `/plan/participation/${id}/edit`,
  apiParticipation: '/api/plan/participation',
  apiParticipationSummary: '/api/plan/participation/summary',
  apiParticipationActivity: (id: string) => `/api/plan/participation/${id}`,
  consultations: '/plan/consultations',
  consultationNew: '/plan/consultations/new',
  consultation: (id: string) => `/plan/consultations/${id}`,
  consultationConsultees: (id: string) => `/plan/consultations/${id}/consultees`,
  consultationResponseNew: (id: string) => `/plan/consultations/${id}/responses/new`,
  consultationResponse: (id: string, responseId: string) => `/plan/consultations/${id}/responses/${responseId}`,
  consultationResponseFile: (id: string, responseId: string) => `/plan/consultations/${id}/responses/${responseId}/file`,
  consultationChildren: (id: string) => `/plan/consultations/${id}/children`,
  consultationChildrenAnswer: (id: string, answerId: string) => `/plan/consultations/${id}/children/${answerId}`,
  apiConsultations: '/api/plan/consultations',
  apiConsultation: (id: string) => `/api/plan/consultations/${id}`,
  apiConsultationResponses: (id: string) => `/api/plan/consultations/${id}/responses`,
  apiConsultationResponseOutcome: (id: string, responseId: string) => `/api/plan/consultations/${id}/responses/${responseId}/outcome`,
  apiConsultationChildren: (id: string) => `/api/plan/consultations/${id}/children`,
  apiConsultationChildrenAnswer: (id: string, answerId: string) => `/api/plan/consultations/${id}/children/${answerId}/quotation`,
  /** The children and young people's consultation, public: the area's consultation open today. */
  haveYourSay: (areaCode: string) => `${ourPlan(areaCode)}/have-your-say`,
  haveYourSayThanks: (areaCode: string) => `${ourPlan(areaCode)}/have-your-say/thank-you`,
  // The annual review (cypp-review, ADR 0037): review/paths.ts.
  ...reviewPaths,
};

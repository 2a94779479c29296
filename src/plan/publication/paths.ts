/**
 * Approval, versions and publication's URLs (issue 18 items 5-6; ADR 0036): the planner's pages under
 * `/plan/{id}`, JSON under `/api/plan/plans/{id}`, and the public's under `/our-plan/{area}` (no sign-in).
 */
const plan = (id: string) => `/plan/${id}`;
const apiPlan = (id: string) => `/api/plan/plans/${id}`;
const ourPlan = (areaCode: string) => `/our-plan/${areaCode}`;
const version = (id: string, n: number | string) => `${plan(id)}/versions/${n}`;
const apiVersion = (id: string, n: number | string) => `${apiPlan(id)}/versions/${n}`;

export const publicationPaths = {
  /** The area's plans and their versions, and the one the public reads. */
  overview: '/plan/publication',
  publication: (id: string) => `${plan(id)}/publication`,
  childrenSummary: (id: string) => `${plan(id)}/children-summary`,
  draftChanges: (id: string) => `${plan(id)}/changes`,
  version,
  versionChanges: (id: string, n: number | string) => `${version(id, n)}/changes`,
  versionTranslations: (id: string, n: number | string) => `${version(id, n)}/translations`,

  apiVersions: (id: string) => `${apiPlan(id)}/versions`,
  apiVersion,
  apiVersionChanges: (id: string, n: number | string) => `${apiVersion(id, n)}/changes`,
  apiDraftChanges: (id: string) => `${apiPlan(id)}/changes`,
  apiChildrenSummary: (id: string) => `${apiPlan(id)}/children-summary`,
  apiTranslations: (id: string, n: number | string, language: string) => `${apiVersion(id, n)}/translations/${language}`,

  /** The public's pages: the plan in force, its PDF, the children's summary, translations. */
  ourPlan,
  ourPlanPdf: (areaCode: string) => `${ourPlan(areaCode)}/plan.pdf`,
  ourPlanYoungPeople: (areaCode: string) => `${ourPlan(areaCode)}/young-people`,
  ourPlanYoungPeoplePdf: (areaCode: string) => `${ourPlan(areaCode)}/young-people.pdf`,
  ourPlanLanguage: (areaCode: string, language: string) => `${ourPlan(areaCode)}/languages/${language}`,
  ourPlanLanguagePdf: (areaCode: string, language: string) => `${ourPlan(areaCode)}/languages/${language}/plan.pdf`,
  apiOurPlan: (areaCode: string) => `/api/our-plan/${areaCode}`,
};

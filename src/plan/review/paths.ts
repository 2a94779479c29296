/**
 * The annual review's URLs (issue 18 item 7; ADR 0037), spread into `planPaths`. Signed-in pages under a plan,
 * JSON under the plan's API, and the public's copy of a published review beside the published plan under
 * `/our-plan/{area}` (no sign-in).
 */
const plan = (id: string) => `/plan/${id}`;
const apiPlan = (id: string) => `/api/plan/plans/${id}`;

export const reviewPaths = {
  /** Every plan of the area with its reviews (the landing page's part). */
  planReviewsAll: '/plan/reviews',
  planReviews: (id: string) => `${plan(id)}/reviews`,
  planReview: (id: string, year: number | string) => `${plan(id)}/reviews/${year}`,
  planReviewEdit: (id: string, year: number | string) => `${plan(id)}/reviews/${year}/edit`,
  planReviewPublish: (id: string, year: number | string) => `${plan(id)}/reviews/${year}/publish`,
  planReviewPdf: (id: string, year: number | string) => `${plan(id)}/reviews/${year}/review.pdf`,
  apiPlanReviews: (id: string) => `${apiPlan(id)}/reviews`,
  apiPlanReview: (id: string, year: number | string) => `${apiPlan(id)}/reviews/${year}`,
  apiPlanReviewPublish: (id: string, year: number | string) => `${apiPlan(id)}/reviews/${year}/publish`,
  /** The public's list of the area's published reviews, and the copy of one (never a draft). */
  ourPlanReviews: (areaCode: string) => `/our-plan/${areaCode}/review`,
  ourPlanReview: (areaCode: string, year: number | string) => `/our-plan/${areaCode}/review/${year}`,
  ourPlanReviewPdf: (areaCode: string, year: number | string) => `/our-plan/${areaCode}/review/${year}/review.pdf`,
};

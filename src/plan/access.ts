import type { User } from '../platform/auth/repository.js';
import { policy } from '../platform/policy.js';
import { planProblems } from './errors.js';
import type { PlanSummary } from './types.js';

/**
 * Who reaches a plan (ADR 0034). The route's action lets a role in at all: `plan.view` (planner, board member,
 * area administrator, practice manager), `plan.manage` (the planner drafts and changes it), `plan.participation`
 * (planner, practice managers and practitioners record participation activities). A plan is its area's: nobody
 * reaches another area's plan (it is not found). A draft is never the public's: public pages show only what
 * cypp-publish has published, through `publicPage` routes.
 */

/** The plan when it is of the caller's area; otherwise not found. */
export function planOfArea<P extends Pick<PlanSummary, 'areaCode'>>(user: Pick<User, 'areaCode'>, plan: P | undefined): P {
  if (!plan || plan.areaCode !== user.areaCode) throw planProblems.notFound('No such plan in this area');
  return plan;
}

/** The public's pages are rate limited like the public directory (60 a minute from one address). */
export const PUBLIC_RATE = { max: 60, timeWindow: '1 minute' };

/**
 * A page of `/our-plan/{area}` anyone reads without signing in, declared as the public directory declares its
 * pages (directory/routes-public.ts): the public policy, the public rate limit, and hidden from the API document.
 * Give the matrix its row as `'public'` (test/platform/authorisation-table-plan.ts).
 */
export const publicPage = (rateLimit: { max: number; timeWindow: string } = PUBLIC_RATE) => ({
  config: { policy: policy.public(), rateLimit },
  schema: { hide: true },
});

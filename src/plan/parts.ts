import { planPaths } from './paths.js';

/**
 * The parts of the plan the landing page links to, in order. A part adds its own line here when its pages
 * exist, with its path from paths.ts:
 *
 *   { text: 'Participation', href: planPaths.participation, description: 'what children, young people and families said and what it changed' },
 */
export interface PlanPart {
  text: string;
  href: string;
  description: string;
}

export const PLAN_PARTS: readonly PlanPart[] = [
  { text: 'Annual reviews', href: planPaths.planReviewsAll, description: 'each plan reviewed every year: progress on its actions, its indicators against the year’s targets, what changed and why' },
];

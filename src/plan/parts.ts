import { publicationPaths } from './publication/paths.js';
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
  { text: 'Approval and publication', href: publicationPaths.overview, description: 'the board’s approval, versions and their differences, the public plan, its summary for children and young people and translations' },
  { text: 'Participation', href: planPaths.participation, description: 'what children, young people and families said, what it changed and the feedback they were given' },
  { text: 'Consultations', href: planPaths.consultations, description: 'consultation on the draft plan: the bodies consulted, their responses and what changed, and what children and young people said' },
  { text: 'Annual reviews', href: planPaths.planReviewsAll, description: 'each plan reviewed every year: progress on its actions, its indicators against the year’s targets, what changed and why' },
];

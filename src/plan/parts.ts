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

export const PLAN_PARTS: readonly PlanPart[] = [];

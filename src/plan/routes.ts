import type { FastifyInstance } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import { draftingApiRoutes } from './drafting/api.js';
import { draftingPlanRoutes } from './drafting/routes-plan.js';
import { draftingPriorityRoutes } from './drafting/routes-priorities.js';
import { planHomeRoutes } from './home.js';
import { publicationRoutes } from './publication/routes.js';
import { consultationRoutes } from './consultation/routes.js';
import { participationRoutes } from './participation/routes.js';
import { reviewRoutes } from './review/routes.js';
import type { PlanServices } from './services.js';

/** What every part's routes receive. */
export interface PlanRouteOptions {
  plan: PlanServices;
  partnership: PartnershipService;
}

/** One part's routes (pages, API or public pages): a Fastify plugin taking the shared options. */
export type PlanRoutePart = (app: FastifyInstance, options: PlanRouteOptions) => Promise<void>;

/**
 * The parts' route plugins, registered in this order. A part adds its own line (its own file under its
 * folder); none edits another's routes. Public pages (under `/our-plan/{area}`) are declared with
 * `publicPage()` from access.ts.
 */
const PARTS: readonly PlanRoutePart[] = [
  // The landing page and the list of plans.
  planHomeRoutes,
  // Drafting (cypp-plan): plans, sections with what they draw live, priorities, targets, key actions and progress.
  draftingPlanRoutes,
  draftingPriorityRoutes,
  draftingApiRoutes,
  // Approval, versions and publication; the public's plan, summary, translations and PDFs (cypp-publish, ADR 0036).
  publicationRoutes,
  // Participation, and consultation on a draft with the children's public questions (cypp-voice, ADR 0035).
  participationRoutes,
  consultationRoutes,
  // The annual review of each plan, and the public's copy of a published one (cypp-review, ADR 0037).
  reviewRoutes,
];

export async function planRoutes(app: FastifyInstance, options: PlanRouteOptions): Promise<void> {
  for (const part of PARTS) await app.register(part, options);
}

import type { FastifyInstance } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import { bodiesApiRoutes } from './bodies/api.js';
import { bodiesRoutes } from './bodies/routes.js';
import { businessRoutes } from './business.js';
import { section11Routes } from './section11/index.js';
import { selfAssessmentRoutes } from './self-assessment/index.js';
import type { GovernanceServices } from './services.js';

/** What every part's routes receive. */
export interface GovernanceRouteOptions {
  governance: GovernanceServices;
  partnership: PartnershipService;
}

/** One part's routes (pages or API): a Fastify plugin taking the shared options. */
export type GovernanceRoutePart = (app: FastifyInstance, options: GovernanceRouteOptions) => Promise<void>;

/**
 * The parts' route plugins, registered in this order. A part adds its own line (its own file under its
 * folder); none edits another's routes.
 */
const PARTS: readonly GovernanceRoutePart[] = [
  // Bodies, terms, members, named roles, links.
  bodiesRoutes,
  bodiesApiRoutes,

  // G2: meetings, interests, accountability.
  businessRoutes,

  // G3: self-assessment, section 11.
  (app, { governance }) => selfAssessmentRoutes(app, { selfAssessment: governance.selfAssessment }),
  (app, { governance }) => section11Routes(app, governance.section11),
];

export async function governanceRoutes(app: FastifyInstance, options: GovernanceRouteOptions): Promise<void> {
  for (const part of PARTS) await app.register(part, options);
}

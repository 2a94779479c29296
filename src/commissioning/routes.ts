import type { FastifyInstance } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import { alignedBudgetRoutes } from './aligned/routes.js';
import { fundsApiRoutes } from './funds/api.js';
import { fundsRoutes } from './funds/routes.js';
import { contractRoutes } from './contracts/routes.js';
import { cycleRoutes } from './cycle/routes.js';
import { commissioningHomeRoutes } from './home.js';
import { resourceMapRoutes } from './resource-map/routes.js';
import type { CommissioningServices } from './services.js';

/** What every part's routes receive. */
export interface CommissioningRouteOptions {
  commissioning: CommissioningServices;
  partnership: PartnershipService;
}

/** One part's routes (pages or API): a Fastify plugin taking the shared options. */
export type CommissioningRoutePart = (app: FastifyInstance, options: CommissioningRouteOptions) => Promise<void>;

/**
 * The parts' route plugins, registered in this order. A part adds its own line (its own file under its
 * folder); none edits another's routes.
 */
const PARTS: readonly CommissioningRoutePart[] = [
  // The landing page and the list of funds.
  commissioningHomeRoutes,
  // Aligned budgets, the resource map and the published figures' shapes (comm-map, ADR 0032).
  alignedBudgetRoutes,
  resourceMapRoutes,

  // Pooled funds and aligned budgets: agreements, budget holders, contributions, bookings, statements (ADR 0028).
  fundsRoutes,
  fundsApiRoutes,
  // Contracts and monitoring returns, pages and API (ADR 0030).
  contractRoutes,
  // Commissions at three levels through the cycle (comm-cycle).
  cycleRoutes,
];

export async function commissioningRoutes(app: FastifyInstance, options: CommissioningRouteOptions): Promise<void> {
  for (const part of PARTS) await app.register(part, options);
}

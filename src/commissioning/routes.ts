import type { FastifyInstance } from 'fastify';
import type { PartnershipService } from '../partnership/index.js';
import { commissioningHomeRoutes } from './home.js';
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
];

export async function commissioningRoutes(app: FastifyInstance, options: CommissioningRouteOptions): Promise<void> {
  for (const part of PARTS) await app.register(part, options);
}

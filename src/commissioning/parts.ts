import { commissioningPaths } from './paths.js';

/**
 * The parts of commissioning the landing page links to, in order. A part adds its own line here when its
 * pages exist (funds, commissions, contracts, the resource map), with its path from paths.ts:
 *
 *   { text: 'Commissions', href: commissioningPaths.commissions, description: 'Commissioning at three levels through the cycle' },
 */
export interface CommissioningPart {
  text: string;
  href: string;
  description: string;
}

export const COMMISSIONING_PARTS: readonly CommissioningPart[] = [
  {
    text: 'Pooled funds',
    href: commissioningPaths.funds,
    description: 'agreements and their variations, partners’ contributions, commitments and spending on agreed services, statements',
  },
  {
    text: 'Aligned budgets',
    href: commissioningPaths.alignedBudgets,
    description: 'partners’ budgets for a shared purpose tracked side by side, without a legal pool',
  },
  {
    text: 'Resource map',
    href: commissioningPaths.resourceMap,
    description: 'all resources deployed on children’s services by partner, outcome and level of need, and the share going to prevention',
  },
  {
    text: 'Figures in the shape of the published ones',
    href: commissioningPaths.publishedFigures,
    description: 'contributions to pooled funds by sector, and services funded from pools by main type',
  },
  { text: 'Contracts and monitoring', href: commissioningPaths.contracts, description: 'Contracts and service level agreements, their targets, monitoring returns and decommissioning' },
  { text: 'Commissions', href: commissioningPaths.commissions, description: 'commissioning at three levels (strategic, operational, individual) through the stages of the cycle' },
];

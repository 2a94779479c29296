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

export const COMMISSIONING_PARTS: readonly CommissioningPart[] = [];

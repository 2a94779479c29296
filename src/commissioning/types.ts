import { defineEnum, type EnumValue } from '../platform/enums.js';

/**
 * Commissioning's words (issue 17; 000 §2.36-2.52; ADR 0027), one constant each, matched by the CHECKs
 * of migration 0050 (test/platform/enums-check.test.ts).
 */

/** A pooled fund (one discrete fund, s10(6)-(7)) or aligned budgets (each partner keeps its own, 004 §4). */
export const FUND_KINDS = defineEnum(['pooled', 'aligned']);
export type FundKind = EnumValue<typeof FUND_KINDS>;
export const FUND_KIND_LABELS: Record<FundKind, string> = { pooled: 'Pooled fund', aligned: 'Aligned budgets' };

/** What a partner puts in: money, or resources in kind (000 §2.50). */
export const CONTRIBUTION_KINDS = defineEnum(['money', 'staff', 'goods', 'accommodation']);
export type ContributionKind = EnumValue<typeof CONTRIBUTION_KINDS>;
export const CONTRIBUTION_KIND_LABELS: Record<ContributionKind, string> = {
  money: 'Money',
  staff: 'Staff (in kind)',
  goods: 'Goods (in kind)',
  accommodation: 'Accommodation (in kind)',
};

/** Money promised to a service, or paid out. */
export const ENTRY_KINDS = defineEnum(['commitment', 'spend']);
export type EntryKind = EnumValue<typeof ENTRY_KINDS>;
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = { commitment: 'Commitment', spend: 'Spend' };

/** The three levels of commissioning (000 §2.36). */
export const COMMISSION_LEVELS = defineEnum(['strategic', 'operational', 'individual']);
export type CommissionLevel = EnumValue<typeof COMMISSION_LEVELS>;
export const COMMISSION_LEVEL_LABELS: Record<CommissionLevel, string> = {
  strategic: 'Strategic',
  operational: 'Operational',
  individual: 'Individual',
};

/** The stages of the commissioning cycle, in order (000 §2.37-2.42). */
export const COMMISSION_STAGES = defineEnum(['needs_analysis', 'planning', 'sourcing', 'contract', 'monitoring', 'review', 'decommissioning']);
export type CommissionStage = EnumValue<typeof COMMISSION_STAGES>;
export const COMMISSION_STAGE_LABELS: Record<CommissionStage, string> = {
  needs_analysis: 'Needs analysis',
  planning: 'Planning',
  sourcing: 'Sourcing',
  contract: 'Contract',
  monitoring: 'Monitoring',
  review: 'Review',
  decommissioning: 'Decommissioning',
};

/** A fund as lists show it. Money is whole pence (platform/money.ts). */
export interface FundSummary {
  id: string;
  areaCode: string;
  kind: FundKind;
  name: string;
  purpose: string;
  hostOrganisationId: string | null;
  hostOrganisationName: string | null;
  startsOn: string;
  endsOn: string | null;
}

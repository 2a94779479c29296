import { defineEnum, type EnumValue } from '../platform/enums.js';

/**
 * The plan's words (issue 18; 002 §7; ADR 0034), one constant each, matched by the CHECKs of migration 0057
 * (test/platform/enums-plan.ts). PlanContent and its parts are plain JSON: days are `YYYY-MM-DD`, moments
 * ISO 8601 strings, money whole pence; cypp-publish freezes a version by storing it as it is.
 */

/** Whose plan it is: the authority (2005 regulations) or, from 2010, the children's trust board. */
export const PLAN_OWNERS = defineEnum(['authority', 'board']);
export type PlanOwner = EnumValue<typeof PLAN_OWNERS>;
export const PLAN_OWNER_LABELS: Record<PlanOwner, string> = {
  authority: 'The children’s services authority',
  board: 'The children’s trust board (from 2010)',
};

/** A plan's state: only a published plan is ever shown to the public (issue 18 item 6). */
export const PLAN_STATUSES = defineEnum(['draft', 'published', 'superseded']);
export type PlanStatus = EnumValue<typeof PLAN_STATUSES>;
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: 'Draft', published: 'Published', superseded: 'Superseded' };

/**
 * A section's kind: the required contents of the regulations (002 §7.3; domain brief §5), and other matters
 * the partners choose. Every plan has one section of each required kind; `other` may repeat and is optional.
 */
export const SECTION_KINDS = defineEnum(['vision', 'needs_assessment', 'priorities', 'budgets', 'performance_review', 'cooperation', 'other']);
export type SectionKind = EnumValue<typeof SECTION_KINDS>;
export type RequiredSectionKind = Exclude<SectionKind, 'other'>;

export interface SectionKindInfo {
  /** The section's title when a plan is started. */
  title: string;
  /** What the regulations ask the section to say, shown beside its form and in the readiness check. */
  requires: string;
}

export const SECTION_KIND_INFO: Record<SectionKind, SectionKindInfo> = {
  vision: { title: 'Our vision for children and young people', requires: 'the partners’ vision for children and young people in the area' },
  needs_assessment: {
    title: 'What children and young people need',
    requires: 'the needs assessment against each of the five outcomes, citing the needs assessment and its indicators',
  },
  priorities: { title: 'Our priorities and the key actions to achieve them', requires: 'the priorities and the key actions to achieve them, with timescales and leads' },
  budgets: {
    title: 'How our budgets contribute',
    requires: 'how the partners’ budgets, including pooled and aligned budgets, contribute to the plan',
  },
  performance_review: {
    title: 'Performance management and review',
    requires: 'how the plan relates to performance management and how it will be reviewed each year',
  },
  cooperation: {
    title: 'How we work together',
    requires: 'the arrangements for co-operation under section 10 of the Children Act 2004: the partners and the bodies that govern the trust',
  },
  other: { title: 'Other matters', requires: 'other matters the partners choose to include' },
};

/** The required kinds, in the order a plan shows them. */
export const REQUIRED_SECTION_KINDS: readonly RequiredSectionKind[] = SECTION_KINDS.values.filter(
  (k): k is RequiredSectionKind => k !== 'other',
);

/** The longest a section's own words may be (migration 0057's CHECK says the same). */
export const SECTION_BODY_MAX = 20_000;

/** How a key action stands (the same words as governance's commitments, with `done` for finished). */
export const ACTION_STATUSES = defineEnum(['not_started', 'on_track', 'at_risk', 'off_track', 'done']);
export type ActionStatus = EnumValue<typeof ACTION_STATUSES>;
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  done: 'Done',
};

/** A plan as lists show it. */
export interface PlanSummary {
  id: string;
  areaCode: string;
  title: string;
  /** The first day of the plan's period (YYYY-MM-DD), set locally (002 §7.3). */
  periodStart: string;
  /** The last day of the plan's period (YYYY-MM-DD). */
  periodEnd: string;
  owner: PlanOwner;
  status: PlanStatus;
  createdAt: string;
  updatedAt: string;
}

export interface PlanSection {
  id: string;
  kind: SectionKind;
  title: string;
  body: string;
  complete: boolean;
  position: number;
  updatedAt: string;
}

/** A target of outcomes' (indicator_target), for one period in the plan's years. */
export interface PlanTarget {
  periodLabel: string;
  periodStart: string;
  group: string;
  value: number;
}

export interface PlanIndicator {
  id: string;
  code: string;
  title: string;
  /** Outcomes' targets for this indicator in the plan's period, oldest first (not copied: read when asked). */
  targets: PlanTarget[];
}

export interface PlanProgress {
  id: string;
  onDay: string;
  note: string;
  status: ActionStatus;
  writtenByName: string;
  writtenAt: string;
}

export interface PlanPartner {
  id: string;
  name: string;
}

export interface PlanAction {
  id: string;
  priorityId: string;
  title: string;
  lead: PlanPartner;
  /** Contributing partners besides the lead, by name. */
  partners: PlanPartner[];
  startsOn: string;
  endsOn: string;
  /** Whole pence; null when not yet costed. */
  outlineCostPence: number | null;
  fund: { id: string; name: string } | null;
  status: ActionStatus;
  position: number;
  /** The most recent progress note (latest day, then latest written), or null. */
  latestProgress: PlanProgress | null;
}

export interface PlanPriority {
  id: string;
  title: string;
  description: string;
  outcomeCode: string;
  outcomeName: string;
  aims: { code: string; text: string }[];
  indicators: PlanIndicator[];
  position: number;
  actions: PlanAction[];
}

/** The whole of a plan's content, in order: what the plan's pages show and what a published version freezes. */
export interface PlanContent {
  plan: PlanSummary;
  sections: PlanSection[];
  priorities: PlanPriority[];
}

import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';
import { ACTION_STATUSES } from '../types.js';

/**
 * The annual review of a Children and Young People's Plan (issue 18 item 7; 002 §7.3: the plan is reviewed
 * every year; 001 §3.4: the board publishes a review of progress against it every year; ADR 0037). One per
 * plan per financial year of its period (platform/money.ts: 2026 is 1 April 2026 to 31 March 2027).
 */

/** A review is drafted, then published; only a published review is ever public (migration 0060's CHECK). */
export const REVIEW_STATUSES = defineEnum(['draft', 'published']);
export type ReviewStatus = EnumValue<typeof REVIEW_STATUSES>;
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { draft: 'Draft', published: 'Published' };

/** The longest the plan-level "what changed and why" may be (migration 0060's CHECK says the same). */
export const REVIEW_NARRATIVE_MAX = 8_000;
/** The longest a priority's "what changed and why" may be. */
export const PRIORITY_NARRATIVE_MAX = 4_000;

/** How an indicator stood against the year's target (outcomes' `indicatorsAgainstTargets`). */
const JUDGEMENTS = ['met', 'not_met', 'no_data', 'no_target', 'no_judgement', 'unknown_indicator'] as const;

const Day = Type.String({ format: 'date' });

export const ReviewActionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  lead: Type.String({ description: 'The lead partner' }),
  partners: Type.Array(Type.String(), { description: 'Contributing partners besides the lead' }),
  startsOn: Day,
  endsOn: Day,
  status: ACTION_STATUSES.schema({ description: 'How the action stood at the year’s end (or today, in a year not over): its last progress note by then' }),
  statusText: Type.String(),
  progress: Type.Array(
    Type.Object({ onDay: Day, note: Type.String(), status: ACTION_STATUSES.schema(), statusText: Type.String(), writtenByName: Type.String() }),
    { description: 'The progress notes dated in the year, oldest first' },
  ),
});

export const ReviewIndicatorSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  href: Type.String(),
  period: Type.Union([Type.String(), Type.Null()], { description: 'The period of the year’s target, as outcomes names it (2026-27)' }),
  targetText: Type.String(),
  valueText: Type.String({ description: 'The area’s value for the target’s period (all children)' }),
  earlier: Type.Union([Type.Object({ period: Type.String(), text: Type.String() }), Type.Null()], {
    description: 'Without a value for the target’s period: the latest before it, for context (never judged)',
  }),
  judgement: Type.Union(JUDGEMENTS.map((j) => Type.Literal(j))),
  judgementText: Type.String(),
});

export const ReviewPrioritySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  outcomeName: Type.String(),
  narrative: Type.String({ description: 'What changed in the year and why, for this priority' }),
  indicators: Type.Array(ReviewIndicatorSchema),
  actions: Type.Array(ReviewActionSchema),
});

/** The review's content: what the page, the PDF and the JSON show, and what publishing freezes. */
export const ReviewContentSchema = Type.Object({
  plan: Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), periodStart: Day, periodEnd: Day }),
  year: Type.Integer(),
  yearLabel: Type.String({ description: '“2026-27”' }),
  from: Day,
  to: Day,
  asAt: Day,
  narrative: Type.String({ description: 'What changed in the year and why, for the plan as a whole' }),
  priorities: Type.Array(ReviewPrioritySchema),
  totals: Type.Object({
    actions: Type.Integer({ minimum: 0 }),
    byStatus: Type.Array(Type.Object({ status: ACTION_STATUSES.schema(), statusText: Type.String(), count: Type.Integer({ minimum: 0 }) })),
    indicators: Type.Object({ met: Type.Integer(), notMet: Type.Integer(), noData: Type.Integer(), other: Type.Integer() }),
  }),
});
export type ReviewContent = Static<typeof ReviewContentSchema>;
export type ReviewPriority = Static<typeof ReviewPrioritySchema>;
export type ReviewAction = Static<typeof ReviewActionSchema>;

export const PlanReviewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  planId: Type.String({ format: 'uuid' }),
  year: Type.Integer(),
  status: REVIEW_STATUSES.schema(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  publishedByName: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  content: ReviewContentSchema,
});
export type PlanReviewView = Static<typeof PlanReviewSchema>;

/** A review as stored (its row and its narratives), before its content is read or taken from the frozen copy. */
export interface PlanReviewRecord {
  id: string;
  planId: string;
  areaCode: string;
  year: number;
  narrative: string;
  status: ReviewStatus;
  publishedContent: ReviewContent | null;
  publishedAt: string | null;
  publishedByName: string | null;
  updatedAt: string;
  /** Each priority's narrative by the priority's id. */
  priorityNarratives: Record<string, string>;
}

export const ReviewSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  planId: Type.String({ format: 'uuid' }),
  year: Type.Integer(),
  yearLabel: Type.String(),
  status: REVIEW_STATUSES.schema(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ReviewSummary = Static<typeof ReviewSummarySchema>;

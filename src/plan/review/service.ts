import { indicatorsAgainstTargets } from '../../outcomes/index.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { financialYearBounds, financialYearLabel, financialYearOf, financialYearsBetween } from '../../platform/money.js';
import { planOfArea } from '../access.js';
import { findPlan, listPlans, planContent } from '../content.js';
import { planProblems } from '../errors.js';
import type { PlanSummary } from '../types.js';
import { reviewContentOf } from './compute.js';
import * as repo from './repository.js';
import { PRIORITY_NARRATIVE_MAX, REVIEW_NARRATIVE_MAX, type PlanReviewRecord, type PlanReviewView, type ReviewContent, type ReviewSummary } from './types.js';

/**
 * The annual review of a plan (issue 18 item 7; 002 §7.3, 001 §3.4; ADR 0037). The planner starts a review
 * for a financial year of the plan's period, writes what changed and why (for the plan and each priority)
 * and publishes it; progress on every action and each priority's indicators against the year's targets are
 * read live until then, and frozen as they stood when it is published. Only a published review of a plan the
 * public may read (published, or superseded by a later one) is ever public. Each change is audited.
 */

export interface ReviewCaller {
  user: User;
  ctx: RequestContext;
}

export interface NarrativesInput {
  narrative?: unknown;
  /** Each priority's narrative by the priority's id. */
  priorities?: unknown;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** The field a priority's narrative is named by (the page's textarea, the API's faults). */
export const priorityField = (priorityId: string): string => `priority-${priorityId}`;

/** The financial years of a plan's period, first to last (a year it touches at all is one of them). */
export const yearsOfPlan = (plan: Pick<PlanSummary, 'periodStart' | 'periodEnd'>): number[] =>
  financialYearsBetween(financialYearOf(plan.periodStart), financialYearOf(plan.periodEnd));

export function reviewService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  async function planFor(user: User, planId: string, q: Queryable = db): Promise<PlanSummary> {
    return planOfArea(user, await findPlan(q, user.areaCode, planId));
  }

  /** A year typed or asked for: a whole year of the plan's period that has begun; refused naming `year`. */
  function checkYear(plan: PlanSummary, input: unknown): number {
    const years = yearsOfPlan(plan);
    const raw = typeof input === 'number' ? String(input) : text(input);
    const range = `${financialYearLabel(years[0] ?? 0)} to ${financialYearLabel(years.at(-1) ?? 0)}`;
    const errors = new FieldErrors();
    if (!/^\d{4}$/.test(raw)) errors.add('year', 'integer', `Enter the year its April falls in, for example ${years[0] ?? ''} for ${financialYearLabel(years[0] ?? 0)}`);
    else if (!years.includes(Number(raw))) errors.add('year', 'in_plan_period', `Choose a year of the plan’s period, ${range}`);
    else if (Number(raw) > financialYearOf(today())) errors.add('year', 'year_begun', `${financialYearLabel(Number(raw))} has not begun: a year is reviewed once it has begun`);
    errors.throwIfAny();
    return Number(raw);
  }

  async function reviewFor(user: User, planId: string, yearInput: unknown, q: Queryable = db): Promise<{ plan: PlanSummary; review: PlanReviewRecord }> {
    const plan = await planFor(user, planId, q);
    const year = /^\d{4}$/.test(String(yearInput)) ? Number(yearInput) : NaN;
    const review = Number.isFinite(year) ? await repo.findReview(q, user.areaCode, plan.id, year) : undefined;
    if (!review) throw planProblems.notFound('This plan has no review of that year');
    return { plan, review };
  }

  /** The review's content as it stands now: the plan, its progress and indicators read live, the narratives saved. */
  async function liveContent(q: Queryable, areaCode: string, review: PlanReviewRecord): Promise<ReviewContent> {
    const content = await planContent(q, areaCode, review.planId);
    if (!content) throw planProblems.notFound('No such plan in this area');
    const now = today();
    const { to } = financialYearBounds(review.year);
    const codes = [...new Set(content.priorities.flatMap((p) => p.indicators.map((i) => i.code)))];
    const [progress, judged] = await Promise.all([
      repo.progressUpTo(q, areaCode, review.planId, to < now ? to : now),
      indicatorsAgainstTargets(q, areaCode, codes, review.year),
    ]);
    return reviewContentOf({
      content,
      year: review.year,
      today: now,
      progress,
      indicators: new Map(judged.map((j) => [j.code, j])),
      narrative: review.narrative,
      priorityNarratives: review.priorityNarratives,
    });
  }

  const viewOf = async (areaCode: string, review: PlanReviewRecord): Promise<PlanReviewView> => ({
    id: review.id,
    planId: review.planId,
    year: review.year,
    status: review.status,
    publishedAt: review.publishedAt,
    publishedByName: review.publishedByName,
    updatedAt: review.updatedAt,
    // 002 §7.3: what was published stays as it was published; a draft is read as it stands.
    content: review.publishedContent ?? (await liveContent(db, areaCode, review)),
  });

  /** What publishing needs besides the checks of a save: the plan published, and every narrative written. */
  function publicationFaults(plan: PlanSummary, content: ReviewContent): FieldErrors {
    const errors = new FieldErrors();
    if (plan.status === 'draft') errors.add('plan', 'plan_published', 'Publish the plan before its review: a review of a draft plan is never public');
    if (content.narrative === '') errors.add('narrative', 'required', 'Write what changed in the year and why, for the plan as a whole');
    for (const p of content.priorities) {
      if (p.narrative === '') errors.add(priorityField(p.id), 'required', `Write what changed in the year and why for the priority “${p.title}”`);
    }
    return errors;
  }

  return {
    today,
    now: () => clock.now(),
    yearsOfPlan,

    /** The plan (of the caller's area) and its reviews, latest year first. */
    async list(user: User, planId: string): Promise<{ plan: PlanSummary; reviews: ReviewSummary[]; years: number[] }> {
      const plan = await planFor(user, planId);
      const current = financialYearOf(today());
      return { plan, reviews: await repo.listReviews(db, user.areaCode, plan.id), years: yearsOfPlan(plan).filter((y) => y <= current) };
    },

    /** Every plan of the area with its reviews and the years that may still be started (the landing page's part). */
    async listAll(user: User): Promise<{ plan: PlanSummary; reviews: ReviewSummary[]; yearsToStart: number[] }[]> {
      const current = financialYearOf(today());
      const plans = await listPlans(db, user.areaCode);
      return Promise.all(
        plans.map(async (plan) => {
          const reviews = await repo.listReviews(db, user.areaCode, plan.id);
          const taken = new Set(reviews.map((r) => r.year));
          return { plan, reviews, yearsToStart: yearsOfPlan(plan).filter((y) => y <= current && !taken.has(y)) };
        }),
      );
    },

    /** Starts the review of a year of the plan's period; refused naming `year` (its shape, the period, begun, one a year). */
    async start({ user, ctx }: ReviewCaller, planId: string, input: { year?: unknown }): Promise<{ year: number }> {
      const plan = await planFor(user, planId);
      const year = checkYear(plan, input.year);
      return db.transaction(async (tx) => {
        const id = await repo.insertReview(tx, { areaCode: user.areaCode, planId: plan.id, year, userId: user.id, now: clock.now() });
        if (!id) throw planProblems.conflict(`The plan already has a review of ${financialYearLabel(year)}`, { fieldErrors: [{ field: 'year', rule: 'unique', message: `The plan already has a review of ${financialYearLabel(year)}` }] });
        await audit(tx, actorOf(user), ctx, { action: 'plan.review_started', subject: { type: 'plan_review', id }, details: { planId: plan.id, year } });
        return { year };
      });
    },

    /** The review: a draft as it stands, a published one as it was published. */
    async view(user: User, planId: string, year: unknown): Promise<PlanReviewView & { plan: PlanSummary }> {
      const { plan, review } = await reviewFor(user, planId, year);
      return { ...(await viewOf(user.areaCode, review)), plan };
    },

    /** Saves a draft's narratives, each within its length; a published review is never changed. */
    async save({ user, ctx }: ReviewCaller, planId: string, yearInput: unknown, input: NarrativesInput): Promise<void> {
      await db.transaction(async (tx) => {
        const { plan, review: found } = await reviewFor(user, planId, yearInput, tx);
        const review = await repo.lockReview(tx, user.areaCode, plan.id, found.year);
        if (!review) throw planProblems.notFound('This plan has no review of that year');
        if (review.status === 'published') throw planProblems.conflict('The review is published and cannot be changed', { fieldErrors: [{ field: 'narrative', rule: 'published', message: 'The review is published and cannot be changed' }] });
        const content = await planContent(tx, user.areaCode, plan.id);
        const priorityIds = new Set((content?.priorities ?? []).map((p) => p.id));
        const errors = new FieldErrors();
        const narrative = text(input.narrative);
        if (narrative.length > REVIEW_NARRATIVE_MAX) errors.add('narrative', 'max_length', `What changed in the year must be ${REVIEW_NARRATIVE_MAX.toLocaleString('en-GB')} characters or fewer (it has ${narrative.length.toLocaleString('en-GB')})`);
        const given = input.priorities && typeof input.priorities === 'object' && !Array.isArray(input.priorities) ? (input.priorities as Record<string, unknown>) : {};
        const priorities: { priorityId: string; narrative: string }[] = [];
        for (const [priorityId, value] of Object.entries(given)) {
          const words = text(value);
          if (!priorityIds.has(priorityId)) errors.add(priorityField(priorityId), 'known_priority', 'That is not a priority of this plan');
          else if (words.length > PRIORITY_NARRATIVE_MAX) errors.add(priorityField(priorityId), 'max_length', `What changed for a priority must be ${PRIORITY_NARRATIVE_MAX.toLocaleString('en-GB')} characters or fewer (it has ${words.length.toLocaleString('en-GB')})`);
          else priorities.push({ priorityId, narrative: words });
        }
        errors.throwIfAny();
        await repo.saveNarratives(tx, { areaCode: user.areaCode, reviewId: review.id, narrative, priorities, userId: user.id, now: clock.now() });
        await audit(tx, actorOf(user), ctx, {
          action: 'plan.review_saved',
          subject: { type: 'plan_review', id: review.id },
          details: { planId: plan.id, year: review.year, narrativeLength: narrative.length, priorities: priorities.length },
        });
      });
    },

    /**
     * Publishes a draft: refused while the plan is a draft or a narrative is blank (naming each), all or nothing;
     * the content is frozen as it stands in the same transaction, holding the review's row.
     */
    async publish({ user, ctx }: ReviewCaller, planId: string, yearInput: unknown): Promise<void> {
      await db.transaction(async (tx) => {
        const { plan, review: found } = await reviewFor(user, planId, yearInput, tx);
        const review = await repo.lockReview(tx, user.areaCode, plan.id, found.year);
        if (!review) throw planProblems.notFound('This plan has no review of that year');
        if (review.status === 'published') throw planProblems.conflict('The review is already published', { fieldErrors: [{ field: 'status', rule: 'published', message: 'The review is already published' }] });
        const content = await liveContent(tx, user.areaCode, review);
        publicationFaults(plan, content).throwIfAny();
        await repo.publishReview(tx, { areaCode: user.areaCode, reviewId: review.id, content, userId: user.id, userName: user.displayName, now: clock.now() });
        await audit(tx, actorOf(user), ctx, {
          action: 'plan.review_published',
          subject: { type: 'plan_review', id: review.id },
          details: { planId: plan.id, year: review.year, actions: content.totals.actions, indicators: content.totals.indicators },
        });
      });
    },

    /** The public's copy: the area's published review of a year, as published; not found for anything else. */
    async published(areaCode: string, yearInput: unknown): Promise<PlanReviewView> {
      const year = /^\d{4}$/.test(String(yearInput)) ? Number(yearInput) : NaN;
      const review = Number.isFinite(year) ? await repo.findPublishedReview(db, areaCode, year) : undefined;
      if (!review?.publishedContent) throw planProblems.notFound('There is no published review of the plan for that year');
      return viewOf(areaCode, review);
    },

    /** The area's published reviews, for the public plan's list. */
    publishedList: (areaCode: string): Promise<ReviewSummary[]> => repo.listPublishedReviews(db, areaCode),
  };
}

export type ReviewService = ReturnType<typeof reviewService>;

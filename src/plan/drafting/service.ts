import { auditWithClock } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { findPlan } from '../content.js';
import { planProblems } from '../errors.js';
import { optionalText, readDay, requiredText, yes } from '../input.js';
import { PLAN_OWNERS, SECTION_BODY_MAX, SECTION_KIND_INFO, type PlanSummary } from '../types.js';
import type { PlanBy } from './by.js';
import { actionsService } from './actions.js';
import { prioritiesService } from './priorities.js';
import * as repo from './repository.js';

/**
 * Drafting a plan (issue 18 items 1-2; ADR 0034): starting one for a period the area sets, with its owner; each
 * required section's words (at most SECTION_BODY_MAX characters) and whether it is complete; other matters;
 * priorities, targets and key actions (priorities.ts, actions.ts). Every change audited `plan.*`.
 */

export interface PlanInput {
  title?: unknown;
  periodStart?: unknown;
  periodEnd?: unknown;
  owner?: unknown;
}

export interface SectionInput {
  title?: unknown;
  body?: unknown;
  complete?: unknown;
}

/** A plan's period may run up to ten years: the regulations leave its length to the area (002 §7.3). */
const LONGEST_YEARS = 10;

export function draftingService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  /** The area's plan, or not found. */
  async function planOf(areaCode: string, planId: string): Promise<PlanSummary> {
    const plan = await findPlan(db, areaCode, planId);
    if (!plan) throw planProblems.notFound('No such plan in this area');
    return plan;
  }

  function readPlan(input: PlanInput) {
    const errors = new FieldErrors();
    const title = requiredText(errors, 'title', input.title, 'the plan’s title', 200);
    const periodStart = readDay(errors, 'periodStart', input.periodStart, 'the first day of the plan’s period');
    const periodEnd = readDay(errors, 'periodEnd', input.periodEnd, 'the last day of the plan’s period');
    if (periodStart && periodEnd && periodEnd <= periodStart)
      errors.add('periodEnd', 'date_order', 'The last day of the plan’s period must be after its first day');
    else if (periodStart && periodEnd && Number(periodEnd.slice(0, 4)) - Number(periodStart.slice(0, 4)) > LONGEST_YEARS)
      errors.add('periodEnd', 'max_years', `A plan’s period may be at most ${LONGEST_YEARS} years`);
    const owner = PLAN_OWNERS.is(input.owner) ? input.owner : undefined;
    if (!owner) errors.add('owner', 'one_of', 'Select whose plan it is: the authority’s or the board’s');
    errors.throwIfAny();
    if (!periodStart || !periodEnd || !owner) throw new Error('unreachable');
    return { title, periodStart, periodEnd, owner };
  }

  return {
    planOf,

    /** Starts a plan with one empty section of each required content. */
    async start(by: PlanBy, areaCode: string, input: PlanInput): Promise<string> {
      const plan = readPlan(input);
      return db.transaction(async (tx) => {
        const id = await repo.insertPlan(tx, { ...plan, areaCode, by: by.userId, at: clock.now() });
        await audit(tx, by.actor, by.ctx, { action: 'plan.created', subject: { type: 'plan', id }, details: { ...plan } });
        return id;
      });
    },

    /** Changes a plan's title, period or owner. */
    async change(by: PlanBy, areaCode: string, planId: string, input: PlanInput): Promise<void> {
      const before = await planOf(areaCode, planId);
      const plan = readPlan(input);
      await db.transaction(async (tx) => {
        await repo.updatePlan(tx, before.id, { ...plan, at: clock.now() });
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.changed',
          subject: { type: 'plan', id: before.id },
          details: {
            before: { title: before.title, periodStart: before.periodStart, periodEnd: before.periodEnd, owner: before.owner },
            after: plan,
          },
        });
      });
    },

    /**
     * A section's words and whether it is complete. Over the length limit is refused naming the field and the
     * rule, and nothing is saved; a section cannot be marked complete with no words.
     */
    async editSection(by: PlanBy, areaCode: string, planId: string, sectionId: string, input: SectionInput): Promise<void> {
      const plan = await planOf(areaCode, planId);
      const kind = await repo.findSectionKind(db, plan.id, sectionId);
      if (!kind) throw planProblems.notFound('No such section in this plan');
      const errors = new FieldErrors();
      const title = requiredText(errors, 'title', input.title, 'the section’s title', 200);
      const body = optionalText(errors, 'body', input.body, 'the section', SECTION_BODY_MAX);
      const complete = yes(input.complete);
      if (complete && body === '' && !errors.has('body'))
        errors.add(
          'complete',
          'needs_words',
          `Write the section before marking it complete: it must set out ${SECTION_KIND_INFO[kind].requires}`,
        );
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.updateSection(tx, sectionId, { title, body, complete, by: by.userId, at: clock.now() });
        await repo.touchPlan(tx, plan.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.section_changed',
          subject: { type: 'plan', id: plan.id },
          details: { sectionId, kind, complete, length: body.length },
        });
      });
    },

    /** Another matter the partners choose to include (002 §7.3). */
    async addSection(by: PlanBy, areaCode: string, planId: string, input: SectionInput): Promise<string> {
      const plan = await planOf(areaCode, planId);
      const errors = new FieldErrors();
      const title = requiredText(errors, 'title', input.title, 'the section’s title', 200);
      const body = optionalText(errors, 'body', input.body, 'the section', SECTION_BODY_MAX);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertOtherSection(tx, { planId: plan.id, areaCode, title, body, by: by.userId, at: clock.now() });
        await repo.touchPlan(tx, plan.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.section_added',
          subject: { type: 'plan', id: plan.id },
          details: { sectionId: id, title },
        });
        return id;
      });
    },

    ...prioritiesService({ db, clock, planOf }),
    ...actionsService({ db, clock, planOf }),
  };
}

export type DraftingService = ReturnType<typeof draftingService>;

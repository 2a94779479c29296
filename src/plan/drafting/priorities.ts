import { auditWithClock } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { formatDate } from '../../platform/dates.js';
import { FieldErrors } from '../../platform/errors.js';
import { findIndicatorByCode, listIndicatorsForArea, listOutcomesWithAims, parsePeriodFor, upsertTarget } from '../../outcomes/index.js';
import { periodInPlan } from '../content.js';
import { planProblems } from '../errors.js';
import { listOf, optionalText, requiredText, textOf } from '../input.js';
import type { PlanSummary } from '../types.js';
import type { PlanBy } from './by.js';
import * as repo from './repository.js';

/**
 * A plan's priorities (issue 18 item 2): each tied to one of the five outcomes, the aims of it the priority
 * serves and indicators of the outcomes catalogue; a target per year per indicator is outcomes' own
 * (`indicator_target`, set through outcomes' face), never a copy (ADR 0034).
 */

export interface PriorityInput {
  title?: unknown;
  description?: unknown;
  outcomeCode?: unknown;
  aimCodes?: unknown;
  indicatorCodes?: unknown;
}

export interface TargetInput {
  indicatorCode?: unknown;
  period?: unknown;
  value?: unknown;
}

/** A typed number: commas allowed; blank is undefined. */
function readNumber(value: unknown): number | 'invalid' | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  const text = textOf(value).replace(/,/g, '');
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : 'invalid';
}

export function prioritiesService({
  db,
  clock,
  planOf,
}: {
  db: Db;
  clock: Clock;
  planOf: (areaCode: string, planId: string) => Promise<PlanSummary>;
}) {
  const audit = auditWithClock(clock);

  /** The plan's priority with the indicators it has now; not found otherwise. */
  async function priorityOf(plan: PlanSummary, priorityId: string) {
    const row = await repo.findPriorityOfPlan(db, plan.id, priorityId);
    if (!row) throw planProblems.notFound('No such priority in this plan');
    return row;
  }

  /** Reads a priority: the outcome must be one of the five, its aims the outcome's, its indicators in the catalogue. */
  async function readPriority(areaCode: string, input: PriorityInput) {
    const errors = new FieldErrors();
    const title = requiredText(errors, 'title', input.title, 'the priority', 200);
    const description = optionalText(errors, 'description', input.description, 'the description', 4000);
    const outcomes = await listOutcomesWithAims(db);
    const outcome = outcomes.find((o) => o.code === textOf(input.outcomeCode));
    if (!outcome) errors.add('outcomeCode', 'one_of', 'Select the outcome the priority serves');
    const aimCodes = listOf(input.aimCodes);
    const strayAim = aimCodes.find((a) => !outcome?.aims.some((x) => x.code === a));
    if (outcome && strayAim !== undefined)
      errors.add('aimCodes', 'of_outcome', `Choose aims of ${outcome.everydayName} only (${strayAim} is not one of them)`);
    const indicatorIds: string[] = [];
    for (const code of listOf(input.indicatorCodes)) {
      const indicator = await findIndicatorByCode(db, code, areaCode);
      if (!indicator) {
        errors.add(
          'indicatorCodes',
          'in_catalogue',
          `${code} is not an indicator of the outcomes catalogue: choose indicators the catalogue lists`,
        );
        break;
      }
      if (!indicatorIds.includes(indicator.id)) indicatorIds.push(indicator.id);
    }
    errors.throwIfAny();
    return { title, description, outcomeCode: outcome?.code ?? '', aimCodes, indicatorIds };
  }

  return {
    priorityOf,

    /** What a priority's form offers: the five outcomes with their aims, and the catalogue's indicators for the area. */
    async priorityChoices(areaCode: string) {
      const [outcomes, indicators] = await Promise.all([listOutcomesWithAims(db), listIndicatorsForArea(db, areaCode)]);
      return { outcomes, indicators: indicators.map((i) => ({ code: i.code, title: i.title })) };
    },

    async addPriority(by: PlanBy, areaCode: string, planId: string, input: PriorityInput): Promise<string> {
      const plan = await planOf(areaCode, planId);
      const priority = await readPriority(areaCode, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertPriority(tx, { ...priority, planId: plan.id, areaCode, at: clock.now() });
        await repo.touchPlan(tx, plan.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.priority_added',
          subject: { type: 'plan', id: plan.id },
          details: { priorityId: id, ...priority },
        });
        return id;
      });
    },

    async changePriority(by: PlanBy, areaCode: string, planId: string, priorityId: string, input: PriorityInput): Promise<void> {
      const plan = await planOf(areaCode, planId);
      const before = await priorityOf(plan, priorityId);
      const priority = await readPriority(areaCode, input);
      await db.transaction(async (tx) => {
        await repo.updatePriority(tx, before.id, { ...priority, planId: plan.id, areaCode, at: clock.now() });
        await repo.touchPlan(tx, plan.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'plan.priority_changed',
          subject: { type: 'plan', id: plan.id },
          details: { priorityId: before.id, ...priority },
        });
      });
    },

    /**
     * A target for a year of the plan on one of the priority's indicators, kept as outcomes' target (so the
     * dashboard's RAG and the plan agree). An indicator not in the catalogue, not the priority's, or a period
     * outside the plan's is refused naming the field and the rule.
     */
    async setTarget(by: PlanBy, areaCode: string, planId: string, priorityId: string, input: TargetInput): Promise<void> {
      const plan = await planOf(areaCode, planId);
      const priority = await priorityOf(plan, priorityId);
      const errors = new FieldErrors();
      const code = textOf(input.indicatorCode);
      const indicator = code === '' ? undefined : await findIndicatorByCode(db, code, areaCode);
      if (code === '') errors.add('indicatorCode', 'required', 'Select the indicator the target is for');
      else if (!indicator)
        errors.add(
          'indicatorCode',
          'in_catalogue',
          `${code} is not an indicator of the outcomes catalogue: a target can only be set on one it lists`,
        );
      else if (!priority.indicatorIds.includes(indicator.id))
        errors.add(
          'indicatorCode',
          'of_priority',
          `${indicator.code} is not one of this priority’s indicators: add it to the priority first`,
        );
      const period = indicator ? parsePeriodFor(textOf(input.period), indicator) : undefined;
      if (period && !period.ok) errors.add('period', 'period_format', period.reason);
      else if (period?.ok && !periodInPlan(period.period.start, plan))
        errors.add(
          'period',
          'in_plan_period',
          `The target must be for a year of the plan, ${formatDate(plan.periodStart)} to ${formatDate(plan.periodEnd)}`,
        );
      const value = readNumber(input.value);
      if (value === undefined) errors.add('value', 'required', 'Enter the target value');
      else if (value === 'invalid') errors.add('value', 'number', 'The target must be a number, like 42 or 42.5');
      errors.throwIfAny();
      if (!indicator || !period?.ok || typeof value !== 'number') throw new Error('unreachable');
      await db.transaction(async (tx) => {
        await upsertTarget(tx, areaCode, { indicatorId: indicator.id, group: 'all', period: period.period, value });
        await audit(tx, by.actor, by.ctx, {
          action: 'indicators.target_set',
          subject: { type: 'indicator', id: indicator.id },
          details: { code: indicator.code, period: period.period.label, group: 'all', value, planId: plan.id, priorityId: priority.id },
        });
      });
    },
  };
}

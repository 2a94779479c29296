import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { FieldErrors, notFound } from '../platform/errors.js';
import { parsePeriodFor } from './periods.js';
import * as plan from './planning-repository.js';
import * as repo from './repository.js';
import { GROUPS, type GroupCode } from './types.js';

/**
 * What a planner writes beside the published figures (issue 5 items 6 and 8): targets, the needs
 * narrative of each outcome, and children and funding at each level of need (004 Table 4.1).
 * Who may call what is declared by the routes' policies ('outcomes.manage').
 */

export const NARRATIVE_MAX = 20_000;
const YEAR_LABEL = /^(\d{4})-(\d{2})$/;

export interface TargetInput {
  period?: string;
  value?: string | number;
  group?: string;
}

export interface NeedsLevelsInput {
  yearLabel?: string;
  /** By level: the number of children and the funding in pounds, as typed (blank is not known). */
  levels: Partial<Record<plan.NeedLevel, { children?: string | number | null; fundingPounds?: string | number | null }>>;
}

/** A number typed into a form: blank is null; commas and a leading £ are allowed. */
function readNumber(input: string | number | null | undefined): number | null | 'invalid' {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isFinite(input) ? input : 'invalid';
  const text = input.replace(/[£,\s]/g, '');
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : 'invalid';
}

const isGroup = (g: string): g is GroupCode => GROUPS.some((x) => x.code === g);

export function planningService({ db }: { db: Db }) {
  return {
    targets: (areaCode: string, indicatorId?: string): Promise<plan.Target[]> => plan.listTargets(db, areaCode, indicatorId),

    /** Sets the area's target for a period of an indicator (Local Area Agreement targets, 001 §3.4). */
    async setTarget(user: User, indicatorCode: string, input: TargetInput, ctx: RequestContext): Promise<plan.Target> {
      const indicator = await repo.findIndicatorByCode(db, indicatorCode, user.areaCode);
      if (!indicator) throw notFound('indicator');
      const errors = new FieldErrors();
      const period = parsePeriodFor(String(input.period ?? ''), indicator);
      if (!period.ok) errors.add('period', 'period_format', period.reason);
      const value = readNumber(input.value);
      if (value === null) errors.add('value', 'required', 'Enter the target value');
      else if (value === 'invalid') errors.add('value', 'number', 'The target must be a number, like 42 or 42.5');
      const group = (input.group ?? 'all').trim() || 'all';
      if (!isGroup(group)) errors.add('group', 'one_of', 'Choose a group of children, or all children');
      errors.throwIfAny();
      const target: plan.Target = {
        indicatorId: indicator.id,
        group: group as GroupCode,
        period: (period as { ok: true; period: plan.Target['period'] }).period,
        value: value as number,
      };
      await db.transaction(async (tx) => {
        await plan.upsertTarget(tx, user.areaCode, target);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'indicators.target_set',
          subject: { type: 'indicator', id: indicator.id },
          details: { code: indicator.code, period: target.period.label, group: target.group, value: target.value },
        });
      });
      return target;
    },

    narratives: (areaCode: string): Promise<plan.Narrative[]> => plan.listNarratives(db, areaCode),

    /** The needs assessment's words on one outcome (000 §2.32), ready for the plan to cite. */
    async setNarrative(user: User, outcomeCode: string, narrative: string | undefined, ctx: RequestContext): Promise<void> {
      const outcomes = await repo.listOutcomesWithAims(db);
      if (!outcomes.some((o) => o.code === outcomeCode)) throw notFound('outcome');
      const text = (narrative ?? '').replace(/\r\n/g, '\n').trim();
      const errors = new FieldErrors();
      if (text.length > NARRATIVE_MAX) errors.add('narrative', 'max_length', `The narrative must be ${NARRATIVE_MAX} characters or less`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await plan.upsertNarrative(tx, user.areaCode, outcomeCode, text, user.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'needs.narrative_set',
          details: { outcome: outcomeCode, length: text.length },
        });
      });
    },

    needsLevels: (areaCode: string): Promise<plan.NeedsLevelRecord[]> => plan.listNeedsLevels(db, areaCode),

    /** Records children and funding at each level of need for one financial year (004 Table 4.1). */
    async setNeedsLevels(user: User, input: NeedsLevelsInput, ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      const year = (input.yearLabel ?? '').trim();
      const m = YEAR_LABEL.exec(year);
      if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) errors.add('yearLabel', 'year_format', 'Enter the financial year like 2008-09');
      const records: plan.NeedsLevelRecord[] = [];
      for (const level of plan.NEED_LEVELS) {
        const given = input.levels[level] ?? {};
        const field = level.replace('/', '-');
        const children = readNumber(given.children);
        const funding = readNumber(given.fundingPounds);
        if (children === 'invalid' || (children !== null && (!Number.isInteger(children) || children < 0)))
          errors.add(`${field}-children`, 'whole_number', `Children at the ${level} level must be a whole number, 0 or more`);
        if (funding === 'invalid' || (funding !== null && funding < 0))
          errors.add(`${field}-funding`, 'amount', `Funding at the ${level} level must be an amount in pounds, like 1,250,000`);
        records.push({
          yearLabel: year,
          level,
          children: typeof children === 'number' ? children : null,
          fundingPounds: typeof funding === 'number' ? Math.round(funding) : null,
        });
      }
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        for (const r of records) await plan.upsertNeedsLevel(tx, user.areaCode, r, user.id);
        await recordAudit(tx, actorOf(user), ctx, { action: 'needs.levels_set', details: { year, levels: records } });
      });
    },
  };
}

export type PlanningService = ReturnType<typeof planningService>;

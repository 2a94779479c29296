import type { IndicatorAgainstTarget } from '../../outcomes/index.js';
import { financialYearBounds, financialYearLabel } from '../../platform/money.js';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, type ActionStatus, type PlanAction, type PlanContent } from '../types.js';
import type { ProgressRow } from './repository.js';
import type { ReviewAction, ReviewContent } from './types.js';

/**
 * The review's content for a year (pure: what the plan holds, the progress notes, the indicators as outcomes
 * judge them and the planner's narratives in; the content out), so the rules read in one place:
 *
 * - every action of the plan is listed under its priority with its lead partner and contributing partners;
 * - an action's status is the one its last progress note on or before the year's end gave it (in a year not
 *   over, the action's status now); with no note by then, "not started";
 * - its progress is the notes dated in the year;
 * - each priority's indicators are judged against the year's target by outcomes (met, not met, no data).
 */

export interface ReviewInputs {
  content: PlanContent;
  year: number;
  /** The clock's today: a year not over is reviewed as it stands on this day. */
  today: string;
  /** Every progress note up to the year's end (or today), oldest first. */
  progress: readonly ProgressRow[];
  /** Each indicator against the year's target, by code. */
  indicators: ReadonlyMap<string, IndicatorAgainstTarget>;
  narrative: string;
  priorityNarratives: Readonly<Record<string, string>>;
}

function actionInYear(action: PlanAction, notes: readonly ProgressRow[], from: string, asAt: string, yearOver: boolean): ReviewAction {
  const mine = notes.filter((n) => n.actionId === action.id && n.onDay <= asAt);
  const status: ActionStatus = yearOver ? (mine.at(-1)?.status ?? 'not_started') : action.status;
  return {
    id: action.id,
    title: action.title,
    lead: action.lead.name,
    partners: action.partners.map((p) => p.name),
    startsOn: action.startsOn,
    endsOn: action.endsOn,
    status,
    statusText: ACTION_STATUS_LABELS[status],
    progress: mine
      .filter((n) => n.onDay >= from)
      .map((n) => ({ onDay: n.onDay, note: n.note, status: n.status, statusText: ACTION_STATUS_LABELS[n.status], writtenByName: n.writtenByName })),
  };
}

export function reviewContentOf(inputs: ReviewInputs): ReviewContent {
  const { content, year, today } = inputs;
  const { from, to } = financialYearBounds(year);
  const yearOver = to < today;
  const asAt = yearOver ? to : today;
  const priorities = content.priorities.map((p) => ({
    id: p.id,
    title: p.title,
    outcomeName: p.outcomeName,
    narrative: inputs.priorityNarratives[p.id] ?? '',
    indicators: p.indicators.map((i) => {
      const judged = inputs.indicators.get(i.code);
      return judged
        ? { code: judged.code, title: judged.title, href: judged.href, period: judged.period, targetText: judged.targetText, valueText: judged.valueText, earlier: judged.earlier, judgement: judged.judgement, judgementText: judged.judgementText }
        : { code: i.code, title: i.title, href: '', period: null, targetText: 'no target', valueText: 'no value', earlier: null, judgement: 'unknown_indicator' as const, judgementText: 'Not in the catalogue' };
    }),
    actions: p.actions.map((a) => actionInYear(a, inputs.progress, from, asAt, yearOver)),
  }));
  const actions = priorities.flatMap((p) => p.actions);
  const indicators = priorities.flatMap((p) => p.indicators);
  const count = (j: string) => indicators.filter((i) => i.judgement === j).length;
  return {
    plan: { id: content.plan.id, title: content.plan.title, periodStart: content.plan.periodStart, periodEnd: content.plan.periodEnd },
    year,
    yearLabel: financialYearLabel(year),
    from,
    to,
    asAt,
    narrative: inputs.narrative,
    priorities,
    totals: {
      actions: actions.length,
      byStatus: ACTION_STATUSES.values.map((status) => ({ status, statusText: ACTION_STATUS_LABELS[status], count: actions.filter((a) => a.status === status).length })),
      indicators: { met: count('met'), notMet: count('not_met'), noData: count('no_data'), other: indicators.length - count('met') - count('not_met') - count('no_data') },
    },
  };
}

/** One sentence a reader takes away: how many actions stand where, and how many indicators met the year's target. */
export function summaryOf(c: ReviewContent): string {
  const statuses = c.totals.byStatus.filter((s) => s.count > 0).map((s) => `${s.count} ${s.statusText.toLowerCase()}`);
  const i = c.totals.indicators;
  const judged = i.met + i.notMet + i.noData + i.other;
  const actions = c.totals.actions === 0 ? 'No key actions' : `${c.totals.actions} key action${c.totals.actions === 1 ? '' : 's'} (${statuses.join(', ')})`;
  const targets = judged === 0 ? 'no indicators' : `${i.met} of ${judged} indicator${judged === 1 ? '' : 's'} met the year’s target, ${i.notMet} did not, ${i.noData} ha${i.noData === 1 ? 's' : 've'} no data yet`;
  return `${actions}; ${targets}.`;
}

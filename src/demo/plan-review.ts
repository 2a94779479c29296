import { importIndicatorValues, indicatorsAgainstTargets, upsertTarget, valueInYear } from '../outcomes/index.js';
import { csvLine } from '../platform/csv.js';
import { findUserById } from '../platform/auth/repository.js';
import { todayOf } from '../platform/clock.js';
import { financialYearBounds, financialYearOf } from '../platform/money.js';
import type { ActionStatus, PlanContent, PlanSummary, ReviewContent } from '../plan/index.js';
import type { DemoPlan } from './plan.js';

/**
 * Kestrelshire's review of the first year of its three-year plan (issue 18 items 7-8), after the plan is drafted
 * and published: a year of progress on the key actions (some off track), targets for the year on the
 * priorities' indicators set from the year's figures where the plan set none, and the year's figures where the
 * plan set a target and none is published (invented, as all the demo's figures are), so that some are met and
 * some not, what changed and why
 * for the plan and each priority, and the review published through the review service (a plan still a draft
 * leaves the review a draft: a review of a draft plan is never public). Made once: a plan that already has a
 * review of the year is left alone.
 */

/** The statuses the year's notes give the actions, in turn: at least one off track whenever there are two. */
const YEAR_STATUSES: readonly ActionStatus[] = ['on_track', 'off_track', 'at_risk', 'done', 'off_track'];

const NOTES: Record<ActionStatus, string> = {
  not_started: 'Not started in the year: waiting on the partners’ budgets.',
  on_track: 'Under way as planned; the first quarter’s milestones met.',
  off_track: 'Behind: recruitment to two posts failed and the work slipped by a term.',
  at_risk: 'At risk: one partner’s contribution is not yet confirmed.',
  done: 'Completed in the year and handed over to the service.',
};

/** The plan's words, built from what the year shows so they never contradict its figures. */
function planNarrative(c: ReviewContent): string {
  const count = (...statuses: ActionStatus[]) => c.totals.byStatus.filter((s) => statuses.includes(s.status)).reduce((n, s) => n + s.count, 0);
  const i = c.totals.indicators;
  return `In the first year of the plan ${count('on_track', 'done')} of its ${c.totals.actions} key actions were on track or done, and ${count('off_track', 'at_risk')} fell behind or were at risk. The partners met ${i.met} of the year’s targets and missed ${i.notMet}${i.noData > 0 ? `; ${i.noData} await${i.noData === 1 ? 's' : ''} the year’s published figures` : ''}.

Where actions fell behind, posts could not be filled and one partner’s money came late. The board has asked the lead partners for recovery plans, and next year’s targets are unchanged.

Children and young people told us, through the youth forum, that what they noticed most was quicker help at school.`;
}

const priorityNarrative = (title: string, met: number, notMet: number): string =>
  `For “${title}”, ${met} of the priority’s targets for the year ${met === 1 ? 'was' : 'were'} met and ${notMet} ${notMet === 1 ? 'was' : 'were'} not. ` +
  'Where an action fell behind, its lead partner has set out how it will recover in the coming year.';

/** The demo's three-year plan: the earliest published one, else the earliest. */
const theThreeYearPlan = (plans: readonly PlanSummary[]): PlanSummary | undefined => {
  const byStart = [...plans].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  return byStart.find((p) => p.status !== 'draft') ?? byStart[0];
};

/**
 * A year of progress notes for each action that has none in it (the drafting loader may have written some).
 * Written as the plan's own progress notes are (plan_action_progress), in the operator's name: the demo's
 * story needs them whatever the drafting loader holds.
 */
async function yearOfProgress(demo: DemoPlan, content: PlanContent, year: number): Promise<number> {
  const { from, to } = financialYearBounds(year);
  const actions = content.priorities.flatMap((p) => p.actions);
  const today = todayOf(demo.clock);
  let written = 0;
  for (const [i, action] of actions.entries()) {
    const [held] = await demo.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_action_progress WHERE action_id = $1 AND on_day BETWEEN $2::date AND $3::date`, [
      action.id,
      from,
      to,
    ]);
    if ((held?.n ?? 0) > 0) continue;
    const status = YEAR_STATUSES[i % YEAR_STATUSES.length] ?? 'on_track';
    // In the year's last quarter, never after today (a year not over is reviewed as it stands).
    const day = `${year + 1}-0${1 + (i % 3)}-15`;
    await demo.db.query(
      `INSERT INTO plan_action_progress (action_id, area_code, on_day, note, status, written_by_name, written_at)
       VALUES ($1, $2, $3::date, $4, $5, 'Kestrelshire planning team', $3::date + time '12:00')`,
      [action.id, demo.areaCode, day < today ? day : today, NOTES[status], status],
    );
    written += 1;
  }
  return written;
}

/** Targets for the year on indicators that have none, set from the year's figure: alternately met and not met. */
async function yearOfTargets(demo: DemoPlan, content: PlanContent, year: number): Promise<number> {
  const codes = [...new Set(content.priorities.flatMap((p) => p.indicators.map((i) => i.code)))];
  let set = 0;
  for (const [i, code] of codes.entries()) {
    const figure = await valueInYear(demo.db, demo.areaCode, code, year);
    if (!figure || figure.polarity === 'no judgement') continue;
    const [held] = await demo.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM indicator_target WHERE area_code = $1 AND indicator_id = $2 AND group_code = 'all' AND period_label = $3`,
      [demo.areaCode, figure.indicatorId, figure.period.label],
    );
    if ((held?.n ?? 0) > 0) continue;
    // Met: the target a twentieth short of the figure by polarity; not met: a twentieth beyond it.
    const met = i % 2 === 0;
    const higher = figure.polarity === 'higher is better';
    const factor = met === higher ? 0.95 : 1.05;
    const places = figure.decimals ?? 1;
    const value = Math.round(figure.value * factor * 10 ** places) / 10 ** places;
    await demo.db.transaction((tx) => upsertTarget(tx, demo.areaCode, { indicatorId: figure.indicatorId, group: 'all', period: figure.period, value }));
    set += 1;
  }
  return set;
}

/**
 * The year's figures where the plan set a target and none is published yet (the demo's invented figures, for
 * its own invented area, through outcomes' importer as the demo's other figures are): a tenth beyond the target
 * or short of it by polarity, alternately met and not met; the third left without a figure, as a publication
 * not yet out.
 */
async function yearOfFigures(demo: DemoPlan, content: PlanContent, year: number): Promise<number> {
  const codes = [...new Set(content.priorities.flatMap((p) => p.indicators.map((i) => i.code)))];
  const waiting = (await indicatorsAgainstTargets(demo.db, demo.areaCode, codes, year)).filter((j) => j.judgement === 'no_data' && j.period !== null && j.target !== null);
  // The invented neighbours and England (demo) publish the same year too, so the year is compared as any other.
  const others = await demo.db.query<{ code: string }>('SELECT code FROM reference_area WHERE is_demo AND code <> $1 ORDER BY code', [demo.areaCode]);
  const lines: string[] = [];
  for (const [i, j] of waiting.entries()) {
    if (i === 2 || j.period === null || j.target === null) continue;
    const met = i % 2 === 0;
    const factor = met === (j.polarity === 'higher is better') ? 1.1 : 0.9;
    lines.push(csvLine([j.code, demo.areaCode, 'all', j.period, (Math.round(j.target * factor * 10) / 10).toFixed(1)]));
    for (const [k, other] of others.entries()) {
      lines.push(csvLine([j.code, other.code, 'all', j.period, (Math.round(j.target * (0.88 + 0.025 * k) * 10) / 10).toFixed(1)]));
    }
  }
  if (lines.length === 0) return 0;
  const report = await importIndicatorValues(demo.db, {
    csvText: `indicator,area,group,period,value\n${lines.join('\n')}\n`,
    fileName: 'demo-plan-review-figures.csv',
    actor: demo.by.actor,
    context: demo.by.ctx,
    areaCode: demo.areaCode,
  });
  if (report.status !== 'imported') throw new Error(`demo plan review figures refused: ${JSON.stringify(report.faults.slice(0, 3))}`);
  return report.values;
}

export async function loadDemoPlanReview(demo: DemoPlan): Promise<number> {
  const plan = theThreeYearPlan(await demo.plan.list(demo.areaCode));
  if (!plan) return 0;
  const planner = await findUserById(demo.db, await demo.userId('planner@kestrelshire.example'));
  if (!planner) return 0;
  const year = financialYearOf(plan.periodStart);
  if (year > financialYearOf(todayOf(demo.clock))) return 0;
  const { review } = demo.plan;
  if ((await review.list(planner, plan.id)).reviews.some((r) => r.year === year)) return 0;
  const content = await demo.plan.content(demo.areaCode, plan.id);
  if (!content) return 0;

  const by = { user: planner, ctx: demo.by.ctx };
  const created = (await yearOfProgress(demo, content, year)) + (await yearOfTargets(demo, content, year)) + (await yearOfFigures(demo, content, year));
  await review.start(by, plan.id, { year });
  const drafted = await review.view(planner, plan.id, year);
  await review.save(by, plan.id, year, {
    narrative: planNarrative(drafted.content),
    priorities: Object.fromEntries(
      drafted.content.priorities.map((p) => [
        p.id,
        priorityNarrative(p.title, p.indicators.filter((x) => x.judgement === 'met').length, p.indicators.filter((x) => x.judgement === 'not_met').length),
      ]),
    ),
  });
  if (plan.status !== 'draft') await review.publish(by, plan.id, year);
  return created + 1;
}

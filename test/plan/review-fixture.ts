import { importIndicatorValues } from '../../src/outcomes/index.js';
import { financialYearLabel, financialYearOf } from '../../src/platform/money.js';
import type { TestApp } from '../helpers/app.js';
import { signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * A plan to review (issue 18 item 7), for the annual review's tests. The plan's rows are written as the plan's
 * own SQL would (as the seam's content test does: the drafting part's services are another helper's); the
 * outcome values go through outcomes' importer, the targets into outcomes' own table. Dates follow the clock:
 * the plan runs three financial years from last year, so `year` (last year) is over, `year + 1` is this one and
 * `year + 2` has not begun.
 *
 * Priority 1, two indicators: NI 111 (lower is better, by financial year) 900 against 1,000 (met); NI 75
 * (higher is better, academic year) 50 against 55 (not met). Priority 2: NI 117 (lower is better, calendar
 * year) with a target and no value that year (no data; last year's 7.0 shown for context); NI 53 (higher is
 * better, quarterly) with targets for two quarters, judged on the year's last (46 against 45, met); NI 87
 * (lower is better) 8 against 6 (not met). Actions: "Youth panel" (lead A, with B) on track then off track
 * in the year and done since; "Mentoring" (lead B) with no notes, on track now; "Careers fairs" (lead A) at
 * risk in the year.
 */

export interface ReviewScene {
  area: string;
  otherArea: string;
  planId: string;
  /** The year reviewed: last financial year, over. */
  year: number;
  yearLabel: string;
  leadA: string;
  leadB: string;
  priority1: string;
  priority2: string;
  actions: { panel: string; mentoring: string; fairs: string };
  planner: SignedIn;
  board: SignedIn;
  otherPlanner: SignedIn;
}

const yy = (y: number) => String((y + 1) % 100).padStart(2, '0');

export interface SceneOptions {
  /** The area's code (a new area when left out). */
  areaCode?: string;
  /** The planner's email (the demo's planner for the demo loader's test). */
  plannerEmail?: string;
  /** Values only: no progress notes and no targets (the demo loader's test sets its own). */
  bare?: boolean;
}

export async function buildReviewScene(t: TestApp, options: SceneOptions = {}): Promise<ReviewScene> {
  const db = t.testDb.db;
  const year = financialYearOf(new Date().toISOString().slice(0, 10)) - 1;
  const area = await buildArea(db, options.areaCode ? { code: options.areaCode } : {});
  const otherArea = await buildArea(db);
  const leadA = await buildOrganisation(db, area, `Kestrel Council ${area}`);
  const leadB = await buildOrganisation(db, area, `Youth Offending Service ${area}`);
  const one = async (sql: string, params: unknown[]): Promise<string> => {
    const [row] = await db.query<{ id: string }>(sql, params);
    if (!row) throw new Error('no row');
    return row.id;
  };
  const planId = await one(
    `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_at, updated_at)
     VALUES ($1, 'Children and Young People’s Plan', $2, $3, 'board', now(), now()) RETURNING id`,
    [area, `${year}-04-01`, `${year + 3}-03-31`],
  );
  const priority = (title: string, outcome: string, position: number) =>
    one(
      `INSERT INTO plan_priority (plan_id, area_code, title, outcome_code, position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, now(), now()) RETURNING id`,
      [planId, area, title, outcome, position],
    );
  const priority1 = await priority('Fewer young people in trouble', 'make-a-positive-contribution', 1);
  const priority2 = await priority('More young people learning or working', 'achieve-economic-wellbeing', 2);
  const indicators = async (priorityId: string, codes: string[]) => {
    for (const [i, code] of codes.entries()) {
      await db.query(
        `INSERT INTO plan_priority_indicator (priority_id, area_code, indicator_id, position)
         SELECT $1, $2, id, $4 FROM indicator WHERE code = $3 AND area_code IS NULL`,
        [priorityId, area, code, i + 1],
      );
    }
  };
  await indicators(priority1, ['NI 111', 'NI 75']);
  await indicators(priority2, ['NI 117', 'NI 53', 'NI 87']);

  const action = (priorityId: string, title: string, lead: string, status: string, position: number) =>
    one(
      `INSERT INTO plan_action (priority_id, area_code, title, lead_organisation_id, starts_on, ends_on, status, position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now()) RETURNING id`,
      [priorityId, area, title, lead, `${year}-04-01`, `${year + 2}-03-31`, status, position],
    );
  const panel = await action(priority1, 'Youth panel', leadA, 'done', 1);
  const mentoring = await action(priority1, 'Mentoring', leadB, 'on_track', 2);
  const fairs = await action(priority2, 'Careers fairs', leadA, 'at_risk', 1);
  await db.query('INSERT INTO plan_action_partner (action_id, area_code, organisation_id) VALUES ($1, $2, $3)', [panel, area, leadB]);
  const note = (actionId: string, onDay: string, status: string, text: string) =>
    db.query(
      `INSERT INTO plan_action_progress (action_id, area_code, on_day, note, status, written_by_name, written_at)
       VALUES ($1, $2, $3, $4, $5, 'Pat Planner', now())`,
      [actionId, area, onDay, text, status],
    );
  if (!options.bare) {
    await note(panel, `${year}-03-15`, 'not_started', 'Planned before the plan began');
    await note(panel, `${year}-05-10`, 'on_track', 'Panel set up with twelve young people');
    await note(panel, `${year + 1}-02-01`, 'off_track', 'Recruitment of a coordinator delayed');
    await note(panel, `${year + 1}-04-20`, 'done', 'Coordinator in post');
    await note(fairs, `${year}-09-01`, 'at_risk', 'Two schools withdrew');
  }

  const csv = [
    'indicator,area,period,value',
    `NI 111,${area},${year}-${yy(year)},900`,
    `NI 75,${area},${year}-${yy(year)},50`,
    `NI 117,${area},${year - 1},7.0`,
    `NI 53,${area},${year} Q3,38`,
    `NI 53,${area},${year + 1} Q1,46`,
    `NI 87,${area},${year}-${yy(year)},8`,
  ].join('\n');
  const report = await importIndicatorValues(db, { csvText: `${csv}\n`, fileName: 'review-values.csv', areaCode: area });
  if (report.status !== 'imported') throw new Error(`values refused: ${JSON.stringify(report.faults)}`);
  const target = (code: string, label: string, kind: string, start: string, value: number) =>
    db.query(
      `INSERT INTO indicator_target (area_code, indicator_id, period_label, period_kind, period_start, target_value)
       SELECT $1, id, $3, $4, $5, $6 FROM indicator WHERE code = $2 AND area_code IS NULL`,
      [area, code, label, kind, start, value],
    );
  if (!options.bare) await setTargets(target, year);

  return {
    area,
    otherArea,
    planId,
    year,
    yearLabel: financialYearLabel(year),
    leadA,
    leadB,
    priority1,
    priority2,
    actions: { panel, mentoring, fairs },
    planner: await signedIn(t, 'planner', { areaCode: area, displayName: 'Pat Planner', ...(options.plannerEmail ? { email: options.plannerEmail } : {}) }),
    board: await signedIn(t, 'board_member', { areaCode: area }),
    otherPlanner: await signedIn(t, 'planner', { areaCode: otherArea }),
  };
}

type SetTarget = (code: string, label: string, kind: string, start: string, value: number) => Promise<unknown>;

/** The year's targets (see above), and one of the next year's which the year's review must not take. */
async function setTargets(target: SetTarget, year: number): Promise<void> {
  await target('NI 111', `${year}-${yy(year)}`, 'financial year', `${year}-04-01`, 1000);
  await target('NI 75', `${year}-${yy(year)}`, 'academic year', `${year}-09-01`, 55);
  await target('NI 117', String(year), 'calendar year', `${year}-01-01`, 6);
  await target('NI 53', `${year} Q3`, 'quarter', `${year}-07-01`, 40);
  await target('NI 53', `${year + 1} Q1`, 'quarter', `${year + 1}-01-01`, 45);
  await target('NI 87', `${year}-${yy(year)}`, 'academic year', `${year}-09-01`, 6);
  await target('NI 111', `${year + 1}-${yy(year + 1)}`, 'financial year', `${year + 1}-04-01`, 800);
}

/** Makes the plan published, as cypp-publish's publication will (the review's publication needs it). */
export async function markPlanPublished(t: TestApp, s: ReviewScene): Promise<void> {
  await t.testDb.db.query(`UPDATE plan SET status = 'published' WHERE id = $1`, [s.planId]);
}

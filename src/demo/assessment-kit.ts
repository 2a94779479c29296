import {
  assessmentMergeHook,
  assessmentServices,
  leadProfessionalCriteria,
  type AssessmentContent,
  type AssessmentServices,
} from '../assessment/index.js';
import { childServices, type ChildServices } from '../children/index.js';
import type { RequestContext } from '../platform/audit.js';
import { listUsersInArea, type User } from '../platform/auth/repository.js';
import { settableClock, type SettableClock } from '../platform/clock.js';
import { addDays, todayIso } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';
import { timeline, type Timeline } from './timeline.js';

/**
 * What the demo's front-line episodes are made with: the demo users, the area's organisations,
 * the real services on a settable clock, and a calendar. Every change goes through a service, as a
 * practitioner's would, at the moment the story says it happened: an episode waits for that moment
 * (`on`), the timeline sets the clock to it, and the services date the rows and their audit entries
 * by it. Nothing is re-dated afterwards.
 */

export const DEMO_LOAD_CONTEXT: RequestContext = { ip: '127.0.0.1', userAgent: 'ctp demo load', requestId: 'demo-load' };

export interface DemoKit {
  db: Db;
  assessment: AssessmentServices;
  children: ChildServices;
  ctx: RequestContext;
  /** The day the story ends on (the day the demo is loaded). */
  today: string;
  /** The clock the services read: set by the timeline to each moment of the story. */
  clock: SettableClock;
  timeline: Timeline;
  /** A demo user by email. */
  user(email: string): User;
  /** An organisation of the demo area by name. */
  organisation(name: string): string;
  /** Every lead professional criterion of the area, as an appointment confirms them. */
  criteria: string[];
  /** The date so many days before today. */
  daysAgo(days: number): string;
  /** A moment on that date (10:00 UTC, plus minutes to keep the order of things done on one day). */
  at(days: number, minutes?: number): Date;
  /** Waits until the story reaches that moment: what the episode does next is done then. */
  on(days: number, minutes?: number): Promise<void>;
}

/** The kit for a story that ends on `now`'s day. */
export async function demoKit(db: Db, now: Date): Promise<DemoKit> {
  const users = await listUsersInArea(db, DEMO_AREA.code);
  const organisations = await db.query<{ id: string; name: string }>('SELECT id, name FROM organisation WHERE area_code = $1', [
    DEMO_AREA.code,
  ]);
  const today = todayIso(now);
  const at = (days: number, minutes = 0) => new Date(Date.parse(`${addDays(today, -days)}T10:00:00Z`) + minutes * 60_000);
  const clock = settableClock(at(366));
  const story = timeline(clock);
  return {
    db,
    assessment: assessmentServices({ db, clock }),
    children: childServices({ db, clock, mergeHooks: [assessmentMergeHook] }),
    ctx: DEMO_LOAD_CONTEXT,
    today,
    clock,
    timeline: story,
    user(email) {
      const found = users.find((u) => u.email === email);
      if (!found) throw new Error(`demo user missing: ${email}`);
      return found;
    },
    organisation(name) {
      const found = organisations.find((o) => o.name === name);
      if (!found) throw new Error(`demo organisation missing: ${name}`);
      return found.id;
    },
    criteria: (await leadProfessionalCriteria(db, DEMO_AREA.code, today)).criteria,
    daysAgo: (days) => addDays(today, -days),
    at,
    on: (days, minutes = 0) => story.until(at(days, minutes)),
  };
}

/** Completes an assessment on that day, through the service: the draft is saved, then locked as the next version. */
export async function completeOn(
  kit: DemoKit,
  user: User,
  assessmentId: string,
  content: AssessmentContent,
  days: number,
  changeNote = '',
): Promise<number> {
  await kit.on(days);
  return kit.assessment.assessments.complete(user, assessmentId, content, changeNote, 'any', kit.ctx);
}

// ---- Steps used by several episodes ----------------------------------------------------------------

/**
 * Adds actions on the day they were agreed (at 11:30), each due so many days ago; then, on the day
 * they were last updated (at 10:30), marks those that have moved on.
 */
export async function addActions(
  kit: DemoKit,
  assessmentId: string,
  plan: [owner: string, need: string, action: string, dueDaysAgo: number, status: 'not started' | 'in progress' | 'done' | 'cancelled'][],
  agreedDaysAgo: number,
  updatedDaysAgo: number,
): Promise<string[]> {
  const teacherOrAssessor = await assessorOf(kit, assessmentId);
  await kit.on(agreedDaysAgo, 90);
  const ids: string[] = [];
  for (const [owner, need, action, due] of plan) {
    ids.push(
      await kit.assessment.team.addAction(
        teacherOrAssessor,
        assessmentId,
        { need, action, ownerTeamMemberId: owner, dueOn: kit.daysAgo(due) },
        kit.ctx,
      ),
    );
  }
  if (plan.some(([, , , , status]) => status !== 'not started')) await kit.on(updatedDaysAgo, 30);
  for (const [i, [, , , , status]] of plan.entries()) {
    const actionId = ids[i];
    if (status !== 'not started' && actionId)
      await kit.assessment.team.setActionStatus(teacherOrAssessor, assessmentId, actionId, status, kit.ctx);
  }
  return ids;
}

async function assessorOf(kit: DemoKit, assessmentId: string): Promise<User> {
  const [row] = await kit.db.query<{ email: string }>(
    'SELECT u.email FROM common_assessment ca JOIN app_user u ON u.id = ca.assessor_user_id WHERE ca.id = $1',
    [assessmentId],
  );
  if (!row) throw new Error(`demo assessment has no assessor: ${assessmentId}`);
  return kit.user(row.email);
}

/** The team member that a user is on an episode's team as. */
export async function memberOf(kit: DemoKit, assessmentId: string, userId: string): Promise<string> {
  const [row] = await kit.db.query<{ id: string }>('SELECT id FROM team_member WHERE assessment_id = $1 AND user_id = $2', [
    assessmentId,
    userId,
  ]);
  if (!row) throw new Error(`demo user ${userId} is not on the team of ${assessmentId}`);
  return row.id;
}

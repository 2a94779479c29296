import {
  assessmentMergeHook,
  assessmentServices,
  leadProfessionalCriteria,
  lockDraft,
  type AssessmentContent,
  type AssessmentServices,
  type NeedLevel,
} from '../assessment/index.js';
import { childServices, type ChildServices } from '../children/index.js';
import type { RequestContext } from '../platform/audit.js';
import { listUsersInArea, type User } from '../platform/auth/repository.js';
import { addDays, todayIso } from '../platform/dates.js';
import type { Db, Queryable } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * What the demo's front-line episodes are made with: the demo users, the area's organisations,
 * the real services, and a calendar. Every change goes through a service, as a practitioner's
 * would; the services stamp today's date, so the dates of the rows just made are then moved back
 * into the past, where the story happened.
 */

export const DEMO_LOAD_CONTEXT: RequestContext = { ip: '127.0.0.1', userAgent: 'ctp demo load', requestId: 'demo-load' };

export interface DemoKit {
  db: Db;
  assessment: AssessmentServices;
  children: ChildServices;
  ctx: RequestContext;
  today: string;
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
}

export async function demoKit(db: Db): Promise<DemoKit> {
  const users = await listUsersInArea(db, DEMO_AREA.code);
  const organisations = await db.query<{ id: string; name: string }>('SELECT id, name FROM organisation WHERE area_code = $1', [
    DEMO_AREA.code,
  ]);
  const today = todayIso();
  return {
    db,
    assessment: assessmentServices(db),
    children: childServices(db, { mergeHooks: [assessmentMergeHook] }),
    ctx: DEMO_LOAD_CONTEXT,
    today,
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
    criteria: (await leadProfessionalCriteria(db, DEMO_AREA.code)).criteria,
    daysAgo: (days) => addDays(today, -days),
    at: (days, minutes = 0) => new Date(Date.parse(`${addDays(today, -days)}T10:00:00Z`) + minutes * 60_000),
  };
}

/**
 * Completes an assessment through the service's own locking step, dated in the past: a completed
 * version is locked by the database, so its date cannot be moved afterwards and is given when it
 * is written instead.
 */
export async function completeOn(
  kit: DemoKit,
  user: User,
  assessmentId: string,
  content: AssessmentContent,
  completedAt: Date,
  changeNote = '',
): Promise<number> {
  await kit.assessment.assessments.saveDraft(user, assessmentId, content, 'any', kit.ctx);
  return kit.db.transaction(async (tx) => {
    const version = await lockDraft(tx, user, assessmentId, changeNote, kit.ctx, completedAt);
    if (content.levelOfNeed !== '') {
      const [row] = await tx.query<{ child_id: string }>('SELECT child_id FROM common_assessment WHERE id = $1', [assessmentId]);
      if (row) await backdateLatestNeedLevel(tx, row.child_id, completedAt);
    }
    return version;
  });
}

// ---- Moving what the services stamped with today back to when it happened ------------------------

/** The child's latest level of need happened then (each change is dated just after it is made, so the order holds). */
async function backdateLatestNeedLevel(db: Queryable, childId: string, when: Date): Promise<void> {
  await db.query(
    `UPDATE need_level_change SET changed_at = $2
      WHERE id = (SELECT id FROM need_level_change WHERE child_id = $1 ORDER BY changed_at DESC, id LIMIT 1)`,
    [childId, when],
  );
}

export async function datedLevelChange(kit: DemoKit, childId: string, level: NeedLevel | '', when: Date): Promise<void> {
  if (level !== '') await backdateLatestNeedLevel(kit.db, childId, when);
}

export async function datedChecklist(kit: DemoKit, checkId: string, when: Date): Promise<void> {
  await kit.db.query('UPDATE pre_assessment_check SET checked_at = $2 WHERE id = $1', [checkId, when]);
}

/** Started then: the assessor joined the team (and became involved with the child) that day. */
export async function datedStart(kit: DemoKit, assessmentId: string, when: Date): Promise<void> {
  const day = when.toISOString().slice(0, 10);
  await kit.db.query('UPDATE common_assessment SET started_at = $2 WHERE id = $1', [assessmentId, when]);
  await kit.db.query(
    `UPDATE involvement SET started_on = $2
      WHERE id IN (SELECT involvement_id FROM team_member WHERE assessment_id = $1 AND joined_on = $3)`,
    [assessmentId, day, kit.today],
  );
  await kit.db.query('UPDATE team_member SET joined_on = $2 WHERE assessment_id = $1 AND joined_on = $3', [assessmentId, day, kit.today]);
}

export async function datedConsent(kit: DemoKit, consentId: string, when: Date): Promise<void> {
  await kit.db.query('UPDATE consent SET recorded_at = $2 WHERE id = $1', [consentId, when]);
}

export async function datedDraft(kit: DemoKit, assessmentId: string, when: Date): Promise<void> {
  await kit.db.query('UPDATE common_assessment SET draft_saved_at = $2 WHERE id = $1', [assessmentId, when]);
}

export async function datedLead(kit: DemoKit, leadId: string, when: Date): Promise<void> {
  await kit.db.query('UPDATE lead_professional SET appointed_at = $2 WHERE id = $1', [leadId, when]);
}

export async function datedAction(kit: DemoKit, actionId: string, created: Date, updated: Date = created): Promise<void> {
  await kit.db.query('UPDATE action_item SET created_at = $2, updated_at = $3 WHERE id = $1', [actionId, created, updated]);
}

export async function datedReview(kit: DemoKit, reviewId: string, when: Date): Promise<void> {
  await kit.db.query('UPDATE team_review SET recorded_at = $2 WHERE id = $1', [reviewId, when]);
}

/** Closed then: the team left that day, the lead professional's role ended, and the level of need changed. */
export async function datedClosure(kit: DemoKit, assessmentId: string, childId: string, when: Date, levelChanged: boolean): Promise<void> {
  const day = when.toISOString().slice(0, 10);
  await kit.db.query('UPDATE common_assessment SET closed_at = $2 WHERE id = $1', [assessmentId, when]);
  await kit.db.query(
    `UPDATE involvement i SET ended_on = GREATEST($2::date, i.started_on)
       FROM team_member tm WHERE tm.involvement_id = i.id AND tm.assessment_id = $1 AND i.ended_on = $3`,
    [assessmentId, day, kit.today],
  );
  await kit.db.query('UPDATE team_member SET left_on = GREATEST($2::date, joined_on) WHERE assessment_id = $1 AND left_on = $3', [
    assessmentId,
    day,
    kit.today,
  ]);
  await kit.db.query('UPDATE lead_professional SET ended_at = $2 WHERE assessment_id = $1 AND ended_at > $2', [assessmentId, when]);
  if (levelChanged) await backdateLatestNeedLevel(kit.db, childId, when);
}

/** Sent then, to be acknowledged within the area's days; acknowledged and decided at `decided`, if given. */
export async function datedReferral(kit: DemoKit, referralId: string, sent: Date, acknowledgeBy: string, decided?: Date): Promise<void> {
  await kit.db.query('UPDATE referral SET sent_at = $2, acknowledge_by = $3 WHERE id = $1', [referralId, sent, acknowledgeBy]);
  if (decided) {
    await kit.db.query(
      `UPDATE referral SET acknowledged_at = CASE WHEN acknowledged_at IS NULL THEN NULL ELSE $2::timestamptz END,
              decided_at = CASE WHEN decided_at IS NULL THEN NULL ELSE $2::timestamptz END WHERE id = $1`,
      [referralId, decided],
    );
  }
}

// ---- Steps used by several episodes ----------------------------------------------------------------

/** Adds actions on the day they were agreed, each due so many days ago, and marks them as they ended. */
export async function addActions(
  kit: DemoKit,
  assessmentId: string,
  plan: [owner: string, need: string, action: string, dueDaysAgo: number, status: 'not started' | 'in progress' | 'done' | 'cancelled'][],
  agreedDaysAgo: number,
  updatedDaysAgo: number,
): Promise<string[]> {
  const teacherOrAssessor = await assessorOf(kit, assessmentId);
  const ids: string[] = [];
  for (const [owner, need, action, due, status] of plan) {
    const actionId = await kit.assessment.team.addAction(
      teacherOrAssessor,
      assessmentId,
      { need, action, ownerTeamMemberId: owner, dueOn: kit.daysAgo(due) },
      kit.ctx,
    );
    if (status !== 'not started') await kit.assessment.team.setActionStatus(teacherOrAssessor, assessmentId, actionId, status, kit.ctx);
    await datedAction(kit, actionId, kit.at(agreedDaysAgo, 90), kit.at(status === 'not started' ? agreedDaysAgo : updatedDaysAgo, 90));
    ids.push(actionId);
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

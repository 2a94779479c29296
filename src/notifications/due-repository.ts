import type { Queryable } from '../platform/db.js';

/**
 * The questions of the periodic job (notifyDue). They read the assessment feature's tables and
 * write none of them: what they find becomes notices through notify, in notifications' own tables.
 */

/** Referrals not yet acknowledged after their deadline, with the receiving organisation's managers. */
export async function listOverdueReferralManagers(q: Queryable, today: string): Promise<{ referralId: string; userId: string }[]> {
  return q.query(
    `SELECT r.id AS "referralId", u.id AS "userId"
       FROM referral r
       JOIN app_user u ON u.organisation_id = r.to_organisation_id AND u.role = 'practice_manager' AND u.disabled_at IS NULL
      WHERE r.acknowledged_at IS NULL AND r.decision IS NULL AND r.acknowledge_by < $1::date
      ORDER BY r.acknowledge_by, r.id`,
    [today],
  );
}

/** Open actions due today or before, with the user who owns each (a team member who has an account). */
export async function listDueActionOwners(
  q: Queryable,
  today: string,
): Promise<{ actionId: string; assessmentId: string; userId: string }[]> {
  return q.query(
    `SELECT a.id AS "actionId", a.assessment_id AS "assessmentId", tm.user_id AS "userId"
       FROM action_item a
       JOIN team_member tm ON tm.id = a.owner_team_member_id AND tm.user_id IS NOT NULL
      WHERE a.status IN ('not started', 'in progress') AND a.due_on <= $1::date
      ORDER BY a.due_on, a.id`,
    [today],
  );
}

/**
 * Each active user's latest training or check of each kind that lapses after today and on or before
 * `until` (admin's user_training, read only): the record's id, so a renewal that lapses in turn is told again.
 */
export async function listLapsingTraining(q: Queryable, today: string, until: string): Promise<{ trainingId: string; userId: string }[]> {
  return q.query(
    `SELECT latest.id AS "trainingId", latest.user_id AS "userId"
       FROM (SELECT DISTINCT ON (t.user_id, t.kind) t.id, t.user_id, t.expires_on
               FROM user_training t
              ORDER BY t.user_id, t.kind, t.expires_on DESC) latest
       JOIN app_user u ON u.id = latest.user_id AND u.disabled_at IS NULL
      WHERE latest.expires_on > $1::date AND latest.expires_on <= $2::date
      ORDER BY latest.expires_on, latest.id`,
    [today, until],
  );
}

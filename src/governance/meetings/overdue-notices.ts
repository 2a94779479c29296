import { notify, type DueNotices } from '../../notifications/index.js';
import type { Queryable } from '../../platform/db.js';
import { businessPaths } from './paths.js';

/**
 * Unfinished actions set at a body's meetings and past their due date, with each person to tell: the
 * action's owner (a user, or a seated member with a sign-in) and the body's chair, vice-chair and
 * secretariat seated today, who hold members to account (issue 16 item 6).
 */
export async function listOverdueActionsToTell(q: Queryable, today: string): Promise<{ actionId: string; bodyId: string; userId: string }[]> {
  return q.query(
    `SELECT DISTINCT a.id AS "actionId", m.body_id AS "bodyId", told.user_id AS "userId", a.due_on
       FROM governance_action a
       JOIN governance_meeting m ON m.id = a.meeting_id
       LEFT JOIN governance_member owner ON owner.id = a.owner_member_id
       CROSS JOIN LATERAL (
         SELECT COALESCE(a.owner_user_id, owner.user_id) AS user_id
         UNION
         SELECT c.user_id FROM governance_member c
          WHERE c.body_id = m.body_id AND c.user_id IS NOT NULL AND c.member_role IN ('chair', 'vice_chair', 'secretariat')
            AND c.from_date <= $1::date AND (c.to_date IS NULL OR c.to_date >= $1::date)
       ) told
       JOIN app_user u ON u.id = told.user_id AND u.disabled_at IS NULL
      WHERE a.status IN ('open', 'in_progress') AND a.due_on < $1::date
      ORDER BY a.due_on, a.id, told.user_id`,
    [today],
  );
}

/** The periodic job's part for governance: each person told once about each overdue action (notification.about). */
export const overdueActionNotices: DueNotices = async (tx, today, now) => {
  let told = 0;
  for (const a of await listOverdueActionsToTell(tx, today))
    told += await notify(tx, { userIds: [a.userId], event: 'governance.action_overdue', link: businessPaths.bodyActions(a.bodyId), about: a.actionId, at: now });
  return told;
};

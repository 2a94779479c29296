import type { Queryable, Tx } from '../../platform/db.js';

/** Oversight's SQL: reviews of views by people not involved, and the audit trail of one child. Takes db or tx first. */

export interface AccessEntry {
  occurredAt: Date;
  who: string;
  role: string | null;
  action: string;
  reason: string | null;
  ip: string;
}

export interface AccessReview {
  id: string;
  childId: string;
  childName: string;
  viewerName: string;
  viewerOrganisation: string;
  reason: string;
  viewedAt: Date;
}

/** A review waiting, with whether the child's record is shielded and by whom (to name it only to those who may see it). */
export type PendingAccessReview = AccessReview & { shielded: boolean; shieldedBy: string | null };

/** Every audit entry of the area's chain that touched the child (searches that returned it, views, changes), newest first. */
export async function listAccessToChild(db: Queryable, areaCode: string, childId: string): Promise<AccessEntry[]> {
  return db.query<AccessEntry>(
    `SELECT occurred_at AS "occurredAt", actor_label AS who, actor_role AS role, action, reason, ip
       FROM audit_event
      WHERE chain = $1 AND (details -> 'childIds') @> to_jsonb(ARRAY[$2::text])
      ORDER BY seq DESC`,
    [areaCode, childId],
  );
}

/** Views waiting for review in the area, oldest first, leaving out the reviewer's own; at most 200. */
export async function listPendingReviews(tx: Tx, areaCode: string, reviewerId: string): Promise<PendingAccessReview[]> {
  return tx.query<PendingAccessReview>(
    `SELECT r.id, r.child_id AS "childId", c.given_name || ' ' || c.family_name AS "childName", u.display_name AS "viewerName",
            o.name AS "viewerOrganisation", r.reason, r.viewed_at AS "viewedAt",
            c.shielded_at IS NOT NULL AS shielded, c.shielded_by_organisation_id AS "shieldedBy"
       FROM access_review r
       JOIN child c ON c.id = r.child_id
       JOIN app_user u ON u.id = r.user_id
       JOIN organisation o ON o.id = u.organisation_id
      WHERE r.area_code = $1 AND r.reviewed_at IS NULL AND r.user_id <> $2
      ORDER BY r.viewed_at
      LIMIT 200`,
    [areaCode, reviewerId],
  );
}

/** The review, locked for recording its outcome; undefined when the area holds no such review. */
export async function lockReview(
  tx: Tx,
  areaCode: string,
  reviewId: string,
): Promise<{ userId: string; childId: string; reviewedAt: Date | null } | undefined> {
  const [row] = await tx.query<{ user_id: string; child_id: string; reviewed_at: Date | null }>(
    'SELECT user_id, child_id, reviewed_at FROM access_review WHERE id = $1 AND area_code = $2 FOR UPDATE',
    [reviewId, areaCode],
  );
  return row ? { userId: row.user_id, childId: row.child_id, reviewedAt: row.reviewed_at } : undefined;
}

export async function recordReviewOutcome(
  tx: Tx,
  reviewId: string,
  reviewedBy: string,
  outcome: string,
  comment: string,
  reviewedAt: Date,
): Promise<void> {
  await tx.query('UPDATE access_review SET reviewed_by = $2, reviewed_at = $4, outcome = $3, comment = $5 WHERE id = $1', [
    reviewId,
    reviewedBy,
    outcome,
    reviewedAt,
    comment,
  ]);
}

/** A review a manager has decided: its outcome, their comment, who and when. */
export type DecidedAccessReview = AccessReview & { outcome: string; comment: string; reviewedBy: string; reviewedAt: Date };

/** The area's latest decided reviews, newest first; at most 20. */
export async function listRecentReviews(tx: Tx, areaCode: string): Promise<(DecidedAccessReview & { shielded: boolean; shieldedBy: string | null })[]> {
  return tx.query(
    `SELECT r.id, r.child_id AS "childId", c.given_name || ' ' || c.family_name AS "childName", u.display_name AS "viewerName",
            o.name AS "viewerOrganisation", r.reason, r.viewed_at AS "viewedAt", r.outcome, r.comment,
            rb.display_name AS "reviewedBy", r.reviewed_at AS "reviewedAt",
            c.shielded_at IS NOT NULL AS shielded, c.shielded_by_organisation_id AS "shieldedBy"
       FROM access_review r
       JOIN child c ON c.id = r.child_id
       JOIN app_user u ON u.id = r.user_id
       JOIN organisation o ON o.id = u.organisation_id
       JOIN app_user rb ON rb.id = r.reviewed_by
      WHERE r.area_code = $1 AND r.reviewed_at IS NOT NULL
      ORDER BY r.reviewed_at DESC, r.id
      LIMIT 20`,
    [areaCode],
  );
}

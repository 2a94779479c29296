import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';

/** Access grants' SQL (child_access_grant, migration 0025): a reason given opens one record to one user for a while. */

export interface AccessGrant {
  id: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

export async function insertGrant(
  tx: Tx,
  g: { areaCode: string; childId: string; userId: string; reason: string; auditEventId: string; grantedAt: Date; expiresAt: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO child_access_grant (area_code, child_id, user_id, reason, audit_event_id, granted_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [g.areaCode, g.childId, g.userId, g.reason, g.auditEventId, g.grantedAt, g.expiresAt],
  );
  return row.id;
}

/** The user's latest grant to this record still in force at `now` (the clock's), if any. */
export async function findLiveGrant(
  db: Queryable,
  g: { areaCode: string; childId: string; userId: string; now: Date },
): Promise<AccessGrant | undefined> {
  const [row] = await db.query<{ id: string; reason: string; granted_at: Date; expires_at: Date }>(
    `SELECT id, reason, granted_at, expires_at FROM child_access_grant
      WHERE user_id = $1 AND child_id = $2 AND area_code = $3 AND granted_at <= $4 AND expires_at > $4
      ORDER BY expires_at DESC LIMIT 1`,
    [g.userId, g.childId, g.areaCode, g.now],
  );
  return row ? { id: row.id, reason: row.reason, grantedAt: new Date(row.granted_at), expiresAt: new Date(row.expires_at) } : undefined;
}

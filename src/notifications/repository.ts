import { insertReturning, prepared, type Queryable, type Tx } from '../platform/db.js';
import type { Role } from '../platform/policy.js';
import type { Channel, EventType } from './events.js';
import type { Notification } from './types.js';

/** Who is told: named users, an organisation's people (in some roles), a team around a child, or an area's designated safeguarding leads. */
export type Recipients =
  | { userIds: readonly string[] }
  | { organisationId: string; roles?: readonly Role[] }
  | { teamOfAssessment: string }
  | { designatedSafeguardingLeadsOf: string };

export interface Recipient {
  userId: string;
  areaCode: string;
  email: string;
  channel: Channel;
}

/** The people a notice goes to, each with the channel they chose for this kind of event. Closed accounts hear nothing. */
export async function findRecipients(q: Queryable, who: Recipients, event: EventType, exceptUserId: string | null): Promise<Recipient[]> {
  let where: string;
  let params: unknown[];
  if ('userIds' in who) {
    where = 'u.id = ANY ($3::uuid[])';
    params = [[...who.userIds]];
  } else if ('organisationId' in who) {
    where = 'u.organisation_id = $3 AND ($4::text[] IS NULL OR u.role = ANY ($4::text[]))';
    params = [who.organisationId, who.roles ? [...who.roles] : null];
  } else if ('teamOfAssessment' in who) {
    // Read, never written, here: the team is the assessment feature's table.
    where = 'u.id IN (SELECT tm.user_id FROM team_member tm WHERE tm.assessment_id = $3 AND tm.left_on IS NULL)';
    params = [who.teamOfAssessment];
  } else {
    where = 'u.area_code = $3 AND u.designated_safeguarding';
    params = [who.designatedSafeguardingLeadsOf];
  }
  return q.query<Recipient>(
    `SELECT u.id AS "userId", u.area_code AS "areaCode", u.email, COALESCE(p.channel, 'in_app') AS channel
       FROM app_user u
       LEFT JOIN notification_preference p ON p.user_id = u.id AND p.event_type = $1
      WHERE u.disabled_at IS NULL AND u.id IS DISTINCT FROM $2::uuid AND ${where}
      ORDER BY u.email`,
    [event, exceptUserId, ...params],
  );
}

export interface NewNotification {
  userId: string;
  areaCode: string;
  event: EventType;
  title: string;
  link: string;
  about: string | null;
  /** Null: the database's time (an event's own transaction); a periodic job passes its clock's. */
  createdAt: Date | null;
}

/** A notice for one user; undefined when a periodic notice about the same thing was already given. */
export async function insertNotification(tx: Tx, n: NewNotification): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO notification (user_id, event_type, title, link, about, created_at, area_code)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6, now()), $7)
     ON CONFLICT (user_id, event_type, about) WHERE about IS NOT NULL DO NOTHING
     RETURNING id`,
    [n.userId, n.event, n.title, n.link, n.about, n.createdAt, n.areaCode],
  );
  return row?.id;
}

export interface NewMail {
  areaCode: string;
  notificationId: string;
  to: string;
  subject: string;
  bodyText: string;
  link: string;
  createdAt: Date | null;
}

export async function insertMail(tx: Tx, m: NewMail): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO mail_outbox (notification_id, to_address, subject, body_text, link, created_at, next_attempt_at, area_code)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6, now()), COALESCE($6, now()), $7) RETURNING id`,
    [m.notificationId, m.to, m.subject, m.bodyText, m.link, m.createdAt, m.areaCode],
  );
  return row.id;
}

const UNREAD_COUNT = prepared(
  'notification_unread_count',
  'SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL',
);

/** The header's number, on every page: one index-only count. */
export async function countUnread(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(UNREAD_COUNT, [userId]);
  return row?.n ?? 0;
}

const NOTIFICATION_COLUMNS = 'id, event_type AS event, title, link, created_at AS "createdAt", read_at AS "readAt"';

/** A page of the user's own notices, newest first. */
export async function listNotifications(q: Queryable, userId: string, page: { limit: number; offset: number }): Promise<Notification[]> {
  return q.query<Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
    [userId, page.limit, page.offset],
  );
}

/** How many notices the user has in all, and how many of them are unread. */
export async function countNotifications(q: Queryable, userId: string): Promise<{ total: number; unread: number }> {
  const [row] = await q.query<{ total: number; unread: number }>(
    'SELECT count(*)::int AS total, (count(*) FILTER (WHERE read_at IS NULL))::int AS unread FROM notification WHERE user_id = $1',
    [userId],
  );
  return row ?? { total: 0, unread: 0 };
}

/**
 * Marks one of the user's own notices read (a notice already read keeps its first reading); gives it
 * back with whether this call read it, or undefined when there is no such notice of theirs. The row
 * is locked first, so of two readings at once only one is the first.
 */
export async function markRead(
  tx: Tx,
  userId: string,
  id: string,
  at: Date,
): Promise<{ notification: Notification; newlyRead: boolean } | undefined> {
  const [found] = await tx.query<Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE id = $1 AND user_id = $2 FOR UPDATE`,
    [id, userId],
  );
  if (found === undefined) return undefined;
  if (found.readAt !== null) return { notification: found, newlyRead: false };
  await tx.query('UPDATE notification SET read_at = $2 WHERE id = $1', [id, at]);
  return { notification: { ...found, readAt: at }, newlyRead: true };
}

/** Marks every unread notice of the user's read; gives back the ids it marked. */
export async function markAllRead(tx: Tx, userId: string, at: Date): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id', [
    userId,
    at,
  ]);
  return rows.map((r) => r.id);
}

export async function listPreferences(q: Queryable, userId: string): Promise<{ event: string; channel: Channel }[]> {
  return q.query('SELECT event_type AS event, channel FROM notification_preference WHERE user_id = $1', [userId]);
}

export async function setPreference(tx: Tx, userId: string, event: EventType, channel: Channel, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO notification_preference (user_id, event_type, channel, changed_at, area_code)
     SELECT $1, $2, $3, $4, u.area_code FROM app_user u WHERE u.id = $1
     ON CONFLICT (user_id, event_type) DO UPDATE SET channel = EXCLUDED.channel, changed_at = EXCLUDED.changed_at`,
    [userId, event, channel, at],
  );
}

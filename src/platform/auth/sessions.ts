import crypto from 'node:crypto';
import { prepared, type Queryable } from '../db.js';
import { toUser, USER_FROM, USER_PUBLIC_COLUMNS, type PublicUserRow, type User } from './repository.js';

/** Server-side sessions: the cookie holds a random token; the database holds only its hash. */

export interface Session {
  id: string;
  userId: string;
  areaCode: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  secondFactorAt: Date | null;
  ip: string;
  userAgent: string;
}

/**
 * A course or check the user has on record, by its dates: the session read carries them all so the
 * child index's authorised-user rule (children/authorised-users.ts) needs no query of its own on
 * every request (ADR 0047). Owned and written by admin (user_training).
 */
export interface TrainingDates {
  kind: string;
  completedOn: string;
  expiresOn: string;
}

/** A signed-in request's session, its user and the user's training dates. */
export interface LiveSession {
  session: Session;
  user: User;
  training: TrainingDates[];
}

interface SessionRow {
  id: string;
  user_id: string;
  area_code: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  second_factor_at: Date | null;
  ip: string;
  user_agent: string;
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    areaCode: row.area_code,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    secondFactorAt: row.second_factor_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function insertSession(
  db: Queryable,
  s: { userId: string; areaCode: string; absoluteHours: number; ip: string; userAgent: string },
): Promise<{ token: string; session: Session }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const [row] = await db.query<SessionRow>(
    `INSERT INTO user_session (token_hash, user_id, area_code, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6)
     RETURNING *`,
    [hashToken(token), s.userId, s.areaCode, s.absoluteHours, s.ip, s.userAgent.slice(0, 500)],
  );
  if (!row) throw new Error('insert returned no row');
  return { token, session: toSession(row) };
}

/** Every signed-in request runs it: prepared, so the server plans the join once per connection. */
const LIVE_SESSION = prepared(
  'auth.live_session',
  `SELECT ${USER_PUBLIC_COLUMNS}, s.id AS session_id, s.user_id AS session_user_id, s.area_code AS session_area_code,
          s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, s.expires_at AS session_expires_at,
          s.second_factor_at AS session_second_factor_at, s.ip AS session_ip, s.user_agent AS session_user_agent,
          s.last_seen_at < now() - make_interval(secs => least(60, $2::int * 15)::float8) AS needs_touch,
          (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'completedOn', t.completed_on, 'expiresOn', t.expires_on)
                                    ORDER BY t.kind, t.expires_on DESC), '[]'::json)
             FROM user_training t WHERE t.user_id = u.id) AS training
     FROM user_session s JOIN ${USER_FROM} ON u.id = s.user_id
    WHERE s.token_hash = $1
      AND s.ended_at IS NULL
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => $2)
      AND u.disabled_at IS NULL`,
);

/**
 * The live session for a token, with its user and their training dates, in one query: not ended, within its absolute
 * lifetime and not idle too long, and the user not disabled. Every signed-in request starts
 * here, so it is one round trip. last_seen_at is written at most once a minute, and at least every
 * quarter of the idle limit, so an active session never idles out (SESSION_IDLE_MINUTES=1 included).
 */
export async function findLiveSession(db: Queryable, token: string, idleMinutes: number): Promise<LiveSession | undefined> {
  const [row] = await db.query<
    PublicUserRow & { [K in keyof SessionRow as `session_${K}`]: SessionRow[K] } & { needs_touch: boolean; training: TrainingDates[] }
  >(LIVE_SESSION, [hashToken(token), idleMinutes]);
  if (!row) return undefined;
  if (row.needs_touch) await db.query('UPDATE user_session SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  // The session_ columns, unprefixed, are a SessionRow.
  const sessionRow = Object.fromEntries(
    Object.entries(row).flatMap(([key, value]) => (key.startsWith('session_') ? [[key.slice('session_'.length), value]] : [])),
  ) as unknown as SessionRow;
  return { session: toSession(sessionRow), user: toUser(row), training: row.training };
}

export async function markSecondFactor(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE user_session SET second_factor_at = now() WHERE id = $1', [sessionId]);
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE user_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
}

/** Every other live session of the user (after a password change): the one in use stays. */
export async function endOtherSessions(db: Queryable, userId: string, keepSessionId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE user_session SET ended_at = now() WHERE user_id = $1 AND id <> $2 AND ended_at IS NULL RETURNING id',
    [userId, keepSessionId],
  );
  return rows.length;
}

/** A new token for a session whose privilege has just risen (second factor accepted): a planted cookie stops working. */
export async function rotateToken(db: Queryable, sessionId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.query('UPDATE user_session SET token_hash = $2 WHERE id = $1', [sessionId, hashToken(token)]);
  return token;
}

export async function endAllSessions(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query('UPDATE user_session SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL RETURNING id', [userId]);
  return rows.length;
}

export async function listLiveSessions(db: Queryable, userId: string, idleMinutes: number): Promise<Session[]> {
  const rows = await db.query<SessionRow>(
    `SELECT * FROM user_session
      WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now()
        AND last_seen_at > now() - make_interval(mins => $2)
      ORDER BY last_seen_at DESC`,
    [userId, idleMinutes],
  );
  return rows.map(toSession);
}

import type { Queryable, Tx } from '../platform/db.js';
import { ROLES, type Role } from '../platform/policy.js';
import { TRAINING_KINDS, type TrainingKind, type TrainingRecord } from './training.js';

/** Training and vetting records (user_training, owned by admin): one function per question. */

interface TrainingRow {
  id: string;
  userId: string;
  kind: string;
  completedOn: string;
  expiresOn: string;
  recordedAt: Date;
}

const TRAINING_COLUMNS = `id, user_id AS "userId", kind, completed_on::text AS "completedOn", expires_on::text AS "expiresOn",
  recorded_at AS "recordedAt"`;

const toRecord = (row: TrainingRow): TrainingRecord => ({
  id: row.id,
  userId: row.userId,
  kind: TRAINING_KINDS.parse(row.kind),
  completedOn: row.completedOn,
  expiresOn: row.expiresOn,
  recordedAt: new Date(row.recordedAt).toISOString(),
});

export interface NewTraining {
  areaCode: string;
  userId: string;
  kind: TrainingKind;
  completedOn: string;
  expiresOn: string;
  recordedBy: string | null;
  recordedAt: Date;
}

export async function insertTraining(tx: Tx, t: NewTraining): Promise<TrainingRecord> {
  const [row] = await tx.query<TrainingRow>(
    `INSERT INTO user_training (area_code, user_id, kind, completed_on, expires_on, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${TRAINING_COLUMNS}`,
    [t.areaCode, t.userId, t.kind, t.completedOn, t.expiresOn, t.recordedBy, t.recordedAt],
  );
  if (!row) throw new Error('insert returned no row');
  return toRecord(row);
}

export async function listTrainingOfUser(q: Queryable, userId: string): Promise<TrainingRecord[]> {
  const rows = await q.query<TrainingRow>(
    `SELECT ${TRAINING_COLUMNS} FROM user_training WHERE user_id = $1 ORDER BY expires_on DESC, kind`,
    [userId],
  );
  return rows.map(toRecord);
}

export interface DueRow {
  userId: string;
  displayName: string;
  email: string;
  organisationName: string;
  kind: string;
  expiresOn: string | null;
}

/**
 * Active users of an area (of one organisation, when given) whose training of a kind lapses on or
 * before `until`, with those on the front line who never had a required kind recorded (expiresOn null).
 */
export async function listTrainingDue(
  q: Queryable,
  p: { areaCode: string; organisationId: string | null; until: string; required: readonly TrainingKind[] },
): Promise<DueRow[]> {
  return q.query<DueRow>(
    `WITH latest AS (
       SELECT user_id, kind, max(expires_on) AS expires_on FROM user_training WHERE area_code = $1 GROUP BY user_id, kind
     ), wanted AS (
       SELECT u.id AS user_id, k.kind
         FROM app_user u CROSS JOIN unnest($4::text[]) AS k(kind)
        WHERE u.area_code = $1 AND u.role IN ('practitioner', 'practice_manager')
       UNION
       SELECT user_id, kind FROM latest
     )
     SELECT u.id AS "userId", u.display_name AS "displayName", u.email, o.name AS "organisationName", w.kind,
            l.expires_on::text AS "expiresOn"
       FROM wanted w
       JOIN app_user u ON u.id = w.user_id
       JOIN organisation o ON o.id = u.organisation_id
       LEFT JOIN latest l ON l.user_id = w.user_id AND l.kind = w.kind
      WHERE u.disabled_at IS NULL AND ($2::uuid IS NULL OR u.organisation_id = $2::uuid)
        AND (l.expires_on IS NULL OR l.expires_on <= $3::date)
      ORDER BY l.expires_on NULLS FIRST, u.display_name, u.email, w.kind`,
    [p.areaCode, p.organisationId, p.until, p.required],
  );
}

/** Whom a user asks about their training: their organisation's practice managers, then the area's administrators (active, not themselves). */
export async function listTrainingContacts(
  q: Queryable,
  user: { id: string; areaCode: string; organisationId: string },
): Promise<{ displayName: string; email: string; role: Role }[]> {
  const rows = await q.query<{ displayName: string; email: string; role: string }>(
    `SELECT display_name AS "displayName", email, role FROM app_user
      WHERE area_code = $1 AND disabled_at IS NULL AND id <> $3
        AND (role = 'area_admin' OR (role = 'practice_manager' AND organisation_id = $2))
      ORDER BY role = 'area_admin', display_name
      LIMIT 6`,
    [user.areaCode, user.organisationId, user.id],
  );
  return rows.map((r) => ({ ...r, role: ROLES.parse(r.role) }));
}

/** Records a course or check unless the user already has one of that kind (the demo's users, loaded again). True when added. */
export async function insertTrainingIfNone(tx: Tx, t: NewTraining): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO user_training (area_code, user_id, kind, completed_on, expires_on, recorded_by, recorded_at)
     SELECT $1, $2, $3, $4, $5, $6, $7
      WHERE NOT EXISTS (SELECT 1 FROM user_training WHERE user_id = $2 AND kind = $3)
     RETURNING id`,
    [t.areaCode, t.userId, t.kind, t.completedOn, t.expiresOn, t.recordedBy, t.recordedAt],
  );
  return rows.length > 0;
}

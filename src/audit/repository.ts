import type { Queryable } from '../platform/db.js';

/** The audit trail viewer's SQL: one area's chain, read only (the application may not change it). */

export interface AuditEventView {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  ip: string;
  requestId: string;
  details: Record<string, unknown>;
}

/** The filters, each optional; dates are whole days in UK time, both ends included. */
export interface AuditFilter {
  areaCode: string;
  /** 'YYYY-MM-DD': entries on or after the start of that day (Europe/London). */
  from?: string;
  /** 'YYYY-MM-DD': entries up to the end of that day (Europe/London). */
  to?: string;
  /** Who acted: a user's id. */
  personId?: string;
  action?: string;
  /** A child the entry is about: its subject, or one of the children it named (details.childIds). */
  childId?: string;
  /** Email or name containing this text (the JSON API's older filter). */
  actor?: string;
  subjectId?: string;
}

const WHERE = `chain = $1
        AND ($2::date IS NULL OR occurred_at >= ($2::date::timestamp AT TIME ZONE 'Europe/London'))
        AND ($3::date IS NULL OR occurred_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/London'))
        AND ($4::uuid IS NULL OR actor_user_id = $4)
        AND ($5::text IS NULL OR action = $5)
        AND ($6::text IS NULL OR (subject_type = 'child' AND subject_id = $6) OR (details -> 'childIds') @> to_jsonb(ARRAY[$6::text]))
        AND ($7::text IS NULL OR actor_label ILIKE '%' || $7 || '%')
        AND ($8::text IS NULL OR subject_id = $8)`;

const params = (f: AuditFilter) => [
  f.areaCode,
  f.from ?? null,
  f.to ?? null,
  f.personId ?? null,
  f.action ?? null,
  f.childId ?? null,
  f.actor ?? null,
  f.subjectId ?? null,
];

const COLUMNS = `seq, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_label AS "actorLabel", actor_role AS "actorRole",
       action, outcome, subject_type AS "subjectType", subject_id AS "subjectId", reason, ip, request_id AS "requestId", details`;

/** How many entries match. */
export async function countAuditEvents(db: Queryable, f: AuditFilter): Promise<number> {
  const [row] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_event WHERE ${WHERE}`, params(f));
  return row?.total ?? 0;
}

/** One page of matching entries, newest first. */
export async function listAuditEvents(db: Queryable, f: AuditFilter, page: { offset: number; limit: number }): Promise<AuditEventView[]> {
  return db.query<AuditEventView>(`SELECT ${COLUMNS} FROM audit_event WHERE ${WHERE} ORDER BY seq DESC LIMIT $9 OFFSET $10`, [
    ...params(f),
    page.limit,
    page.offset,
  ]);
}

/** The next batch of matching entries older than `beforeSeq` (all, when null), newest first: an export's keyset paging. */
export async function listAuditEventsBefore(
  db: Queryable,
  f: AuditFilter,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditEventView[]> {
  return db.query<AuditEventView>(
    `SELECT ${COLUMNS} FROM audit_event WHERE ${WHERE} AND ($9::bigint IS NULL OR seq < $9) ORDER BY seq DESC LIMIT $10`,
    [...params(f), beforeSeq, limit],
  );
}

/** The action codes the area's trail holds. */
export async function listAuditActions(db: Queryable, areaCode: string): Promise<string[]> {
  const rows = await db.query<{ action: string }>('SELECT DISTINCT action FROM audit_event WHERE chain = $1 ORDER BY action', [areaCode]);
  return rows.map((r) => r.action);
}

export interface AuditPerson {
  id: string;
  name: string;
  email: string;
}

/** The area's users, closed accounts included (their entries stay in the trail), by name. */
export async function listAreaPeople(db: Queryable, areaCode: string): Promise<AuditPerson[]> {
  return db.query<AuditPerson>('SELECT id, display_name AS name, email FROM app_user WHERE area_code = $1 ORDER BY display_name, email', [
    areaCode,
  ]);
}

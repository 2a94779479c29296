import type { Queryable } from '../platform/db.js';

export interface AuditEventView {
  seq: number;
  occurredAt: Date;
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

export interface AuditFilter {
  areaCode: string;
  action?: string;
  actor?: string;
  subjectId?: string;
  beforeSeq?: number;
  limit: number;
}

/** Newest first, one area's chain, each filter optional. */
export async function listAuditEvents(db: Queryable, f: AuditFilter): Promise<AuditEventView[]> {
  return db.query<AuditEventView>(
    `SELECT seq, occurred_at AS "occurredAt", actor_label AS "actorLabel", actor_role AS "actorRole", action, outcome,
            subject_type AS "subjectType", subject_id AS "subjectId", reason, ip, request_id AS "requestId", details
       FROM audit_event
      WHERE chain = $1
        AND ($2::text IS NULL OR action = $2)
        AND ($3::text IS NULL OR actor_label ILIKE '%' || $3 || '%')
        AND ($4::text IS NULL OR subject_id = $4)
        AND ($5::bigint IS NULL OR seq < $5)
      ORDER BY seq DESC
      LIMIT $6`,
    [f.areaCode, f.action ?? null, f.actor ?? null, f.subjectId ?? null, f.beforeSeq ?? null, f.limit],
  );
}

export async function listAuditActions(db: Queryable, areaCode: string): Promise<string[]> {
  const rows = await db.query<{ action: string }>('SELECT DISTINCT action FROM audit_event WHERE chain = $1 ORDER BY action', [areaCode]);
  return rows.map((r) => r.action);
}

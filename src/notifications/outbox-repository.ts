import { defineEnum, type EnumValue } from '../platform/enums.js';
import type { Queryable, Tx } from '../platform/db.js';

export const MAIL_STATUSES = defineEnum(['pending', 'sent', 'abandoned']);
export type MailStatus = EnumValue<typeof MAIL_STATUSES>;

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  bodyText: string;
  link: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = `id, to_address AS "to", subject, body_text AS "bodyText", link, status, attempts, next_attempt_at AS "nextAttemptAt",
  last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"`;

/** The operator's view: newest first, whatever its status. */
export async function listOutbox(q: Queryable, limit: number): Promise<OutboxMail[]> {
  return q.query<OutboxMail>(`SELECT ${COLUMNS} FROM mail_outbox ORDER BY created_at DESC, id LIMIT $1`, [limit]);
}

/**
 * Takes up to `limit` messages that are due, and holds them for `leaseSeconds` by moving their next
 * attempt on: a second sender (another server on the same database) skips them, and a sender that
 * dies mid-send leaves them to be tried again once the lease ends.
 */
export async function claimDueMail(tx: Tx, now: Date, limit: number, leaseSeconds: number): Promise<OutboxMail[]> {
  return tx.query<OutboxMail>(
    `UPDATE mail_outbox SET next_attempt_at = $1::timestamptz + make_interval(secs => $3)
      WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING ${COLUMNS}`,
    [now, limit, leaseSeconds],
  );
}

export async function markMailSent(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE mail_outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [id, at]);
}

/** A failed attempt: counted, its error kept, and the next one later (or none: abandoned). */
export async function markMailFailed(q: Queryable, id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
  await q.query(
    `UPDATE mail_outbox
        SET attempts = attempts + 1, last_error = $2,
            status = CASE WHEN $3::timestamptz IS NULL THEN 'abandoned' ELSE 'pending' END,
            next_attempt_at = COALESCE($3::timestamptz, next_attempt_at)
      WHERE id = $1`,
    [id, error, nextAttemptAt],
  );
}

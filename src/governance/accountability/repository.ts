import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { COMMITMENT_STATUSES, type Commitment, type CommitmentStatus } from './types.js';

/** Accountability's SQL (migration 0044): partners' commitments and their progress notes. Takes db or tx first. */

type Row = Omit<Commitment, 'notes' | 'status'> & { status: string };

const COLUMNS = `c.id, c.body_id AS "bodyId", b.name AS "bodyName", c.organisation_id AS "organisationId", o.name AS "organisationName",
  c.description, to_char(c.agreed_on, 'YYYY-MM-DD') AS "agreedOn", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.status,
  (c.status NOT IN ('met', 'withdrawn') AND c.due_on < $2::date) AS overdue`;
const FROM = 'governance_commitment c JOIN governance_body b ON b.id = c.body_id JOIN organisation o ON o.id = c.organisation_id';

async function withNotes(db: Queryable, rows: Row[]): Promise<Commitment[]> {
  const notes = await db.query<{ commitmentId: string; id: string; note: string; status: string; writtenAt: Date; writtenByName: string }>(
    `SELECT commitment_id AS "commitmentId", id, note, status, written_at AS "writtenAt", written_by_name AS "writtenByName"
       FROM governance_commitment_note WHERE commitment_id = ANY($1::uuid[]) ORDER BY written_at, id`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    ...r,
    status: COMMITMENT_STATUSES.parse(r.status),
    notes: notes
      .filter((n) => n.commitmentId === r.id)
      .map((n) => ({ id: n.id, note: n.note, status: COMMITMENT_STATUSES.parse(n.status), writtenAt: n.writtenAt.toISOString(), writtenByName: n.writtenByName })),
  }));
}

/** A partner's commitments to the bodies listed, by due date. */
export async function listCommitmentsOfOrganisation(db: Queryable, organisationId: string, bodyIds: readonly string[], today: string): Promise<Commitment[]> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.organisation_id = $1 AND c.body_id = ANY($3::uuid[]) ORDER BY c.due_on, c.id`, [
    organisationId,
    today,
    bodyIds,
  ]);
  return withNotes(db, rows);
}

export async function findCommitment(db: Queryable, areaCode: string, id: string, today: string): Promise<Commitment | undefined> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1 AND c.area_code = $3`, [id, today, areaCode]);
  return (await withNotes(db, rows))[0];
}

/** Each partner of the area with its commitments to the bodies listed: how many, how many overdue. */
export async function countCommitmentsByOrganisation(
  db: Queryable,
  areaCode: string,
  bodyIds: readonly string[],
  today: string,
): Promise<{ organisationId: string; organisationName: string; commitments: number; overdue: number; met: number }[]> {
  return db.query(
    `SELECT o.id AS "organisationId", o.name AS "organisationName", count(c.id)::int AS commitments,
            count(c.id) FILTER (WHERE c.status NOT IN ('met', 'withdrawn') AND c.due_on < $2::date)::int AS overdue,
            count(c.id) FILTER (WHERE c.status = 'met')::int AS met
       FROM organisation o LEFT JOIN governance_commitment c ON c.organisation_id = o.id AND c.body_id = ANY($3::uuid[])
      WHERE o.area_code = $1 AND (o.closed_on IS NULL OR c.id IS NOT NULL)
      GROUP BY o.id, o.name ORDER BY o.name`,
    [areaCode, today, bodyIds],
  );
}

export async function insertCommitment(
  tx: Tx,
  c: { areaCode: string; bodyId: string; organisationId: string; description: string; agreedOn: string; dueOn: string; status: CommitmentStatus; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_commitment (area_code, body_id, organisation_id, description, agreed_on, due_on, status, created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [c.areaCode, c.bodyId, c.organisationId, c.description, c.agreedOn, c.dueOn, c.status, c.at],
  );
  return row.id;
}

/** A progress note, and the status it gives the commitment. */
export async function insertNote(
  tx: Tx,
  n: { areaCode: string; commitmentId: string; note: string; status: CommitmentStatus; by: string | null; byName: string; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_commitment_note (area_code, commitment_id, note, status, written_at, written_by, written_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [n.areaCode, n.commitmentId, n.note, n.status, n.at, n.by, n.byName],
  );
  await tx.query('UPDATE governance_commitment SET status = $2, changed_at = $3 WHERE id = $1', [n.commitmentId, n.status, n.at]);
  return row.id;
}

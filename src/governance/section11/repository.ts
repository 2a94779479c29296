import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { SECTION11_AUDIT_STATUSES, SECTION11_RATINGS, type Section11Rating, type Section11Standard } from './standards.js';
import type { AgencyRow, Round, Section11Answer, Section11Audit } from './types.js';

/** The section 11 audits' SQL (issue 16 item 8): rounds, their standards, each agency's audit. */

/**
 * The agencies of an area under the section 11 duty at some time in a period: a partner whose duty on
 * the register is one that section11_duty lists, while that duty stood, and not closed before the period.
 */
export async function listDutyAgencies(db: Queryable, areaCode: string, periodStart: string, periodEnd: string): Promise<{ id: string; name: string }[]> {
  return db.query(
    `SELECT o.id, o.name
       FROM organisation o
       JOIN section11_duty s ON s.duty_code = o.duty_code
       JOIN statutory_duty d ON d.code = o.duty_code
      WHERE o.area_code = $1
        AND (o.closed_on IS NULL OR o.closed_on >= $2::date)
        AND d.effective_from <= $3::date AND (d.effective_to IS NULL OR d.effective_to >= $2::date)
      ORDER BY o.name`,
    [areaCode, periodStart, periodEnd],
  );
}

const ROUND_COLUMNS = `r.id, r.body_id AS "bodyId", r.title, to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart",
       to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.created_at AS "createdAt"`;

export async function listRounds(db: Queryable, areaCode: string, bodyId: string): Promise<Omit<Round, 'standards'>[]> {
  return db.query(`SELECT ${ROUND_COLUMNS} FROM section11_round r WHERE r.area_code = $1 AND r.body_id = $2 ORDER BY r.period_start DESC, r.created_at DESC`, [
    areaCode,
    bodyId,
  ]);
}

export async function findRound(db: Queryable, areaCode: string, id: string): Promise<Round | undefined> {
  const [row] = await db.query<Omit<Round, 'standards'>>(`SELECT ${ROUND_COLUMNS} FROM section11_round r WHERE r.area_code = $1 AND r.id = $2`, [areaCode, id]);
  if (!row) return undefined;
  const standards = await db.query<Section11Standard>('SELECT code, title, source FROM section11_round_standard WHERE round_id = $1 ORDER BY position', [id]);
  return { ...row, standards };
}

export async function insertRound(
  tx: Tx,
  r: { areaCode: string; bodyId: string; title: string; periodStart: string; periodEnd: string; dueOn: string; userId: string | null; at: Date },
  standards: readonly Section11Standard[],
  agencyIds: readonly string[],
): Promise<string> {
  const { id } = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO section11_round (area_code, body_id, title, period_start, period_end, due_on, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [r.areaCode, r.bodyId, r.title, r.periodStart, r.periodEnd, r.dueOn, r.userId, r.at],
  );
  for (const [position, s] of standards.entries()) {
    await tx.query('INSERT INTO section11_round_standard (area_code, round_id, code, position, title, source) VALUES ($6, $1, $2, $3, $4, $5)', [
      id,
      s.code,
      position,
      s.title,
      s.source,
      r.areaCode,
    ]);
  }
  await tx.query(
    `INSERT INTO section11_audit (area_code, round_id, organisation_id) SELECT $1, $2, unnest($3::uuid[])`,
    [r.areaCode, id, [...agencyIds]],
  );
  return id;
}

const AUDIT_COLUMNS = `a.id, a.round_id AS "roundId", a.organisation_id AS "organisationId", o.name AS "organisationName", a.status,
       a.submitted_at AS "submittedAt", us.display_name AS "submittedByName", a.changed_at AS "changedAt",
       a.challenge, a.challenged_at AS "challengedAt", uc.display_name AS "challengedByName",
       a.response, a.responded_at AS "respondedAt", ur.display_name AS "respondedByName",
       (SELECT max(c.chased_at) FROM section11_chase c WHERE c.audit_id = a.id) AS "lastChasedAt",
       (SELECT count(*)::int FROM section11_chase c WHERE c.audit_id = a.id) AS "timesChased",
       (SELECT count(*)::int FROM section11_answer x WHERE x.audit_id = a.id AND x.rating = 'met') AS "met",
       (SELECT count(*)::int FROM section11_answer x WHERE x.audit_id = a.id AND x.rating = 'partly_met') AS "partlyMet",
       (SELECT count(*)::int FROM section11_answer x WHERE x.audit_id = a.id AND x.rating = 'not_met') AS "notMet"`;
const AUDIT_FROM = `section11_audit a
       JOIN organisation o ON o.id = a.organisation_id
       LEFT JOIN app_user us ON us.id = a.submitted_by
       LEFT JOIN app_user uc ON uc.id = a.challenged_by
       LEFT JOIN app_user ur ON ur.id = a.responded_by`;

type AuditRow = Omit<AgencyRow, 'status'> & { status: string };
const agencyRowOf = (r: AuditRow): AgencyRow => ({ ...r, status: SECTION11_AUDIT_STATUSES.parse(r.status) });

/** Every agency's audit in a round, by agency name: the LSCB's overview. */
export async function listRoundAudits(db: Queryable, roundId: string): Promise<AgencyRow[]> {
  const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_FROM} WHERE a.round_id = $1 ORDER BY o.name`, [roundId]);
  return rows.map(agencyRowOf);
}

/** An agency's audits, newest round first, with their rounds: what its staff see. */
export async function listAgencyAudits(db: Queryable, areaCode: string, organisationId: string): Promise<(AgencyRow & { round: Omit<Round, 'standards'> })[]> {
  const rows = await db.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_FROM} JOIN section11_round r ON r.id = a.round_id
      WHERE a.area_code = $1 AND a.organisation_id = $2 ORDER BY r.period_start DESC, r.created_at DESC`,
    [areaCode, organisationId],
  );
  const out = [];
  for (const row of rows) {
    const round = await findRound(db, areaCode, row.roundId);
    if (round) out.push({ ...agencyRowOf(row), round });
  }
  return out;
}

export async function findAudit(db: Queryable, areaCode: string, id: string): Promise<Section11Audit | undefined> {
  const [row] = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_FROM} WHERE a.area_code = $1 AND a.id = $2`, [areaCode, id]);
  if (!row) return undefined;
  const round = await findRound(db, areaCode, row.roundId);
  if (!round) return undefined;
  const answers = await db.query<Omit<Section11Answer, 'rating'> & { rating: string | null }>(
    `SELECT standard_code AS "standardCode", rating, evidence, improvement, improvement_owner AS "improvementOwner",
            to_char(improvement_due, 'YYYY-MM-DD') AS "improvementDue"
       FROM section11_answer WHERE audit_id = $1`,
    [id],
  );
  const chases = await db.query<{ chasedAt: Date; chasedByName: string | null; told: number }>(
    `SELECT c.chased_at AS "chasedAt", u.display_name AS "chasedByName", c.told
       FROM section11_chase c LEFT JOIN app_user u ON u.id = c.chased_by WHERE c.audit_id = $1 ORDER BY c.chased_at`,
    [id],
  );
  return {
    ...agencyRowOf(row),
    round,
    answers: round.standards.map((s) => {
      const a = answers.find((x) => x.standardCode === s.code);
      return {
        standardCode: s.code,
        rating: SECTION11_RATINGS.parseNullable(a?.rating ?? null),
        evidence: a?.evidence ?? '',
        improvement: a?.improvement ?? '',
        improvementOwner: a?.improvementOwner ?? '',
        improvementDue: a?.improvementDue ?? null,
      };
    }),
    chases,
  };
}

export interface AnswerFields {
  standardCode: string;
  rating: Section11Rating | null;
  evidence: string;
  improvement: string;
  improvementOwner: string;
  improvementDue: string | null;
}

export async function saveAnswers(tx: Tx, auditId: string, answers: readonly AnswerFields[], userId: string | null, at: Date): Promise<void> {
  for (const a of answers) {
    await tx.query(
      `INSERT INTO section11_answer (area_code, audit_id, standard_code, rating, evidence, improvement, improvement_owner, improvement_due)
       SELECT a.area_code, a.id, $2, $3, $4, $5, $6, $7 FROM section11_audit a WHERE a.id = $1
       ON CONFLICT (audit_id, standard_code) DO UPDATE SET rating = EXCLUDED.rating, evidence = EXCLUDED.evidence,
         improvement = EXCLUDED.improvement, improvement_owner = EXCLUDED.improvement_owner, improvement_due = EXCLUDED.improvement_due`,
      [auditId, a.standardCode, a.rating, a.evidence, a.improvement, a.improvementOwner, a.improvementDue],
    );
  }
  await tx.query(
    `UPDATE section11_audit SET status = CASE WHEN status = 'not_started' THEN 'in_progress' ELSE status END, changed_by = $2, changed_at = $3 WHERE id = $1`,
    [auditId, userId, at],
  );
}

export async function markSubmitted(tx: Tx, auditId: string, userId: string | null, at: Date): Promise<void> {
  await tx.query(`UPDATE section11_audit SET status = 'submitted', submitted_by = $2, submitted_at = $3, changed_by = $2, changed_at = $3 WHERE id = $1`, [
    auditId,
    userId,
    at,
  ]);
}

export async function insertChase(tx: Tx, auditId: string, userId: string | null, at: Date, told: number): Promise<void> {
  await tx.query(
    'INSERT INTO section11_chase (area_code, audit_id, chased_by, chased_at, told) SELECT a.area_code, a.id, $2, $3, $4 FROM section11_audit a WHERE a.id = $1',
    [auditId, userId, at, told],
  );
}

export async function setChallenge(tx: Tx, auditId: string, text: string, userId: string | null, at: Date): Promise<void> {
  await tx.query('UPDATE section11_audit SET challenge = $2, challenged_by = $3, challenged_at = $4 WHERE id = $1', [auditId, text, userId, at]);
}

export async function setResponse(tx: Tx, auditId: string, text: string, userId: string | null, at: Date): Promise<void> {
  await tx.query('UPDATE section11_audit SET response = $2, responded_by = $3, responded_at = $4 WHERE id = $1', [auditId, text, userId, at]);
}

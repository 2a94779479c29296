import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import {
  SELF_ASSESSMENT_QUESTIONS,
  SELF_ASSESSMENT_RATINGS,
  SELF_ASSESSMENT_STATUSES,
  type SelfAssessmentQuestion,
  type SelfAssessmentRating,
} from './questions.js';
import type { SelfAssessment, SelfAssessmentAnswer, SelfAssessmentSummary } from './types.js';

/** The self-assessment's SQL (issue 16 item 7): board_self_assessment and its answers. */

interface SummaryRow {
  id: string;
  bodyId: string;
  bodyName: string;
  year: number;
  status: string;
  startedAt: Date;
  agreedAt: Date | null;
  agreedByName: string | null;
}

const SUMMARY_COLUMNS = `s.id, s.body_id AS "bodyId", b.name AS "bodyName", s.year, s.status, s.started_at AS "startedAt",
       s.agreed_at AS "agreedAt", ua.display_name AS "agreedByName"`;
const SUMMARY_FROM = `board_self_assessment s
       JOIN governance_body b ON b.id = s.body_id
       LEFT JOIN app_user ua ON ua.id = s.agreed_by`;

const summaryOf = (r: SummaryRow): SelfAssessmentSummary => ({ ...r, status: SELF_ASSESSMENT_STATUSES.parse(r.status) });

/** The self-assessments of the given bodies of an area, newest year first. */
export async function listSelfAssessments(db: Queryable, areaCode: string, bodyIds: readonly string[]): Promise<SelfAssessmentSummary[]> {
  const rows = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
      WHERE s.area_code = $1 AND s.body_id = ANY ($2::uuid[])
      ORDER BY b.name, s.year DESC`,
    [areaCode, [...bodyIds]],
  );
  return rows.map(summaryOf);
}

export async function findSelfAssessment(db: Queryable, areaCode: string, id: string): Promise<SelfAssessment | undefined> {
  const [row] = await db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE s.area_code = $1 AND s.id = $2`, [areaCode, id]);
  if (!row) return undefined;
  return { ...summaryOf(row), answers: await listAnswers(db, id) };
}

/** The body's self-assessment of the year before this one's, if it has one. */
export async function findPreviousYear(db: Queryable, bodyId: string, year: number): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM board_self_assessment WHERE body_id = $1 AND year < $2 ORDER BY year DESC LIMIT 1',
    [bodyId, year],
  );
  return row?.id;
}

export async function yearTaken(db: Queryable, bodyId: string, year: number): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM board_self_assessment WHERE body_id = $1 AND year = $2', [bodyId, year]);
  return rows.length > 0;
}

/** Every question's answer, in the seed's order (a question with no row reads as unanswered). */
async function listAnswers(db: Queryable, id: string): Promise<SelfAssessmentAnswer[]> {
  const rows = await db.query<{ question: string; rating: string | null; evidence: string }>(
    'SELECT question, rating, evidence FROM board_self_assessment_answer WHERE self_assessment_id = $1',
    [id],
  );
  return SELF_ASSESSMENT_QUESTIONS.values.map((question) => {
    const row = rows.find((r) => r.question === question);
    return { question, rating: SELF_ASSESSMENT_RATINGS.parseNullable(row?.rating ?? null), evidence: row?.evidence ?? '' };
  });
}

export async function insertSelfAssessment(
  tx: Tx,
  s: { areaCode: string; bodyId: string; year: number; userId: string | null; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO board_self_assessment (area_code, body_id, year, started_by, started_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [s.areaCode, s.bodyId, s.year, s.userId, s.at],
  );
  return row.id;
}

/** Writes the answers given (a question left out keeps its answer). */
export async function saveAnswers(
  tx: Tx,
  id: string,
  answers: readonly { question: SelfAssessmentQuestion; rating: SelfAssessmentRating | null; evidence: string }[],
  at: Date,
): Promise<void> {
  for (const a of answers) {
    await tx.query(
      `INSERT INTO board_self_assessment_answer (area_code, self_assessment_id, question, rating, evidence)
       SELECT s.area_code, s.id, $2, $3, $4 FROM board_self_assessment s WHERE s.id = $1
       ON CONFLICT (self_assessment_id, question) DO UPDATE SET rating = EXCLUDED.rating, evidence = EXCLUDED.evidence`,
      [id, a.question, a.rating, a.evidence],
    );
  }
  await tx.query('UPDATE board_self_assessment SET changed_at = $2 WHERE id = $1', [id, at]);
}

export async function markAgreed(tx: Tx, id: string, userId: string | null, at: Date): Promise<void> {
  await tx.query(`UPDATE board_self_assessment SET status = 'agreed', agreed_by = $2, agreed_at = $3, changed_at = $3 WHERE id = $1`, [id, userId, at]);
}

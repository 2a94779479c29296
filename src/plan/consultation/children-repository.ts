import type { Queryable, Tx } from '../../platform/db.js';
import { LANGUAGES, type Language } from './types.js';
import {
  CHILD_AGE_GROUPS,
  LISTENED,
  MATTERS,
  QUOTATION_STATES,
  type ChildAgeGroup,
  type ChildrenAnswer,
  type Listened,
  type Matters,
  type PublishedQuotation,
  type QuotationState,
} from './children-questions.js';

/** Children and young people's answers (migration 0058 plan_children_answer): one function per question. */

interface Row {
  id: string;
  matters: string | null;
  listened: string | null;
  better: string;
  ageGroup: string | null;
  language: string;
  quotation: string;
  submittedAt: string;
}
const COLUMNS = `id, matters, listened, better, age_group AS "ageGroup", language, quotation, to_json(submitted_at)#>>'{}' AS "submittedAt"`;
const toAnswer = (r: Row): ChildrenAnswer => ({
  id: r.id,
  matters: MATTERS.parseNullable(r.matters),
  listened: LISTENED.parseNullable(r.listened),
  better: r.better,
  ageGroup: CHILD_AGE_GROUPS.parseNullable(r.ageGroup),
  language: LANGUAGES.parse(r.language),
  quotation: QUOTATION_STATES.parse(r.quotation),
  submittedAt: r.submittedAt,
});

export interface NewAnswer {
  matters: Matters | null;
  listened: Listened | null;
  better: string;
  ageGroup: ChildAgeGroup | null;
  language: Language;
  quotation: 'not_asked' | 'pending';
}

export async function insertAnswer(tx: Tx, areaCode: string, consultationId: string, a: NewAnswer, at: Date): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO plan_children_answer (area_code, consultation_id, matters, listened, better, age_group, language, quotation, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [areaCode, consultationId, a.matters, a.listened, a.better, a.ageGroup, a.language, a.quotation, at],
  );
  if (!row) throw new Error('children’s answer not inserted');
  return row.id;
}

/** Counts per value of one question (null for those who left it blank). */
export async function countAnswersBy(db: Queryable, consultationId: string, column: 'matters' | 'listened' | 'age_group'): Promise<Map<string | null, number>> {
  const rows = await db.query<{ value: string | null; count: number }>(
    `SELECT ${column} AS value, count(*)::int AS count FROM plan_children_answer WHERE consultation_id = $1 GROUP BY ${column}`,
    [consultationId],
  );
  return new Map(rows.map((r) => [r.value, Number(r.count)]));
}

export async function countAnswers(db: Queryable, consultationId: string): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM plan_children_answer WHERE consultation_id = $1', [consultationId]);
  return Number(row?.count ?? 0);
}

/** Every answer with words, earliest first: the board's list of free text, each with whether it may be quoted. */
export async function listFreeTextAnswers(db: Queryable, consultationId: string): Promise<ChildrenAnswer[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM plan_children_answer WHERE consultation_id = $1 AND btrim(better) <> '' ORDER BY submitted_at, id`,
    [consultationId],
  );
  return rows.map(toAnswer);
}

export async function findAnswer(db: Queryable, consultationId: string, id: string): Promise<ChildrenAnswer | undefined> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM plan_children_answer WHERE consultation_id = $1 AND id = $2`, [consultationId, id]);
  return row ? toAnswer(row) : undefined;
}

/** A planner's decision on a quotation; only a pending or decided one (never one the child did not offer) changes. */
export async function setQuotation(tx: Tx, consultationId: string, id: string, state: Extract<QuotationState, 'approved' | 'declined'>, by: string, at: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE plan_children_answer SET quotation = $3, moderated_by = $4, moderated_at = $5
      WHERE consultation_id = $1 AND id = $2 AND quotation <> 'not_asked' RETURNING id`,
    [consultationId, id, state, by, at],
  );
  return rows.length > 0;
}

/**
 * The approved quotations of a plan's consultations, oldest first: the only children's words a public page may
 * show. The filter is here, in SQL, so no caller can forget it.
 */
export async function listApprovedQuotations(db: Queryable, planId: string): Promise<PublishedQuotation[]> {
  const rows = await db.query<{ id: string; text: string; language: string; ageGroup: string | null; consultationTitle: string }>(
    `SELECT a.id, a.better AS text, a.language, a.age_group AS "ageGroup", c.title AS "consultationTitle"
       FROM plan_children_answer a JOIN plan_consultation c ON c.id = a.consultation_id
      WHERE c.plan_id = $1 AND a.quotation = 'approved' AND a.moderated_at IS NOT NULL
      ORDER BY a.submitted_at, a.id`,
    [planId],
  );
  return rows.map((r) => ({ ...r, language: LANGUAGES.parse(r.language), ageGroup: CHILD_AGE_GROUPS.parseNullable(r.ageGroup) }));
}

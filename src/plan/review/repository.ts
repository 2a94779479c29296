import type { Queryable, Tx } from '../../platform/db.js';
import { financialYearLabel } from '../../platform/money.js';
import { ACTION_STATUSES, type ActionStatus } from '../types.js';
import { REVIEW_STATUSES, type PlanReviewRecord, type ReviewContent, type ReviewSummary } from './types.js';

/**
 * The annual review's SQL (migration 0060): plan_review and plan_review_priority, which this part owns, and
 * reads of the plan's progress notes (plan_action_progress, the plan's own table). Every query names its area.
 */

interface ReviewRow {
  id: string;
  planId: string;
  areaCode: string;
  year: number;
  narrative: string;
  status: string;
  publishedContent: ReviewContent | null;
  publishedAt: string | null;
  publishedByName: string | null;
  updatedAt: string;
}

const REVIEW_COLUMNS = `r.id, r.plan_id AS "planId", r.area_code AS "areaCode", r.year, r.narrative, r.status,
  r.published_content AS "publishedContent", to_json(r.published_at)#>>'{}' AS "publishedAt",
  r.published_by_name AS "publishedByName", to_json(r.updated_at)#>>'{}' AS "updatedAt"`;

async function withNarratives(db: Queryable, row: ReviewRow | undefined): Promise<PlanReviewRecord | undefined> {
  if (!row) return undefined;
  const narratives = await db.query<{ priorityId: string; narrative: string }>(
    `SELECT priority_id AS "priorityId", narrative FROM plan_review_priority WHERE review_id = $1`,
    [row.id],
  );
  return {
    ...row,
    status: REVIEW_STATUSES.parse(row.status),
    priorityNarratives: Object.fromEntries(narratives.map((n) => [n.priorityId, n.narrative])),
  };
}

/** A plan's review of a year, with its narratives; undefined when there is none. */
export async function findReview(db: Queryable, areaCode: string, planId: string, year: number): Promise<PlanReviewRecord | undefined> {
  const [row] = await db.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM plan_review r WHERE r.area_code = $1 AND r.plan_id = $2 AND r.year = $3`, [
    areaCode,
    planId,
    year,
  ]);
  return withNarratives(db, row);
}

/** The same, holding the row until the transaction ends (a save or publication waits for another in flight). */
export async function lockReview(tx: Tx, areaCode: string, planId: string, year: number): Promise<PlanReviewRecord | undefined> {
  const [row] = await tx.query<ReviewRow>(
    `SELECT ${REVIEW_COLUMNS} FROM plan_review r WHERE r.area_code = $1 AND r.plan_id = $2 AND r.year = $3 FOR UPDATE`,
    [areaCode, planId, year],
  );
  return withNarratives(tx, row);
}

/**
 * The area's published review of a year, of a plan the public may read (published, or superseded by a later
 * one); undefined otherwise. A draft review, or a review of a draft plan, is never found here.
 */
export async function findPublishedReview(db: Queryable, areaCode: string, year: number): Promise<PlanReviewRecord | undefined> {
  const [row] = await db.query<ReviewRow>(
    `SELECT ${REVIEW_COLUMNS} FROM plan_review r JOIN plan p ON p.id = r.plan_id
      WHERE r.area_code = $1 AND r.year = $2 AND r.status = 'published' AND p.status IN ('published', 'superseded')
      ORDER BY r.published_at DESC LIMIT 1`,
    [areaCode, year],
  );
  return withNarratives(db, row);
}

/** Whether the area had a plan the public may read (published or superseded) for any part of the span. */
export async function publicPlanDuring(db: Queryable, areaCode: string, from: string, to: string): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM plan WHERE area_code = $1 AND status IN ('published', 'superseded') AND period_start <= $3::date AND period_end >= $2::date) AS found`,
    [areaCode, from, to],
  );
  return row?.found === true;
}

/** A plan's reviews, latest year first. */
export async function listReviews(db: Queryable, areaCode: string, planId: string): Promise<ReviewSummary[]> {
  const rows = await db.query<{ id: string; planId: string; year: number; status: string; publishedAt: string | null }>(
    `SELECT r.id, r.plan_id AS "planId", r.year, r.status, to_json(r.published_at)#>>'{}' AS "publishedAt"
       FROM plan_review r WHERE r.area_code = $1 AND r.plan_id = $2 ORDER BY r.year DESC`,
    [areaCode, planId],
  );
  return rows.map((r) => ({ ...r, yearLabel: financialYearLabel(r.year), status: REVIEW_STATUSES.parse(r.status) }));
}

/** The area's published reviews the public may read, latest year first (the public plan's list). */
export async function listPublishedReviews(db: Queryable, areaCode: string): Promise<ReviewSummary[]> {
  const rows = await db.query<{ id: string; planId: string; year: number; publishedAt: string | null }>(
    `SELECT r.id, r.plan_id AS "planId", r.year, to_json(r.published_at)#>>'{}' AS "publishedAt"
       FROM plan_review r JOIN plan p ON p.id = r.plan_id
      WHERE r.area_code = $1 AND r.status = 'published' AND p.status IN ('published', 'superseded')
      ORDER BY r.year DESC`,
    [areaCode],
  );
  return rows.map((r) => ({ ...r, yearLabel: financialYearLabel(r.year), status: 'published' as const }));
}

/** Starts a plan's review of a year; undefined when the plan already has one for the year. */
export async function insertReview(tx: Tx, input: { areaCode: string; planId: string; year: number; userId: string; now: Date }): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO plan_review (area_code, plan_id, year, created_by, created_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $4, $5)
     ON CONFLICT ON CONSTRAINT plan_review_once_a_year DO NOTHING
     RETURNING id`,
    [input.areaCode, input.planId, input.year, input.userId, input.now],
  );
  return row?.id;
}

/** Saves a draft's narratives: the plan's, and each priority's given (a priority left out keeps its words). */
export async function saveNarratives(
  tx: Tx,
  input: { areaCode: string; reviewId: string; narrative: string; priorities: readonly { priorityId: string; narrative: string }[]; userId: string; now: Date },
): Promise<void> {
  await tx.query(`UPDATE plan_review SET narrative = $3, updated_by = $4, updated_at = $5 WHERE id = $1 AND area_code = $2 AND status = 'draft'`, [
    input.reviewId,
    input.areaCode,
    input.narrative,
    input.userId,
    input.now,
  ]);
  for (const p of input.priorities) {
    await tx.query(
      `INSERT INTO plan_review_priority (review_id, area_code, priority_id, narrative, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (review_id, priority_id) DO UPDATE SET narrative = EXCLUDED.narrative, updated_at = EXCLUDED.updated_at`,
      [input.reviewId, input.areaCode, p.priorityId, p.narrative, input.now],
    );
  }
}

/** Publishes a draft with its content frozen as it stands; throws when no draft row was there to publish. */
export async function publishReview(
  tx: Tx,
  input: { areaCode: string; reviewId: string; content: ReviewContent; userId: string; userName: string; now: Date },
): Promise<void> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE plan_review SET status = 'published', published_content = $3::jsonb, published_at = $5, published_by = $4,
            published_by_name = $6, updated_by = $4, updated_at = $5
      WHERE id = $1 AND area_code = $2 AND status = 'draft' RETURNING id`,
    [input.reviewId, input.areaCode, JSON.stringify(input.content), input.userId, input.now, input.userName],
  );
  if (rows.length !== 1) throw new Error(`plan review ${input.reviewId} was not a draft to publish`);
}

export interface ProgressRow {
  actionId: string;
  onDay: string;
  note: string;
  status: ActionStatus;
  writtenByName: string;
}

/** Every progress note on the plan's actions up to a day (both the year's and those before it), oldest first. */
export async function progressUpTo(db: Queryable, areaCode: string, planId: string, upTo: string): Promise<ProgressRow[]> {
  const rows = await db.query<Omit<ProgressRow, 'status'> & { status: string }>(
    `SELECT g.action_id AS "actionId", g.on_day::text AS "onDay", g.note, g.status, g.written_by_name AS "writtenByName"
       FROM plan_action_progress g
       JOIN plan_action a ON a.id = g.action_id
       JOIN plan_priority pp ON pp.id = a.priority_id
      WHERE g.area_code = $1 AND pp.plan_id = $2 AND g.on_day <= $3::date
      ORDER BY g.on_day, g.written_at`,
    [areaCode, planId, upTo],
  );
  return rows.map((r) => ({ ...r, status: ACTION_STATUSES.parse(r.status) }));
}

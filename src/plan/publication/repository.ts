import type { Queryable, Tx } from '../../platform/db.js';
import type { PlanContent } from '../types.js';

/**
 * SQL of approval, versions and publication (migration 0059): one function per question. A version is
 * written once and never changed; translations are added to a version; the summary's draft is kept per plan.
 */

export interface VersionRow {
  id: string;
  areaCode: string;
  planId: string;
  number: number;
  content: PlanContent;
  childrenSummary: string;
  decisionId: string;
  decisionWords: string;
  decidedBy: string;
  approvedOn: string;
  publishedAt: Date;
  publishedByName: string;
}

export type VersionListed = Omit<VersionRow, 'content' | 'childrenSummary'>;

const LISTED = `v.id, v.area_code AS "areaCode", v.plan_id AS "planId", v.number, v.decision_id AS "decisionId",
  v.decision_words AS "decisionWords", v.decided_by AS "decidedBy", to_char(v.approved_on, 'YYYY-MM-DD') AS "approvedOn",
  v.published_at AS "publishedAt", v.published_by_name AS "publishedByName"`;
const WHOLE = `${LISTED}, v.content, v.children_summary AS "childrenSummary"`;

/** A plan's versions, newest first, without their content. */
export async function listVersions(db: Queryable, planId: string): Promise<VersionListed[]> {
  return db.query<VersionListed>(`SELECT ${LISTED} FROM plan_version v WHERE v.plan_id = $1 ORDER BY v.number DESC`, [planId]);
}

export async function findVersion(db: Queryable, planId: string, number: number): Promise<VersionRow | undefined> {
  const [row] = await db.query<VersionRow>(`SELECT ${WHOLE} FROM plan_version v WHERE v.plan_id = $1 AND v.number = $2`, [planId, number]);
  return row;
}

export async function latestVersion(db: Queryable, planId: string): Promise<VersionRow | undefined> {
  const [row] = await db.query<VersionRow>(`SELECT ${WHOLE} FROM plan_version v WHERE v.plan_id = $1 ORDER BY v.number DESC LIMIT 1`, [planId]);
  return row;
}

/** The area's plan in force for the public: the version published last, whichever plan it is of. Drafts are never read here. */
export async function currentPublishedVersion(db: Queryable, areaCode: string): Promise<VersionRow | undefined> {
  const [row] = await db.query<VersionRow>(`SELECT ${WHOLE} FROM plan_version v WHERE v.area_code = $1 ORDER BY v.published_at DESC, v.number DESC LIMIT 1`, [
    areaCode,
  ]);
  return row;
}

/** Which version, if any, a decision already approved. */
export async function versionApprovedBy(db: Queryable, decisionId: string): Promise<{ planId: string; number: number } | undefined> {
  const [row] = await db.query<{ planId: string; number: number }>('SELECT plan_id AS "planId", number FROM plan_version WHERE decision_id = $1', [decisionId]);
  return row;
}

/** Holds the plan's row for the publishing transaction, so two publications of one plan queue and number in turn. */
export async function lockPlan(tx: Tx, planId: string): Promise<void> {
  await tx.query('SELECT id FROM plan WHERE id = $1 FOR UPDATE', [planId]);
}

export interface NewVersion {
  areaCode: string;
  planId: string;
  content: PlanContent;
  childrenSummary: string;
  decisionId: string;
  decisionWords: string;
  decidedBy: string;
  approvedOn: string;
  at: Date;
  by: string;
  byName: string;
}

/** Writes the next version of the plan (the caller holds the plan's row) and returns its id and number. */
export async function insertVersion(tx: Tx, v: NewVersion): Promise<{ id: string; number: number }> {
  const [row] = await tx.query<{ id: string; number: number }>(
    `INSERT INTO plan_version (area_code, plan_id, number, content, children_summary, decision_id, decision_words, decided_by, approved_on,
                               published_at, published_by, published_by_name)
     SELECT $1::text, $2::uuid, coalesce(max(number), 0) + 1, $3::jsonb, $4::text, $5::uuid, $6::text, $7::text, $8::date, $9::timestamptz, $10::uuid, $11::text
       FROM plan_version WHERE plan_id = $2::uuid
     RETURNING id, number`,
    [v.areaCode, v.planId, JSON.stringify(v.content), v.childrenSummary, v.decisionId, v.decisionWords, v.decidedBy, v.approvedOn, v.at, v.by, v.byName],
  );
  if (!row) throw new Error('plan_version insert returned no row');
  return row;
}

/** The plan published now is in force; any other of the area's plans that was is superseded (plan.status, migration 0057). */
export async function markPublished(tx: Tx, areaCode: string, planId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE plan SET status = 'superseded', updated_at = $3 WHERE area_code = $1 AND id <> $2 AND status = 'published'`, [areaCode, planId, at]);
  await tx.query(`UPDATE plan SET status = 'published', updated_at = $3 WHERE area_code = $1 AND id = $2`, [areaCode, planId, at]);
}

export async function findSummaryDraft(db: Queryable, planId: string): Promise<{ body: string; updatedAt: Date } | undefined> {
  const [row] = await db.query<{ body: string; updatedAt: Date }>('SELECT body, updated_at AS "updatedAt" FROM plan_children_summary WHERE plan_id = $1', [planId]);
  return row;
}

export async function saveSummaryDraft(tx: Tx, areaCode: string, planId: string, body: string, at: Date, by: string): Promise<void> {
  await tx.query(
    `INSERT INTO plan_children_summary (plan_id, area_code, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (plan_id) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [planId, areaCode, body, at, by],
  );
}

export interface TranslationRow {
  id: string;
  language: string;
  /** Null for the summary for children and young people. */
  sectionId: string | null;
  title: string;
  body: string;
  addedAt: Date;
  addedByName: string;
}

export async function listTranslations(db: Queryable, versionId: string, language?: string): Promise<TranslationRow[]> {
  return db.query<TranslationRow>(
    `SELECT id, language, section_id AS "sectionId", title, body, added_at AS "addedAt", added_by_name AS "addedByName"
       FROM plan_translation WHERE version_id = $1 AND ($2::text IS NULL OR language = $2) ORDER BY language, section_id NULLS FIRST`,
    [versionId, language ?? null],
  );
}

export interface NewTranslation {
  areaCode: string;
  versionId: string;
  language: string;
  sectionId: string | null;
  title: string;
  body: string;
  at: Date;
  by: string | null;
  byName: string;
}

/** Adds a translation, or replaces the one of the same part and language of this version. */
export async function saveTranslation(tx: Tx, t: NewTranslation): Promise<void> {
  const conflict = t.sectionId === null ? '(version_id, language) WHERE section_id IS NULL' : '(version_id, language, section_id) WHERE section_id IS NOT NULL';
  await tx.query(
    `INSERT INTO plan_translation (area_code, version_id, language, section_id, title, body, added_at, added_by, added_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ${conflict} DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, added_at = EXCLUDED.added_at,
       added_by = EXCLUDED.added_by, added_by_name = EXCLUDED.added_by_name`,
    [t.areaCode, t.versionId, t.language, t.sectionId, t.title, t.body, t.at, t.by, t.byName],
  );
}

/** The languages a version has any translation in, with how many parts each. */
export async function translatedLanguages(db: Queryable, versionId: string): Promise<{ language: string; parts: number }[]> {
  return db.query<{ language: string; parts: number }>(
    'SELECT language, count(*)::int AS parts FROM plan_translation WHERE version_id = $1 GROUP BY language ORDER BY language',
    [versionId],
  );
}

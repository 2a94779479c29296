import { isUuid } from '../../platform/ids.js';
import type { Queryable, Tx } from '../../platform/db.js';
import { NATIONAL_CAF, type AssessmentForm } from '../form.js';
import { FORM_STATUSES, formOf, type FormDefinition, type FormStatus } from './definition.js';

/** SQL of an area's local assessment forms (migration 0018). The national form is code, not a row. */

export interface StoredForm {
  id: string;
  areaCode: string;
  code: string;
  version: string;
  title: string;
  form: AssessmentForm;
  status: FormStatus;
  /** The administrator's name, or the operator's when imported with `ctp forms import`. */
  uploadedByName: string;
  uploadedAt: Date;
  publishedByName: string | null;
  publishedAt: Date | null;
}

interface FormRow {
  id: string;
  area_code: string;
  code: string;
  version: string;
  title: string;
  definition: FormDefinition;
  status: string;
  uploaded_by_name: string | null;
  uploaded_at: Date;
  published_by_name: string | null;
  published_at: Date | null;
}

const SELECT = `
  SELECT f.id, f.area_code, f.code, f.version, f.title, f.definition, f.status, f.uploaded_at, f.published_at,
         u.display_name AS uploaded_by_name, p.display_name AS published_by_name
    FROM assessment_form f
    LEFT JOIN app_user u ON u.id = f.uploaded_by
    LEFT JOIN app_user p ON p.id = f.published_by`;

/** Who a version names when no user uploaded or published it (migration 0027). */
export const OPERATOR_NAME = 'Operator (command line)';

const toStoredForm = (r: FormRow): StoredForm => ({
  id: r.id,
  areaCode: r.area_code,
  code: r.code,
  version: r.version,
  title: r.title,
  form: formOf(r.definition),
  status: FORM_STATUSES.parse(r.status),
  uploadedByName: r.uploaded_by_name ?? OPERATOR_NAME,
  uploadedAt: r.uploaded_at,
  publishedByName: r.published_at === null ? null : (r.published_by_name ?? OPERATOR_NAME),
  publishedAt: r.published_at,
});

/** Every version of every local form of the area, by code, newest upload first within a code. */
export async function listFormsOfArea(db: Queryable, areaCode: string): Promise<StoredForm[]> {
  const rows = await db.query<FormRow>(`${SELECT} WHERE f.area_code = $1 ORDER BY f.code, f.uploaded_at DESC, f.version DESC`, [areaCode]);
  return rows.map(toStoredForm);
}

export async function findFormOfArea(db: Queryable, areaCode: string, id: string): Promise<StoredForm | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<FormRow>(`${SELECT} WHERE f.area_code = $1 AND f.id = $2`, [areaCode, id]);
  return rows[0] && toStoredForm(rows[0]);
}

export async function findFormByCodeAndVersion(
  db: Queryable,
  areaCode: string,
  code: string,
  version: string,
): Promise<StoredForm | undefined> {
  const rows = await db.query<FormRow>(`${SELECT} WHERE f.area_code = $1 AND f.code = $2 AND f.version = $3`, [areaCode, code, version]);
  return rows[0] && toStoredForm(rows[0]);
}

/**
 * The form an assessment of the area was written on, by code and version: the national form, or a
 * published local form of the area (a draft is never written on).
 */
export async function findForm(db: Queryable, areaCode: string, code: string, version: string): Promise<AssessmentForm | undefined> {
  if (code === NATIONAL_CAF.code && version === NATIONAL_CAF.version) return NATIONAL_CAF;
  const stored = await findFormByCodeAndVersion(db, areaCode, code, version);
  return stored?.status === 'published' ? stored.form : undefined;
}

/**
 * The form an assessment was written on. The national form when the named one is not found: only
 * a form this area published, or the national one, is ever recorded on an assessment.
 */
export async function formOfAssessment(
  db: Queryable,
  a: { areaCode: string; formCode: string; formVersion: string },
): Promise<AssessmentForm> {
  return (await findForm(db, a.areaCode, a.formCode, a.formVersion)) ?? NATIONAL_CAF;
}

/** The form to start an assessment on, by code: the national form, or the latest published version of a local one. */
export async function latestPublishedForm(db: Queryable, areaCode: string, code: string): Promise<AssessmentForm | undefined> {
  if (code === NATIONAL_CAF.code) return NATIONAL_CAF;
  const rows = await db.query<FormRow>(
    `${SELECT} WHERE f.area_code = $1 AND f.code = $2 AND f.status = 'published' ORDER BY f.published_at DESC, f.version DESC LIMIT 1`,
    [areaCode, code],
  );
  return rows[0] && toStoredForm(rows[0]).form;
}

/** A new draft (by null: the operator); undefined when someone else uploaded the same code and version at the same moment. */
export async function insertDraft(
  tx: Tx,
  d: { areaCode: string; definition: FormDefinition; by: string | null; at: Date },
): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO assessment_form (area_code, code, version, title, definition, status, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7)
     ON CONFLICT ON CONSTRAINT assessment_form_version_unique DO NOTHING RETURNING id`,
    [d.areaCode, d.definition.code, d.definition.version, d.definition.title, JSON.stringify(d.definition), d.by, d.at],
  );
  return row?.id;
}

/** A draft replaced by a new upload of the same code and version (a published one is locked by its trigger). */
export async function replaceDraft(tx: Tx, id: string, d: { definition: FormDefinition; by: string | null; at: Date }): Promise<void> {
  await tx.query(
    `UPDATE assessment_form SET title = $2, definition = $3, uploaded_by = $4, uploaded_at = $5 WHERE id = $1 AND status = 'draft'`,
    [id, d.definition.title, JSON.stringify(d.definition), d.by, d.at],
  );
}

/** Publishes a draft; false when it was not a draft (published meanwhile). */
export async function publishDraft(tx: Tx, id: string, by: string | null, at: Date): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE assessment_form SET status = 'published', published_by = $2, published_at = $3 WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id, by, at],
  );
  return rows.length === 1;
}

/** Deletes a draft; false when it was not a draft (published meanwhile: migration 0018's trigger would refuse it anyway). */
export async function deleteDraft(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(`DELETE FROM assessment_form WHERE id = $1 AND status = 'draft' RETURNING id`, [id]);
  return rows.length === 1;
}

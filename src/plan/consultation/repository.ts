import type { Queryable, Tx } from '../../platform/db.js';
import type { UploadType } from '../../platform/uploaded-files.js';
import { CONSULTEE_KINDS, LANGUAGES, RESPONSE_OUTCOMES, type Consultation, type ConsultationResponse, type Consultee, type ConsulteeKind, type Language, type ResponseOutcome } from './types.js';

/** Consultations on a draft plan, their consultees and responses (migration 0058): one function per question. */

const CONSULTATION = `c.id, c.plan_id AS "planId", p.title AS "planTitle", p.status AS "planStatus", c.title, c.description,
  c.opens_on::text AS "opensOn", c.closes_on::text AS "closesOn", c.children_questions AS "childrenQuestions",
  (SELECT count(*)::int FROM plan_consultation_response r WHERE r.consultation_id = c.id) AS responses,
  (SELECT count(*)::int FROM plan_children_answer ca WHERE ca.consultation_id = c.id) AS "childrenAnswers"`;

export async function listConsultations(db: Queryable, areaCode: string): Promise<Consultation[]> {
  return db.query<Consultation>(
    `SELECT ${CONSULTATION} FROM plan_consultation c JOIN plan p ON p.id = c.plan_id WHERE c.area_code = $1 ORDER BY c.opens_on DESC, c.title`,
    [areaCode],
  );
}

export async function findConsultation(db: Queryable, areaCode: string, id: string): Promise<Consultation | undefined> {
  const [row] = await db.query<Consultation>(
    `SELECT ${CONSULTATION} FROM plan_consultation c JOIN plan p ON p.id = c.plan_id WHERE c.area_code = $1 AND c.id = $2`,
    [areaCode, id],
  );
  return row;
}

/** The area's consultation open to children and young people on a day: the one opened latest when more than one is. */
export async function findOpenChildrenConsultation(db: Queryable, areaCode: string, day: string): Promise<Consultation | undefined> {
  const [row] = await db.query<Consultation>(
    `SELECT ${CONSULTATION} FROM plan_consultation c JOIN plan p ON p.id = c.plan_id
      WHERE c.area_code = $1 AND c.children_questions AND $2::date BETWEEN c.opens_on AND c.closes_on
      ORDER BY c.opens_on DESC, c.created_at DESC LIMIT 1`,
    [areaCode, day],
  );
  return row;
}

export interface NewConsultation {
  planId: string;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  childrenQuestions: boolean;
}

export async function insertConsultation(tx: Tx, areaCode: string, c: NewConsultation, by: string, at: Date): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO plan_consultation (area_code, plan_id, title, description, opens_on, closes_on, children_questions, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [areaCode, c.planId, c.title, c.description, c.opensOn, c.closesOn, c.childrenQuestions, by, at],
  );
  if (!row) throw new Error('consultation not inserted');
  return row.id;
}

export async function listConsultees(db: Queryable, consultationId: string): Promise<Consultee[]> {
  const rows = await db.query<Omit<Consultee, 'kind'> & { kind: string }>(
    `SELECT e.id, e.kind, e.organisation_id AS "organisationId", e.name, e.required,
            (SELECT count(*)::int FROM plan_consultation_response r WHERE r.consultee_id = e.id) AS responses
       FROM plan_consultee e WHERE e.consultation_id = $1
      ORDER BY array_position($2::text[], e.kind), e.name`,
    [consultationId, CONSULTEE_KINDS.values],
  );
  return rows.map((r) => ({ ...r, kind: CONSULTEE_KINDS.parse(r.kind) }));
}

export async function insertConsultee(
  tx: Tx,
  areaCode: string,
  consultationId: string,
  c: { kind: ConsulteeKind; organisationId: string | null; name: string; required: boolean },
  at: Date,
): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO plan_consultee (area_code, consultation_id, kind, organisation_id, name, required, added_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (consultation_id, kind, lower(name)) DO NOTHING RETURNING id`,
    [areaCode, consultationId, c.kind, c.organisationId, c.name, c.required, at],
  );
  return row?.id;
}

export async function consulteeOf(db: Queryable, consultationId: string, consulteeId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM plan_consultee WHERE consultation_id = $1 AND id = $2', [consultationId, consulteeId])).length > 0;
}

const RESPONSE = `r.id, r.consultee_id AS "consulteeId", e.name AS "consulteeName", r.respondent, r.received_on::text AS "receivedOn",
  r.language, r.body, r.file_name AS "fileName", r.content_type AS "contentType", r.byte_size AS "byteSize", r.outcome,
  r.outcome_note AS "outcomeNote", s.id AS "sectionId", s.title AS "sectionTitle",
  coalesce(u.display_name, 'Someone no longer here') AS "recordedByName"`;
const RESPONSE_FROM = `FROM plan_consultation_response r LEFT JOIN plan_consultee e ON e.id = r.consultee_id
  LEFT JOIN plan_section s ON s.id = r.changed_section_id LEFT JOIN app_user u ON u.id = r.recorded_by`;

interface ResponseRow {
  id: string;
  consulteeId: string | null;
  consulteeName: string | null;
  respondent: string;
  receivedOn: string;
  language: string;
  body: string;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  outcome: string | null;
  outcomeNote: string;
  sectionId: string | null;
  sectionTitle: string | null;
  recordedByName: string;
}

const toResponse = (r: ResponseRow): ConsultationResponse => ({
  id: r.id,
  consulteeId: r.consulteeId,
  consulteeName: r.consulteeName,
  respondent: r.respondent,
  receivedOn: r.receivedOn,
  language: LANGUAGES.parse(r.language),
  body: r.body,
  file: r.fileName !== null ? { name: r.fileName, contentType: r.contentType ?? '', bytes: Number(r.byteSize ?? 0) } : null,
  outcome: RESPONSE_OUTCOMES.parseNullable(r.outcome),
  outcomeNote: r.outcomeNote,
  changedSection: r.sectionId ? { id: r.sectionId, title: r.sectionTitle ?? '' } : null,
  recordedByName: r.recordedByName,
});

export async function listResponses(db: Queryable, consultationId: string): Promise<ConsultationResponse[]> {
  const rows = await db.query<ResponseRow>(`SELECT ${RESPONSE} ${RESPONSE_FROM} WHERE r.consultation_id = $1 ORDER BY r.received_on, r.recorded_at`, [
    consultationId,
  ]);
  return rows.map(toResponse);
}

export async function findResponse(db: Queryable, consultationId: string, id: string): Promise<ConsultationResponse | undefined> {
  const [row] = await db.query<ResponseRow>(`SELECT ${RESPONSE} ${RESPONSE_FROM} WHERE r.consultation_id = $1 AND r.id = $2`, [consultationId, id]);
  return row ? toResponse(row) : undefined;
}

export async function findResponseFile(db: Queryable, consultationId: string, id: string) {
  const [row] = await db.query<{ fileName: string; contentType: string; content: Uint8Array }>(
    `SELECT file_name AS "fileName", content_type AS "contentType", content FROM plan_consultation_response
      WHERE consultation_id = $1 AND id = $2 AND content IS NOT NULL`,
    [consultationId, id],
  );
  return row;
}

export interface NewResponse {
  consulteeId: string | null;
  respondent: string;
  receivedOn: string;
  language: Language;
  body: string;
  file: { fileName: string; contentType: UploadType; content: Buffer; sha256: string } | null;
}

export async function insertResponse(tx: Tx, areaCode: string, consultationId: string, r: NewResponse, by: string, at: Date): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO plan_consultation_response (area_code, consultation_id, consultee_id, respondent, received_on, language, body,
       file_name, content_type, content, byte_size, sha256, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      areaCode,
      consultationId,
      r.consulteeId,
      r.respondent,
      r.receivedOn,
      r.language,
      r.body,
      r.file?.fileName ?? null,
      r.file?.contentType ?? null,
      r.file?.content ?? null,
      r.file?.content.length ?? null,
      r.file?.sha256 ?? null,
      by,
      at,
    ],
  );
  if (!row) throw new Error('consultation response not inserted');
  return row.id;
}

export async function setResponseOutcome(
  tx: Tx,
  consultationId: string,
  id: string,
  o: { outcome: ResponseOutcome; note: string; changedSectionId: string | null },
  by: string,
  at: Date,
): Promise<void> {
  const updated = await tx.query(
    `UPDATE plan_consultation_response SET outcome = $3, outcome_note = $4, changed_section_id = $5, outcome_by = $6, outcome_at = $7
      WHERE consultation_id = $1 AND id = $2 RETURNING id`,
    [consultationId, id, o.outcome, o.note, o.changedSectionId, by, at],
  );
  if (updated.length === 0) throw new Error('consultation response not updated');
}

import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { ATTACHMENT_TYPES, type AttachmentType } from './sniff.js';

/** Attachments' SQL: files kept with an assessment (migration 0030). Takes db or tx first. */

export interface Attachment {
  id: string;
  fileName: string;
  contentType: AttachmentType;
  byteSize: number;
  description: string;
  addedByName: string;
  addedAt: Date;
  removedAt: Date | null;
  removedByName: string | null;
  removalReason: string;
}

interface AttachmentRow {
  id: string;
  file_name: string;
  content_type: string;
  byte_size: number;
  description: string;
  added_by_name: string;
  added_at: Date;
  removed_at: Date | null;
  removed_by_name: string | null;
  removal_reason: string;
}

const COLUMNS = 'id, file_name, content_type, byte_size, description, added_by_name, added_at, removed_at, removed_by_name, removal_reason';

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  fileName: r.file_name,
  contentType: ATTACHMENT_TYPES.parse(r.content_type),
  byteSize: r.byte_size,
  description: r.description,
  addedByName: r.added_by_name,
  addedAt: r.added_at,
  removedAt: r.removed_at,
  removedByName: r.removed_by_name,
  removalReason: r.removal_reason,
});

/** Every file attached to the assessment, removed ones too, oldest first; without their content. */
export async function listAttachments(db: Queryable, assessmentId: string): Promise<Attachment[]> {
  const rows = await db.query<AttachmentRow>(
    `SELECT ${COLUMNS} FROM assessment_attachment WHERE assessment_id = $1 ORDER BY added_at, id`,
    [assessmentId],
  );
  return rows.map(toAttachment);
}

export async function findAttachment(db: Queryable, assessmentId: string, attachmentId: string): Promise<Attachment | undefined> {
  const rows = await db.query<AttachmentRow>(`SELECT ${COLUMNS} FROM assessment_attachment WHERE assessment_id = $1 AND id = $2`, [
    assessmentId,
    attachmentId,
  ]);
  return rows[0] ? toAttachment(rows[0]) : undefined;
}

/** A file's bytes, while it is not removed. */
export async function findAttachmentContent(db: Queryable, assessmentId: string, attachmentId: string): Promise<Buffer | undefined> {
  const rows = await db.query<{ content: Buffer | Uint8Array }>(
    'SELECT content FROM assessment_attachment WHERE assessment_id = $1 AND id = $2 AND removed_at IS NULL',
    [assessmentId, attachmentId],
  );
  return rows[0] ? Buffer.from(rows[0].content) : undefined;
}

export async function insertAttachment(
  tx: Tx,
  a: {
    areaCode: string;
    assessmentId: string;
    fileName: string;
    contentType: AttachmentType;
    content: Buffer;
    sha256: string;
    description: string;
    addedBy: string;
    addedByName: string;
    addedAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO assessment_attachment (area_code, assessment_id, file_name, content_type, content, byte_size, sha256, description,
                                        added_by, added_by_name, added_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      a.areaCode,
      a.assessmentId,
      a.fileName,
      a.contentType,
      a.content,
      a.content.length,
      a.sha256,
      a.description,
      a.addedBy,
      a.addedByName,
      a.addedAt,
    ],
  );
  return row.id;
}

/** Removal is soft: the row and its name stay for the chronology; true when it was not removed already. */
export async function removeAttachment(
  tx: Tx,
  r: { assessmentId: string; attachmentId: string; removedBy: string; removedByName: string; reason: string; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE assessment_attachment SET removed_at = $3, removed_by = $4, removed_by_name = $5, removal_reason = $6
      WHERE assessment_id = $1 AND id = $2 AND removed_at IS NULL RETURNING id`,
    [r.assessmentId, r.attachmentId, r.at, r.removedBy, r.removedByName, r.reason],
  );
  return rows.length === 1;
}

import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import type { UploadType } from '../../platform/uploaded-files.js';
import type { Attendance, MeetingSummary, Paper } from './types.js';

/** Meetings' SQL (migration 0044): meetings, their agenda, papers and attendance. Takes db or tx first. */

export interface MeetingRow extends MeetingSummary {
  areaCode: string;
}

const MEETING = `m.id, m.area_code AS "areaCode", m.body_id AS "bodyId", b.name AS "bodyName", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn",
  m.starts_at AS "startsAt", m.place`;

export async function insertMeeting(
  tx: Tx,
  m: { areaCode: string; bodyId: string; heldOn: string; startsAt: string; place: string; by: string | null; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_meeting (area_code, body_id, held_on, starts_at, place, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [m.areaCode, m.bodyId, m.heldOn, m.startsAt, m.place, m.at, m.by],
  );
  return row.id;
}

/** A body's meetings, latest first. */
export async function listMeetingsOfBody(db: Queryable, bodyId: string): Promise<MeetingRow[]> {
  return db.query<MeetingRow>(
    `SELECT ${MEETING} FROM governance_meeting m JOIN governance_body b ON b.id = m.body_id WHERE m.body_id = $1 ORDER BY m.held_on DESC, m.starts_at DESC`,
    [bodyId],
  );
}

export async function findMeeting(db: Queryable, areaCode: string, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db.query<MeetingRow>(
    `SELECT ${MEETING} FROM governance_meeting m JOIN governance_body b ON b.id = m.body_id WHERE m.id = $1 AND m.area_code = $2`,
    [id, areaCode],
  );
  return row;
}

export interface ItemRow {
  id: string;
  position: number;
  title: string;
  description: string;
  minutes: string;
}

export async function listItems(db: Queryable, meetingId: string): Promise<ItemRow[]> {
  return db.query<ItemRow>(
    'SELECT id, position, title, description, minutes FROM governance_agenda_item WHERE meeting_id = $1 ORDER BY position',
    [meetingId],
  );
}

export async function findItem(db: Queryable, meetingId: string, itemId: string): Promise<ItemRow | undefined> {
  const [row] = await db.query<ItemRow>(
    'SELECT id, position, title, description, minutes FROM governance_agenda_item WHERE meeting_id = $1 AND id = $2',
    [meetingId, itemId],
  );
  return row;
}

/** What each item of a meeting touches: partner organisations and services, by name. */
export async function listItemTouches(
  db: Queryable,
  meetingId: string,
): Promise<{ itemId: string; kind: 'organisation' | 'service'; id: string; name: string }[]> {
  return db.query(
    `SELECT t.agenda_item_id AS "itemId", 'organisation' AS kind, o.id, o.name
       FROM governance_agenda_item_organisation t JOIN organisation o ON o.id = t.organisation_id
       JOIN governance_agenda_item a ON a.id = t.agenda_item_id WHERE a.meeting_id = $1
     UNION ALL
     SELECT t.agenda_item_id, 'service', s.id, s.name
       FROM governance_agenda_item_service t JOIN area_service s ON s.id = t.service_id
       JOIN governance_agenda_item a ON a.id = t.agenda_item_id WHERE a.meeting_id = $1
     ORDER BY 2, 4`,
    [meetingId],
  );
}

/** Adds an item at the end of the agenda, with what it touches. */
export async function insertItem(
  tx: Tx,
  i: { areaCode: string; meetingId: string; title: string; description: string; organisationIds: string[]; serviceIds: string[]; at: Date },
): Promise<string> {
  // One writer at a time per meeting, so two items never take the same position.
  await tx.query('SELECT id FROM governance_meeting WHERE id = $1 FOR UPDATE', [i.meetingId]);
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_agenda_item (area_code, meeting_id, position, title, description, created_at)
     VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 1 FROM governance_agenda_item WHERE meeting_id = $2), $3, $4, $5) RETURNING id`,
    [i.areaCode, i.meetingId, i.title, i.description, i.at],
  );
  await tx.query(
    `INSERT INTO governance_agenda_item_organisation (area_code, agenda_item_id, organisation_id) SELECT $1, $2, unnest($3::uuid[])`,
    [i.areaCode, row.id, i.organisationIds],
  );
  await tx.query(`INSERT INTO governance_agenda_item_service (area_code, agenda_item_id, service_id) SELECT $1, $2, unnest($3::uuid[])`, [
    i.areaCode,
    row.id,
    i.serviceIds,
  ]);
  return row.id;
}

export async function setMinutes(tx: Tx, itemId: string, minutes: string, at: Date): Promise<void> {
  await tx.query('UPDATE governance_agenda_item SET minutes = $2, minutes_changed_at = $3 WHERE id = $1', [itemId, minutes, at]);
}

/** The papers of a meeting's items, without their content, oldest first. */
export async function listPapers(db: Queryable, meetingId: string): Promise<(Paper & { itemId: string })[]> {
  return db.query(
    `SELECT p.id, p.agenda_item_id AS "itemId", p.title, p.file_name AS "fileName", p.content_type AS "contentType",
            p.byte_size AS "byteSize", p.added_by_name AS "addedByName"
       FROM governance_paper p JOIN governance_agenda_item a ON a.id = p.agenda_item_id
      WHERE a.meeting_id = $1 ORDER BY p.added_at, p.id`,
    [meetingId],
  );
}

export async function insertPaper(
  tx: Tx,
  p: {
    areaCode: string;
    itemId: string;
    title: string;
    fileName: string;
    contentType: UploadType;
    content: Buffer;
    sha256: string;
    addedBy: string | null;
    addedByName: string;
    at: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_paper (area_code, agenda_item_id, title, file_name, content_type, content, byte_size, sha256, added_by, added_by_name, added_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [p.areaCode, p.itemId, p.title, p.fileName, p.contentType, p.content, p.content.length, p.sha256, p.addedBy, p.addedByName, p.at],
  );
  return row.id;
}

export async function findPaperContent(
  db: Queryable,
  meetingId: string,
  paperId: string,
): Promise<{ fileName: string; contentType: string; content: Buffer } | undefined> {
  const [row] = await db.query<{ fileName: string; contentType: string; content: Uint8Array }>(
    `SELECT p.file_name AS "fileName", p.content_type AS "contentType", p.content
       FROM governance_paper p JOIN governance_agenda_item a ON a.id = p.agenda_item_id WHERE a.meeting_id = $1 AND p.id = $2`,
    [meetingId, paperId],
  );
  return row && { fileName: row.fileName, contentType: row.contentType, content: Buffer.from(row.content) };
}

export interface SeatRow {
  memberId: string;
  personName: string;
  userId: string | null;
  organisationId: string | null;
  represents: string;
  memberRole: string;
  attendance: Attendance | null;
  deputyName: string;
}

/** The members seated on the body on the meeting's day, with their attendance where recorded; chair first. */
export async function listSeatsWithAttendance(db: Queryable, meetingId: string): Promise<SeatRow[]> {
  return db.query<SeatRow>(
    `SELECT s.id AS "memberId", s.person_name AS "personName", s.user_id AS "userId", s.organisation_id AS "organisationId",
            COALESCE(o.name, s.constituency) AS represents, s.member_role AS "memberRole",
            a.attendance, COALESCE(a.deputy_name, '') AS "deputyName"
       FROM governance_meeting m
       JOIN governance_member s ON s.body_id = m.body_id AND s.from_date <= m.held_on AND (s.to_date IS NULL OR s.to_date >= m.held_on)
       LEFT JOIN organisation o ON o.id = s.organisation_id
       LEFT JOIN governance_attendance a ON a.meeting_id = m.id AND a.member_id = s.id
      WHERE m.id = $1
      ORDER BY array_position(ARRAY['chair', 'vice_chair', 'member', 'adviser', 'secretariat'], s.member_role), s.person_name`,
    [meetingId],
  );
}

/** Records a member's attendance once: false when the member already has a record for the meeting. */
export async function insertAttendance(
  tx: Tx,
  a: { areaCode: string; meetingId: string; memberId: string; attendance: Attendance; deputyName: string; by: string | null; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO governance_attendance (area_code, meeting_id, member_id, attendance, deputy_name, recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (meeting_id, member_id) DO NOTHING RETURNING member_id`,
    [a.areaCode, a.meetingId, a.memberId, a.attendance, a.deputyName, a.at, a.by],
  );
  return rows.length > 0;
}

/** The item next to `position` on the meeting's agenda, before it (up) or after it (down). */
export async function neighbourItem(tx: Tx, meetingId: string, position: number, direction: 'up' | 'down'): Promise<{ id: string; position: number } | undefined> {
  const [row] = await tx.query<{ id: string; position: number }>(
    direction === 'up'
      ? 'SELECT id, position FROM governance_agenda_item WHERE meeting_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1'
      : 'SELECT id, position FROM governance_agenda_item WHERE meeting_id = $1 AND position > $2 ORDER BY position LIMIT 1',
    [meetingId, position],
  );
  return row;
}

/** Locks the meeting's agenda: one writer at a time, so positions stay unique and without gaps. */
export async function lockAgenda(tx: Tx, meetingId: string): Promise<void> {
  await tx.query('SELECT id FROM governance_meeting WHERE id = $1 FOR UPDATE', [meetingId]);
}

/**
 * Swaps two items' places. The unique (meeting, position) is checked row by row, so the first goes
 * past the end while the second takes its place.
 */
export async function swapItems(tx: Tx, meetingId: string, a: { id: string; position: number }, b: { id: string; position: number }): Promise<void> {
  await tx.query(
    'UPDATE governance_agenda_item SET position = (SELECT max(position) + 1 FROM governance_agenda_item WHERE meeting_id = $2) WHERE id = $1',
    [a.id, meetingId],
  );
  await tx.query('UPDATE governance_agenda_item SET position = $2 WHERE id = $1', [b.id, a.position]);
  await tx.query('UPDATE governance_agenda_item SET position = $2 WHERE id = $1', [a.id, b.position]);
}

/** What an item holds that the record must keep: its decisions and papers, and whether it has minutes. */
export async function itemRecords(tx: Tx, itemId: string): Promise<{ decisions: number; papers: number; minutes: boolean }> {
  const [row] = await tx.query<{ decisions: number; papers: number; minutes: boolean }>(
    `SELECT (SELECT count(*)::int FROM governance_decision WHERE agenda_item_id = $1) AS decisions,
            (SELECT count(*)::int FROM governance_paper WHERE agenda_item_id = $1) AS papers,
            (SELECT minutes <> '' FROM governance_agenda_item WHERE id = $1) AS minutes`,
    [itemId],
  );
  return row ?? { decisions: 0, papers: 0, minutes: false };
}

/** Removes an item and what it touches; the items after it move up one place each, in order. */
export async function deleteItem(tx: Tx, meetingId: string, item: { id: string; position: number }): Promise<void> {
  await tx.query('DELETE FROM governance_agenda_item_organisation WHERE agenda_item_id = $1', [item.id]);
  await tx.query('DELETE FROM governance_agenda_item_service WHERE agenda_item_id = $1', [item.id]);
  await tx.query('DELETE FROM governance_agenda_item WHERE id = $1', [item.id]);
  const after = await tx.query<{ id: string }>('SELECT id FROM governance_agenda_item WHERE meeting_id = $1 AND position > $2 ORDER BY position', [
    meetingId,
    item.position,
  ]);
  for (const row of after) await tx.query('UPDATE governance_agenda_item SET position = position - 1 WHERE id = $1', [row.id]);
}

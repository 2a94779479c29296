import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { DECISION_PARTS, MEETING_ACTION_STATUSES, type Decision, type DecisionPart, type MeetingAction, type MeetingActionStatus } from './types.js';

/** Decisions' and actions' SQL (migration 0044). Takes db or tx first. */

export async function insertDecision(
  tx: Tx,
  d: {
    areaCode: string;
    meetingId: string;
    itemId: string;
    powerId: string;
    decision: string;
    method: string;
    votesFor: number | null;
    votesAgainst: number | null;
    abstentions: number | null;
    referBack: boolean;
    by: string | null;
    at: Date;
    members: { memberId: string; part: DecisionPart; interestDeclared: string }[];
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_decision (area_code, meeting_id, agenda_item_id, power_id, decision, method, votes_for, votes_against, abstentions,
       refer_back, recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [d.areaCode, d.meetingId, d.itemId, d.powerId, d.decision, d.method, d.votesFor, d.votesAgainst, d.abstentions, d.referBack, d.at, d.by],
  );
  await tx.query(
    `INSERT INTO governance_decision_member (area_code, decision_id, member_id, part, interest_declared)
     SELECT $1, $2, x.member_id, x.part, x.interest FROM unnest($3::uuid[], $4::text[], $5::text[]) AS x(member_id, part, interest)`,
    [d.areaCode, row.id, d.members.map((m) => m.memberId), d.members.map((m) => m.part), d.members.map((m) => m.interestDeclared)],
  );
  return row.id;
}

/** A meeting's decisions, in the order made, each with who took part and who withdrew. */
export async function listDecisions(db: Queryable, meetingId: string): Promise<Decision[]> {
  const decisions = await db.query<Omit<Decision, 'members'>>(
    `SELECT d.id, d.agenda_item_id AS "agendaItemId", d.power_id AS "powerId", p.description AS "powerDescription", d.decision, d.method,
            d.votes_for AS "votesFor", d.votes_against AS "votesAgainst", d.abstentions, d.refer_back AS "referBack"
       FROM governance_decision d JOIN governance_power p ON p.id = d.power_id
      WHERE d.meeting_id = $1 ORDER BY d.recorded_at, d.id`,
    [meetingId],
  );
  const members = await db.query<{ decisionId: string; memberId: string; personName: string; part: string; interestDeclared: string }>(
    `SELECT dm.decision_id AS "decisionId", dm.member_id AS "memberId", s.person_name AS "personName", dm.part, dm.interest_declared AS "interestDeclared"
       FROM governance_decision_member dm JOIN governance_decision d ON d.id = dm.decision_id JOIN governance_member s ON s.id = dm.member_id
      WHERE d.meeting_id = $1 ORDER BY dm.part, s.person_name`,
    [meetingId],
  );
  return decisions.map((d) => ({
    ...d,
    members: members
      .filter((m) => m.decisionId === d.id)
      .map((m) => ({ memberId: m.memberId, personName: m.personName, part: DECISION_PARTS.parse(m.part), interestDeclared: m.interestDeclared })),
  }));
}

const ACTION = `a.id, a.meeting_id AS "meetingId", a.agenda_item_id AS "agendaItemId", a.description,
  COALESCE(s.person_name, u.display_name) AS "ownerName", a.owner_member_id AS "ownerMemberId", a.owner_user_id AS "ownerUserId",
  to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.status, a.status_note AS "statusNote",
  (a.status IN ('open', 'in_progress') AND a.due_on < $2::date) AS overdue`;
const ACTION_FROM = `governance_action a LEFT JOIN governance_member s ON s.id = a.owner_member_id LEFT JOIN app_user u ON u.id = a.owner_user_id`;

type ActionRow = Omit<MeetingAction, 'status'> & { status: string };
const toAction = (r: ActionRow): MeetingAction => ({ ...r, status: MEETING_ACTION_STATUSES.parse(r.status) });

export async function listActionsOfMeeting(db: Queryable, meetingId: string, today: string): Promise<MeetingAction[]> {
  const rows = await db.query<ActionRow>(`SELECT ${ACTION} FROM ${ACTION_FROM} WHERE a.meeting_id = $1 ORDER BY a.due_on, a.id`, [
    meetingId,
    today,
  ]);
  return rows.map(toAction);
}

/** Every action set at a body's meetings: unfinished ones first by due date, then the finished. */
export async function listActionsOfBody(db: Queryable, bodyId: string, today: string): Promise<(MeetingAction & { heldOn: string })[]> {
  const rows = await db.query<ActionRow & { heldOn: string }>(
    `SELECT ${ACTION}, to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn" FROM ${ACTION_FROM} JOIN governance_meeting m ON m.id = a.meeting_id
      WHERE m.body_id = $1 ORDER BY (a.status IN ('open', 'in_progress')) DESC, a.due_on, a.id`,
    [bodyId, today],
  );
  return rows.map((r) => ({ ...toAction(r), heldOn: r.heldOn }));
}

export async function findAction(db: Queryable, areaCode: string, id: string, today: string): Promise<(MeetingAction & { bodyId: string }) | undefined> {
  const [row] = await db.query<ActionRow & { bodyId: string }>(
    `SELECT ${ACTION}, m.body_id AS "bodyId" FROM ${ACTION_FROM} JOIN governance_meeting m ON m.id = a.meeting_id WHERE a.id = $1 AND a.area_code = $3`,
    [id, today, areaCode],
  );
  return row && { ...toAction(row), bodyId: row.bodyId };
}

/** Unfinished actions of a body's meetings owned by members representing an organisation, or users of it (001 §3.4). */
export async function listOpenActionsOfOrganisation(db: Queryable, organisationId: string, today: string): Promise<(MeetingAction & { bodyName: string })[]> {
  const rows = await db.query<ActionRow & { bodyName: string }>(
    `SELECT ${ACTION}, b.name AS "bodyName"
       FROM ${ACTION_FROM} JOIN governance_meeting m ON m.id = a.meeting_id JOIN governance_body b ON b.id = m.body_id
      WHERE a.status IN ('open', 'in_progress') AND (s.organisation_id = $1 OR u.organisation_id = $1)
      ORDER BY a.due_on, a.id`,
    [organisationId, today],
  );
  return rows.map((r) => ({ ...toAction(r), bodyName: r.bodyName }));
}

export async function insertAction(
  tx: Tx,
  a: { areaCode: string; meetingId: string; itemId: string | null; description: string; ownerMemberId: string | null; ownerUserId: string | null; dueOn: string; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO governance_action (area_code, meeting_id, agenda_item_id, description, owner_member_id, owner_user_id, due_on, status, created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8) RETURNING id`,
    [a.areaCode, a.meetingId, a.itemId, a.description, a.ownerMemberId, a.ownerUserId, a.dueOn, a.at],
  );
  return row.id;
}

export async function setActionStatus(tx: Tx, id: string, status: MeetingActionStatus, note: string, at: Date): Promise<void> {
  await tx.query('UPDATE governance_action SET status = $2, status_note = $3, changed_at = $4 WHERE id = $1', [id, status, note, at]);
}

/**
 * Unfinished actions past their due date at the meetings of bodies the user chairs (or vice-chairs, or
 * supports as secretariat) on `today`: what the home page shows them (issue 16 item 6).
 */
export async function countOverdueActionsForChair(db: Queryable, userId: string, today: string): Promise<{ count: number; bodyId: string | null }> {
  const [row] = await db.query<{ count: number; bodyId: string | null }>(
    `SELECT count(*)::int AS count, min(m.body_id::text) AS "bodyId"
       FROM governance_action a JOIN governance_meeting m ON m.id = a.meeting_id
      WHERE a.status IN ('open', 'in_progress') AND a.due_on < $2::date
        AND m.body_id IN (SELECT c.body_id FROM governance_member c
                           WHERE c.user_id = $1 AND c.member_role IN ('chair', 'vice_chair', 'secretariat') AND c.from_date <= $2::date AND (c.to_date IS NULL OR c.to_date >= $2::date))`,
    [userId, today],
  );
  return row ?? { count: 0, bodyId: null };
}

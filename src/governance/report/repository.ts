import type { Queryable } from '../../platform/db.js';

/**
 * The annual report's SQL (issue 16 item 9): reads of the tables the bodies (0043), meetings (0044),
 * self-assessment and section 11 (0045) own; it writes none of them. Every query is for one area and
 * one span of days `[from, to]` (both included).
 */

export interface ReportBody {
  id: string;
  name: string;
  kind: string;
}

/** The area's bodies of the children's trust (all but the LSCB, whose business is its own: ADR 0022), the board first. */
export async function trustBodies(db: Queryable, areaCode: string, from: string, to: string): Promise<ReportBody[]> {
  return db.query(
    `SELECT b.id, b.name, b.kind
       FROM governance_body b
      WHERE b.area_code = $1
        AND b.kind <> 'lscb'
        AND b.established_on <= $3::date
        AND (b.closed_on IS NULL OR b.closed_on >= $2::date)
      ORDER BY (b.kind = 'trust_board') DESC, b.name`,
    [areaCode, from, to],
  );
}

export async function lscbOf(db: Queryable, areaCode: string): Promise<ReportBody | undefined> {
  const [row] = await db.query<ReportBody>(`SELECT id, name, kind FROM governance_body WHERE area_code = $1 AND kind = 'lscb'`, [areaCode]);
  return row;
}

export interface MeetingCount {
  bodyId: string;
  held: number;
  withMinutes: number;
  decisions: number;
  actions: number;
}

/** Per body: meetings held in the span, those with minutes written, the decisions and actions they recorded. */
export async function meetingCounts(db: Queryable, bodyIds: readonly string[], from: string, to: string): Promise<MeetingCount[]> {
  return db.query(
    `SELECT m.body_id AS "bodyId",
            count(*)::int AS held,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM governance_agenda_item a WHERE a.meeting_id = m.id AND a.minutes <> ''))::int AS "withMinutes",
            coalesce(sum((SELECT count(*) FROM governance_decision d WHERE d.meeting_id = m.id)), 0)::int AS decisions,
            coalesce(sum((SELECT count(*) FROM governance_action x WHERE x.meeting_id = m.id)), 0)::int AS actions
       FROM governance_meeting m
      WHERE m.body_id = ANY($1::uuid[])
        AND m.held_on BETWEEN $2::date AND $3::date
      GROUP BY m.body_id`,
    [bodyIds, from, to],
  );
}

export interface AttendanceRow {
  partner: string;
  /** Meetings times the partner's seats on each meeting's day. */
  expected: number;
  present: number;
  deputy: number;
  apologies: number;
  absent: number;
}

/**
 * Attendance at one body's meetings in the span by partner (the organisation a seat represents, or its
 * constituency): every seat held on a meeting's day (the secretariat is not a member) with what was
 * recorded for it; apologies with a deputy named count as represented by a deputy; nothing recorded
 * counts as absent.
 */
export async function attendanceByPartner(db: Queryable, bodyId: string, from: string, to: string): Promise<AttendanceRow[]> {
  return db.query(
    `SELECT coalesce(o.name, s.constituency) AS partner,
            count(*)::int AS expected,
            count(*) FILTER (WHERE a.attendance = 'present')::int AS present,
            count(*) FILTER (WHERE a.attendance = 'apologies' AND a.deputy_name <> '')::int AS deputy,
            count(*) FILTER (WHERE a.attendance = 'apologies' AND a.deputy_name = '')::int AS apologies,
            count(*) FILTER (WHERE a.attendance IS NULL OR a.attendance = 'absent')::int AS absent
       FROM governance_meeting m
       JOIN governance_member s
         ON s.body_id = m.body_id
        AND s.member_role <> 'secretariat'
        AND s.from_date <= m.held_on
        AND (s.to_date IS NULL OR s.to_date >= m.held_on)
       LEFT JOIN organisation o ON o.id = s.organisation_id
       LEFT JOIN governance_attendance a ON a.meeting_id = m.id AND a.member_id = s.id
      WHERE m.body_id = $1
        AND m.held_on BETWEEN $2::date AND $3::date
      GROUP BY coalesce(o.name, s.constituency)
      ORDER BY coalesce(o.name, s.constituency)`,
    [bodyId, from, to],
  );
}

export interface DecisionRow {
  heldOn: string;
  bodyName: string;
  decision: string;
  power: string;
  authority: string;
  method: string;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  referBack: boolean;
  withdrew: number;
}

/** The decisions of the trust's bodies in the span, oldest first, with how many members withdrew (a count, not who). */
export async function decisions(db: Queryable, bodyIds: readonly string[], from: string, to: string): Promise<DecisionRow[]> {
  return db.query(
    `SELECT to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn",
            b.name AS "bodyName",
            d.decision,
            p.description AS power,
            p.authority,
            d.method,
            d.votes_for AS "votesFor",
            d.votes_against AS "votesAgainst",
            d.abstentions,
            d.refer_back AS "referBack",
            (SELECT count(*) FROM governance_decision_member w WHERE w.decision_id = d.id AND w.part = 'withdrew')::int AS withdrew
       FROM governance_decision d
       JOIN governance_meeting m ON m.id = d.meeting_id
       JOIN governance_body b ON b.id = m.body_id
       JOIN governance_power p ON p.id = d.power_id
       JOIN governance_agenda_item i ON i.id = d.agenda_item_id
      WHERE m.body_id = ANY($1::uuid[])
        AND m.held_on BETWEEN $2::date AND $3::date
      ORDER BY m.held_on, b.name, i.position, d.recorded_at`,
    [bodyIds, from, to],
  );
}

export interface SelfAssessmentRow {
  year: number;
  agreedAt: Date;
  question: string;
  rating: string | null;
}

/** The board's agreed self-assessments of a year and the year before, one row per question (a draft is not published). */
export async function agreedSelfAssessments(db: Queryable, bodyId: string, year: number): Promise<SelfAssessmentRow[]> {
  return db.query(
    `SELECT s.year, s.agreed_at AS "agreedAt", a.question, a.rating
       FROM board_self_assessment s
       JOIN board_self_assessment_answer a ON a.self_assessment_id = s.id
      WHERE s.body_id = $1
        AND s.status = 'agreed'
        AND s.year IN ($2::int - 1, $2::int)`,
    [bodyId, year],
  );
}

export interface RoundRow {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

/** The LSCB's section 11 rounds whose period ends in the span (the round covering the year). */
export async function section11Rounds(db: Queryable, lscbId: string, from: string, to: string): Promise<RoundRow[]> {
  return db.query(
    `SELECT r.id, r.title,
            to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart",
            to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
            to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM section11_round r
      WHERE r.body_id = $1
        AND r.period_end BETWEEN $2::date AND $3::date
      ORDER BY r.period_end, r.title`,
    [lscbId, from, to],
  );
}

export interface AgencyResultRow {
  roundId: string;
  agency: string;
  status: string;
  submittedOn: string | null;
  met: number;
  partlyMet: number;
  notMet: number;
}

/**
 * Each agency's audit in the rounds: its status, the day it was submitted and how many standards it
 * rated met, partly met and not met (counted only once submitted: a draft's ratings are not its answer).
 * Evidence, improvement actions, chases and the LSCB's challenge stay with the LSCB.
 */
export async function agencyResults(db: Queryable, roundIds: readonly string[]): Promise<AgencyResultRow[]> {
  return db.query(
    `SELECT a.round_id AS "roundId",
            o.name AS agency,
            a.status,
            to_char(a.submitted_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "submittedOn",
            count(x.rating) FILTER (WHERE a.status = 'submitted' AND x.rating = 'met')::int AS met,
            count(x.rating) FILTER (WHERE a.status = 'submitted' AND x.rating = 'partly_met')::int AS "partlyMet",
            count(x.rating) FILTER (WHERE a.status = 'submitted' AND x.rating = 'not_met')::int AS "notMet"
       FROM section11_audit a
       JOIN organisation o ON o.id = a.organisation_id
       LEFT JOIN section11_answer x ON x.audit_id = a.id
      WHERE a.round_id = ANY($1::uuid[])
      GROUP BY a.id, a.round_id, o.name, a.status, a.submitted_at
      ORDER BY o.name`,
    [roundIds],
  );
}

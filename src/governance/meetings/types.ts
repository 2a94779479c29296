import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';

/**
 * A body's meetings (issue 16 item 4): each closed list one enumeration, held to its CHECK in migration
 * 0044 (test/platform/enums-check.test.ts).
 */

/** Who of the members was at a meeting: there, sent apologies (perhaps with a deputy in their place), or absent. */
export const ATTENDANCE = defineEnum(['present', 'apologies', 'absent']);
export type Attendance = EnumValue<typeof ATTENDANCE>;
export const ATTENDANCE_LABELS: Record<Attendance, string> = { present: 'Present', apologies: 'Sent apologies', absent: 'Absent' };

/** A member's part in a decision: took part, or withdrew (000 §2.43: for a declared interest). */
export const DECISION_PARTS = defineEnum(['took_part', 'withdrew']);
export type DecisionPart = EnumValue<typeof DECISION_PARTS>;

/** An action set at a meeting: open, in progress, done, or dropped by the body. */
export const MEETING_ACTION_STATUSES = defineEnum(['open', 'in_progress', 'done', 'dropped']);
export type MeetingActionStatus = EnumValue<typeof MEETING_ACTION_STATUSES>;
export const MEETING_ACTION_STATUS_LABELS: Record<MeetingActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};
/** Statuses of an action not yet finished: one past its due date is overdue. */
export const UNFINISHED_ACTION_STATUSES: readonly MeetingActionStatus[] = ['open', 'in_progress'];

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const NullableId = Type.Union([Id, Type.Null()]);

export const InterestShownSchema = Type.Object({
  interestId: Id,
  memberId: Id,
  personName: Type.String(),
  subject: Type.String({ description: 'The organisation or service the interest is in' }),
  nature: Type.String(),
});
export type InterestShown = Static<typeof InterestShownSchema>;

export const PaperSchema = Type.Object({
  id: Id,
  title: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  byteSize: Type.Integer(),
  addedByName: Type.String(),
});
export type Paper = Static<typeof PaperSchema>;

export const DecisionMemberSchema = Type.Object({
  memberId: Id,
  personName: Type.String(),
  part: DECISION_PARTS.schema(),
  interestDeclared: Type.String(),
});

export const DecisionSchema = Type.Object({
  id: Id,
  agendaItemId: Id,
  powerId: Id,
  powerDescription: Type.String(),
  decision: Type.String(),
  method: Type.String(),
  votesFor: Type.Union([Type.Integer(), Type.Null()]),
  votesAgainst: Type.Union([Type.Integer(), Type.Null()]),
  abstentions: Type.Union([Type.Integer(), Type.Null()]),
  referBack: Type.Boolean(),
  members: Type.Array(DecisionMemberSchema),
});
export type Decision = Static<typeof DecisionSchema>;

export const AgendaItemSchema = Type.Object({
  id: Id,
  position: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  minutes: Type.String(),
  organisations: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  services: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  papers: Type.Array(PaperSchema),
  interests: Type.Array(InterestShownSchema, { description: 'Declared interests of the body’s members in what the item touches, on the meeting’s day' }),
  decisions: Type.Array(DecisionSchema),
});
export type AgendaItem = Static<typeof AgendaItemSchema>;

export const AttendanceRowSchema = Type.Object({
  memberId: Id,
  personName: Type.String(),
  represents: Type.String(),
  memberRole: Type.String(),
  voting: Type.Boolean(),
  attendance: Type.Union([ATTENDANCE.schema(), Type.Null()], { description: 'null until recorded' }),
  deputyName: Type.String(),
});
export type AttendanceRow = Static<typeof AttendanceRowSchema>;

export const QuorumSchema = Type.Object({
  termsVersion: Type.Union([Type.Integer(), Type.Null()]),
  needed: Type.Union([Type.Integer(), Type.Null()], { description: 'Voting members (or their deputies) needed; null when no terms were in force' }),
  votingPresent: Type.Integer(),
  quorate: Type.Boolean(),
  rule: Type.String({ description: 'The quorum in words' }),
});
export type Quorum = Static<typeof QuorumSchema>;

export const MeetingActionSchema = Type.Object({
  id: Id,
  meetingId: Id,
  agendaItemId: NullableId,
  description: Type.String(),
  ownerName: Type.String(),
  ownerMemberId: NullableId,
  ownerUserId: NullableId,
  dueOn: Day,
  status: MEETING_ACTION_STATUSES.schema(),
  statusNote: Type.String(),
  overdue: Type.Boolean(),
});
export type MeetingAction = Static<typeof MeetingActionSchema>;

export const MeetingSummarySchema = Type.Object({
  id: Id,
  bodyId: Id,
  bodyName: Type.String(),
  heldOn: Day,
  startsAt: Type.String(),
  place: Type.String(),
});
export type MeetingSummary = Static<typeof MeetingSummarySchema>;

export const MeetingSchema = Type.Intersect([
  MeetingSummarySchema,
  Type.Object({
    items: Type.Array(AgendaItemSchema),
    attendance: Type.Array(AttendanceRowSchema),
    quorum: QuorumSchema,
    actions: Type.Array(MeetingActionSchema),
    manage: Type.Boolean({ description: 'Whether the caller may manage the meeting (the body’s chair or secretariat)' }),
  }),
]);
export type Meeting = Static<typeof MeetingSchema>;

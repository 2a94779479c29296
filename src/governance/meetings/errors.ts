import { defineProblem } from '../../platform/errors.js';

/** Meetings' and decisions' refusals beyond governance's own (errors.ts), each declared once (issue 16 item 4). */
export const meetingProblems = {
  /** A member already has an attendance record for the meeting. */
  attendanceRecorded: defineProblem<{ memberId: string }>(409, 'attendance_recorded', 'There is a problem'),
  /** A meeting without quorum records discussion, never a decision (ADR 0023). */
  /** An agenda item with minutes, papers or decisions stays on the agenda: they are the meeting's record. */
  itemHoldsRecord: defineProblem<{ kept: string[] }>(409, 'agenda_item_holds_record', 'There is a problem'),
  notQuorate: defineProblem<{ needed: number | null; votingPresent: number }>(409, 'meeting_not_quorate', 'There is a problem'),
};

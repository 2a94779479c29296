import crypto from 'node:crypto';
import { chooseServiceInto } from '../../directory/index.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { formatDate } from '../../platform/dates.js';
import { FieldErrors, validationFailed } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { checkUploadedFile } from '../../platform/uploaded-files.js';
import { managesMeetings, requireBusinessAccess } from '../access.js';
import { membersOn, quorumNeeded, termsInForce, votes } from '../bodies/service.js';
import { governanceProblems } from '../errors.js';
import { interestsTouching } from '../interests/repository.js';
import * as decisionsRepo from './decisions-repository.js';
import { meetingProblems } from './errors.js';
import { optionalText, readDay, readIds, requiredText, textOf } from './input.js';
import * as repo from './repository.js';
import { ATTENDANCE, type AgendaItem, type AttendanceRow, type Meeting, type Quorum } from './types.js';

/**
 * A body's meetings (issue 16 item 4): scheduled by its chair or secretariat, with an ordered agenda whose
 * items name the partners and services they touch (declared interests shown beside them, 000 §2.43),
 * papers checked by their bytes, attendance, minutes, and quorum read from the terms in force on the day.
 * Members see it all; only the chair and the secretariat change it. Every change is audited.
 */

/** Who acts: the signed-in person (the demo acts as a seated person too) and the request. */
export interface BusinessCaller {
  user: User;
  ctx: RequestContext;
}

/** An agenda item as sent: its title and description, and the partners and services of the area's list it touches. */
export interface ItemInput {
  title?: unknown;
  description?: unknown;
  organisationIds?: unknown;
  serviceIds?: unknown;
}

/** At most 10 MB a paper (a report with charts); the CHECK governance_paper_size holds the table to it. */
export const MAX_PAPER_BYTES = 10 * 1024 * 1024;

/** The quorum of a meeting: the terms in force on its day, the voting members seated then, those there (ADR 0023). */
export async function quorumOf(db: Queryable, bodyId: string, heldOn: string, seats: readonly repo.SeatRow[]): Promise<Quorum> {
  const terms = await termsInForce(db, bodyId, heldOn);
  const seated = await membersOn(db, bodyId, heldOn);
  const voting = new Set(seated.filter(votes).map((m) => m.id));
  // A member who sent apologies is represented by the deputy who came in their place (000 §2.63).
  const votingPresent = seats.filter((s) => voting.has(s.memberId) && (s.attendance === 'present' || (s.attendance === 'apologies' && s.deputyName !== ''))).length;
  if (!terms) return { termsVersion: null, needed: null, votingPresent, quorate: false, rule: 'No terms of reference were in force on the day, so the meeting could not be quorate' };
  const needed = quorumNeeded(terms, voting.size);
  const rule =
    terms.quorumKind === 'count'
      ? `${needed} voting members (terms of reference version ${terms.version})`
      : `${terms.quorumNumerator ?? 1} in ${terms.quorumDenominator ?? 1} of the ${voting.size} voting members, that is ${needed} (terms of reference version ${terms.version})`;
  return { termsVersion: terms.version, needed, votingPresent, quorate: votingPresent >= needed, rule };
}

export function meetingsService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** The meeting, when the caller may see its body's business (or manage it): not found otherwise, or refused by the body's rule. */
  async function meetingFor(by: BusinessCaller, meetingId: string, need: 'read' | 'manage' = 'read') {
    const meeting = isUuid(meetingId) ? await repo.findMeeting(db, by.user.areaCode, meetingId) : undefined;
    if (!meeting) throw governanceProblems.notFound('The meeting you asked for does not exist in this area');
    const { body, access } = await requireBusinessAccess(db, by.user, meeting.bodyId, today(), need);
    return { meeting, body, access };
  }

  async function itemOf(meetingId: string, itemId: string) {
    const item = isUuid(itemId) ? await repo.findItem(db, meetingId, itemId) : undefined;
    if (!item) throw governanceProblems.notFound('The agenda item you asked for is not on this meeting’s agenda');
    return item;
  }

  const changed = (tx: Parameters<typeof audit>[0], by: BusinessCaller, action: string, meetingId: string, details: Record<string, unknown>) =>
    audit(tx, actorOf(by.user), by.ctx, { action, subject: { type: 'governance_meeting', id: meetingId }, details });

  /**
   * Checks an item's fields and adds it at the end of the meeting's agenda, audited. The caller's right to add
   * it is checked before: by `addItem` (the body's chair or secretariat) or by board-agenda.ts (ADR 0038).
   */
  async function addCheckedItem(by: BusinessCaller, meeting: repo.MeetingRow, input: ItemInput, details: Record<string, unknown> = {}): Promise<string> {
    const errors = new FieldErrors();
    const title = requiredText(errors, 'title', input.title, 'the title of the item', 300);
    const description = optionalText(errors, 'description', input.description, 'Description', 4000);
    const organisationIds = readIds(errors, 'organisationIds', input.organisationIds);
    for (const id of organisationIds)
      if (!(await organisationIsInArea(db, id, meeting.areaCode))) errors.add('organisationIds', 'in_area', 'Choose partner organisations of this area');
    const serviceIds: string[] = [];
    for (const value of readIds(errors, 'serviceIds', input.serviceIds)) {
      const chosen = await chooseServiceInto(errors, db, meeting.areaCode, value, meeting.heldOn, 'serviceIds');
      if (chosen) serviceIds.push(chosen.id);
    }
    errors.throwIfAny();
    return db.transaction(async (tx) => {
      const id = await repo.insertItem(tx, { areaCode: meeting.areaCode, meetingId: meeting.id, title, description, organisationIds, serviceIds, at: clock.now() });
      await changed(tx, by, 'governance.agenda_item_added', meeting.id, { itemId: id, title, organisationIds, serviceIds, ...details });
      return id;
    });
  }

  return {
    meetingFor,

    /** A body's meetings, latest first, for those who may see its business. */
    async listOfBody(by: BusinessCaller, bodyId: string) {
      const { body, access } = await requireBusinessAccess(db, by.user, bodyId, today());
      return { body, manage: managesMeetings(access), meetings: await repo.listMeetingsOfBody(db, body.id) };
    },

    /** Every action set at the body's meetings, the overdue flagged: what the chair holds members to (issue 16 item 6). */
    async actionsOfBody(by: BusinessCaller, bodyId: string) {
      const { body, access } = await requireBusinessAccess(db, by.user, bodyId, today());
      return { body, manage: managesMeetings(access), actions: await decisionsRepo.listActionsOfBody(db, body.id, today()) };
    },

    /** Schedules a meeting of the body: its day, time and place. */
    async schedule(by: BusinessCaller, bodyId: string, input: { heldOn?: unknown; startsAt?: unknown; place?: unknown }): Promise<string> {
      const { body } = await requireBusinessAccess(db, by.user, bodyId, today(), 'manage');
      const errors = new FieldErrors();
      const heldOn = readDay(errors, 'heldOn', input.heldOn, 'the day of the meeting');
      if (heldOn !== undefined && heldOn < body.establishedOn)
        errors.add('heldOn', 'after_established', `The meeting must be on or after ${formatDate(body.establishedOn)}, when ${body.name} was established`);
      if (heldOn !== undefined && body.closedOn !== null && heldOn > body.closedOn)
        errors.add('heldOn', 'before_closed', `The meeting must be on or before ${formatDate(body.closedOn)}, when ${body.name} stood down`);
      const startsAt = textOf(input.startsAt);
      if (startsAt !== '' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(startsAt)) errors.add('startsAt', 'time_format', 'Start time must be a time of day, like 14:30');
      const place = requiredText(errors, 'place', input.place, 'where the meeting is held', 200);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertMeeting(tx, { areaCode: body.areaCode, bodyId: body.id, heldOn: heldOn ?? '', startsAt, place, by: by.user.id, at: clock.now() });
        await changed(tx, by, 'governance.meeting_scheduled', id, { bodyId: body.id, heldOn, startsAt, place });
        return id;
      });
    },

    /** The whole meeting as its members see it: agenda with touches, interests beside, papers, decisions; attendance; quorum; actions. */
    async view(by: BusinessCaller, meetingId: string): Promise<Meeting> {
      const { meeting, access } = await meetingFor(by, meetingId);
      const [items, touches, papers, decisions, seats, actions] = await Promise.all([
        repo.listItems(db, meeting.id),
        repo.listItemTouches(db, meeting.id),
        repo.listPapers(db, meeting.id),
        decisionsRepo.listDecisions(db, meeting.id),
        repo.listSeatsWithAttendance(db, meeting.id),
        decisionsRepo.listActionsOfMeeting(db, meeting.id, today()),
      ]);
      const seated = await membersOn(db, meeting.bodyId, meeting.heldOn);
      const voting = new Set(seated.filter(votes).map((m) => m.id));
      const agenda: AgendaItem[] = [];
      for (const item of items) {
        const organisations = touches.filter((t) => t.itemId === item.id && t.kind === 'organisation').map(({ id, name }) => ({ id, name }));
        const services = touches.filter((t) => t.itemId === item.id && t.kind === 'service').map(({ id, name }) => ({ id, name }));
        const interests = await interestsTouching(db, meeting.bodyId, meeting.heldOn, {
          organisationIds: organisations.map((o) => o.id),
          serviceIds: services.map((s) => s.id),
        });
        agenda.push({
          ...item,
          organisations,
          services,
          interests,
          papers: papers.filter((p) => p.itemId === item.id).map(({ itemId: _, ...p }) => p),
          decisions: decisions.filter((d) => d.agendaItemId === item.id),
        });
      }
      const attendance: AttendanceRow[] = seats.map((s) => ({
        memberId: s.memberId,
        personName: s.personName,
        represents: s.represents,
        memberRole: s.memberRole,
        voting: voting.has(s.memberId),
        attendance: s.attendance,
        deputyName: s.deputyName,
      }));
      return {
        id: meeting.id,
        bodyId: meeting.bodyId,
        bodyName: meeting.bodyName,
        heldOn: meeting.heldOn,
        startsAt: meeting.startsAt,
        place: meeting.place,
        items: agenda,
        attendance,
        quorum: await quorumOf(db, meeting.bodyId, meeting.heldOn, seats),
        actions,
        manage: managesMeetings(access),
      };
    },

    /** Adds an item at the end of the agenda, naming the partners and services of the area's list it touches. */
    async addItem(by: BusinessCaller, meetingId: string, input: ItemInput): Promise<string> {
      const { meeting } = await meetingFor(by, meetingId, 'manage');
      return addCheckedItem(by, meeting, input);
    },

    addCheckedItem,

    /** Moves an item one place up or down the agenda (audited); the first cannot go up, nor the last down. */
    async moveItem(by: BusinessCaller, meetingId: string, itemId: string, input: { direction?: unknown }): Promise<void> {
      const { meeting } = await meetingFor(by, meetingId, 'manage');
      const item = await itemOf(meeting.id, itemId);
      const direction = input.direction === 'up' || input.direction === 'down' ? input.direction : undefined;
      if (!direction) throw validationFailed([{ field: 'direction', rule: 'one_of', message: 'Direction must be up or down' }]);
      await db.transaction(async (tx) => {
        await repo.lockAgenda(tx, meeting.id);
        const current = await repo.findItem(tx, meeting.id, item.id);
        const neighbour = current ? await repo.neighbourItem(tx, meeting.id, current.position, direction) : undefined;
        if (!current || !neighbour)
          throw validationFailed([{ field: 'direction', rule: 'at_end', message: `“${item.title}” is already ${direction === 'up' ? 'first' : 'last'} on the agenda` }]);
        await repo.swapItems(tx, meeting.id, current, neighbour);
        await changed(tx, by, 'governance.agenda_item_moved', meeting.id, { itemId: item.id, from: current.position, to: neighbour.position });
      });
    },

    /**
     * Takes an item off the agenda (audited). An item that holds a record of the meeting (minutes, papers or
     * decisions) stays: the record of what happened is never lost.
     */
    async removeItem(by: BusinessCaller, meetingId: string, itemId: string): Promise<void> {
      const { meeting } = await meetingFor(by, meetingId, 'manage');
      const item = await itemOf(meeting.id, itemId);
      await db.transaction(async (tx) => {
        await repo.lockAgenda(tx, meeting.id);
        const held = await repo.itemRecords(tx, item.id);
        const kept = [held.minutes ? 'minutes' : '', held.papers > 0 ? 'papers' : '', held.decisions > 0 ? 'decisions' : ''].filter((k) => k !== '');
        if (kept.length > 0) {
          const message = `“${item.title}” cannot be removed: it holds ${kept.join(' and ')}, which are part of the meeting’s record`;
          throw meetingProblems.itemHoldsRecord(message, { fieldErrors: [{ field: 'itemId', rule: 'holds_record', message }], details: { kept } });
        }
        await repo.deleteItem(tx, meeting.id, item);
        await changed(tx, by, 'governance.agenda_item_removed', meeting.id, { itemId: item.id, title: item.title, position: item.position });
      });
    },

    /** The minutes of an item: the discussion, recorded with or without quorum. */
    async setMinutes(by: BusinessCaller, meetingId: string, itemId: string, input: { minutes?: unknown }): Promise<void> {
      const { meeting } = await meetingFor(by, meetingId, 'manage');
      const item = await itemOf(meeting.id, itemId);
      const errors = new FieldErrors();
      const minutes = optionalText(errors, 'minutes', input.minutes, 'Minutes', 20000);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.setMinutes(tx, item.id, minutes, clock.now());
        await changed(tx, by, 'governance.minutes_recorded', meeting.id, { itemId: item.id, characters: minutes.length });
      });
    },

    /** Adds a paper to an item after checking its bytes and size; nothing is written when either is wrong. */
    async addPaper(by: BusinessCaller, meetingId: string, itemId: string, input: { title?: unknown; fileName?: string; content?: Buffer }): Promise<string> {
      const { meeting } = await meetingFor(by, meetingId, 'manage');
      const item = await itemOf(meeting.id, itemId);
      const errors = new FieldErrors();
      const file = checkUploadedFile(errors, input, { maxBytes: MAX_PAPER_BYTES, requiredMessage: 'Choose the paper’s file' });
      const title = requiredText(errors, 'title', input.title, 'the title of the paper', 300);
      errors.throwIfAny();
      if (!file) throw new Error('unreachable: a checked paper has content and a type');
      const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
      return db.transaction(async (tx) => {
        const id = await repo.insertPaper(tx, { areaCode: meeting.areaCode, itemId: item.id, title, ...file, sha256, addedBy: by.user.id, addedByName: by.user.displayName, at: clock.now() });
        await changed(tx, by, 'governance.paper_added', meeting.id, { itemId: item.id, paperId: id, contentType: file.contentType, bytes: file.content.length, sha256 });
        return id;
      });
    },

    /** A paper's bytes, for whoever may see the body's business. */
    async paper(by: BusinessCaller, meetingId: string, paperId: string) {
      const { meeting } = await meetingFor(by, meetingId);
      const found = isUuid(paperId) ? await repo.findPaperContent(db, meeting.id, paperId) : undefined;
      if (!found) throw governanceProblems.notFound('The paper you asked for is not among this meeting’s papers');
      return found;
    },

    /** Records one member's attendance: once a meeting; a deputy only in the place of a member who sent apologies. */
    async recordAttendance(by: BusinessCaller, meetingId: string, input: { memberId?: unknown; attendance?: unknown; deputyName?: unknown }): Promise<void> {
      const { meeting } = await meetingFor(by, meetingId, 'manage');
      const errors = new FieldErrors();
      const memberId = textOf(input.memberId);
      const seats = await repo.listSeatsWithAttendance(db, meeting.id);
      const seat = seats.find((s) => s.memberId === memberId);
      if (memberId === '') errors.add('memberId', 'required', 'Select the member');
      else if (!seat) errors.add('memberId', 'seated', `Select a member seated on ${meeting.bodyName} on ${formatDate(meeting.heldOn)}`);
      const attendance = ATTENDANCE.is(input.attendance) ? input.attendance : undefined;
      if (!attendance) errors.add('attendance', 'one_of', 'Select whether they were present, sent apologies or were absent');
      const deputyName = optionalText(errors, 'deputyName', input.deputyName, 'Deputy’s name', 200);
      if (deputyName !== '' && attendance !== undefined && attendance !== 'apologies')
        errors.add('deputyName', 'with_apologies', 'A deputy attends only in the place of a member who sent apologies');
      errors.throwIfAny();
      if (!seat || !attendance) throw new Error('unreachable: checked attendance has a seat');
      if (seat.attendance !== null) {
        const message = `${seat.personName}’s attendance is already recorded for this meeting`;
        throw meetingProblems.attendanceRecorded(message, { fieldErrors: [{ field: 'memberId', rule: 'unique', message }], details: { memberId } });
      }
      await db.transaction(async (tx) => {
        const added = await repo.insertAttendance(tx, { areaCode: meeting.areaCode, meetingId: meeting.id, memberId, attendance, deputyName, by: by.user.id, at: clock.now() });
        if (!added) {
          const message = `${seat.personName}’s attendance is already recorded for this meeting`;
          throw meetingProblems.attendanceRecorded(message, { fieldErrors: [{ field: 'memberId', rule: 'unique', message }], details: { memberId } });
        }
        await changed(tx, by, 'governance.attendance_recorded', meeting.id, { memberId, attendance, deputyName });
      });
    },
  };
}

export type MeetingsService = ReturnType<typeof meetingsService>;

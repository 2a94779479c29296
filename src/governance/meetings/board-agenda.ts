import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { validationFailed } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can } from '../../platform/policy.js';
import { accessToBody, managesMeetings } from '../access.js';
import { governanceProblems } from '../errors.js';
import { findBodyOfKind } from '../bodies/repository.js';
import * as repo from './repository.js';
import { meetingsService, type BusinessCaller, type ItemInput } from './service.js';

/**
 * Business brought to the children's trust board by another feature (ADR 0038): an item added to the agenda
 * of one of the board's upcoming meetings (held today or later), through the meetings' own item code
 * (`addCheckedItem`: its field rules, its touches, its audit entry `governance.agenda_item_added`).
 *
 * Who may: those who manage the board's meetings (its chair and secretariat, ADR 0022), and those holding
 * `commissioning.manage` (the commissioner), who brings commissioning business to the board without being
 * its secretariat. Anyone else is refused (403 `not_in_body`). A past meeting's agenda is not added to
 * (`meetingId`: `upcoming`); another body's meeting is not the board's (`meetingId`: `board_meeting`).
 */

export interface BoardMeeting {
  id: string;
  heldOn: string;
  startsAt: string;
  place: string;
  bodyName: string;
}

export function boardAgendaService({ db, clock }: { db: Db; clock: Clock }) {
  const meetings = meetingsService({ db, clock });
  const today = () => todayOf(clock);

  const board = (user: User) => findBodyOfKind(db, user.areaCode, 'trust_board');

  /** Whether the user may put items on the board's agenda: manages its meetings, or holds commissioning.manage. */
  async function mayAdd(user: User): Promise<boolean> {
    if (can(user, 'commissioning.manage')) return true;
    const body = await board(user);
    return body !== undefined && managesMeetings(await accessToBody(db, user, body, today()));
  }

  return {
    mayAdd,

    /** The board's meetings from today on, soonest first: where an item may go. Empty for those who may not add. */
    async upcoming(user: User): Promise<BoardMeeting[]> {
      const body = await board(user);
      if (!body || !(await mayAdd(user))) return [];
      return (await repo.listMeetingsOfBody(db, body.id)).filter((m) => m.heldOn >= today()).reverse();
    },

    /** Adds the item at the end of the chosen upcoming meeting's agenda; `details` go into its audit entry (where it came from). */
    async add(by: BusinessCaller, meetingId: unknown, input: ItemInput, details: Record<string, unknown> = {}): Promise<{ itemId: string; meeting: BoardMeeting }> {
      if (!(await mayAdd(by.user))) throw governanceProblems.notInBody('Only the board’s chair and secretariat, and the commissioner, put items on its agenda', { details: { bodyId: '' } });
      const id = typeof meetingId === 'string' ? meetingId.trim() : '';
      if (id === '') throw validationFailed([{ field: 'meetingId', rule: 'required', message: 'Select the meeting of the board' }]);
      const meeting = isUuid(id) ? await repo.findMeeting(db, by.user.areaCode, id) : undefined;
      const body = await board(by.user);
      if (!meeting || !body || meeting.bodyId !== body.id)
        throw validationFailed([{ field: 'meetingId', rule: 'board_meeting', message: 'Select a meeting of the children’s trust board of this area' }]);
      if (meeting.heldOn < today())
        throw validationFailed([{ field: 'meetingId', rule: 'upcoming', message: 'Select a meeting held today or later: a past meeting’s agenda is closed' }]);
      const itemId = await meetings.addCheckedItem(by, meeting, input, details);
      return { itemId, meeting };
    },
  };
}

export type BoardAgendaService = ReturnType<typeof boardAgendaService>;

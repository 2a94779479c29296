import { auditWithClock } from '../../platform/audit.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { formatDate } from '../../platform/dates.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { managesMeetings, requireBusinessAccess } from '../access.js';
import { termsInForce } from '../bodies/service.js';
import { governanceProblems } from '../errors.js';
import { interestsTouching } from '../interests/repository.js';
import * as repo from './decisions-repository.js';
import { meetingProblems } from './errors.js';
import { optionalText, readCount, readDay, readIds, requiredText, textOf } from './input.js';
import * as meetingsRepo from './repository.js';
import { quorumOf, type BusinessCaller, type MeetingsService } from './service.js';
import { MEETING_ACTION_STATUSES, type DecisionPart } from './types.js';

/**
 * Decisions and actions of a meeting (issue 16 item 4). A decision is made under a named power of the
 * terms of reference in force on the meeting's day (004 Tables 2.2-2.3), only when the meeting is
 * quorate, by the terms' method (votes counted where it is a vote, 004 para 89); it records who took
 * part, the interests declared (000 §2.43: read through interestsTouching, the one rule) and who withdrew.
 */

export interface DecisionInput {
  powerId?: unknown;
  decision?: unknown;
  tookPart?: unknown;
  withdrew?: unknown;
  votesFor?: unknown;
  votesAgainst?: unknown;
  abstentions?: unknown;
}

export function decisionsService({ db, clock, meetings }: { db: Db; clock: Clock; meetings: MeetingsService }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  return {
    async record(by: BusinessCaller, meetingId: string, itemId: string, input: DecisionInput): Promise<string> {
      const { meeting } = await meetings.meetingFor(by, meetingId, 'manage');
      const item = isUuid(itemId) ? await meetingsRepo.findItem(db, meeting.id, itemId) : undefined;
      if (!item) throw governanceProblems.notFound('The agenda item you asked for is not on this meeting’s agenda');
      const errors = new FieldErrors();
      const decision = requiredText(errors, 'decision', input.decision, 'what was decided', 4000);
      const terms = await termsInForce(db, meeting.bodyId, meeting.heldOn);
      const powerId = textOf(input.powerId);
      const power = terms?.powers.find((p) => p.id === powerId);
      if (powerId === '') errors.add('powerId', 'required', 'Select the power of the body’s terms of reference the decision is made under');
      else if (!power) {
        const [named] = isUuid(powerId) ? await db.query<{ description: string }>('SELECT description FROM governance_power WHERE id = $1', [powerId]) : [];
        errors.add(
          'powerId',
          'power_held',
          `${meeting.bodyName} does not hold the power “${named?.description ?? powerId}” under the terms of reference in force on ${formatDate(meeting.heldOn)}`,
        );
      }
      const seats = await meetingsRepo.listSeatsWithAttendance(db, meeting.id);
      const there = (id: string) => {
        const s = seats.find((x) => x.memberId === id);
        return s !== undefined && (s.attendance === 'present' || (s.attendance === 'apologies' && s.deputyName !== ''));
      };
      const tookPart = readIds(errors, 'tookPart', input.tookPart);
      const withdrew = readIds(errors, 'withdrew', input.withdrew);
      if (tookPart.length === 0) errors.add('tookPart', 'required', 'Select the members who took part in the decision');
      else if (!tookPart.every(there)) errors.add('tookPart', 'present', 'Only members present, or represented by their deputy, take part in a decision');
      if (!withdrew.every((id) => seats.some((s) => s.memberId === id))) errors.add('withdrew', 'seated', 'Select members of the body seated on the day');
      else if (withdrew.some((id) => tookPart.includes(id))) errors.add('withdrew', 'not_both', 'A member who withdrew cannot also have taken part');
      const method = terms?.decisionMethod ?? 'consensus';
      let votesFor: number | null = null;
      let votesAgainst: number | null = null;
      let abstentions: number | null = null;
      if (method !== 'consensus') {
        votesFor = readCount(errors, 'votesFor', input.votesFor, 'Votes for') ?? null;
        votesAgainst = readCount(errors, 'votesAgainst', input.votesAgainst, 'Votes against') ?? null;
        abstentions = readCount(errors, 'abstentions', input.abstentions, 'Abstentions') ?? 0;
        // 004 para 89: where the terms say the body votes, the votes are counted.
        if (votesFor === null && !errors.has('votesFor')) errors.add('votesFor', 'required', 'Enter the votes for: the terms of reference decide by vote');
        if (votesAgainst === null && !errors.has('votesAgainst')) errors.add('votesAgainst', 'required', 'Enter the votes against (0 if none)');
        if (votesFor !== null && votesAgainst !== null) {
          if (votesFor + votesAgainst + abstentions > tookPart.length)
            errors.add('votesFor', 'at_most_taking_part', `The votes cast are more than the ${tookPart.length} members who took part`);
          else if (method === 'majority_vote' && votesFor <= votesAgainst)
            errors.add('votesFor', 'carried', 'A decision by majority vote needs more votes for than against: record the discussion in the minutes instead');
          else if (method === 'unanimous' && votesAgainst > 0)
            errors.add('votesAgainst', 'unanimous', 'The terms of reference need a unanimous decision: refer it back to the partners instead (004 Table 2.3)');
        }
      }
      errors.throwIfAny();
      if (!power || !terms) throw new Error('unreachable: a checked decision has a power');
      // A meeting without quorum can record discussion (minutes) but no decision (ADR 0023).
      const quorum = await quorumOf(db, meeting.bodyId, meeting.heldOn, seats);
      if (!quorum.quorate) {
        const message = `The meeting was not quorate (${quorum.votingPresent} voting members there; the quorum is ${quorum.rule}): record the discussion in the minutes, not a decision`;
        throw meetingProblems.notQuorate(message, {
          fieldErrors: [{ field: 'quorum', rule: 'quorate', message }],
          details: { needed: quorum.needed, votingPresent: quorum.votingPresent },
        });
      }
      const touches = await meetingsRepo.listItemTouches(db, meeting.id);
      const interests = await interestsTouching(db, meeting.bodyId, meeting.heldOn, {
        organisationIds: touches.filter((t) => t.itemId === item.id && t.kind === 'organisation').map((t) => t.id),
        serviceIds: touches.filter((t) => t.itemId === item.id && t.kind === 'service').map((t) => t.id),
      });
      const declared = (memberId: string) =>
        interests
          .filter((i) => i.memberId === memberId)
          .map((i) => `${i.subject}: ${i.nature}`)
          .join('; ')
          .slice(0, 1000);
      const members = [
        ...tookPart.map((memberId) => ({ memberId, part: 'took_part' as DecisionPart, interestDeclared: declared(memberId) })),
        ...withdrew.map((memberId) => ({ memberId, part: 'withdrew' as DecisionPart, interestDeclared: declared(memberId) })),
      ];
      return db.transaction(async (tx) => {
        const id = await repo.insertDecision(tx, {
          areaCode: meeting.areaCode,
          meetingId: meeting.id,
          itemId: item.id,
          powerId: power.id,
          decision,
          method,
          votesFor,
          votesAgainst,
          abstentions,
          referBack: power.referBack,
          by: by.user.id,
          at: clock.now(),
          members,
        });
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'governance.decision_recorded',
          subject: { type: 'governance_meeting', id: meeting.id },
          details: { decisionId: id, itemId: item.id, powerId: power.id, termsVersion: terms.version, method, votesFor, votesAgainst, abstentions, tookPart, withdrew, interestsDeclared: members.filter((m) => m.interestDeclared !== '').map((m) => m.memberId) },
        });
        return id;
      });
    },

    /** Sets an action with its owner (a member of the body, or a user of the area) and due date. */
    async addAction(
      by: BusinessCaller,
      meetingId: string,
      input: { itemId?: unknown; description?: unknown; owner?: unknown; ownerMemberId?: unknown; ownerUserId?: unknown; dueOn?: unknown },
    ): Promise<string> {
      const { meeting } = await meetings.meetingFor(by, meetingId, 'manage');
      const errors = new FieldErrors();
      const description = requiredText(errors, 'description', input.description, 'what is to be done', 2000);
      const itemId = textOf(input.itemId);
      if (itemId !== '' && !(isUuid(itemId) && (await meetingsRepo.findItem(db, meeting.id, itemId)))) errors.add('itemId', 'on_agenda', 'Select an item of this meeting’s agenda, or none');
      // A page sends one choice, "member:<id>" or "user:<id>"; the API names the one it means.
      const owner = textOf(input.owner);
      const ownerMemberId = owner.startsWith('member:') ? owner.slice(7) : textOf(input.ownerMemberId);
      const ownerUserId = owner.startsWith('user:') ? owner.slice(5) : textOf(input.ownerUserId);
      if ((ownerMemberId === '') === (ownerUserId === '')) errors.add('owner', 'required', 'Select who owns the action: a member of the body or a user of the area');
      else if (ownerMemberId !== '') {
        const [seat] = isUuid(ownerMemberId) ? await db.query('SELECT 1 FROM governance_member WHERE id = $1 AND body_id = $2', [ownerMemberId, meeting.bodyId]) : [];
        if (!seat) errors.add('owner', 'member_of_body', `Select a member of ${meeting.bodyName}`);
      } else {
        const [user] = isUuid(ownerUserId) ? await db.query('SELECT 1 FROM app_user WHERE id = $1 AND area_code = $2', [ownerUserId, meeting.areaCode]) : [];
        if (!user) errors.add('owner', 'user_in_area', 'Select a user of this area');
      }
      const dueOn = readDay(errors, 'dueOn', input.dueOn, 'the day it is due');
      if (dueOn !== undefined && dueOn < meeting.heldOn) errors.add('dueOn', 'date_order', `The due date must be on or after the meeting, ${formatDate(meeting.heldOn)}`);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertAction(tx, {
          areaCode: meeting.areaCode,
          meetingId: meeting.id,
          itemId: itemId === '' ? null : itemId,
          description,
          ownerMemberId: ownerMemberId === '' ? null : ownerMemberId,
          ownerUserId: ownerUserId === '' ? null : ownerUserId,
          dueOn: dueOn ?? '',
          at: clock.now(),
        });
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'governance.action_set',
          subject: { type: 'governance_action', id },
          details: { meetingId: meeting.id, ownerMemberId: ownerMemberId || null, ownerUserId: ownerUserId || null, dueOn },
        });
        return id;
      });
    },

    /** An action's progress: by the body's chair or secretariat, or by its owner. */
    async setActionStatus(by: BusinessCaller, actionId: string, input: { status?: unknown; note?: unknown }): Promise<string> {
      const action = isUuid(actionId) ? await repo.findAction(db, by.user.areaCode, actionId, today()) : undefined;
      if (!action) throw governanceProblems.notFound('The action you asked for does not exist in this area');
      const { access } = await requireBusinessAccess(db, by.user, action.bodyId, today());
      const [owned] = await db.query(
        'SELECT 1 FROM governance_action a LEFT JOIN governance_member s ON s.id = a.owner_member_id WHERE a.id = $1 AND (a.owner_user_id = $2 OR s.user_id = $2)',
        [action.id, by.user.id],
      );
      if (!managesMeetings(access) && !owned)
        throw governanceProblems.notInBody('Only the action’s owner, and the chair and the secretariat, change its progress', { details: { bodyId: action.bodyId } });
      const errors = new FieldErrors();
      const status = MEETING_ACTION_STATUSES.is(input.status) ? input.status : undefined;
      if (!status) errors.add('status', 'one_of', 'Select the action’s status');
      const note = optionalText(errors, 'note', input.note, 'Note', 2000);
      errors.throwIfAny();
      if (!status) throw new Error('unreachable');
      await db.transaction(async (tx) => {
        await repo.setActionStatus(tx, action.id, status, note, clock.now());
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'governance.action_updated',
          subject: { type: 'governance_action', id: action.id },
          details: { before: action.status, after: status },
        });
      });
      return action.meetingId;
    },
  };
}

export type DecisionsService = ReturnType<typeof decisionsService>;

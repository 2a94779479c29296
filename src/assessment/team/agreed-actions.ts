import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { openForUser, requireOpen } from '../access.js';
import { readDate } from '../content.js';
import * as workRepo from '../work/repository.js';

/**
 * The actions agreed in a completed assessment, taken into the action plan (issue 14: today
 * everything is typed twice). The practitioner confirms each one, with its owner on the team and
 * its due date; all are added in one transaction, or none.
 */

/** One agreed action as confirmed on the page; `row` is its place there, for the error messages. */
export interface AgreedActionInput {
  row: number;
  need?: string;
  action?: string;
  ownerTeamMemberId?: string;
  dueOn?: string;
}

const ACTION_MAX = 2000;
const NEED_MAX = 500;

export function agreedActionsService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /** Adds the chosen agreed actions of version `fromVersion` to the plan; returns their ids. */
    async addToPlan(
      user: User,
      assessmentId: string,
      fromVersion: number,
      inputs: readonly AgreedActionInput[],
      ctx: RequestContext,
    ): Promise<string[]> {
      const errors = new FieldErrors();
      if (inputs.length === 0) errors.add('actions', 'required', 'Select at least one action to add to the plan');
      const rows = inputs.map((input) => {
        const field = (name: string) => `actions[${input.row}].${name}`;
        const need = (input.need ?? '').trim();
        const action = (input.action ?? '').trim();
        if (need.length > NEED_MAX) errors.add(field('need'), 'max_length', `The need must be ${NEED_MAX} characters or less`);
        if (action === '') errors.add(field('action'), 'required', `Enter what will be done (action ${input.row + 1})`);
        else if (action.length > ACTION_MAX)
          errors.add(field('action'), 'max_length', `What will be done must be ${ACTION_MAX} characters or less`);
        const due = readDate(input.dueOn ?? '', `Due date of action ${input.row + 1}`);
        if (!due.ok) errors.add(field('dueOn'), due.rule, due.message);
        return { input, need, action, dueOn: due.ok ? due.value : '' };
      });
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const opened = await openForUser(tx, user, assessmentId, true);
        requireOpen(opened.assessment);
        const { assessment, team } = opened;
        for (const { input } of rows) {
          if (!team.some((m) => m.id === (input.ownerTeamMemberId ?? '') && m.leftOn === null))
            errors.add(`actions[${input.row}].ownerTeamMemberId`, 'team_member', `Select who will do action ${input.row + 1} from the team`);
        }
        errors.throwIfAny();
        const ids: string[] = [];
        for (const row of rows) {
          const id = await workRepo.insertAction(tx, {
            areaCode: user.areaCode,
            assessmentId: assessment.id,
            need: row.need,
            action: row.action,
            ownerTeamMemberId: row.input.ownerTeamMemberId ?? '',
            dueOn: row.dueOn,
            createdBy: user.id,
            createdAt: clock.now(),
          });
          ids.push(id);
          await recordAudit(tx, actorOf(user), ctx, {
            action: 'assessment.action_added',
            subject: { type: 'common_assessment', id: assessment.id },
            details: { childIds: [assessment.childId], actionId: id, ownerTeamMemberId: row.input.ownerTeamMemberId, fromVersion },
          });
        }
        return ids;
      });
    },
  };
}

export type AgreedActionsService = ReturnType<typeof agreedActionsService>;

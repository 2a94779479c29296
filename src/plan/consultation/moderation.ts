import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { planProblems } from '../errors.js';
import { textOf } from '../participation/input.js';
import type { VoiceCaller } from '../participation/service.js';
import * as children from './children-repository.js';
import {
  CHILD_AGE_GROUP_LABELS,
  CHILD_AGE_GROUPS,
  LISTENED,
  LISTENED_LABELS,
  MATTERS,
  MATTERS_LABELS,
  type ChildrenSummary,
  type PublishedQuotation,
} from './children-questions.js';
import type { Consultation } from './types.js';

/**
 * Children and young people's answers for the board (issue 18 item 4; ADR 0035): counts per choice and every
 * free-text answer, and the planner's moderation of the words a child offered to be quoted. Only an approved
 * quotation is ever public (`publishedQuotations`).
 */

const NOT_ANSWERED = 'Not answered';

function counted<V extends string>(values: readonly V[], labels: Record<V, string>, counts: Map<string | null, number>) {
  return [
    ...values.map((value) => ({ value, label: labels[value], count: counts.get(value) ?? 0 })),
    ...(counts.has(null) ? [{ value: null, label: NOT_ANSWERED, count: counts.get(null) ?? 0 }] : []),
  ];
}

/** The approved quotations of a plan's consultations: what cypp-publish may show on the public pages, and nothing else. */
export const publishedQuotations = (db: Queryable, planId: string): Promise<PublishedQuotation[]> =>
  isUuid(planId) ? children.listApprovedQuotations(db, planId) : Promise.resolve([]);

export function childrenModeration({ db, clock, consultationFor }: { db: Db; clock: Clock; consultationFor: (user: User, id: string) => Promise<Consultation> }) {
  const audit = auditWithClock(clock);
  return {
    async childrenSummary(user: User, id: string): Promise<{ consultation: Consultation; summary: ChildrenSummary }> {
      const consultation = await consultationFor(user, id);
      const [answers, matters, listened, ages, freeText] = await Promise.all([
        children.countAnswers(db, consultation.id),
        children.countAnswersBy(db, consultation.id, 'matters'),
        children.countAnswersBy(db, consultation.id, 'listened'),
        children.countAnswersBy(db, consultation.id, 'age_group'),
        children.listFreeTextAnswers(db, consultation.id),
      ]);
      return {
        consultation,
        summary: {
          answers,
          matters: counted(MATTERS.values, MATTERS_LABELS, matters),
          listened: counted(LISTENED.values, LISTENED_LABELS, listened),
          ageGroups: counted(CHILD_AGE_GROUPS.values, CHILD_AGE_GROUP_LABELS, ages),
          freeText,
        },
      };
    },

    /** A planner approves or declines words a child offered to be quoted; words not offered cannot be approved. */
    async moderate(by: VoiceCaller, id: string, answerId: string, input: { decision?: unknown }): Promise<'approved' | 'declined'> {
      const consultation = await consultationFor(by.user, id);
      const answer = isUuid(answerId) ? await children.findAnswer(db, consultation.id, answerId) : undefined;
      if (!answer) throw planProblems.notFound('No such answer to this consultation');
      const decision = textOf(input.decision);
      if (decision !== 'approved' && decision !== 'declined') {
        const message = 'Select whether to approve the quotation or not';
        throw planProblems.invalid(message, { fieldErrors: [{ field: 'decision', rule: 'one_of', message }] });
      }
      if (answer.quotation === 'not_asked') {
        const message = 'The young person did not agree to be quoted, so these words cannot be approved for quoting';
        throw planProblems.conflict(message, { fieldErrors: [{ field: 'decision', rule: 'not_offered', message }] });
      }
      await db.transaction(async (tx) => {
        await children.setQuotation(tx, consultation.id, answer.id, decision, by.user.id, clock.now());
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.quotation_moderated',
          subject: { type: 'plan consultation', id: consultation.id },
          details: { answerId: answer.id, decision, before: answer.quotation },
        });
      });
      return decision;
    },
  };
}

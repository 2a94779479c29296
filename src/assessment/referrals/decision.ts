import type { User } from '../../platform/auth/repository.js';
import type { Queryable } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { readDate } from '../content.js';
import { REFERRAL_DECISIONS, REFERRAL_SIGNPOSTS } from '../form.js';
import * as teamRepo from '../team/repository.js';
import type { DecisionRecord } from './repository.js';

/**
 * Reading a receiving service's decision on a referral (issue 14): each outcome has its own required
 * fields, and what belongs to another outcome is dropped. Every fault is named by field and rule.
 */

export interface DecisionInput {
  decision?: string;
  reason?: string;
  /** The worker the child is allocated to: required to allocate, optional on acceptance. A practitioner of the receiving organisation. */
  allocatedTo?: string;
  /** On a step down to early help: the practitioner of the area who leads it. */
  namedLead?: string;
  /** On signposting: universal services or early help. */
  signpostedTo?: string;
  /** On a strategy discussion: its date. */
  strategyDiscussionOn?: string;
}

export const REASON_MAX = 2000;

export { DECISION_WORDS } from './status.js';

/** Whether the outcome means the receiving service takes the child on: the level sought becomes the child's. */
export const takesTheChild = (decision: DecisionRecord['decision']): boolean => decision === 'accepted' || decision === 'allocated';

export interface ReadDecision extends DecisionRecord {
  /** The allocated worker, as the involvement they join records them. */
  worker: { id: string; displayName: string; organisationId: string; jobTitle: string; email: string } | undefined;
}

export async function readDecision(q: Queryable, user: User, input: DecisionInput): Promise<ReadDecision> {
  const errors = new FieldErrors();
  const decisionText = (input.decision ?? '').trim();
  const decision = REFERRAL_DECISIONS.is(decisionText) ? decisionText : undefined;
  if (!decision) errors.add('decision', 'one_of', `Select your service’s decision: one of ${REFERRAL_DECISIONS.values.join(', ')}`);
  const reason = (input.reason ?? '').trim();
  if (reason.length > REASON_MAX) errors.add('reason', 'max_length', `Reason must be ${REASON_MAX} characters or less`);
  else if (decision === 'returned' && reason === '')
    errors.add('reason', 'required', 'Say why the referral is returned, and what would help instead');
  else if (decision === 'no_further_action' && reason === '') errors.add('reason', 'required', 'Say why no further action is needed');

  let worker: ReadDecision['worker'];
  const allocatedTo = (input.allocatedTo ?? '').trim();
  if (decision === 'allocated' || (decision === 'accepted' && allocatedTo !== '')) {
    if (allocatedTo === '') errors.add('allocatedTo', 'required', 'Select the worker the child is allocated to');
    else {
      worker = isUuid(allocatedTo) ? await teamRepo.findPractitionerInArea(q, allocatedTo, user.areaCode) : undefined;
      if (!worker || worker.organisationId !== user.organisationId) {
        worker = undefined;
        errors.add('allocatedTo', 'in_organisation', `Select a worker of ${user.organisationName}`);
      }
    }
  }

  let namedLeadId: string | null = null;
  if (decision === 'stepped_down') {
    const namedLead = (input.namedLead ?? '').trim();
    if (namedLead === '') errors.add('namedLead', 'required', 'Select the practitioner who will lead the early help');
    else if (!(isUuid(namedLead) && (await teamRepo.findPractitionerInArea(q, namedLead, user.areaCode))))
      errors.add('namedLead', 'in_area', 'Select a practitioner of this area to lead the early help');
    else namedLeadId = namedLead;
  }

  let signpostedTo: DecisionRecord['signpostedTo'] = null;
  if (decision === 'signposted') {
    const to = (input.signpostedTo ?? '').trim();
    if (REFERRAL_SIGNPOSTS.is(to)) signpostedTo = to;
    else errors.add('signpostedTo', 'one_of', `Select where the family is signposted: one of ${REFERRAL_SIGNPOSTS.values.join(', ')}`);
  }

  let strategyDiscussionOn: string | null = null;
  if (decision === 'strategy_discussion') {
    const date = readDate(input.strategyDiscussionOn ?? '', 'Date of the strategy discussion');
    if (date.ok) strategyDiscussionOn = date.value;
    else errors.add('strategyDiscussionOn', date.rule, date.message);
  }

  errors.throwIfAny();
  if (!decision) throw new Error('unreachable: a missing decision is a field error');
  return { decision, reason, allocatedTo: worker?.id ?? null, namedLeadId, signpostedTo, strategyDiscussionOn, worker };
}

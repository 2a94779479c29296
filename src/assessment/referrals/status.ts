import type { Referral, ReferralDecision } from '../types.js';

/** A referral's decisions in words, on the page and in notices, and where a referral has got to as a tag. */

export const DECISION_WORDS: Record<ReferralDecision, string> = {
  accepted: 'Accepted',
  allocated: 'Allocated to a named worker',
  strategy_discussion: 'Strategy discussion',
  stepped_down: 'Stepped down to early help',
  signposted: 'Signposted',
  no_further_action: 'No further action',
  returned: 'Returned',
};

const DECISION_TAGS: Record<ReferralDecision, string> = {
  accepted: 'govuk-tag--green',
  allocated: 'govuk-tag--green',
  strategy_discussion: 'govuk-tag--purple',
  stepped_down: 'govuk-tag--turquoise',
  signposted: 'govuk-tag--turquoise',
  no_further_action: 'govuk-tag--grey',
  returned: 'govuk-tag--orange',
};

/** Where a referral has got to, as a tag. */
export function referralStatus(r: Referral): { text: string; classes: string } {
  if (r.decision) return { text: DECISION_WORDS[r.decision], classes: DECISION_TAGS[r.decision] };
  if (r.acknowledgedAt) return { text: 'Acknowledged', classes: 'govuk-tag--blue' };
  if (r.overdue) return { text: 'Overdue', classes: 'govuk-tag--red' };
  return { text: 'Waiting', classes: 'govuk-tag--grey' };
}

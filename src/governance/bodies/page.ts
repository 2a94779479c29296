import { formatDate } from '../../platform/dates.js';
import { pageRenderer } from '../../platform/http/forms.js';
import { governancePaths as gp } from '../paths.js';
import {
  BODY_KIND_LABELS,
  DECISION_METHOD_LABELS,
  MEMBER_ROLE_LABELS,
  NAMED_ROLE_LABELS,
  PARTNERSHIP_KIND_LABELS,
  type Terms,
} from '../types.js';
import { quorumNeeded } from './service.js';

/** The quorum of terms in words, with what it comes to for the voting members seated. */
export function quorumWords(terms: Terms, votingMembers?: number): string {
  const rule =
    terms.quorumKind === 'count'
      ? `${terms.quorumCount ?? 1} voting members present`
      : `${terms.quorumNumerator ?? 1}/${terms.quorumDenominator ?? 1} of the voting members, rounded up`;
  return votingMembers === undefined ? rule : `${rule} (${quorumNeeded(terms, votingMembers)} of the ${votingMembers} voting members seated today)`;
}

export const page = pageRenderer('governance/bodies/views', {
  gp,
  formatDate,
  quorumWords,
  BODY_KIND_LABELS,
  DECISION_METHOD_LABELS,
  MEMBER_ROLE_LABELS,
  NAMED_ROLE_LABELS,
  PARTNERSHIP_KIND_LABELS,
});


import { defineSubjectRules, permit, refuse, type Caller, type Verdict } from '../platform/subject-policy.js';
import type { AssessmentRecord, Consent, TeamMember } from './types.js';

/**
 * Front-line work's subject rules (platform/subject-policy.ts, ADR 0009): who may work on a
 * particular common assessment, and who may open it and on what basis it is shared with them
 * (002 para 113: shared with appropriate consent; ADR 0006). The team around the child, the
 * assessor and practice managers may ask; the assessor's organisation holds the assessment; anyone
 * else needs consent covering their organisation, or a recorded decision to share without consent.
 * Withdrawal stops sharing at once.
 */

/** The basis on which an assessment is shared with the caller: recorded with every read. */
export type SharingBasis =
  | { kind: 'own organisation' }
  | { kind: 'consent'; consentId: string }
  | { kind: 'without consent'; consentId: string; legalBasis: string; decidedBy: string };

/** What the rules need to know of an assessment: who holds it, its team, its consent decisions. */
export interface AssessmentFacts {
  assessment: Pick<AssessmentRecord, 'assessorUserId' | 'assessorOrganisationId'>;
  team: readonly Pick<TeamMember, 'userId' | 'leftOn'>[];
  /** Latest first: the first is the decision in force, unless it was withdrawn. */
  consents: readonly Consent[];
}

const NOT_ON_TEAM =
  'Only the team around the child, the assessor and practice managers can open a common assessment. Ask the lead professional to add you to the team.';

const isAssessorOrMember = (caller: Caller, { assessment, team }: AssessmentFacts): boolean =>
  assessment.assessorUserId === caller.userId || team.some((m) => m.userId === caller.userId && m.leftOn === null);

/** Beyond the organisation holding it, an assessment is shared only on the consent in force, or a decision to share without it. */
function sharedWith(caller: Caller, { assessment, consents }: AssessmentFacts): Verdict<SharingBasis> {
  if (assessment.assessorOrganisationId === caller.organisationId) return permit({ kind: 'own organisation' });
  const c = consents[0];
  if (!c) return refuse(`No consent to share has been recorded, so only the organisation holding it can open this assessment.`);
  if (c.withdrawnAt) return refuse(`Consent to share was withdrawn, so only the organisation holding it can open this assessment now.`);
  if (c.kind === 'declined') return refuse('The family declined the assessment, so it is not shared.');
  if (c.kind === 'without consent')
    return permit({ kind: 'without consent', consentId: c.id, legalBasis: c.legalBasis, decidedBy: c.decidedByName });
  if (c.shareWith.some((o) => o.id === caller.organisationId)) return permit({ kind: 'consent', consentId: c.id });
  return refuse(`The consent recorded does not cover sharing with ${caller.organisationName}.`);
}

export const assessmentRules = defineSubjectRules<AssessmentFacts, { 'work on': true; open: SharingBasis }>('assessment', (allow) => [
  // Practice managers count as on every team of their area: they supervise the work and step in for it.
  allow(['practice_manager'], 'work on', () => true),
  allow('any', 'work on', (caller, a) => isAssessorOrMember(caller, a) || refuse(NOT_ON_TEAM)),
  // Opening needs both: being one who may work on it, and a basis on which it is shared with the caller's organisation.
  allow(['practice_manager'], 'open', sharedWith),
  allow('any', 'open', (caller, a) => (isAssessorOrMember(caller, a) ? sharedWith(caller, a) : refuse(NOT_ON_TEAM))),
]);

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

/**
 * What the child's record in the index shows of front-line work (the level of need, the common
 * assessments, their lead professionals): the facts of each of the child's episodes.
 */
export interface ChildFrontLineFacts {
  episodes: readonly (AssessmentFacts & { assessmentId: string })[];
}

/** Why the front line is shown to the caller: recorded with the read. */
export type FrontLineBasis =
  | { kind: 'practice manager' }
  | { kind: 'team'; assessmentId: string }
  | { kind: 'consent'; assessmentId: string; consentId: string };

const FRONT_LINE_WITHHELD =
  'The level of need and common assessments are shown only to the team around the child and to those the family’s consent covers. ' +
  'The practitioners working with the child are listed on the record: ask one of them.';

/** A consent in force that covers sharing with the caller's organisation. */
function consentCovers(caller: Caller, consents: readonly Consent[]): Consent | undefined {
  const c = consents[0];
  return c && !c.withdrawnAt && c.kind === 'given' && c.shareWith.some((o) => o.id === caller.organisationId) ? c : undefined;
}

function frontLineSharedWith(caller: Caller, { episodes }: ChildFrontLineFacts): Verdict<FrontLineBasis> {
  const onTeam = episodes.find((e) => isAssessorOrMember(caller, e));
  if (onTeam) return permit({ kind: 'team', assessmentId: onTeam.assessmentId });
  for (const e of episodes) {
    const consent = consentCovers(caller, e.consents);
    if (consent) return permit({ kind: 'consent', assessmentId: e.assessmentId, consentId: consent.id });
  }
  return refuse(FRONT_LINE_WITHHELD);
}

export const childFrontLineRules = defineSubjectRules<ChildFrontLineFacts, { see: FrontLineBasis }>('front line of a child', (allow) => [
  // 003 §2.39 and 004 Box 6.1: the index holds basic data and whom to contact, not case material and no
  // sign of how serious a case is; those reach the team around the child and those the family's consent
  // covers. Practice managers count as on every team of their area, as for 'work on'.
  allow(['practice_manager'], 'see', () => permit({ kind: 'practice manager' })),
  allow('any', 'see', frontLineSharedWith),
]);

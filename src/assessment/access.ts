import type { User } from '../platform/auth/repository.js';
import type { Queryable } from '../platform/db.js';
import { AppError, notFound } from '../platform/errors.js';
import { assessmentProblems } from './errors.js';
import * as repo from './repository.js';
import type { AssessmentRecord, Consent, TeamMember } from './types.js';
import * as teamRepo from './team/repository.js';

/**
 * Who may open an assessment, and on what basis it is shared with them (002 para 113: shared
 * with appropriate consent). The team around the child, the assessor and managers may ask; the
 * assessor's organisation holds the assessment; anyone else needs consent covering their
 * organisation, or a recorded decision to share without consent. Withdrawal stops sharing at once.
 */

export type SharingBasis =
  | { kind: 'own organisation' }
  | { kind: 'consent'; consentId: string }
  | { kind: 'without consent'; consentId: string; legalBasis: string; decidedBy: string };

export const refused = (detail: string): AppError => assessmentProblems.notShared(detail);

/** The consent decision in force: the latest recorded, unless it was withdrawn. */
export const latestConsent = (consents: Consent[]): Consent | undefined => consents[0];

export function consentToRecord(consents: Consent[]): Consent | undefined {
  const c = latestConsent(consents);
  if (!c || c.withdrawnAt) return undefined;
  return c.kind === 'without consent' || (c.kind === 'given' && c.toRecord) ? c : undefined;
}

export function isOnTeam(user: User, assessment: AssessmentRecord, team: TeamMember[]): boolean {
  return (
    user.role === 'practice_manager' || assessment.assessorUserId === user.id || team.some((m) => m.userId === user.id && m.leftOn === null)
  );
}

/** May this user see the assessment's content, and why? Throws a refusal that says what is missing. */
export function sharingBasis(user: User, assessment: AssessmentRecord, team: TeamMember[], consents: Consent[]): SharingBasis {
  if (!isOnTeam(user, assessment, team)) {
    throw refused(
      'Only the team around the child, the assessor and practice managers can open a common assessment. Ask the lead professional to add you to the team.',
    );
  }
  if (assessment.assessorOrganisationId === user.organisationId) return { kind: 'own organisation' };
  const c = latestConsent(consents);
  if (!c) throw refused(`No consent to share has been recorded, so only the organisation holding it can open this assessment.`);
  if (c.withdrawnAt) {
    throw refused(`Consent to share was withdrawn, so only the organisation holding it can open this assessment now.`);
  }
  if (c.kind === 'declined') throw refused('The family declined the assessment, so it is not shared.');
  if (c.kind === 'without consent')
    return { kind: 'without consent', consentId: c.id, legalBasis: c.legalBasis, decidedBy: c.decidedByName };
  if (c.shareWith.some((o) => o.id === user.organisationId)) return { kind: 'consent', consentId: c.id };
  throw refused(`The consent recorded does not cover sharing with ${user.organisationName}.`);
}

/** An assessment with what deciding access needs. */
export interface AccessFacts {
  assessment: AssessmentRecord;
  team: TeamMember[];
  consents: Consent[];
}

/** Loads an assessment in the user's area with what deciding access needs; not found outside the area. */
export async function loadForAccess(db: Queryable, user: User, assessmentId: string, forUpdate = false): Promise<AccessFacts> {
  const assessment = await repo.findAssessment(db, user.areaCode, assessmentId, forUpdate);
  if (!assessment) throw notFound('assessment');
  const [team, consents] = [await teamRepo.listTeam(db, assessment.id), await repo.listConsents(db, assessment.id)];
  return { assessment, team, consents };
}

/** Loads and checks in one step: what every read or change of an assessment starts with. */
export async function openForUser(
  db: Queryable,
  user: User,
  assessmentId: string,
  forUpdate = false,
): Promise<AccessFacts & { basis: SharingBasis }> {
  const loaded = await loadForAccess(db, user, assessmentId, forUpdate);
  return { ...loaded, basis: sharingBasis(user, loaded.assessment, loaded.team, loaded.consents) };
}

/**
 * Loads an assessment for a consent decision. A new decision may follow a withdrawal, so the team
 * (the assessor or lead who obtained it) records it without being able to open the assessment now;
 * anyone else must be able to open it.
 */
export async function loadForConsentDecision(db: Queryable, user: User, assessmentId: string, forUpdate = false): Promise<AccessFacts> {
  const loaded = await loadForAccess(db, user, assessmentId, forUpdate);
  if (!isOnTeam(user, loaded.assessment, loaded.team)) await openForUser(db, user, assessmentId);
  return loaded;
}

/** Changes need an open episode. */
export function requireOpen(assessment: AssessmentRecord): void {
  if (assessment.status !== 'open') throw assessmentProblems.closed('This assessment has been closed: nothing more can be added to it.');
}

import type { User } from '../platform/auth/repository.js';
import type { Queryable } from '../platform/db.js';
import { AppError, notFound } from '../platform/errors.js';
import { callerOf } from '../platform/subject-policy.js';
import { assessmentProblems } from './errors.js';
import * as repo from './repository.js';
import { assessmentRules, type AssessmentFacts, type SharingBasis } from './subject-rules.js';
import type { AssessmentRecord, Consent, TeamMember } from './types.js';
import * as teamRepo from './team/repository.js';

/**
 * Loading an assessment with the facts its subject rules need, and checking them (subject-rules.ts:
 * who may work on it; who may open it, and on what basis it is shared with them).
 */

export type { SharingBasis };

export const refused = (detail: string): AppError => assessmentProblems.notShared(detail);

/** The consent decision in force: the latest recorded, unless it was withdrawn. */
export const latestConsent = (consents: Consent[]): Consent | undefined => consents[0];

export function consentToRecord(consents: Consent[]): Consent | undefined {
  const c = latestConsent(consents);
  if (!c || c.withdrawnAt) return undefined;
  return c.kind === 'without consent' || (c.kind === 'given' && c.toRecord) ? c : undefined;
}

/** Refused unless the user may work on the assessment (its team, its assessor, a practice manager). */
export function requireOnTeam(user: User, facts: AssessmentFacts): void {
  const verdict = assessmentRules.check(callerOf(user), 'work on', facts);
  if (!verdict.allowed) throw refused(verdict.reason);
}

/** May this user see the assessment's content, and why? Throws a refusal that says what is missing. */
export function sharingBasis(user: User, facts: AssessmentFacts): SharingBasis {
  const verdict = assessmentRules.check(callerOf(user), 'open', facts);
  if (!verdict.allowed) throw refused(verdict.reason);
  return verdict.basis;
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
  return { ...loaded, basis: sharingBasis(user, loaded) };
}

/**
 * Loads an assessment for a consent decision. A new decision may follow a withdrawal, so the team
 * (the assessor or lead who obtained it) records it without being able to open the assessment now;
 * anyone else must be able to open it.
 */
export async function loadForConsentDecision(db: Queryable, user: User, assessmentId: string, forUpdate = false): Promise<AccessFacts> {
  const loaded = await loadForAccess(db, user, assessmentId, forUpdate);
  requireOnTeam(user, loaded);
  return loaded;
}

/** Changes need an open episode. */
export function requireOpen(assessment: AssessmentRecord): void {
  if (assessment.status !== 'open') throw assessmentProblems.closed('This assessment has been closed: nothing more can be added to it.');
}

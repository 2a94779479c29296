import { childRepo, childRules, type ChildDetails } from '../../children/index.js';
import type { User } from '../../platform/auth/repository.js';
import type { Queryable } from '../../platform/db.js';
import { callerOf } from '../../platform/subject-policy.js';
import { latestConsent, loadForAccess } from '../access.js';
import { NATIONAL_CAF, type AssessmentForm } from '../form.js';
import { formOfAssessment } from '../forms/repository.js';
import * as repo from '../repository.js';
import { assessmentRules, type SharingBasis } from '../subject-rules.js';
import type { AssessmentVersion, Consent, Referral, TeamReview } from '../types.js';
import { SHIELDED_NAME } from '../visibility.js';
import * as workRepo from '../work/repository.js';

/**
 * What a referral's page shows (issue 14), and to whom. The service it was sent to responds to it;
 * the team around the child that sent it (the assessment's 'work on' rule: its team, assessor and
 * practice managers) reads it, the reply and its reasons, without the controls. Both see the
 * referrer's contacts, the child and their carers, the consent in force and the latest review.
 */

/** Why the caller sees the referral: recorded with every view. */
export type ReferralBasis = { kind: 'receiving service' } | { kind: 'team'; sharing: SharingBasis | null };

/** The child as the referral page shows them: nothing of a record shielded from the caller (ADR 0005). */
export type ReferralChild =
  | { masked: true; id: string; name: string }
  | ({ masked: false; name: string } & Pick<
      ChildDetails,
      'id' | 'dateOfBirth' | 'nhsNumber' | 'addressLine1' | 'addressLine2' | 'town' | 'postcode' | 'school' | 'gpPractice' | 'carers'
    >);

export interface ReferralView {
  referral: Referral;
  basis: ReferralBasis;
  /** The assessment the referral carries; undefined to a team member of an organisation it is not shared with. */
  attached: AssessmentVersion | undefined;
  form: AssessmentForm;
  child: ReferralChild;
  /** The consent decision in force (the latest recorded, shown withdrawn if it was). */
  consent: Consent | undefined;
  latestReview: TeamReview | undefined;
  assessmentStatus: 'open' | 'closed';
}

const NOT_YOURS =
  'Only the service a referral was sent to, and the team around the child who sent it, can open it. Ask the lead professional to add you to the team.';

/** Whether, and on what basis, the user sees the referral; the reason for refusing when not. */
export async function basisForReferral(
  q: Queryable,
  user: User,
  referral: Referral,
): Promise<{ ok: true; basis: ReferralBasis } | { ok: false; reason: string }> {
  if (referral.toOrganisationId === user.organisationId) return { ok: true, basis: { kind: 'receiving service' } };
  const facts = await loadForAccess(q, user, referral.assessmentId);
  const caller = callerOf(user);
  if (!assessmentRules.check(caller, 'work on', facts).allowed) return { ok: false, reason: NOT_YOURS };
  const opened = assessmentRules.check(caller, 'open', facts);
  return { ok: true, basis: { kind: 'team', sharing: opened.allowed ? opened.basis : null } };
}

async function childForReferral(q: Queryable, user: User, childId: string): Promise<ReferralChild> {
  const child = await childRepo.findChild(q, user.areaCode, childId);
  if (!child || !childRules.permits(callerOf(user), 'view', child)) return { masked: true, id: childId, name: SHIELDED_NAME };
  return {
    masked: false,
    name: `${child.givenName} ${child.familyName}`,
    id: child.id,
    dateOfBirth: child.dateOfBirth,
    nhsNumber: child.nhsNumber,
    addressLine1: child.addressLine1,
    addressLine2: child.addressLine2,
    town: child.town,
    postcode: child.postcode,
    school: child.school,
    gpPractice: child.gpPractice,
    carers: child.carers,
  };
}

/** Everything the page shows beyond the referral itself, for a caller `basisForReferral` allowed. */
export async function loadReferralView(q: Queryable, user: User, referral: Referral, basis: ReferralBasis): Promise<ReferralView> {
  const assessment = await repo.findAssessment(q, user.areaCode, referral.assessmentId);
  if (!assessment) throw new Error(`assessment ${referral.assessmentId} of referral ${referral.id} is missing`);
  const carries = basis.kind === 'receiving service' || basis.sharing !== null;
  const attached = carries
    ? (await repo.listVersions(q, referral.assessmentId)).find((v) => v.version === referral.assessmentVersion)
    : undefined;
  const child = await childForReferral(q, user, referral.childId);
  const consent = latestConsent(await repo.listConsents(q, assessment.id));
  const reviews = await workRepo.listReviews(q, assessment.id);
  return {
    referral,
    basis,
    attached,
    form: carries ? await formOfAssessment(q, assessment) : NATIONAL_CAF,
    child,
    // The parent or carer who consented is named only to those who may see the child (ADR 0005).
    consent:
      consent && child.masked ? { ...consent, givenByName: consent.givenByName && 'Withheld: the child’s record is shielded' } : consent,
    latestReview: reviews.at(-1),
    assessmentStatus: assessment.status,
  };
}

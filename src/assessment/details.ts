import { childRepo, viewerOf, type Viewer } from '../children/index.js';
import type { User } from '../platform/auth/repository.js';
import type { Queryable, Tx } from '../platform/db.js';
import { openForUser, type SharingBasis } from './access.js';
import * as repo from './repository.js';
import { listProposalsOfAssessment } from './sharing/repository.js';
import type { AssessmentChild, AssessmentDetails } from './types.js';
import { SHIELDED_NAME, seesChild } from './visibility.js';
import * as referralRepo from './referrals/repository.js';
import * as workRepo from './work/repository.js';
import * as teamRepo from './team/repository.js';
import { formOfAssessment } from './forms/repository.js';

/** Reading an assessment and its child, as the viewer may see them; what every view and page starts from. */

export const basisForAudit = (basis: SharingBasis): Record<string, unknown> =>
  basis.kind === 'without consent'
    ? { basis: basis.kind, consentId: basis.consentId, legalBasis: basis.legalBasis, decidedBy: basis.decidedBy }
    : basis.kind === 'consent'
      ? { basis: basis.kind, consentId: basis.consentId }
      : { basis: basis.kind };

/** What front-line work shows of the child: masked by the child index's one visibility rule (visibility.ts, ADR 0005). */
export async function childOfAssessment(db: Queryable, childId: string, viewer: Viewer, today: string): Promise<AssessmentChild> {
  const row = await repo.findChildOfAssessment(db, childId);
  if (!row) throw new Error(`child ${childId} of an assessment is missing`);
  if (!seesChild(row, viewer)) {
    const contact = await childRepo.findShieldedContact(db, row.areaCode, today);
    return {
      id: row.id,
      masked: true,
      displayName: contact ? `${SHIELDED_NAME}: contact ${contact}` : SHIELDED_NAME,
      shieldedContact: contact,
    };
  }
  return {
    id: row.id,
    masked: false,
    displayName: `${row.givenName} ${row.familyName}`,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: row.dateOfBirth,
    nhsNumber: row.nhsNumber,
    postcode: row.postcode,
  };
}

/** The whole episode as the user may see it; `today` (the clock's date) decides what is overdue. */
export async function loadDetails(
  db: Tx,
  user: User,
  assessmentId: string,
  today: string,
): Promise<{ details: AssessmentDetails; basis: SharingBasis }> {
  const { assessment, team, consents, basis } = await openForUser(db, user, assessmentId);
  const child = await childOfAssessment(db, assessment.childId, viewerOf(user), today);
  const details: AssessmentDetails = {
    ...assessment,
    form: await formOfAssessment(db, assessment),
    child,
    // The parent or carer who consented is named only to those who may see the child (ADR 0005).
    consents: child.masked
      ? consents.map((c) => ({ ...c, givenByName: c.givenByName && 'Withheld: the child’s record is shielded' }))
      : consents,
    // A proposal names the child too: masked like the rest of the page for those the shielding did not name (ADR 0005).
    sharingProposals: (await listProposalsOfAssessment(db, assessment.id)).map((p) =>
      child.masked ? { ...p, childName: SHIELDED_NAME } : p,
    ),
    team,
    versions: await repo.listVersions(db, assessment.id),
    leadProfessionals: await teamRepo.listLeadProfessionals(db, assessment.id),
    actions: await workRepo.listActions(db, assessment.id, today),
    reviews: await workRepo.listReviews(db, assessment.id),
    referrals: await referralRepo.listReferralsOfAssessment(db, assessment.id, viewerOf(user), today),
  };
  return { details, basis };
}

import * as childRepo from '../children/repository.js';
import { viewerOf } from '../children/service.js';
import type { User } from '../platform/auth/repository.js';
import { todayIso } from '../platform/dates.js';
import type { Tx } from '../platform/db.js';
import { notFound } from '../platform/errors.js';
import { openForUser, type SharingBasis } from './access.js';
import * as repo from './repository.js';
import { listProposalsOfAssessment } from './sharing/repository.js';
import type { AssessmentDetails } from './types.js';
import { childOfAssessment, SHIELDED_NAME } from './visibility.js';

/** Reading an assessment and its child, as the viewer may see them; what every view and page starts from. */

export const basisForAudit = (basis: SharingBasis): Record<string, unknown> =>
  basis.kind === 'without consent'
    ? { basis: basis.kind, consentId: basis.consentId, legalBasis: basis.legalBasis, decidedBy: basis.decidedBy }
    : basis.kind === 'consent'
      ? { basis: basis.kind, consentId: basis.consentId }
      : { basis: basis.kind };

/** The child, if this user may see them in the index (shielding applies here as everywhere). */
export async function visibleChild(db: Tx, user: User, childId: string) {
  const child = /^[0-9a-f-]{36}$/i.test(childId) ? await childRepo.findChild(db, user.areaCode, childId) : undefined;
  if (!child || child.mergedIntoId || !childRepo.canSee(child, viewerOf(user))) throw notFound('record');
  return child;
}

export async function loadDetails(db: Tx, user: User, assessmentId: string): Promise<{ details: AssessmentDetails; basis: SharingBasis }> {
  const { assessment, team, consents, basis } = await openForUser(db, user, assessmentId);
  const today = todayIso();
  const child = await childOfAssessment(db, assessment.childId, viewerOf(user));
  const details: AssessmentDetails = {
    ...assessment,
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
    leadProfessionals: await repo.listLeadProfessionals(db, assessment.id),
    actions: await repo.listActions(db, assessment.id, today),
    reviews: await repo.listReviews(db, assessment.id),
    referrals: await repo.listReferralsOfAssessment(db, assessment.id, viewerOf(user), today),
  };
  return { details, basis };
}

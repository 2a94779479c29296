import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { legalBasisText, type SharingLegalBasis } from '../consent-policy.js';
import { SHIELD_COLUMNS, type ShieldColumns } from '../visibility.js';

/** SQL of proposals to share an assessment without consent (migration 0010, ADR 0006). */

export interface SharingProposal {
  id: string;
  assessmentId: string;
  childId: string;
  childName: string;
  /** Whether and by whom the child is shielded, for the one visibility rule (seesChild); never sent out. */
  childShield: ShieldColumns;
  assessorName: string;
  assessorOrganisationName: string;
  legalBasis: SharingLegalBasis;
  legalBasisText: string;
  detail: string;
  proposedBy: string;
  proposedByName: string;
  proposedByOrganisationName: string;
  proposedAt: Date;
  decision: 'approved' | 'rejected' | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string;
}

interface ProposalRow extends ShieldColumns {
  id: string;
  assessment_id: string;
  child_id: string;
  child_name: string;
  assessor_name: string;
  assessor_organisation_name: string;
  legal_basis: SharingLegalBasis;
  detail: string;
  proposed_by: string;
  proposed_by_name: string;
  proposed_by_organisation_name: string;
  proposed_at: Date;
  decision: 'approved' | 'rejected' | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string;
}

const SELECT = `
  SELECT p.id, p.assessment_id, ca.child_id, c.given_name || ' ' || c.family_name AS child_name, ${SHIELD_COLUMNS},
         ca.assessor_name, ca.assessor_organisation_name, p.legal_basis, p.detail, p.proposed_by,
         u.display_name AS proposed_by_name, o.name AS proposed_by_organisation_name, p.proposed_at,
         p.decision, d.display_name AS decided_by_name, p.decided_at, p.decision_note
    FROM sharing_without_consent_proposal p
    JOIN common_assessment ca ON ca.id = p.assessment_id
    JOIN child c ON c.id = ca.child_id
    JOIN app_user u ON u.id = p.proposed_by
    JOIN organisation o ON o.id = u.organisation_id
    LEFT JOIN app_user d ON d.id = p.decided_by`;

const toProposal = (r: ProposalRow): SharingProposal => ({
  id: r.id,
  assessmentId: r.assessment_id,
  childId: r.child_id,
  childName: r.child_name,
  childShield: { child_shielded: r.child_shielded, child_shielded_by: r.child_shielded_by },
  assessorName: r.assessor_name,
  assessorOrganisationName: r.assessor_organisation_name,
  legalBasis: r.legal_basis,
  legalBasisText: legalBasisText(r.legal_basis),
  detail: r.detail,
  proposedBy: r.proposed_by,
  proposedByName: r.proposed_by_name,
  proposedByOrganisationName: r.proposed_by_organisation_name,
  proposedAt: r.proposed_at,
  decision: r.decision,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
});

export async function insertProposal(
  tx: Tx,
  p: { areaCode: string; assessmentId: string; legalBasis: SharingLegalBasis; detail: string; proposedBy: string; proposedAt: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO sharing_without_consent_proposal (area_code, assessment_id, legal_basis, detail, proposed_by, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.areaCode, p.assessmentId, p.legalBasis, p.detail, p.proposedBy, p.proposedAt],
  );
  return row.id;
}

/** The proposals of one assessment, newest first (its overview shows the waiting one and the decisions). */
export async function listProposalsOfAssessment(db: Queryable, assessmentId: string): Promise<SharingProposal[]> {
  const rows = await db.query<ProposalRow>(`${SELECT} WHERE p.assessment_id = $1 ORDER BY p.proposed_at DESC, p.id`, [assessmentId]);
  return rows.map(toProposal);
}

/** Proposals in the area still waiting for a second person, oldest first. */
export async function listWaitingProposals(db: Queryable, areaCode: string): Promise<SharingProposal[]> {
  const rows = await db.query<ProposalRow>(`${SELECT} WHERE p.area_code = $1 AND p.decision IS NULL ORDER BY p.proposed_at, p.id`, [
    areaCode,
  ]);
  return rows.map(toProposal);
}

/** One proposal in the area, locked for its decision. */
export async function findProposalForDecision(tx: Tx, areaCode: string, proposalId: string): Promise<SharingProposal | undefined> {
  const [row] = await tx.query<ProposalRow>(`${SELECT} WHERE p.id = $1 AND p.area_code = $2 FOR UPDATE OF p`, [proposalId, areaCode]);
  return row ? toProposal(row) : undefined;
}

export async function decideProposal(
  tx: Tx,
  d: { proposalId: string; decidedBy: string; decision: 'approved' | 'rejected'; note: string; consentId: string | null; decidedAt: Date },
): Promise<void> {
  await tx.query(
    `UPDATE sharing_without_consent_proposal
        SET decision = $2, decided_by = $3, decided_at = $6, decision_note = $4, consent_id = $5
      WHERE id = $1`,
    [d.proposalId, d.decision, d.decidedBy, d.note, d.consentId, d.decidedAt],
  );
}

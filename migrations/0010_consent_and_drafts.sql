-- Issue 11 (ADR 0006). Sharing a common assessment without consent is proposed by one person, with a
-- legal basis from a fixed list and the detail, and takes effect only when a second person, a
-- designated safeguarding lead or a practice manager other than the proposer, approves it
-- (000 §2.28, 002 para 93: staff understand the legal basis on which information is shared).
CREATE TABLE sharing_without_consent_proposal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  legal_basis text NOT NULL CONSTRAINT sharing_proposal_legal_basis_known
    CHECK (legal_basis IN ('significant harm', 'crime', 'court order', 'statutory duty')),
  detail text NOT NULL CONSTRAINT sharing_proposal_detail_present CHECK (btrim(detail) <> ''),
  proposed_by uuid NOT NULL REFERENCES app_user (id),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decision text CONSTRAINT sharing_proposal_decision_known CHECK (decision IN ('approved', 'rejected')),
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  decision_note text NOT NULL DEFAULT '',
  consent_id uuid REFERENCES consent (id),
  CONSTRAINT sharing_proposal_decided_together CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
  CONSTRAINT sharing_proposal_second_person CHECK (decided_by IS NULL OR decided_by <> proposed_by),
  CONSTRAINT sharing_proposal_approved_has_consent CHECK (COALESCE(decision = 'approved', false) = (consent_id IS NOT NULL))
);
CREATE UNIQUE INDEX sharing_proposal_one_waiting ON sharing_without_consent_proposal (assessment_id) WHERE decision IS NULL;
CREATE INDEX sharing_proposal_waiting_idx ON sharing_without_consent_proposal (area_code, proposed_at) WHERE decision IS NULL;
COMMENT ON TABLE sharing_without_consent_proposal IS 'Owned by front-line work (src/assessment). A proposal to share an assessment without consent; an approval writes the consent row it points to';
COMMENT ON COLUMN sharing_without_consent_proposal.legal_basis IS 'A code from SHARING_LEGAL_BASES in src/assessment/consent-policy.ts';
COMMENT ON COLUMN sharing_without_consent_proposal.consent_id IS 'The "without consent" decision written when the proposal was approved';

-- Lost updates on drafts: every save, discard or completion moves the draft's version on, and a
-- save based on an older version is refused (409) instead of overwriting someone else's work.
ALTER TABLE common_assessment ADD COLUMN draft_version integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN common_assessment.draft_version IS 'Moves on with every save, discard or completion of the draft; a save must send the version it read';

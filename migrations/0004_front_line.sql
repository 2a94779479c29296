-- Integrated front-line working (domain brief §4; 002 §3.5-3.8; 000 §2.17-2.26): the pre-assessment
-- checklist, consent, the common assessment (CAF) with locked versions, the team around the child,
-- the lead professional, action plans, reviews, closure, escalation and the child's level of need.

-- Per-area choices for front-line work.
CREATE TABLE front_line_setting (
  area_code text PRIMARY KEY REFERENCES area (code),
  lead_professional_criteria text[] NOT NULL DEFAULT ARRAY[
    'Has the skills, knowledge and authority to co-ordinate the support',
    'Has a trusting relationship with the child and family',
    'The child and family agree to the appointment',
    'Has the time to act as the single point of contact'
  ]::text[],
  acknowledge_within_days integer NOT NULL DEFAULT 3 CONSTRAINT front_line_setting_acknowledge_days CHECK (acknowledge_within_days BETWEEN 1 AND 30)
);
COMMENT ON COLUMN front_line_setting.lead_professional_criteria IS 'The area''s clear criteria for appointing a lead professional (000 §2.18): each is confirmed at appointment';
COMMENT ON COLUMN front_line_setting.acknowledge_within_days IS 'Days a receiving service has to acknowledge a referral before it shows as overdue (004 para 202)';

-- The pre-assessment checklist (002 para 121): does this child need a common assessment?
CREATE TABLE pre_assessment_check (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  answers jsonb NOT NULL,
  decision text NOT NULL CONSTRAINT pre_assessment_check_decision_known CHECK (decision IN (
    'progressing well', 'needs met by a service', 'common assessment needed', 'refer to social care')),
  notes text NOT NULL DEFAULT '',
  checked_by uuid NOT NULL REFERENCES app_user (id),
  checked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pre_assessment_check_child_idx ON pre_assessment_check (child_id, checked_at);
COMMENT ON COLUMN pre_assessment_check.answers IS 'Answer to each checklist question (by question code): yes, no or not sure';

-- One episode of integrated support: the common assessment and the team around the child that acts on it.
CREATE TABLE common_assessment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  form_code text NOT NULL,
  form_version text NOT NULL,
  status text NOT NULL DEFAULT 'open' CONSTRAINT common_assessment_status_known CHECK (status IN ('open', 'closed')),
  assessor_user_id uuid REFERENCES app_user (id),
  assessor_name text NOT NULL CONSTRAINT common_assessment_assessor_present CHECK (btrim(assessor_name) <> ''),
  assessor_organisation_id uuid REFERENCES organisation (id),
  assessor_organisation_name text NOT NULL,
  assessor_service text NOT NULL CONSTRAINT common_assessment_service_present CHECK (btrim(assessor_service) <> ''),
  on_behalf_of text NOT NULL DEFAULT '',
  draft jsonb,
  draft_saved_at timestamptz,
  draft_saved_by uuid REFERENCES app_user (id),
  latest_version integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  closure_outcome text CONSTRAINT common_assessment_closure_outcome_known CHECK (closure_outcome IN ('needs met', 'escalated', 'moved away', 'declined')),
  closure_note text NOT NULL DEFAULT '',
  imported_from_area text,
  imported_at timestamptz,
  CONSTRAINT common_assessment_closed_together CHECK ((status = 'closed') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (closure_outcome IS NULL))
);
CREATE INDEX common_assessment_child_idx ON common_assessment (child_id, started_at);
CREATE INDEX common_assessment_area_idx ON common_assessment (area_code, started_at);
-- 004 para 198 ("3 CAFs on one family"): one open assessment per child; others add to it.
CREATE UNIQUE INDEX common_assessment_one_open ON common_assessment (child_id) WHERE status = 'open';
COMMENT ON TABLE common_assessment IS 'A common assessment (CAF) episode: the assessment, its versions and the team around the child acting on it';
COMMENT ON COLUMN common_assessment.on_behalf_of IS 'Who the assessment was completed for, when done on another''s behalf (a health visitor for a GP: 004 paras 191-192)';
COMMENT ON COLUMN common_assessment.draft IS 'The working draft, saved on every submit (autosave) so nothing typed is lost; null when no change is in progress';
COMMENT ON COLUMN common_assessment.latest_version IS 'Number of the latest completed (locked) version; 0 until first completed';
COMMENT ON COLUMN common_assessment.imported_from_area IS 'ONS code of the area whose installation exported this assessment when the child moved (000 §2.25)';

-- Completed assessments are locked: a later change is a new version, and history keeps every one.
CREATE TABLE common_assessment_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  version integer NOT NULL CONSTRAINT common_assessment_version_positive CHECK (version > 0),
  content jsonb NOT NULL,
  change_note text NOT NULL DEFAULT '',
  completed_by uuid REFERENCES app_user (id),
  completed_by_name text NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT common_assessment_version_unique UNIQUE (assessment_id, version)
);
COMMENT ON COLUMN common_assessment_version.content IS 'The assessment as completed: domains and elements with strengths and needs, the child''s and parent''s views, conclusions, agreed actions';

CREATE FUNCTION common_assessment_version_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a completed common assessment is locked: % refused (record a new version)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER common_assessment_version_locked BEFORE UPDATE OR DELETE ON common_assessment_version
  FOR EACH ROW EXECUTE FUNCTION common_assessment_version_locked();

-- Consent to record and share (002 para 113), a declined offer (004 para 184), or sharing without
-- consent where a child is at risk of significant harm, with its legal basis and who decided.
CREATE TABLE consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  kind text NOT NULL CONSTRAINT consent_kind_known CHECK (kind IN ('given', 'declined', 'without consent')),
  given_by_name text NOT NULL DEFAULT '',
  given_by_relationship text NOT NULL DEFAULT '' CONSTRAINT consent_relationship_known CHECK (given_by_relationship IN ('', 'child or young person', 'parent or carer')),
  to_record boolean NOT NULL DEFAULT false,
  share_with_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  given_on date NOT NULL,
  method text NOT NULL DEFAULT '' CONSTRAINT consent_method_known CHECK (method IN ('', 'in writing', 'verbally')),
  legal_basis text NOT NULL DEFAULT '',
  decided_by_name text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  withdrawn_by uuid REFERENCES app_user (id),
  withdrawal_note text NOT NULL DEFAULT '',
  CONSTRAINT consent_given_by CHECK (kind = 'without consent' OR (btrim(given_by_name) <> '' AND given_by_relationship <> '' AND method <> '')),
  CONSTRAINT consent_without_has_basis CHECK (kind <> 'without consent' OR (btrim(legal_basis) <> '' AND btrim(decided_by_name) <> ''))
);
CREATE INDEX consent_assessment_idx ON consent (assessment_id, recorded_at);
COMMENT ON COLUMN consent.share_with_organisation_ids IS 'Organisations the assessment may be shared with; the assessor''s own organisation always holds it';
COMMENT ON COLUMN consent.withdrawn_at IS 'Withdrawal stops further sharing at once: outside the assessor''s organisation nobody can open the assessment after it';

-- The team around the child: the practitioners and services involved, each also an involvement in the child index.
CREATE TABLE team_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  involvement_id uuid NOT NULL REFERENCES involvement (id),
  user_id uuid REFERENCES app_user (id),
  joined_on date NOT NULL,
  left_on date,
  CONSTRAINT team_member_involvement_unique UNIQUE (assessment_id, involvement_id),
  CONSTRAINT team_member_dates_in_order CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX team_member_user_idx ON team_member (user_id) WHERE user_id IS NOT NULL;
COMMENT ON COLUMN team_member.involvement_id IS 'The member''s involvement in the child index, which holds service, organisation, practitioner and contact details';

-- Completing an assessment never makes the assessor lead professional (004 paras 219-220): appointment is its own step.
CREATE TABLE lead_professional (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  team_member_id uuid NOT NULL REFERENCES team_member (id),
  criteria_met text[] NOT NULL,
  appointed_by uuid NOT NULL REFERENCES app_user (id),
  appointed_at timestamptz NOT NULL DEFAULT now(),
  handover_note text NOT NULL DEFAULT '',
  ended_at timestamptz
);
CREATE UNIQUE INDEX lead_professional_one_current ON lead_professional (assessment_id) WHERE ended_at IS NULL;
COMMENT ON COLUMN lead_professional.handover_note IS 'From the previous lead professional to this one, when the role changes hands';

CREATE TABLE action_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  need text NOT NULL DEFAULT '',
  action text NOT NULL CONSTRAINT action_item_action_present CHECK (btrim(action) <> ''),
  owner_team_member_id uuid NOT NULL REFERENCES team_member (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'not started' CONSTRAINT action_item_status_known CHECK (status IN ('not started', 'in progress', 'done', 'cancelled')),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_item_open_idx ON action_item (area_code, due_on) WHERE status IN ('not started', 'in progress');
CREATE INDEX action_item_assessment_idx ON action_item (assessment_id);

CREATE TABLE team_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  held_on date NOT NULL,
  attendees text NOT NULL CONSTRAINT team_review_attendees_present CHECK (btrim(attendees) <> ''),
  progress jsonb NOT NULL DEFAULT '[]'::jsonb,
  decisions text NOT NULL CONSTRAINT team_review_decisions_present CHECK (btrim(decisions) <> ''),
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX team_review_assessment_idx ON team_review (assessment_id, held_on);
COMMENT ON COLUMN team_review.progress IS 'Progress against each need: [{need, progress}]';

-- Escalation to children's social care or another specialist service (002 para 108), with the
-- assessment attached; every referral has an owner and an acknowledgement deadline (004 para 202).
CREATE TABLE referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  assessment_version integer NOT NULL,
  to_organisation_id uuid NOT NULL REFERENCES organisation (id),
  to_service text NOT NULL CONSTRAINT referral_service_present CHECK (btrim(to_service) <> ''),
  reason text NOT NULL CONSTRAINT referral_reason_present CHECK (btrim(reason) <> ''),
  level_sought text NOT NULL,
  sent_by uuid NOT NULL REFERENCES app_user (id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  acknowledge_by date NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES app_user (id),
  decision text CONSTRAINT referral_decision_known CHECK (decision IN ('accepted', 'returned')),
  decision_reason text NOT NULL DEFAULT '',
  decided_at timestamptz,
  decided_by uuid REFERENCES app_user (id),
  CONSTRAINT referral_decided_together CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CONSTRAINT referral_returned_has_reason CHECK (decision IS DISTINCT FROM 'returned' OR btrim(decision_reason) <> '')
);
CREATE INDEX referral_to_idx ON referral (to_organisation_id) WHERE decision IS NULL;
CREATE INDEX referral_assessment_idx ON referral (assessment_id);

-- The child's level of need over time (004 Table 4.1): the latest entry is the current level.
CREATE TABLE need_level_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  level text NOT NULL CONSTRAINT need_level_change_level_known CHECK (level IN ('universal', 'additional', 'complex', 'acute/specialist')),
  source text NOT NULL,
  assessment_id uuid REFERENCES common_assessment (id),
  changed_by uuid REFERENCES app_user (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX need_level_change_child_idx ON need_level_change (child_id, changed_at);

-- Issue 17 item 3: commissioning at three levels through the recorded stages of the cycle (000 §2.36-2.46;
-- 004 chapter 5; ADR 0029). A commission (migration 0050) gains what it is for, the providers it touches
-- (for declared interests, 000 §2.43), and, at the individual level, the reference to a child's team around
-- the child plan (an episode's id only: no case detail is copied). Each stage move is kept with who, when and
-- why; each stage holds its evidence (words, the needs assessment or an indicator cited by code and read live)
-- and the board's decisions it rests on (a governance decision cited by id).

ALTER TABLE commission
  ADD COLUMN purpose text NOT NULL DEFAULT '' CONSTRAINT commission_purpose_length CHECK (length(purpose) <= 4000),
  ADD COLUMN team_plan_assessment_id uuid REFERENCES common_assessment (id),
  ADD CONSTRAINT commission_team_plan_individual CHECK (team_plan_assessment_id IS NULL OR level = 'individual');
COMMENT ON COLUMN commission.purpose IS 'What the commission is for, in the commissioner''s words';
COMMENT ON COLUMN commission.team_plan_assessment_id IS 'Individual commissioning only: the episode whose team around the child plan it started from; the reference alone, shown only to those who may work on that episode';

CREATE TABLE commission_provider (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  commission_id uuid NOT NULL,
  organisation_id uuid REFERENCES organisation (id),
  service_id uuid,
  CONSTRAINT commission_provider_commission_fk FOREIGN KEY (commission_id, area_code) REFERENCES commission (id, area_code),
  CONSTRAINT commission_provider_service_fk FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code),
  CONSTRAINT commission_provider_one_of CHECK ((organisation_id IS NULL) <> (service_id IS NULL))
);
CREATE UNIQUE INDEX commission_provider_organisation_unique ON commission_provider (commission_id, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE UNIQUE INDEX commission_provider_service_unique ON commission_provider (commission_id, service_id) WHERE service_id IS NOT NULL;
COMMENT ON TABLE commission_provider IS 'Owner: commissioning. A partner organisation or a service of the directory a commission touches as a provider (or a bidder): what declared interests are read against (000 §2.43)';

CREATE TABLE commission_stage_move (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  commission_id uuid NOT NULL,
  from_stage text CONSTRAINT commission_stage_move_from_known CHECK (
    from_stage IN ('needs_analysis', 'planning', 'sourcing', 'contract', 'monitoring', 'review', 'decommissioning')),
  to_stage text NOT NULL CONSTRAINT commission_stage_move_to_known CHECK (
    to_stage IN ('needs_analysis', 'planning', 'sourcing', 'contract', 'monitoring', 'review', 'decommissioning')),
  reason text NOT NULL DEFAULT '' CONSTRAINT commission_stage_move_reason_length CHECK (length(reason) <= 2000),
  moved_at timestamptz NOT NULL,
  moved_by uuid REFERENCES app_user (id),
  CONSTRAINT commission_stage_move_commission_fk FOREIGN KEY (commission_id, area_code) REFERENCES commission (id, area_code),
  CONSTRAINT commission_stage_move_changes CHECK (from_stage IS NULL OR from_stage <> to_stage)
);
CREATE INDEX commission_stage_move_commission_idx ON commission_stage_move (commission_id, moved_at);
COMMENT ON TABLE commission_stage_move IS 'Owner: commissioning. A commission''s history through the cycle: each stage it entered, from which, who moved it, when (the clock) and why; the first row (from_stage null) is its start';

CREATE TABLE commission_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  commission_id uuid NOT NULL,
  stage text NOT NULL CONSTRAINT commission_evidence_stage_known CHECK (
    stage IN ('needs_analysis', 'planning', 'sourcing', 'contract', 'monitoring', 'review', 'decommissioning')),
  kind text NOT NULL CONSTRAINT commission_evidence_kind_known CHECK (kind IN ('note', 'indicator', 'needs_assessment')),
  note text NOT NULL DEFAULT '' CONSTRAINT commission_evidence_note_length CHECK (length(note) <= 4000),
  indicator_code text,
  outcome_code text,
  added_at timestamptz NOT NULL,
  added_by uuid REFERENCES app_user (id),
  CONSTRAINT commission_evidence_commission_fk FOREIGN KEY (commission_id, area_code) REFERENCES commission (id, area_code),
  CONSTRAINT commission_evidence_cites CHECK (
    (kind = 'note' AND btrim(note) <> '' AND indicator_code IS NULL AND outcome_code IS NULL)
    OR (kind = 'indicator' AND indicator_code IS NOT NULL AND outcome_code IS NULL)
    OR (kind = 'needs_assessment' AND outcome_code IS NOT NULL AND indicator_code IS NULL))
);
CREATE INDEX commission_evidence_commission_idx ON commission_evidence (commission_id, added_at);
COMMENT ON TABLE commission_evidence IS 'Owner: commissioning. What a stage of a commission rests on: words, or a citation of an indicator or of the needs assessment on an outcome (a code only; their figures and words are read live from outcomes)';
COMMENT ON COLUMN commission_evidence.indicator_code IS 'An indicator of the outcomes catalogue, by code; its values are read from outcomes when shown, never copied';
COMMENT ON COLUMN commission_evidence.outcome_code IS 'One of the five outcomes: the needs assessment''s page on it is cited, read live';

CREATE TABLE commission_decision (
  area_code text NOT NULL REFERENCES area (code),
  commission_id uuid NOT NULL,
  decision_id uuid NOT NULL REFERENCES governance_decision (id),
  stage text NOT NULL CONSTRAINT commission_decision_stage_known CHECK (
    stage IN ('needs_analysis', 'planning', 'sourcing', 'contract', 'monitoring', 'review', 'decommissioning')),
  note text NOT NULL DEFAULT '' CONSTRAINT commission_decision_note_length CHECK (length(note) <= 2000),
  linked_at timestamptz NOT NULL,
  linked_by uuid REFERENCES app_user (id),
  PRIMARY KEY (commission_id, decision_id),
  CONSTRAINT commission_decision_commission_fk FOREIGN KEY (commission_id, area_code) REFERENCES commission (id, area_code)
);
CREATE INDEX commission_decision_decision_idx ON commission_decision (decision_id);
COMMENT ON TABLE commission_decision IS 'Owner: commissioning. A board decision (governance_decision, taken through governance) that a stage of a commission rests on; the decision''s record, its declared interests and withdrawals stay governance''s';

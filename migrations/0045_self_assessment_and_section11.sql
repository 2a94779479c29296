-- Issue 16, items 7 and 8: the board's self-assessment against the Audit Commission's seven
-- questions (001 §2), and the section 11 audits the LSCB runs of each agency under the duty to
-- safeguard and promote the welfare of children (000 Appendix 1 §1.2-1.3; domain brief §6).

-- 7. One self-assessment per body and year: each of the seven questions answered with a rating and
-- evidence, a draft until the body agrees it; compared year on year.
CREATE TABLE board_self_assessment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  body_id uuid NOT NULL,
  year integer NOT NULL CONSTRAINT board_self_assessment_year_range CHECK (year BETWEEN 2004 AND 2100),
  status text NOT NULL DEFAULT 'draft' CONSTRAINT board_self_assessment_status_known CHECK (status IN ('draft', 'agreed')),
  started_by uuid REFERENCES app_user (id),
  started_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  agreed_by uuid REFERENCES app_user (id),
  agreed_at timestamptz,
  CONSTRAINT board_self_assessment_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  CONSTRAINT board_self_assessment_once_a_year UNIQUE (body_id, year),
  CONSTRAINT board_self_assessment_agreed_when CHECK ((status = 'agreed') = (agreed_at IS NOT NULL))
);
COMMENT ON TABLE board_self_assessment IS 'Owner: governance. A body''s self-assessment for a year against the Audit Commission''s seven questions (001 §2): a draft until agreed, one per body and year';
COMMENT ON COLUMN board_self_assessment.year IS 'The year assessed, named by the year it starts in: 2025 is the year 2025 to 2026';

CREATE TABLE board_self_assessment_answer (
  area_code text NOT NULL REFERENCES area (code),
  self_assessment_id uuid NOT NULL REFERENCES board_self_assessment (id) ON DELETE CASCADE,
  question text NOT NULL CONSTRAINT board_self_assessment_answer_question_known CHECK (question IN (
    'outcomes_focus', 'use_of_resources', 'partner_roles', 'stakeholders', 'capacity_building', 'good_governance', 'risks_and_controls')),
  rating text CONSTRAINT board_self_assessment_answer_rating_known CHECK (rating IN ('not_in_place', 'developing', 'established', 'embedded')),
  evidence text NOT NULL DEFAULT '' CONSTRAINT board_self_assessment_answer_evidence_length CHECK (length(evidence) <= 5000),
  PRIMARY KEY (self_assessment_id, question)
);
COMMENT ON TABLE board_self_assessment_answer IS 'Owner: governance. The rating and evidence a self-assessment gives one of the seven questions; a draft may leave the rating blank, an agreed one may not';

-- 8. Section 11 audits. The duties whose bodies are under the section 11 duty: the s11 duty itself, and
-- the s10 duties whose bodies Children Act 2004 s11(1) also names (the children's services authority,
-- district councils, police, probation, youth offending teams, the NHS bodies, Connexions). Schools and
-- colleges are under the parallel Education Act 2002 s175 duty instead (000 App. 1 §1.4), and the
-- Learning and Skills Council and Jobcentre Plus are not named in s11(1), so they are not here.
CREATE TABLE section11_duty (
  duty_code text PRIMARY KEY REFERENCES statutory_duty (code),
  provision text NOT NULL CONSTRAINT section11_duty_provision_present CHECK (btrim(provision) <> '')
);
COMMENT ON TABLE section11_duty IS 'Owner: governance. Reference data: the statutory duties whose bodies are also under the Children Act 2004 s11 duty, so an agency''s duty on the partner register says whether it completes section 11 audits';
INSERT INTO section11_duty (duty_code, provision) VALUES
  ('s11', 'Children Act 2004 s11'),
  ('s10-1', 'Children Act 2004 s11(1)(a): children''s services authority'),
  ('s10-4-a', 'Children Act 2004 s11(1)(b): district council'),
  ('s10-4-b', 'Children Act 2004 s11(1)(g): police authority'),
  ('s10-4-b-lpb', 'Children Act 2004 s11(1)(g) as amended: local policing body'),
  ('s10-4-b-chief', 'Children Act 2004 s11(1)(h): chief officer of police'),
  ('s10-4-c', 'Children Act 2004 s11(1)(i): local probation board'),
  ('s10-4-ca-2008', 'Children Act 2004 s11(1)(ia): provider of probation services'),
  ('s10-4-ca', 'Children Act 2004 s11(1)(ia): the Secretary of State''s probation functions'),
  ('s10-4-cb', 'Children Act 2004 s11(1)(ib): provider of probation services'),
  ('s10-4-d', 'Children Act 2004 s11(1)(j): youth offending team'),
  ('s10-4-da', 'Children Act 2004 s11(1) as amended: NHS England'),
  ('s10-4-e', 'Children Act 2004 s11(1)(c), (e): Strategic Health Authority, Primary Care Trust'),
  ('s10-4-e-ccg', 'Children Act 2004 s11(1) as amended: clinical commissioning group'),
  ('s10-4-e-icb', 'Children Act 2004 s11(1) as amended: integrated care board'),
  ('s10-4-f', 'Children Act 2004 s11(1)(l): Connexions');
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON section11_duty FROM ctp_app;

-- A round: the LSCB sets the period audited, the day audits are due and the standards asked about.
CREATE TABLE section11_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  body_id uuid NOT NULL,
  title text NOT NULL CONSTRAINT section11_round_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  period_start date NOT NULL,
  period_end date NOT NULL,
  due_on date NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  CONSTRAINT section11_round_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  CONSTRAINT section11_round_period_in_order CHECK (period_end >= period_start),
  CONSTRAINT section11_round_due_after_start CHECK (due_on >= period_start)
);
COMMENT ON TABLE section11_round IS 'Owner: governance. A round of section 11 self-audits set by the LSCB (body_id): the period audited, the due date, the standards';

CREATE TABLE section11_round_standard (
  area_code text NOT NULL REFERENCES area (code),
  round_id uuid NOT NULL REFERENCES section11_round (id) ON DELETE CASCADE,
  code text NOT NULL CONSTRAINT section11_round_standard_code_shape CHECK (code ~ '^[a-z_]+$'),
  position integer NOT NULL,
  title text NOT NULL CONSTRAINT section11_round_standard_title_present CHECK (btrim(title) <> ''),
  source text NOT NULL DEFAULT '',
  PRIMARY KEY (round_id, code),
  CONSTRAINT section11_round_standard_position_unique UNIQUE (round_id, position)
);
COMMENT ON TABLE section11_round_standard IS 'Owner: governance. The standards a round asks about, in the words the round was set with (src/governance/section11/standards.ts), kept as set';

-- Each agency under the duty gets its audit in a round.
CREATE TABLE section11_audit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  round_id uuid NOT NULL REFERENCES section11_round (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  status text NOT NULL DEFAULT 'not_started' CONSTRAINT section11_audit_status_known CHECK (status IN ('not_started', 'in_progress', 'submitted')),
  changed_by uuid REFERENCES app_user (id),
  changed_at timestamptz,
  submitted_by uuid REFERENCES app_user (id),
  submitted_at timestamptz,
  challenge text NOT NULL DEFAULT '' CONSTRAINT section11_audit_challenge_length CHECK (length(challenge) <= 5000),
  challenged_by uuid REFERENCES app_user (id),
  challenged_at timestamptz,
  response text NOT NULL DEFAULT '' CONSTRAINT section11_audit_response_length CHECK (length(response) <= 5000),
  responded_by uuid REFERENCES app_user (id),
  responded_at timestamptz,
  CONSTRAINT section11_audit_once_a_round UNIQUE (round_id, organisation_id),
  CONSTRAINT section11_audit_submitted_when CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX section11_audit_organisation_idx ON section11_audit (organisation_id);
COMMENT ON TABLE section11_audit IS 'Owner: governance. One agency''s self-audit in a round: filled in by its own staff, submitted, challenged by the LSCB and answered by the agency';
COMMENT ON COLUMN section11_audit.challenge IS 'The LSCB''s challenge to the agency (000 §2.9: "provide challenge as required"); response is the agency''s answer';

CREATE TABLE section11_answer (
  area_code text NOT NULL REFERENCES area (code),
  audit_id uuid NOT NULL REFERENCES section11_audit (id) ON DELETE CASCADE,
  standard_code text NOT NULL,
  rating text CONSTRAINT section11_answer_rating_known CHECK (rating IN ('met', 'partly_met', 'not_met')),
  evidence text NOT NULL DEFAULT '' CONSTRAINT section11_answer_evidence_length CHECK (length(evidence) <= 5000),
  improvement text NOT NULL DEFAULT '' CONSTRAINT section11_answer_improvement_length CHECK (length(improvement) <= 2000),
  improvement_owner text NOT NULL DEFAULT '' CONSTRAINT section11_answer_owner_length CHECK (length(improvement_owner) <= 200),
  improvement_due date,
  PRIMARY KEY (audit_id, standard_code),
  CONSTRAINT section11_answer_action_whole CHECK (improvement <> '' OR (improvement_owner = '' AND improvement_due IS NULL))
);
COMMENT ON TABLE section11_answer IS 'Owner: governance. An agency''s answer to one standard: its rating, evidence, and the improvement action with its owner and due date';

CREATE TABLE section11_chase (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  audit_id uuid NOT NULL REFERENCES section11_audit (id) ON DELETE CASCADE,
  chased_by uuid REFERENCES app_user (id),
  chased_at timestamptz NOT NULL,
  told integer NOT NULL CONSTRAINT section11_chase_told_count CHECK (told >= 0)
);
CREATE INDEX section11_chase_audit_idx ON section11_chase (audit_id, chased_at);
COMMENT ON TABLE section11_chase IS 'Owner: governance. Each time the LSCB chased a late audit, and how many of the agency''s staff were told';

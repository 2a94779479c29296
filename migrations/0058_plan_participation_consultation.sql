-- Issue 18 items 3 and 4 (ADR 0035): the voice of children, young people and families in the plan.
-- Participation activities (000 §1.7, §2.11; 004 paras 163-166): who took part by age group and group, how, when,
-- what they said, at which stage (planning, service design, evaluation), what it changed in the plan, and the
-- feedback given to those who took part. Consultation on a draft plan (002 §7.3 iv): the bodies consulted (the
-- ones that must be pre-filled), the responses received, typed or as a file, and for each what changed or why not;
-- and the answers of children and young people to a few simple questions on a public page, whose words are
-- quoted in public only once a planner has approved the quotation. No child is named anywhere here: the public
-- form asks for no name, and its answers carry no address.

CREATE TABLE plan_participation_activity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  plan_id uuid NOT NULL,
  title text NOT NULL CONSTRAINT plan_participation_activity_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  held_on date NOT NULL,
  method text NOT NULL CONSTRAINT plan_participation_activity_method_known CHECK (method IN (
    'questionnaire', 'discussion_group', 'event', 'road_show', 'drama', 'youth_council', 'school_council', 'staff_recruitment', 'interview', 'other')),
  stage text NOT NULL CONSTRAINT plan_participation_activity_stage_known CHECK (stage IN ('planning', 'service_design', 'evaluation')),
  age_groups text[] NOT NULL CONSTRAINT plan_participation_activity_age_groups_known CHECK (
    cardinality(age_groups) > 0 AND age_groups <@ ARRAY['under_5', '5_to_10', '11_to_15', '16_to_19', '20_to_25', 'adults']::text[]),
  participant_groups text[] NOT NULL CONSTRAINT plan_participation_activity_groups_known CHECK (
    cardinality(participant_groups) > 0 AND participant_groups <@ ARRAY['general', 'looked_after', 'care_leavers', 'disabled', 'young_carers',
      'minority_ethnic', 'lgbt', 'young_offenders', 'neet', 'parents_carers']::text[]),
  participants integer NOT NULL CONSTRAINT plan_participation_activity_participants_range CHECK (participants BETWEEN 1 AND 100000),
  what_they_said text NOT NULL CONSTRAINT plan_participation_activity_said_shape CHECK (btrim(what_they_said) <> '' AND length(what_they_said) <= 4000),
  changed_section_id uuid,
  changed_priority_id uuid,
  changed_text text NOT NULL DEFAULT '' CONSTRAINT plan_participation_activity_changed_text_length CHECK (length(changed_text) <= 2000),
  feedback_on date,
  feedback_how text NOT NULL DEFAULT '' CONSTRAINT plan_participation_activity_feedback_how_length CHECK (length(feedback_how) <= 2000),
  recorded_by uuid REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT plan_participation_activity_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_participation_activity_section_fk FOREIGN KEY (changed_section_id, area_code)
    REFERENCES plan_section (id, area_code) ON DELETE SET NULL (changed_section_id),
  CONSTRAINT plan_participation_activity_priority_fk FOREIGN KEY (changed_priority_id, area_code)
    REFERENCES plan_priority (id, area_code) ON DELETE SET NULL (changed_priority_id),
  -- 004 para 166: feedback to participants says when and how; one without the other is half a record.
  CONSTRAINT plan_participation_activity_feedback_whole CHECK ((feedback_on IS NULL) = (feedback_how = '')),
  CONSTRAINT plan_participation_activity_feedback_after CHECK (feedback_on IS NULL OR feedback_on >= held_on)
);
CREATE INDEX plan_participation_activity_area_idx ON plan_participation_activity (area_code, held_on DESC);
CREATE INDEX plan_participation_activity_plan_idx ON plan_participation_activity (plan_id);
COMMENT ON TABLE plan_participation_activity IS 'Owner: plan. A participation activity of children, young people, parents or carers (000 §1.7, §2.11; 004 paras 163-166): who took part (age groups and groups, how many), the method, the stage, what they said, what it changed in the plan and the feedback given to them';
COMMENT ON COLUMN plan_participation_activity.changed_text IS 'What it changed, in words, when not (or not only) a section or priority of the plan: a service redesigned, say';

CREATE TABLE plan_consultation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  plan_id uuid NOT NULL,
  title text NOT NULL CONSTRAINT plan_consultation_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  description text NOT NULL DEFAULT '' CONSTRAINT plan_consultation_description_length CHECK (length(description) <= 4000),
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  children_questions boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  CONSTRAINT plan_consultation_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_consultation_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_consultation_dates_in_order CHECK (closes_on >= opens_on)
);
CREATE INDEX plan_consultation_area_idx ON plan_consultation (area_code, opens_on DESC);
COMMENT ON TABLE plan_consultation IS 'Owner: plan. A consultation on a draft plan (002 §7.3 iv) between two dates; with children_questions, children and young people answer a few simple questions on a public page while it is open';

CREATE TABLE plan_consultee (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  consultation_id uuid NOT NULL,
  kind text NOT NULL CONSTRAINT plan_consultee_kind_known CHECK (kind IN (
    'relevant_partner', 'lscb', 'schools', 'governing_bodies', 'colleges', 'children_young_people', 'parents_carers', 'voluntary_community', 'other')),
  organisation_id uuid REFERENCES organisation (id),
  name text NOT NULL CONSTRAINT plan_consultee_name_shape CHECK (name = btrim(name) AND name <> '' AND length(name) <= 200),
  required boolean NOT NULL,
  added_at timestamptz NOT NULL,
  CONSTRAINT plan_consultee_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_consultee_consultation_fk FOREIGN KEY (consultation_id, area_code) REFERENCES plan_consultation (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_consultee_partner_has_organisation CHECK ((kind = 'relevant_partner') = (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX plan_consultee_once ON plan_consultee (consultation_id, kind, lower(name));
COMMENT ON TABLE plan_consultee IS 'Owner: plan. A body consulted on a draft plan: required ones (the relevant partners of the partner register on the day it opens, the LSCB, schools and their governing bodies, colleges, children and young people, parents and carers, the voluntary and community sector) are filled in when the consultation is set up';

CREATE TABLE plan_consultation_response (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  consultation_id uuid NOT NULL,
  consultee_id uuid,
  respondent text NOT NULL CONSTRAINT plan_consultation_response_respondent_shape CHECK (respondent = btrim(respondent) AND respondent <> '' AND length(respondent) <= 200),
  received_on date NOT NULL,
  language text NOT NULL DEFAULT 'en' CONSTRAINT plan_consultation_response_language_known CHECK (language IN ('en', 'cy', 'ur', 'pa', 'bn', 'pl', 'ar', 'so')),
  body text NOT NULL DEFAULT '' CONSTRAINT plan_consultation_response_body_length CHECK (length(body) <= 20000),
  file_name text,
  content_type text CONSTRAINT plan_consultation_response_content_type_known CHECK (content_type IN (
    'application/pdf', 'image/png', 'image/jpeg', 'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text')),
  content bytea,
  byte_size integer,
  sha256 text CONSTRAINT plan_consultation_response_sha256_shape CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  outcome text CONSTRAINT plan_consultation_response_outcome_known CHECK (outcome IN ('changed', 'not_changed')),
  outcome_note text NOT NULL DEFAULT '' CONSTRAINT plan_consultation_response_outcome_note_length CHECK (length(outcome_note) <= 4000),
  changed_section_id uuid,
  recorded_by uuid REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  outcome_by uuid REFERENCES app_user (id),
  outcome_at timestamptz,
  CONSTRAINT plan_consultation_response_consultation_fk FOREIGN KEY (consultation_id, area_code)
    REFERENCES plan_consultation (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_consultation_response_consultee_fk FOREIGN KEY (consultee_id, area_code)
    REFERENCES plan_consultee (id, area_code) ON DELETE SET NULL (consultee_id),
  CONSTRAINT plan_consultation_response_section_fk FOREIGN KEY (changed_section_id, area_code)
    REFERENCES plan_section (id, area_code) ON DELETE SET NULL (changed_section_id),
  -- A response is its words, a file, or both; a file is whole (name, type, bytes, size and digest) or absent.
  CONSTRAINT plan_consultation_response_has_content CHECK (btrim(body) <> '' OR content IS NOT NULL),
  CONSTRAINT plan_consultation_response_file_whole CHECK (
    (content IS NULL) = (file_name IS NULL) AND (content IS NULL) = (content_type IS NULL)
    AND (content IS NULL) = (byte_size IS NULL) AND (content IS NULL) = (sha256 IS NULL)),
  CONSTRAINT plan_consultation_response_file_size CHECK (content IS NULL OR (byte_size = octet_length(content) AND byte_size > 0 AND byte_size <= 10485760)),
  -- What changed in the plan, or why not: an outcome is never recorded without its words.
  CONSTRAINT plan_consultation_response_outcome_explained CHECK ((outcome IS NULL) = (btrim(outcome_note) = '')),
  CONSTRAINT plan_consultation_response_outcome_recorded CHECK ((outcome IS NULL) = (outcome_at IS NULL))
);
CREATE INDEX plan_consultation_response_consultation_idx ON plan_consultation_response (consultation_id, received_on);
COMMENT ON TABLE plan_consultation_response IS 'Owner: plan. A response to a consultation on a draft plan, typed or as a file (stored in the database so a backup carries it, its type told by its bytes), with what changed in the plan because of it or why not';
COMMENT ON COLUMN plan_consultation_response.language IS 'The language the response is written in (BCP 47), so pages mark it up with its own lang and direction';

CREATE TABLE plan_children_answer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  consultation_id uuid NOT NULL,
  matters text CONSTRAINT plan_children_answer_matters_known CHECK (matters IN ('safe', 'healthy', 'learning', 'things_to_do', 'having_a_say', 'future')),
  listened text CONSTRAINT plan_children_answer_listened_known CHECK (listened IN ('yes', 'sometimes', 'no', 'not_sure')),
  better text NOT NULL DEFAULT '' CONSTRAINT plan_children_answer_better_length CHECK (length(better) <= 1000),
  age_group text CONSTRAINT plan_children_answer_age_group_known CHECK (age_group IN ('under_11', '11_to_15', '16_to_19', '20_to_25')),
  language text NOT NULL DEFAULT 'en' CONSTRAINT plan_children_answer_language_known CHECK (language IN ('en', 'cy', 'ur', 'pa', 'bn', 'pl', 'ar', 'so')),
  quotation text NOT NULL CONSTRAINT plan_children_answer_quotation_known CHECK (quotation IN ('not_asked', 'pending', 'approved', 'declined')),
  moderated_by uuid REFERENCES app_user (id),
  moderated_at timestamptz,
  submitted_at timestamptz NOT NULL,
  CONSTRAINT plan_children_answer_consultation_fk FOREIGN KEY (consultation_id, area_code)
    REFERENCES plan_consultation (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_children_answer_something CHECK (matters IS NOT NULL OR listened IS NOT NULL OR btrim(better) <> ''),
  -- Only words the child agreed to have quoted, and only once a planner approved them, are ever quoted.
  CONSTRAINT plan_children_answer_quotable CHECK (quotation = 'not_asked' OR btrim(better) <> ''),
  CONSTRAINT plan_children_answer_moderated CHECK ((quotation = 'approved' OR quotation = 'declined') = (moderated_at IS NOT NULL))
);
CREATE INDEX plan_children_answer_consultation_idx ON plan_children_answer (consultation_id, submitted_at);
CREATE INDEX plan_children_answer_approved_idx ON plan_children_answer (consultation_id) WHERE quotation = 'approved';
COMMENT ON TABLE plan_children_answer IS 'Owner: plan. One child''s or young person''s answers to a consultation''s simple questions, given on the public page without signing in: no name, no address kept. Their words are quoted in public only when they agreed (pending) and a planner approved the quotation';

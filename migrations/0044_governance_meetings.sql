-- Issue 16, items 4-6: a body's meetings (agenda, papers, attendance, minutes), the decisions made at them
-- under a power of the body's terms of reference, the actions they set, members' declarations of interest
-- (000 §2.43) and each partner's agreed commitments (001 §3.4). Builds on the bodies, terms, powers and
-- members of migration 0043. ADR 0023 says how quorum, powers and interests are read.

CREATE TABLE governance_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  body_id uuid NOT NULL,
  held_on date NOT NULL,
  starts_at text NOT NULL DEFAULT '' CONSTRAINT governance_meeting_starts_at_shape CHECK (starts_at = '' OR starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text NOT NULL CONSTRAINT governance_meeting_place_shape CHECK (place = btrim(place) AND place <> '' AND length(place) <= 200),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id),
  CONSTRAINT governance_meeting_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  CONSTRAINT governance_meeting_id_area_unique UNIQUE (id, area_code)
);
CREATE INDEX governance_meeting_body ON governance_meeting (body_id, held_on);
COMMENT ON TABLE governance_meeting IS 'Owner: governance. A meeting of a body on a day, at a place; its quorum is read from the terms of reference in force that day';
COMMENT ON COLUMN governance_meeting.starts_at IS 'HH:MM, UK time, or empty when not given';

CREATE TABLE governance_agenda_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  meeting_id uuid NOT NULL,
  position integer NOT NULL CONSTRAINT governance_agenda_item_position_positive CHECK (position > 0),
  title text NOT NULL CONSTRAINT governance_agenda_item_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 300),
  description text NOT NULL DEFAULT '' CONSTRAINT governance_agenda_item_description_length CHECK (length(description) <= 4000),
  minutes text NOT NULL DEFAULT '' CONSTRAINT governance_agenda_item_minutes_length CHECK (length(minutes) <= 20000),
  minutes_changed_at timestamptz,
  created_at timestamptz NOT NULL,
  CONSTRAINT governance_agenda_item_meeting_fk FOREIGN KEY (meeting_id, area_code) REFERENCES governance_meeting (id, area_code),
  CONSTRAINT governance_agenda_item_position_unique UNIQUE (meeting_id, position),
  CONSTRAINT governance_agenda_item_id_meeting_unique UNIQUE (id, meeting_id)
);
COMMENT ON TABLE governance_agenda_item IS 'Owner: governance. An item of a meeting''s agenda, in order, with its minutes (the discussion, kept with or without quorum)';

CREATE TABLE governance_agenda_item_organisation (
  area_code text NOT NULL REFERENCES area (code),
  agenda_item_id uuid NOT NULL REFERENCES governance_agenda_item (id),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (agenda_item_id, organisation_id)
);
COMMENT ON TABLE governance_agenda_item_organisation IS 'Owner: governance. A partner organisation an agenda item touches: declared interests in it are shown beside the item (000 §2.43)';

CREATE TABLE governance_agenda_item_service (
  area_code text NOT NULL REFERENCES area (code),
  agenda_item_id uuid NOT NULL REFERENCES governance_agenda_item (id),
  service_id uuid NOT NULL REFERENCES area_service (id),
  PRIMARY KEY (agenda_item_id, service_id)
);
COMMENT ON TABLE governance_agenda_item_service IS 'Owner: governance. A service of the area''s list an agenda item touches (commissioning it, say): declared interests in it, or in the partner providing it, are shown beside the item';

CREATE TABLE governance_paper (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  agenda_item_id uuid NOT NULL REFERENCES governance_agenda_item (id),
  title text NOT NULL CONSTRAINT governance_paper_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 300),
  file_name text NOT NULL CONSTRAINT governance_paper_file_name_shape CHECK (btrim(file_name) <> '' AND length(file_name) <= 200),
  content_type text NOT NULL CONSTRAINT governance_paper_content_type_known CHECK (content_type IN (
    'application/pdf', 'image/png', 'image/jpeg', 'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text')),
  content bytea NOT NULL,
  byte_size integer NOT NULL,
  sha256 text NOT NULL CONSTRAINT governance_paper_sha256_shape CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  added_by uuid REFERENCES app_user (id),
  added_by_name text NOT NULL,
  added_at timestamptz NOT NULL,
  CONSTRAINT governance_paper_size CHECK (byte_size = octet_length(content) AND byte_size > 0 AND byte_size <= 10485760)
);
CREATE INDEX governance_paper_item ON governance_paper (agenda_item_id, added_at);
COMMENT ON TABLE governance_paper IS 'Owner: governance. A paper for an agenda item, stored in the database (so a backup carries it); its type told by its first bytes';

CREATE TABLE governance_attendance (
  area_code text NOT NULL REFERENCES area (code),
  meeting_id uuid NOT NULL REFERENCES governance_meeting (id),
  member_id uuid NOT NULL REFERENCES governance_member (id),
  attendance text NOT NULL CONSTRAINT governance_attendance_attendance_known CHECK (attendance IN ('present', 'apologies', 'absent')),
  deputy_name text NOT NULL DEFAULT '' CONSTRAINT governance_attendance_deputy_name_length CHECK (length(deputy_name) <= 200),
  recorded_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES app_user (id),
  PRIMARY KEY (meeting_id, member_id),
  -- A deputy attends only for a member who sent apologies.
  CONSTRAINT governance_attendance_deputy_with_apologies CHECK (deputy_name = '' OR attendance = 'apologies')
);
COMMENT ON TABLE governance_attendance IS 'Owner: governance. Who of a body''s members was at a meeting: present, apologies (with the deputy who attended, if one did) or absent; one row a member a meeting';

CREATE TABLE governance_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  meeting_id uuid NOT NULL REFERENCES governance_meeting (id),
  agenda_item_id uuid NOT NULL,
  power_id uuid NOT NULL REFERENCES governance_power (id),
  decision text NOT NULL CONSTRAINT governance_decision_decision_shape CHECK (btrim(decision) <> '' AND length(decision) <= 4000),
  method text NOT NULL CONSTRAINT governance_decision_method_known CHECK (method IN ('consensus', 'majority_vote', 'unanimous')),
  votes_for integer CONSTRAINT governance_decision_votes_for_count CHECK (votes_for >= 0),
  votes_against integer CONSTRAINT governance_decision_votes_against_count CHECK (votes_against >= 0),
  abstentions integer CONSTRAINT governance_decision_abstentions_count CHECK (abstentions >= 0),
  refer_back boolean NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES app_user (id),
  CONSTRAINT governance_decision_item_fk FOREIGN KEY (agenda_item_id, meeting_id) REFERENCES governance_agenda_item (id, meeting_id),
  -- 004 para 89: votes are counted where the terms say the body decides by vote.
  CONSTRAINT governance_decision_votes_shape CHECK ((method = 'consensus') = (votes_for IS NULL AND votes_against IS NULL AND abstentions IS NULL))
);
CREATE INDEX governance_decision_meeting ON governance_decision (meeting_id);
COMMENT ON TABLE governance_decision IS 'Owner: governance. A decision on an agenda item, made under a named power of the terms in force on the meeting''s day, by the method those terms give; only at a quorate meeting';
COMMENT ON COLUMN governance_decision.refer_back IS 'The power says a decision under it must be referred back to the partner agencies (004 Table 2.3): copied when made';

CREATE TABLE governance_decision_member (
  area_code text NOT NULL REFERENCES area (code),
  decision_id uuid NOT NULL REFERENCES governance_decision (id),
  member_id uuid NOT NULL REFERENCES governance_member (id),
  part text NOT NULL CONSTRAINT governance_decision_member_part_known CHECK (part IN ('took_part', 'withdrew')),
  interest_declared text NOT NULL DEFAULT '' CONSTRAINT governance_decision_member_interest_length CHECK (length(interest_declared) <= 1000),
  PRIMARY KEY (decision_id, member_id)
);
COMMENT ON TABLE governance_decision_member IS 'Owner: governance. Who took part in a decision and who withdrew from it, with the interest each declared (000 §2.43), in the words of the declaration as it stood';

CREATE TABLE governance_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  meeting_id uuid NOT NULL REFERENCES governance_meeting (id),
  agenda_item_id uuid REFERENCES governance_agenda_item (id),
  description text NOT NULL CONSTRAINT governance_action_description_shape CHECK (btrim(description) <> '' AND length(description) <= 2000),
  owner_member_id uuid REFERENCES governance_member (id),
  owner_user_id uuid REFERENCES app_user (id),
  due_on date NOT NULL,
  status text NOT NULL CONSTRAINT governance_action_status_known CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  status_note text NOT NULL DEFAULT '' CONSTRAINT governance_action_status_note_length CHECK (length(status_note) <= 2000),
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT governance_action_one_owner CHECK ((owner_member_id IS NULL) <> (owner_user_id IS NULL))
);
CREATE INDEX governance_action_open_due ON governance_action (area_code, due_on) WHERE status IN ('open', 'in_progress');
COMMENT ON TABLE governance_action IS 'Owner: governance. An action set at a meeting: its owner (a member of the body, or a user of the area), due date and status; overdue ones are shown to the body''s chair';

CREATE TABLE governance_interest (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  user_id uuid REFERENCES app_user (id),
  member_id uuid REFERENCES governance_member (id),
  organisation_id uuid REFERENCES organisation (id),
  service_id uuid REFERENCES area_service (id),
  nature text NOT NULL CONSTRAINT governance_interest_nature_shape CHECK (btrim(nature) <> '' AND length(nature) <= 1000),
  from_on date NOT NULL,
  to_on date,
  declared_at timestamptz NOT NULL,
  declared_by uuid REFERENCES app_user (id),
  changed_at timestamptz NOT NULL,
  -- A person with a sign-in declares once for every seat they hold; the secretariat records one for a seat whose holder has none.
  CONSTRAINT governance_interest_one_declarer CHECK ((user_id IS NULL) <> (member_id IS NULL)),
  CONSTRAINT governance_interest_one_subject CHECK ((organisation_id IS NULL) <> (service_id IS NULL)),
  CONSTRAINT governance_interest_dates_order CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE INDEX governance_interest_user ON governance_interest (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX governance_interest_member ON governance_interest (member_id) WHERE member_id IS NOT NULL;
COMMENT ON TABLE governance_interest IS 'Owner: governance. A declaration of interest (000 §2.43: partners that both commission and provide) in a partner organisation or a service of the area, from one day to another: shown beside any agenda item that touches it';

CREATE TABLE governance_commitment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  body_id uuid NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  description text NOT NULL CONSTRAINT governance_commitment_description_shape CHECK (btrim(description) <> '' AND length(description) <= 2000),
  agreed_on date NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL CONSTRAINT governance_commitment_status_known CHECK (status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'met', 'withdrawn')),
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT governance_commitment_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  CONSTRAINT governance_commitment_dates_order CHECK (due_on >= agreed_on)
);
CREATE INDEX governance_commitment_organisation ON governance_commitment (organisation_id, due_on);
COMMENT ON TABLE governance_commitment IS 'Owner: governance. A partner''s agreed part of the shared plan, held to account by a body (001 §3.4): what, when agreed, when due, and how it stands';

CREATE TABLE governance_commitment_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  commitment_id uuid NOT NULL REFERENCES governance_commitment (id),
  note text NOT NULL CONSTRAINT governance_commitment_note_shape CHECK (btrim(note) <> '' AND length(note) <= 4000),
  status text NOT NULL CONSTRAINT governance_commitment_note_status_known CHECK (status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'met', 'withdrawn')),
  written_at timestamptz NOT NULL,
  written_by uuid REFERENCES app_user (id),
  written_by_name text NOT NULL
);
CREATE INDEX governance_commitment_note_commitment ON governance_commitment_note (commitment_id, written_at);
COMMENT ON TABLE governance_commitment_note IS 'Owner: governance. A progress note on a partner''s commitment, with the status it gave the commitment';

-- The child index (003 §2.37-2.39; domain brief §3): basic data only, never case notes.

-- Designated safeguarding staff may find shielded records and approve shielding.
ALTER TABLE app_user ADD COLUMN designated_safeguarding boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN app_user.designated_safeguarding IS 'A designated safeguarding lead: can find shielded records and approve shielding (ContactPoint practice)';

-- Per-area choices about the index.
CREATE TABLE child_index_setting (
  area_code text PRIMARY KEY REFERENCES area (code),
  shielded_contact text NOT NULL DEFAULT ''
);
COMMENT ON COLUMN child_index_setting.shielded_contact IS 'Named safeguarding officer shown when a search may have matched a record the user cannot see; empty means show nothing (plain "no match")';

CREATE TABLE child (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  nhs_number text CONSTRAINT child_nhs_number_shape CHECK (nhs_number ~ '^[0-9]{10}$'),
  upn text CONSTRAINT child_upn_shape CHECK (upn ~ '^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
  given_name text NOT NULL CONSTRAINT child_given_name_present CHECK (btrim(given_name) <> ''),
  family_name text NOT NULL CONSTRAINT child_family_name_present CHECK (btrim(family_name) <> ''),
  date_of_birth date NOT NULL,
  gender text NOT NULL DEFAULT 'unknown' CONSTRAINT child_gender_known CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  address_line_1 text NOT NULL DEFAULT '',
  address_line_2 text NOT NULL DEFAULT '',
  town text NOT NULL DEFAULT '',
  postcode text NOT NULL DEFAULT '' CONSTRAINT child_postcode_shape CHECK (postcode = '' OR postcode ~ '^[A-Z][A-Z0-9]{1,3} [0-9][A-Z]{2}$'),
  school text NOT NULL DEFAULT '',
  gp_practice text NOT NULL DEFAULT '',
  extended_scope text CONSTRAINT child_extended_scope_known CHECK (extended_scope IN ('young adult', 'care leaver', 'learning difficulty or disability')),
  shielded_at timestamptz,
  shielded_by_organisation_id uuid REFERENCES organisation (id),
  merged_into_id uuid REFERENCES child (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT child_shielded_by_organisation CHECK ((shielded_at IS NULL) = (shielded_by_organisation_id IS NULL))
);
CREATE UNIQUE INDEX child_nhs_number_unique ON child (area_code, nhs_number) WHERE nhs_number IS NOT NULL AND merged_into_id IS NULL;
CREATE UNIQUE INDEX child_upn_unique ON child (area_code, upn) WHERE upn IS NOT NULL AND merged_into_id IS NULL;
-- Lookups include merged records, whose identifiers lead to the record they were merged into.
CREATE INDEX child_nhs_number_idx ON child (area_code, nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX child_upn_idx ON child (area_code, upn) WHERE upn IS NOT NULL;
CREATE INDEX child_date_of_birth_idx ON child (area_code, date_of_birth);
CREATE INDEX child_postcode_idx ON child (area_code, postcode);
CREATE INDEX child_merged_into_idx ON child (merged_into_id) WHERE merged_into_id IS NOT NULL;
COMMENT ON TABLE child IS 'One child known to the index. Holds basic data only (003 §2.39): no case notes.';
COMMENT ON COLUMN child.extended_scope IS 'Why someone aged 18 or over is in the index (domain brief §1: young adult to 19, care leaver to 21, learning difficulty or disability to 25)';
COMMENT ON COLUMN child.shielded_at IS 'Shielded (e.g. a family fleeing violence): found only by the shielding organisation and designated safeguarding staff';
COMMENT ON COLUMN child.merged_into_id IS 'Set when this record was merged into another as a duplicate; cleared if the merge is undone';
COMMENT ON COLUMN child.version IS 'Incremented on every change, so an edit based on an old copy is refused instead of overwriting';

-- Every name a child is or was known by, the current one included: search looks here.
CREATE TABLE child_name (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  area_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL CONSTRAINT child_name_kind_known CHECK (kind IN ('current', 'previous', 'alternative')),
  given_name text NOT NULL,
  family_name text NOT NULL,
  given_words text GENERATED ALWAYS AS (btrim(regexp_replace(lower(given_name), '[^[:alpha:]]+', ' ', 'g'))) STORED,
  family_words text GENERATED ALWAYS AS (btrim(regexp_replace(lower(family_name), '[^[:alpha:]]+', ' ', 'g'))) STORED,
  family_sound text GENERATED ALWAYS AS (dmetaphone(family_name)) STORED
);
CREATE INDEX child_name_child_idx ON child_name (child_id);
CREATE INDEX child_name_family_trgm_idx ON child_name USING gin (family_words gin_trgm_ops);
CREATE INDEX child_name_family_sound_idx ON child_name (area_code, family_sound);
CREATE UNIQUE INDEX child_name_one_current ON child_name (child_id) WHERE kind = 'current';
COMMENT ON COLUMN child_name.family_words IS 'Lower case, punctuation (hyphens, apostrophes) turned into spaces: Smith-Jones is "smith jones"';
COMMENT ON COLUMN child_name.family_sound IS 'Double Metaphone code of the family name, for names that sound alike (Thompson, Thomson)';

CREATE TABLE carer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  area_code text NOT NULL REFERENCES area (code),
  name text NOT NULL CONSTRAINT carer_name_present CHECK (btrim(name) <> ''),
  relationship text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  has_parental_responsibility boolean
);
CREATE INDEX carer_child_idx ON carer (child_id);
COMMENT ON TABLE carer IS 'Parents and carers, with contact details (003 §2.39)';

-- A service or practitioner involved with a child, now or before (003 §2.39).
CREATE TABLE involvement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  area_code text NOT NULL REFERENCES area (code),
  service text NOT NULL CONSTRAINT involvement_service_present CHECK (btrim(service) <> ''),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  practitioner_user_id uuid REFERENCES app_user (id),
  practitioner_name text NOT NULL CONSTRAINT involvement_practitioner_present CHECK (btrim(practitioner_name) <> ''),
  role text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  sensitive boolean NOT NULL DEFAULT false,
  started_on date NOT NULL,
  ended_on date,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT involvement_dates_in_order CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX involvement_child_idx ON involvement (child_id);
CREATE INDEX involvement_practitioner_idx ON involvement (practitioner_user_id) WHERE practitioner_user_id IS NOT NULL;
COMMENT ON COLUMN involvement.sensitive IS 'A sensitive service (e.g. sexual health, substance misuse): people outside it see only that a sensitive service is involved and whom to contact';

-- Shielding and unshielding need a second person's approval.
CREATE TABLE shielding_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  area_code text NOT NULL REFERENCES area (code),
  action text NOT NULL CONSTRAINT shielding_request_action_known CHECK (action IN ('shield', 'unshield')),
  reason text NOT NULL CONSTRAINT shielding_request_reason_present CHECK (btrim(reason) <> ''),
  requested_by uuid NOT NULL REFERENCES app_user (id),
  requested_by_organisation_id uuid NOT NULL REFERENCES organisation (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  decision text CONSTRAINT shielding_request_decision_known CHECK (decision IN ('approved', 'rejected')),
  decision_note text NOT NULL DEFAULT '',
  CONSTRAINT shielding_request_second_person CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CONSTRAINT shielding_request_decided_together CHECK ((decided_by IS NULL) = (decision IS NULL) AND (decision IS NULL) = (decided_at IS NULL))
);
CREATE UNIQUE INDEX shielding_request_one_open ON shielding_request (child_id) WHERE decision IS NULL;
CREATE INDEX shielding_request_area_open_idx ON shielding_request (area_code) WHERE decision IS NULL;

-- Where each record came from: the same source row never makes a second child.
CREATE TABLE child_source_record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  source text NOT NULL CONSTRAINT child_source_record_source_shape CHECK (source ~ '^[a-z0-9-]{1,40}$'),
  source_id text NOT NULL CONSTRAINT child_source_record_source_id_present CHECK (btrim(source_id) <> ''),
  child_id uuid NOT NULL REFERENCES child (id),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT child_source_record_unique UNIQUE (area_code, source, source_id)
);
CREATE INDEX child_source_record_child_idx ON child_source_record (child_id);

-- Likely duplicates waiting for a person to decide.
CREATE TABLE possible_duplicate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  other_child_id uuid NOT NULL REFERENCES child (id),
  score real NOT NULL,
  reasons text NOT NULL DEFAULT '',
  found_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CONSTRAINT possible_duplicate_status_known CHECK (status IN ('pending', 'merged', 'kept apart')),
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  CONSTRAINT possible_duplicate_ordered CHECK (child_id < other_child_id),
  CONSTRAINT possible_duplicate_pair_unique UNIQUE (child_id, other_child_id)
);
CREATE INDEX possible_duplicate_pending_idx ON possible_duplicate (area_code, found_at) WHERE status = 'pending';

-- A merge, with what it moved, so it can be undone exactly.
CREATE TABLE child_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  kept_child_id uuid NOT NULL REFERENCES child (id),
  merged_child_id uuid NOT NULL REFERENCES child (id),
  possible_duplicate_id uuid REFERENCES possible_duplicate (id),
  moved jsonb NOT NULL,
  merged_by uuid NOT NULL REFERENCES app_user (id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_by uuid REFERENCES app_user (id),
  undone_at timestamptz
);
CREATE INDEX child_merge_kept_idx ON child_merge (kept_child_id);
COMMENT ON COLUMN child_merge.moved IS 'Ids of the names, carers, involvements and source records moved from the merged record to the kept one';

-- Views of a record by someone with no involvement: allowed with a reason, and flagged for a manager.
CREATE TABLE access_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  audit_event_id uuid NOT NULL,
  reason text NOT NULL,
  viewed_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by uuid REFERENCES app_user (id),
  reviewed_at timestamptz,
  outcome text CONSTRAINT access_review_outcome_known CHECK (outcome IN ('appropriate', 'referred for investigation')),
  CONSTRAINT access_review_reviewer_not_viewer CHECK (reviewed_by IS NULL OR reviewed_by <> user_id)
);
CREATE INDEX access_review_pending_idx ON access_review (area_code, viewed_at) WHERE reviewed_at IS NULL;

-- Bulk imports, so a crashed run can resume where it stopped.
CREATE TABLE child_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  lines_done integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  matched integer NOT NULL DEFAULT 0,
  queued integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX child_import_one_unfinished ON child_import (area_code, file_sha256) WHERE finished_at IS NULL;
COMMENT ON COLUMN child_import.lines_done IS 'Data lines committed so far; a re-run of the same file resumes after them';

-- "Who has looked at this child": searches record the ids they returned.
CREATE INDEX audit_event_child_ids_idx ON audit_event USING gin ((details -> 'childIds'));

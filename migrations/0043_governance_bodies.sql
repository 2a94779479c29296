-- Issue 16, items 1-3: the partnership's governance bodies (000 §1.8-1.11, §2.7-2.10, §2.53-2.64; 004
-- chapter 2). The children's trust board, its sub-groups, a chief officers' group, the Local Safeguarding
-- Children Board as a body of its own, their versioned terms of reference with the powers each holds,
-- their dated members, the area's named roles (Director of Children's Services, Lead Member), and the
-- links to other partnerships. Meetings, interests, accountability (G2) and self-assessment, section 11
-- (G3) build on these tables. ADR 0022 says who sees a body's business.

CREATE TABLE governance_body (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL CONSTRAINT governance_body_kind_known CHECK (kind IN ('trust_board', 'sub_group', 'chief_officers_group', 'lscb')),
  name text NOT NULL CONSTRAINT governance_body_name_shape CHECK (name = btrim(name) AND name <> '' AND length(name) <= 200),
  parent_body_id uuid,
  focus text CONSTRAINT governance_body_focus_known CHECK (focus IN ('thematic', 'locality')),
  remit text NOT NULL DEFAULT '' CONSTRAINT governance_body_remit_length CHECK (length(remit) <= 2000),
  established_on date NOT NULL,
  closed_on date,
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT governance_body_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT governance_body_parent_fk FOREIGN KEY (parent_body_id, area_code) REFERENCES governance_body (id, area_code),
  -- 000 §1.8: a sub-group answers to a body of the area, thematic or for a locality; the others stand alone.
  CONSTRAINT governance_body_sub_group_shape CHECK ((kind = 'sub_group') = (parent_body_id IS NOT NULL AND focus IS NOT NULL)),
  CONSTRAINT governance_body_dates_order CHECK (closed_on IS NULL OR closed_on >= established_on)
);
CREATE UNIQUE INDEX governance_body_name_unique ON governance_body (area_code, lower(name));
-- One children's trust board and one LSCB per area (Children Act 2004 s13: each authority establishes an LSCB).
CREATE UNIQUE INDEX governance_body_one_board ON governance_body (area_code, kind) WHERE kind IN ('trust_board', 'lscb');
COMMENT ON TABLE governance_body IS 'Owner: governance. The bodies of an area''s partnership: the children''s trust board, its sub-groups, a chief officers'' group, and the LSCB (a distinct body with its own chair and membership, 000 §2.7-2.10)';
COMMENT ON COLUMN governance_body.focus IS 'A sub-group''s kind: thematic (an outcome, a service) or a locality (000 §1.8)';
COMMENT ON COLUMN governance_body.closed_on IS 'The day the body stood down; its records stay readable';

CREATE TABLE governance_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  body_id uuid NOT NULL,
  version integer NOT NULL CONSTRAINT governance_terms_version_positive CHECK (version > 0),
  effective_from date NOT NULL,
  review_on date NOT NULL,
  purpose text NOT NULL CONSTRAINT governance_terms_purpose_shape CHECK (purpose <> '' AND length(purpose) <= 4000),
  membership text NOT NULL DEFAULT '' CONSTRAINT governance_terms_membership_length CHECK (length(membership) <= 4000),
  quorum_kind text NOT NULL CONSTRAINT governance_terms_quorum_kind_known CHECK (quorum_kind IN ('count', 'fraction')),
  quorum_count integer,
  quorum_numerator integer,
  quorum_denominator integer,
  decision_method text NOT NULL CONSTRAINT governance_terms_decision_method_known CHECK (decision_method IN ('consensus', 'majority_vote', 'unanimous')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id),
  CONSTRAINT governance_terms_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  CONSTRAINT governance_terms_id_body_unique UNIQUE (id, body_id),
  CONSTRAINT governance_terms_version_unique UNIQUE (body_id, version),
  CONSTRAINT governance_terms_effective_unique UNIQUE (body_id, effective_from),
  CONSTRAINT governance_terms_review_after CHECK (review_on > effective_from),
  CONSTRAINT governance_terms_quorum_shape CHECK (
    (quorum_kind = 'count' AND quorum_count > 0 AND quorum_numerator IS NULL AND quorum_denominator IS NULL)
    OR (quorum_kind = 'fraction' AND quorum_count IS NULL AND quorum_numerator > 0 AND quorum_denominator >= quorum_numerator))
);
COMMENT ON TABLE governance_terms IS 'Owner: governance. A body''s terms of reference, one row per version (004 Tables 2.2-2.3, para 89); the version in force on a day is the latest whose effective_from is on or before it. Versions are never changed once made: a change is a new version, so superseded terms stay readable';
COMMENT ON COLUMN governance_terms.quorum_kind IS 'count: at least quorum_count voting members present; fraction: at least quorum_numerator/quorum_denominator of the voting members on the day, rounded up';
COMMENT ON COLUMN governance_terms.review_on IS 'When the body has agreed to review these terms';

CREATE TABLE governance_power (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  terms_id uuid NOT NULL REFERENCES governance_terms (id),
  position integer NOT NULL,
  description text NOT NULL CONSTRAINT governance_power_description_shape CHECK (description <> '' AND length(description) <= 1000),
  authority text NOT NULL CONSTRAINT governance_power_authority_known CHECK (authority IN ('advisory', 'delegated')),
  level text NOT NULL CONSTRAINT governance_power_level_known CHECK (level IN ('strategic', 'operational')),
  refer_back boolean NOT NULL,
  CONSTRAINT governance_power_position_unique UNIQUE (terms_id, position)
);
COMMENT ON TABLE governance_power IS 'Owner: governance. The decision-making powers a version of a body''s terms of reference gives it (004 Tables 2.2-2.3): advisory or delegated, strategic or operational, and whether a decision under it must be referred back to the partner agencies. A decision names the power it was made under';

CREATE TABLE governance_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  body_id uuid NOT NULL,
  person_name text NOT NULL CONSTRAINT governance_member_person_name_shape CHECK (person_name = btrim(person_name) AND person_name <> '' AND length(person_name) <= 200),
  user_id uuid REFERENCES app_user (id),
  position_title text NOT NULL DEFAULT '' CONSTRAINT governance_member_position_title_length CHECK (length(position_title) <= 200),
  email text NOT NULL DEFAULT '' CONSTRAINT governance_member_email_length CHECK (length(email) <= 254),
  phone text NOT NULL DEFAULT '' CONSTRAINT governance_member_phone_length CHECK (length(phone) <= 40),
  organisation_id uuid REFERENCES organisation (id),
  constituency text NOT NULL DEFAULT '' CONSTRAINT governance_member_constituency_length CHECK (length(constituency) <= 200),
  member_role text NOT NULL CONSTRAINT governance_member_role_known CHECK (member_role IN ('chair', 'vice_chair', 'member', 'adviser', 'secretariat')),
  can_commit_resources boolean NOT NULL,
  deputy_name text NOT NULL DEFAULT '' CONSTRAINT governance_member_deputy_name_length CHECK (length(deputy_name) <= 200),
  deputy_user_id uuid REFERENCES app_user (id),
  reports_back text NOT NULL DEFAULT '' CONSTRAINT governance_member_reports_back_length CHECK (length(reports_back) <= 2000),
  from_date date NOT NULL,
  to_date date,
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT governance_member_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  -- 000 §2.62-2.63: a member speaks for a partner of the register, or for a constituency named in words.
  CONSTRAINT governance_member_represents_one CHECK ((organisation_id IS NULL) <> (constituency = '')),
  CONSTRAINT governance_member_dates_order CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX governance_member_body ON governance_member (body_id, from_date);
CREATE INDEX governance_member_user ON governance_member (user_id) WHERE user_id IS NOT NULL;
COMMENT ON TABLE governance_member IS 'Owner: governance. A person''s seat on a body from one day to another: whom they represent (a partner organisation or a constituency in words), their role in the body, whether they can commit their organisation''s resources (000 §2.63), their deputy and how they report back. A seat never overlaps another of the same person on the same body';
COMMENT ON COLUMN governance_member.user_id IS 'The person''s sign-in in the area, when they have one: what lets them see the body''s business (ADR 0022)';
COMMENT ON COLUMN governance_member.member_role IS 'chair, vice_chair and member vote; adviser and secretariat do not. The chair and the secretariat manage the body''s meetings';
COMMENT ON COLUMN governance_member.to_date IS 'The last day of the seat; open while null';

CREATE TABLE governance_named_role (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  role text NOT NULL CONSTRAINT governance_named_role_role_known CHECK (role IN ('director_childrens_services', 'lead_member')),
  person_name text NOT NULL CONSTRAINT governance_named_role_person_name_shape CHECK (person_name = btrim(person_name) AND person_name <> '' AND length(person_name) <= 200),
  user_id uuid REFERENCES app_user (id),
  from_date date NOT NULL,
  to_date date,
  created_at timestamptz NOT NULL,
  CONSTRAINT governance_named_role_dates_order CHECK (to_date IS NULL OR to_date >= from_date)
);
COMMENT ON TABLE governance_named_role IS 'Owner: governance. Who held the area''s statutory roles from when to when: the Director of Children''s Services and the Lead Member for children''s services (000 §1.10, §2.57). One holder of a role at a time';

CREATE TABLE governance_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  body_id uuid NOT NULL,
  partnership_kind text NOT NULL CONSTRAINT governance_link_partnership_kind_known CHECK (partnership_kind IN ('local_strategic_partnership', 'crime_disorder_reduction_partnership', '14_19_partnership', 'other')),
  partnership_name text NOT NULL CONSTRAINT governance_link_partnership_name_shape CHECK (partnership_name = btrim(partnership_name) AND partnership_name <> '' AND length(partnership_name) <= 200),
  sends text NOT NULL DEFAULT '' CONSTRAINT governance_link_sends_length CHECK (length(sends) <= 2000),
  receives text NOT NULL DEFAULT '' CONSTRAINT governance_link_receives_length CHECK (length(receives) <= 2000),
  from_date date NOT NULL,
  to_date date,
  created_at timestamptz NOT NULL,
  CONSTRAINT governance_link_body_fk FOREIGN KEY (body_id, area_code) REFERENCES governance_body (id, area_code),
  CONSTRAINT governance_link_says_what_passes CHECK (sends <> '' OR receives <> ''),
  CONSTRAINT governance_link_dates_order CHECK (to_date IS NULL OR to_date >= from_date)
);
COMMENT ON TABLE governance_link IS 'Owner: governance. A body''s link with another partnership of the area (local strategic partnership, crime and disorder reduction partnership, 14-19 partnership: 001 §3.2, 000 §2.64) and what passes between them each way';

-- Per-area settings in one table (issue 12 point 5), and one owning feature for every table (point 2).

-- A value an area chose for a setting a feature declared (src/platform/settings.ts). The setting's
-- type and default live with its declaration in the owning feature, once: a key with no row here
-- reads as its default, so reading never writes.
CREATE TABLE area_setting (
  area_code text NOT NULL REFERENCES area (code),
  key text NOT NULL CONSTRAINT area_setting_key_shape CHECK (key ~ '^[a-z]+\.[a-zA-Z]+$'),
  value jsonb NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid REFERENCES app_user (id),
  PRIMARY KEY (area_code, key)
);
COMMENT ON COLUMN area_setting.key IS 'feature.name, as the feature declares it (for example assessment.leadProfessionalCriteria)';
COMMENT ON COLUMN area_setting.value IS 'The value as JSON; its shape is checked against the declared schema when written and when read';
COMMENT ON COLUMN area_setting.changed_by IS 'Who last changed it; null for a value carried over from the settings tables this replaces (0012)';

-- Carry over what areas chose. Rows equal to the old defaults are left out: front-line work inserted
-- a default row on every read, and a missing row reads as the same default.
INSERT INTO area_setting (area_code, key, value)
SELECT area_code, 'assessment.leadProfessionalCriteria', to_jsonb(lead_professional_criteria)
  FROM front_line_setting
 WHERE lead_professional_criteria IS DISTINCT FROM ARRAY[
    'Has the skills, knowledge and authority to co-ordinate the support',
    'Has a trusting relationship with the child and family',
    'The child and family agree to the appointment',
    'Has the time to act as the single point of contact'
  ]::text[];
INSERT INTO area_setting (area_code, key, value)
SELECT area_code, 'assessment.acknowledgeWithinDays', to_jsonb(acknowledge_within_days)
  FROM front_line_setting
 WHERE acknowledge_within_days <> 3;
INSERT INTO area_setting (area_code, key, value)
SELECT area_code, 'children.shieldedContact', to_jsonb(shielded_contact)
  FROM child_index_setting
 WHERE shielded_contact <> '';

DROP TABLE front_line_setting;
DROP TABLE child_index_setting;

-- Every table has one owning feature (a folder of src/): only the owner's SQL writes it.
COMMENT ON TABLE schema_migration IS 'Owner: platform. The migrations applied, each with the checksum of its file (migrations are frozen)';
COMMENT ON TABLE area_setting IS 'Owner: platform. The values areas chose for the settings features declare; a setting with no row reads as its default';
COMMENT ON TABLE app_user IS 'Owner: platform. The people who sign in: their area, organisation, role, password hash and second factor';
COMMENT ON TABLE user_session IS 'Owner: platform. Signed-in sessions, with idle and absolute expiry';
COMMENT ON TABLE sign_in_throttle IS 'Owner: platform. Failed password attempts per (email typed, client address); address * is the tally across all addresses';
COMMENT ON TABLE audit_event IS 'Owner: platform. Who did what, when, from where and why. Append-only; each entry holds the keyed hash (HMAC-SHA256) of its predecessor in its chain';
COMMENT ON TABLE health_probe IS 'Owner: platform. One row that the readiness check (/healthz) updates, proving a write commits';

COMMENT ON TABLE area IS 'Owner: partnership. A local area (children''s services authority). Every domain table carries area_code so areas never mix';
COMMENT ON TABLE district IS 'Owner: partnership. Lower-tier districts of a county area (two-tier areas); unitary areas have none';
COMMENT ON TABLE organisation IS 'Owner: partnership. The partner organisations of an area: the lead authority, relevant partners and other partners';

COMMENT ON TABLE child IS 'Owner: children. One child known to the index. Holds basic data only (003 §2.39): no case notes';
COMMENT ON TABLE child_name IS 'Owner: children. A child''s current, alternative and former names';
COMMENT ON TABLE child_name_term IS 'Owner: children. Every family name (with its Double Metaphone code) and given name in use in an area, as child_name holds them: what a fuzzy name search looks through';
COMMENT ON TABLE carer IS 'Owner: children. Parents and carers, with contact details (003 §2.39)';
COMMENT ON TABLE involvement IS 'Owner: children. A service or practitioner involved with a child, now or before (003 §2.39)';
COMMENT ON TABLE shielding_request IS 'Owner: children. Requests to shield or unshield a record; each needs a second person''s approval';
COMMENT ON TABLE child_source_record IS 'Owner: children. Where each record came from: the same source row never makes a second child';
COMMENT ON TABLE child_import IS 'Owner: children. Bulk imports of records, so a crashed run can resume where it stopped';
COMMENT ON TABLE possible_duplicate IS 'Owner: children. Pairs of records that may be the same child, waiting for a decision';
COMMENT ON TABLE child_merge IS 'Owner: children. Two records merged into one, with what moved, so the merge can be undone';
COMMENT ON TABLE access_review IS 'Owner: children. Views of a record by someone with no involvement: allowed with a reason, and flagged for a manager to review';

COMMENT ON TABLE pre_assessment_check IS 'Owner: assessment. The pre-assessment checklist (002 para 121): does this child need a common assessment?';
COMMENT ON TABLE common_assessment IS 'Owner: assessment. A common assessment (CAF) episode: the assessment, its versions and the team around the child acting on it';
COMMENT ON TABLE common_assessment_version IS 'Owner: assessment. The versions of a common assessment: a draft, then locked versions';
COMMENT ON TABLE consent IS 'Owner: assessment. Consent to assess and to share information, as given, refused or withdrawn';
COMMENT ON TABLE sharing_without_consent_proposal IS 'Owner: assessment. A proposal to share an assessment without consent; an approval writes the consent row it points to';
COMMENT ON TABLE team_member IS 'Owner: assessment. The team around the child: who provides which service';
COMMENT ON TABLE lead_professional IS 'Owner: assessment. Who is the lead professional for an episode, and since when (000 §2.18)';
COMMENT ON TABLE action_item IS 'Owner: assessment. The actions of an episode''s plan, with who does them and by when';
COMMENT ON TABLE team_review IS 'Owner: assessment. Reviews of progress by the team around the child';
COMMENT ON TABLE referral IS 'Owner: assessment. Referrals (escalations) to another service, and their acknowledgement';
COMMENT ON TABLE need_level_change IS 'Owner: assessment. Changes in a child''s level of need, with the reason';

COMMENT ON TABLE outcome IS 'Owner: outcomes. The five outcomes that define wellbeing in law (Children Act 2004 s10(2); 000 §2.4; 002 para 11). National reference data shared by every area, so it has no area_code';
COMMENT ON TABLE aim IS 'Owner: outcomes. The aims of each outcome, word for word from 002 para 11 (a leading "and" dropped). National reference data, so no area_code';
COMMENT ON TABLE reference_area IS 'Owner: outcomes. English upper-tier local authorities (children''s services authorities) with their ONS codes as from April 2009, and England (E92000001). National reference data, so no area_code';
COMMENT ON TABLE comparator IS 'Owner: outcomes. The comparator group (statistical neighbours) an area chose; England is always compared as well, so it is not listed here';
COMMENT ON TABLE indicator IS 'Owner: outcomes. The indicator catalogue: national indicators (area_code null) and areas'' own (000 §2.6)';
COMMENT ON TABLE indicator_aim IS 'Owner: outcomes. The aims an indicator evidences (000 §2.6). Belongs to its indicator, whose area_code it shares';
COMMENT ON TABLE indicator_import IS 'Owner: outcomes. One import of published indicator values, with its counts';
COMMENT ON TABLE indicator_value IS 'Owner: outcomes. One published value: an indicator, for an area, a period and a group of children';
COMMENT ON TABLE indicator_value_change IS 'Owner: outcomes. Re-importing a period replaces its values; each value that changed is recorded here, before and after';
COMMENT ON TABLE indicator_target IS 'Owner: outcomes. What an area aims for on an indicator (targets such as Local Area Agreement ones, 001 §3.4)';
COMMENT ON TABLE needs_narrative IS 'Owner: outcomes. What the area''s integrated needs assessment says about one outcome (000 §2.32), ready for the Children and Young People''s Plan to cite';
COMMENT ON TABLE needs_level IS 'Owner: outcomes. Children and funding at each level of need in one financial year (004 Table 4.1); a null count or sum is not known, never zero';

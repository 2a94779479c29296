-- Issue 17, items 1 and 2: the area's list of services grows into the directory of services (004
-- para 228; 002 paras 95 and 102): what each service offers, for whom, which outcomes and aims it
-- serves, where and when, how to refer, its type (004 Table 4.4) and its provider on a level playing
-- field (000 §2.44): in-house, statutory, voluntary and community, or private; a partner of the
-- register (organisation_id) or an organisation outside the partnership (provider_name). ADR 0026.
ALTER TABLE area_service
  ADD COLUMN description text NOT NULL DEFAULT '' CONSTRAINT area_service_description_length CHECK (length(description) <= 2000),
  ADD COLUMN service_type text CONSTRAINT area_service_service_type_known CHECK (
    service_type IN ('health', 'social_care', 'cross_sector', 'education', 'youth_offending', 'early_years', 'all_services', 'childrens_fund', 'connexions')),
  ADD COLUMN provider_kind text CONSTRAINT area_service_provider_kind_known CHECK (
    provider_kind IN ('in_house', 'statutory', 'voluntary_community', 'private')),
  ADD COLUMN provider_name text NOT NULL DEFAULT '' CONSTRAINT area_service_provider_name_length CHECK (length(provider_name) <= 200),
  ADD COLUMN age_from integer CONSTRAINT area_service_age_from_range CHECK (age_from BETWEEN 0 AND 25),
  ADD COLUMN age_to integer CONSTRAINT area_service_age_to_range CHECK (age_to BETWEEN 0 AND 25),
  ADD COLUMN need_levels text[] NOT NULL DEFAULT '{}' CONSTRAINT area_service_need_levels_known CHECK (
    need_levels <@ ARRAY['universal', 'additional', 'complex', 'acute/specialist']::text[]),
  ADD COLUMN groups text[] NOT NULL DEFAULT '{}' CONSTRAINT area_service_groups_known CHECK (
    groups <@ ARRAY['disabled_children', 'looked_after_children', 'young_carers', 'care_leavers', 'young_parents', 'parents_and_carers']::text[]),
  ADD COLUMN address text NOT NULL DEFAULT '' CONSTRAINT area_service_address_length CHECK (length(address) <= 500),
  ADD COLUMN district_code text REFERENCES district (code),
  ADD COLUMN opening_times text NOT NULL DEFAULT '' CONSTRAINT area_service_opening_times_length CHECK (length(opening_times) <= 500),
  ADD COLUMN how_to_refer text NOT NULL DEFAULT '' CONSTRAINT area_service_how_to_refer_length CHECK (length(how_to_refer) <= 1000),
  ADD COLUMN self_referral boolean NOT NULL DEFAULT false,
  ADD COLUMN contact_phone text NOT NULL DEFAULT '' CONSTRAINT area_service_contact_phone_length CHECK (length(contact_phone) <= 40),
  ADD COLUMN reviewed_on date,
  ADD CONSTRAINT area_service_ages_in_order CHECK (age_from IS NULL OR age_to IS NULL OR age_from <= age_to),
  ADD CONSTRAINT area_service_provider_one CHECK (organisation_id IS NULL OR provider_name = '');
COMMENT ON COLUMN area_service.provider_kind IS 'In-house, statutory, voluntary and community, or private (000 §2.44); null until recorded';
COMMENT ON COLUMN area_service.provider_name IS 'A provider that is not a partner of the register; empty when organisation_id names the partner';
COMMENT ON COLUMN area_service.need_levels IS 'The national four levels of need the service is for (NATIONAL_NEED_LEVELS); empty: not said';
COMMENT ON COLUMN area_service.reviewed_on IS 'The day the entry was last confirmed up to date (null: the day it was added); twelve months on it is flagged for review';

CREATE TABLE area_service_aim (
  service_id uuid NOT NULL,
  area_code text NOT NULL REFERENCES area (code),
  aim_code text NOT NULL REFERENCES aim (code),
  PRIMARY KEY (service_id, aim_code),
  CONSTRAINT area_service_aim_service_fk FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code)
);
COMMENT ON TABLE area_service_aim IS 'Owner: directory. The aims of the five outcomes (002 para 11) a service of the directory serves';
CREATE INDEX area_service_aim_aim_idx ON area_service_aim (aim_code);

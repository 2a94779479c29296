-- Partners administered in the product, and the duties that bring them in, as the law stood on each
-- date (issue 13 points 1 and 2).

-- The statutory duties a partner can be under, each with the dates it was in force. Children Act 2004
-- s10(4) as enacted had paragraphs (a) to (g) (000 §1.16); the Apprenticeships, Skills, Children and
-- Learning Act 2009 s193 inserted (fa) to (fe) (schools, colleges, Jobcentre Plus) and omitted (g).
-- Schools, colleges and Jobcentre Plus were not relevant partners in 2004-2008 (000 §2.60 note 10;
-- 004 para 130; 001 §3.2 describes only the plan to legislate).
CREATE TABLE statutory_duty (
  code text PRIMARY KEY CONSTRAINT statutory_duty_code_shape CHECK (code ~ '^[a-z0-9-]+$'),
  kind text NOT NULL CONSTRAINT statutory_duty_kind_known CHECK (kind IN ('lead authority', 'relevant partner', 'safeguarding duty')),
  provision text NOT NULL CONSTRAINT statutory_duty_provision_present CHECK (btrim(provision) <> ''),
  partner_type text NOT NULL CONSTRAINT statutory_duty_partner_type_present CHECK (btrim(partner_type) <> ''),
  two_tier_only boolean NOT NULL DEFAULT false,
  effective_from date NOT NULL,
  effective_to date,
  source text NOT NULL,
  position integer NOT NULL,
  CONSTRAINT statutory_duty_dates_in_order CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
COMMENT ON TABLE statutory_duty IS 'Owner: partnership. The duties that bring a body into an area''s co-operation arrangements (Children Act 2004 s10, s11), each with the dates it was in force. National reference data, so no area_code';
COMMENT ON COLUMN statutory_duty.effective_to IS 'Last day the duty stood in this form; null while it still stands (or where a later change is not recorded here)';
COMMENT ON COLUMN statutory_duty.two_tier_only IS 'Applies only in a county (two-tier) area, like s10(4)(a), the district council';

INSERT INTO statutory_duty (code, kind, provision, partner_type, two_tier_only, effective_from, effective_to, source, position) VALUES
('s10-1', 'lead authority', 'Children Act 2004 s10(1)', 'Children''s services authority (leads the arrangements)', false, '2005-04-01', NULL,
  '000 §2.56; s10 in force 1 April 2005 (SI 2005/394)', 0),
('s10-4-a', 'relevant partner', 'Children Act 2004 s10(4)(a)', 'District council (two-tier areas)', true, '2005-04-01', NULL,
  '000 §1.16; SI 2005/394', 1),
('s10-4-b', 'relevant partner', 'Children Act 2004 s10(4)(b)', 'Police authority and chief officer of police', false, '2005-04-01', '2012-11-21',
  '000 §1.16; police authorities replaced by local policing bodies on 22 November 2012 (Police Reform and Social Responsibility Act 2011)', 2),
('s10-4-c', 'relevant partner', 'Children Act 2004 s10(4)(c)', 'Local probation board', false, '2005-04-01', NULL,
  '000 §1.16', 3),
('s10-4-d', 'relevant partner', 'Children Act 2004 s10(4)(d)', 'Youth offending team', false, '2005-04-01', NULL,
  '000 §1.16', 4),
('s10-4-e', 'relevant partner', 'Children Act 2004 s10(4)(e)', 'Strategic Health Authority and Primary Care Trust', false, '2005-04-01', '2013-03-31',
  '000 §1.16; both abolished on 1 April 2013 (Health and Social Care Act 2012)', 5),
('s10-4-f', 'relevant partner', 'Children Act 2004 s10(4)(f)', 'Connexions (services under Learning and Skills Act 2000 s114)', false, '2005-04-01', NULL,
  '000 §1.16, §2.19', 6),
('s10-4-g', 'relevant partner', 'Children Act 2004 s10(4)(g)', 'Learning and Skills Council for England', false, '2005-04-01', '2010-03-31',
  '000 §1.16; omitted by Apprenticeships, Skills, Children and Learning Act 2009 s193(2)(b)', 7),
('s10-4-fa', 'relevant partner', 'Children Act 2004 s10(4)(fa)', 'Governing body of a maintained school', false, '2010-04-01', NULL,
  'Apprenticeships, Skills, Children and Learning Act 2009 s193; not a relevant partner before (004 para 130; 000 §2.60 note 10)', 8),
('s10-4-fb', 'relevant partner', 'Children Act 2004 s10(4)(fb)', 'Proprietor of a non-maintained special school', false, '2010-04-01', NULL,
  'Apprenticeships, Skills, Children and Learning Act 2009 s193', 9),
('s10-4-fc', 'relevant partner', 'Children Act 2004 s10(4)(fc)', 'Proprietor of an Academy or city technology college', false, '2010-04-01', NULL,
  'Apprenticeships, Skills, Children and Learning Act 2009 s193', 10),
('s10-4-fd', 'relevant partner', 'Children Act 2004 s10(4)(fd)', 'Governing body of a further education or sixth-form college', false, '2010-04-01', NULL,
  'Apprenticeships, Skills, Children and Learning Act 2009 s193', 11),
('s10-4-fe', 'relevant partner', 'Children Act 2004 s10(4)(fe)', 'Secretary of State for Employment and Training Act 1973 s2 functions (Jobcentre Plus)', false, '2010-04-01', NULL,
  'Apprenticeships, Skills, Children and Learning Act 2009 s193', 12),
('s11', 'safeguarding duty', 'Children Act 2004 s11', 'Body under the duty to safeguard and promote the welfare of children', false, '2005-10-01', NULL,
  '000 App. 1 §1.2; s11 in force 1 October 2005 (SI 2005/394)', 20);

-- What an area administrator records about each partner.
ALTER TABLE organisation
  ADD COLUMN organisation_type text NOT NULL DEFAULT '',
  ADD COLUMN duty_code text REFERENCES statutory_duty (code),
  ADD COLUMN inclusion_reason text NOT NULL DEFAULT '',
  ADD COLUMN coverage_kind text NOT NULL DEFAULT 'whole area'
    CONSTRAINT organisation_coverage_kind_known CHECK (coverage_kind IN ('whole area', 'some districts', 'beyond the area')),
  ADD COLUMN contact_name text NOT NULL DEFAULT '',
  ADD COLUMN contact_email text NOT NULL DEFAULT '',
  ADD COLUMN contact_phone text NOT NULL DEFAULT '',
  ADD COLUMN closed_on date;
COMMENT ON COLUMN organisation.organisation_type IS 'What kind of body it is in its own words (Primary Care Trust, GP practice, further education college)';
COMMENT ON COLUMN organisation.duty_code IS 'The duty that brings the body in (s10 relevant partner, s11 safeguarding duty); null for a body under no duty, which then needs inclusion_reason (000 §2.61)';
COMMENT ON COLUMN organisation.inclusion_reason IS 'Why the area included this body; required when it is under no duty (000 §2.60 note 10, §2.61)';
COMMENT ON COLUMN organisation.coverage_kind IS 'whole area, some districts (listed in organisation_district), or beyond the area (000 §1.8, §2.59)';
COMMENT ON COLUMN organisation.closed_on IS 'The day the body left the arrangements; a partner that holds records is closed, never deleted';

-- Rows from before: the lead authority is under s10(1); the rest keep what was written as their reason.
UPDATE organisation SET duty_code = 's10-1' WHERE partner_status = 'lead authority';
UPDATE organisation
   SET inclusion_reason = CASE WHEN btrim(statutory_basis) <> '' THEN statutory_basis ELSE 'Recorded before duties were kept (migration 0013)' END
 WHERE duty_code IS NULL;
UPDATE organisation SET coverage_kind = 'beyond the area' WHERE btrim(coverage) <> '';
ALTER TABLE organisation ADD CONSTRAINT organisation_reason_without_duty CHECK (duty_code IS NOT NULL OR btrim(inclusion_reason) <> '');

-- The districts a partner covers when it covers only some (000 §1.8).
CREATE TABLE organisation_district (
  organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
  district_code text NOT NULL REFERENCES district (code),
  PRIMARY KEY (organisation_id, district_code)
);
CREATE INDEX organisation_district_district_idx ON organisation_district (district_code);
COMMENT ON TABLE organisation_district IS 'Owner: partnership. The districts a partner covers when its coverage is some districts of the area (000 §1.8, §2.59)';

-- The law is changed by a migration, never by a request.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON statutory_duty FROM ctp_app;

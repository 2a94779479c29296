-- The duty to co-operate as the law changed after 2010 (issue 13 point 2: "as at today" must be right).
--
-- Children Act 2004 s10(4) has been amended since the seeds were written. What is recorded here:
--   (b)  "the police authority" became "the local policing body" (the police and crime commissioner)
--        on 22 November 2012 (Police Reform and Social Responsibility Act 2011, Sch 16). The chief
--        officer of police stayed a relevant partner throughout, so (b) is now two duties: the body
--        that held the police to account, and the chief officer.
--   (c)  local probation boards became probation trusts between April 2008 and April 2010; (ca) made a
--        provider of probation services a relevant partner where arrangements under the Offender
--        Management Act 2007 s3(2) required it. From 1 June 2014 (ca) is the Secretary of State's own
--        probation functions (the National Probation Service) and (cb) the providers (community
--        rehabilitation companies, which ended when probation was unified on 26 June 2021).
--   (da) the NHS Commissioning Board (NHS England) and (e) clinical commissioning groups replaced the
--        Strategic Health Authority and the Primary Care Trust on 1 April 2013 (Health and Social
--        Care Act 2012); integrated care boards replaced clinical commissioning groups on 1 July 2022
--        (Health and Care Act 2022).
-- Dates not yet checked against the commencement orders are marked dates_confirmed = false and the
-- pages say so. Not recorded, because the commencement could not be confirmed here: any later
-- removal of schools and colleges ((fa) to (fd)) and the change to (f) when Connexions services moved
-- to the Education and Skills Act 2008 s68. Those duties stay open until a migration records them.

ALTER TABLE statutory_duty ADD COLUMN dates_confirmed boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN statutory_duty.dates_confirmed IS 'false while the effective dates are not yet checked against the commencement orders; the pages say so';

-- (b) as enacted named two bodies; the police authority went in 2012, the chief officer did not.
UPDATE statutory_duty
   SET partner_type = 'Police authority',
       source = '000 §1.16; police authorities were replaced by local policing bodies on 22 November 2012 (Police Reform and Social Responsibility Act 2011, Sch 16)'
 WHERE code = 's10-4-b';

-- (c) the boards ceased when the last became probation trusts; the words stay in the Act.
UPDATE statutory_duty
   SET effective_to = '2010-03-31', dates_confirmed = false,
       source = '000 §1.16; the last local probation boards became probation trusts by 1 April 2010 (Offender Management Act 2007); the words remain in s10(4)(c)'
 WHERE code = 's10-4-c';

UPDATE statutory_duty
   SET partner_type = 'Connexions or another provider of young people''s support services (Learning and Skills Act 2000 s114)'
 WHERE code = 's10-4-f';

INSERT INTO statutory_duty (code, kind, provision, partner_type, two_tier_only, effective_from, effective_to, source, position, dates_confirmed) VALUES
('s10-4-b-chief', 'relevant partner', 'Children Act 2004 s10(4)(b)', 'Chief officer of police', false, '2005-04-01', NULL,
  '000 §1.16; s10 in force 1 April 2005 (SI 2005/394)', 0, true),
('s10-4-b-lpb', 'relevant partner', 'Children Act 2004 s10(4)(b) as amended', 'Local policing body (police and crime commissioner)', false, '2012-11-22', NULL,
  'Police Reform and Social Responsibility Act 2011, Sch 16: police and crime commissioners took office on 22 November 2012', 0, true),
('s10-4-ca-2008', 'relevant partner', 'Children Act 2004 s10(4)(ca) as inserted in 2008', 'Probation trust (a provider of probation services required to act as a relevant partner)', false, '2008-04-01', '2014-05-31',
  'Offender Management Act 2007 s3(2); probation trusts were abolished on 1 June 2014', 0, false),
('s10-4-ca', 'relevant partner', 'Children Act 2004 s10(4)(ca)', 'Secretary of State''s probation functions (the Probation Service)', false, '2014-06-01', NULL,
  'Offender Management Act 2007 ss2-3; the National Probation Service from 1 June 2014, the unified Probation Service from 26 June 2021', 0, false),
('s10-4-cb', 'relevant partner', 'Children Act 2004 s10(4)(cb)', 'Community rehabilitation company (a provider of probation services required to act as a relevant partner)', false, '2014-06-01', '2021-06-25',
  'Offender Management Act 2007 s3(2); community rehabilitation companies ended when probation was unified on 26 June 2021; the words remain in s10(4)(cb)', 0, false),
('s10-4-da', 'relevant partner', 'Children Act 2004 s10(4)(da)', 'NHS England (the NHS Commissioning Board)', false, '2013-04-01', NULL,
  'Health and Social Care Act 2012, Sch 5', 0, true),
('s10-4-e-ccg', 'relevant partner', 'Children Act 2004 s10(4)(e) as amended in 2013', 'Clinical commissioning group', false, '2013-04-01', '2022-06-30',
  'Health and Social Care Act 2012, Sch 5: clinical commissioning groups replaced Strategic Health Authorities and Primary Care Trusts on 1 April 2013', 0, true),
('s10-4-e-icb', 'relevant partner', 'Children Act 2004 s10(4)(e) as amended in 2022', 'Integrated care board', false, '2022-07-01', NULL,
  'Health and Care Act 2022: integrated care boards replaced clinical commissioning groups on 1 July 2022', 0, true);

-- The order of the Act, each paragraph's bodies in the order they held the duty.
UPDATE statutory_duty d
   SET position = o.position
  FROM (VALUES ('s10-1', 0), ('s10-4-a', 1), ('s10-4-b', 2), ('s10-4-b-lpb', 3), ('s10-4-b-chief', 4), ('s10-4-c', 5),
               ('s10-4-ca-2008', 6), ('s10-4-ca', 7), ('s10-4-cb', 8), ('s10-4-d', 9), ('s10-4-da', 10), ('s10-4-e', 11),
               ('s10-4-e-ccg', 12), ('s10-4-e-icb', 13), ('s10-4-f', 14), ('s10-4-g', 15), ('s10-4-fa', 16), ('s10-4-fb', 17),
               ('s10-4-fc', 18), ('s10-4-fd', 19), ('s10-4-fe', 20), ('s11', 30)) AS o (code, position)
 WHERE d.code = o.code;

-- A chief officer recorded under (b) before the split keeps the duty: it did not end in 2012.
UPDATE organisation
   SET duty_code = 's10-4-b-chief'
 WHERE duty_code = 's10-4-b'
   AND (organisation_type ILIKE '%chief%' OR name ILIKE '%constabulary%' OR name ILIKE '%chief constable%');

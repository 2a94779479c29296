-- Outcomes and needs (issue 5; domain brief §1, §5, §7): the five outcomes and their aims, the
-- places values are published for, the indicator catalogue, observed values and their imports.
-- Frozen once applied: change the schema with a new numbered file.

-- The five outcomes of the Children Act 2004 s10(2) (000 §2.4), as reference data.
CREATE TABLE outcome (
  code text PRIMARY KEY CONSTRAINT outcome_code_shape CHECK (code ~ '^[a-z]+(-[a-z]+)*$'),
  statutory_wording text NOT NULL CONSTRAINT outcome_statutory_wording_unique UNIQUE,
  everyday_name text NOT NULL CONSTRAINT outcome_everyday_name_unique UNIQUE,
  aims_introduction text NOT NULL,
  meaning text NOT NULL,
  position integer NOT NULL CONSTRAINT outcome_position_unique UNIQUE
);
COMMENT ON TABLE outcome IS 'The five outcomes that define wellbeing in law (Children Act 2004 s10(2); 000 §2.4; 002 para 11). National reference data shared by every area, so it has no area_code.';
COMMENT ON COLUMN outcome.statutory_wording IS 'The outcome as section 10(2) names it, in the words of 002 para 11';
COMMENT ON COLUMN outcome.everyday_name IS 'The Every Child Matters name: Be healthy, Stay safe, ...';
COMMENT ON COLUMN outcome.aims_introduction IS 'The words that lead into the aims in 002 para 11 ("This means that children and young people:")';
COMMENT ON COLUMN outcome.meaning IS 'The whole of what 002 para 11 says the outcome means, word for word';

-- Five aims for children and one for parents, carers and families per outcome (002 para 11).
CREATE TABLE aim (
  code text PRIMARY KEY CONSTRAINT aim_code_shape CHECK (code ~ '^[a-z]+(-[a-z]+)*\.[1-9]$'),
  outcome_code text NOT NULL REFERENCES outcome (code),
  text text NOT NULL CONSTRAINT aim_text_present CHECK (btrim(text) <> ''),
  for_parents_and_carers boolean NOT NULL DEFAULT false,
  position integer NOT NULL,
  CONSTRAINT aim_position_unique UNIQUE (outcome_code, position)
);
CREATE UNIQUE INDEX aim_one_for_parents_per_outcome ON aim (outcome_code) WHERE for_parents_and_carers;
COMMENT ON TABLE aim IS 'The aims of each outcome, word for word from 002 para 11 (a leading "and" dropped). National reference data, so no area_code.';
COMMENT ON COLUMN aim.text IS 'Read after the outcome''s aims_introduction; the parents-and-carers aim is a whole sentence';

-- Places values are published for: every English upper-tier local authority, and England.
CREATE TABLE reference_area (
  code text PRIMARY KEY CONSTRAINT reference_area_code_is_ons CHECK (code ~ '^E(06|08|09|10|92)[0-9]{6}$'),
  name text NOT NULL CONSTRAINT reference_area_name_present CHECK (btrim(name) <> ''),
  kind text NOT NULL CONSTRAINT reference_area_kind_known CHECK (kind IN ('county', 'unitary', 'metropolitan district', 'london borough', 'country')),
  region text NOT NULL DEFAULT ''
);
COMMENT ON TABLE reference_area IS 'English upper-tier local authorities (children''s services authorities) with their ONS codes as from April 2009, and England (E92000001). National reference data, so no area_code.';
COMMENT ON COLUMN reference_area.kind IS 'county (E10), unitary (E06), metropolitan district (E08), london borough (E09; the City of London included), country (England)';

-- Statistical neighbours: the areas an area compares itself with (000 §2.32).
CREATE TABLE comparator (
  area_code text NOT NULL REFERENCES area (code),
  comparator_code text NOT NULL REFERENCES reference_area (code),
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (area_code, comparator_code),
  CONSTRAINT comparator_not_itself CHECK (comparator_code <> area_code)
);
COMMENT ON TABLE comparator IS 'The comparator group (statistical neighbours) an area chose; England is always compared as well, so it is not listed here';

-- The indicator catalogue: national indicators (area_code null) and areas'' own (000 §2.6).
CREATE TABLE indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CONSTRAINT indicator_code_shape CHECK (code ~ '^[A-Z][A-Z0-9]*([ .-][A-Za-z0-9]+)*$' AND length(code) <= 24),
  title text NOT NULL CONSTRAINT indicator_title_present CHECK (btrim(title) <> ''),
  definition text NOT NULL DEFAULT '',
  unit text NOT NULL CONSTRAINT indicator_unit_known CHECK (unit IN (
    'percentage', 'percentage points', 'rate per 10,000 children', 'rate per 1,000', 'rate per 100,000', 'count', '£ per head', 'number', 'score')),
  polarity text NOT NULL CONSTRAINT indicator_polarity_known CHECK (polarity IN ('higher is better', 'lower is better', 'no judgement')),
  source text NOT NULL DEFAULT '',
  frequency text NOT NULL CONSTRAINT indicator_frequency_known CHECK (frequency IN ('annual', 'academic year', 'financial year', 'quarterly', 'termly')),
  scope text NOT NULL CONSTRAINT indicator_scope_known CHECK (scope IN ('national', 'local')),
  area_code text REFERENCES area (code),
  has_denominator boolean NOT NULL DEFAULT false,
  multiplier numeric CONSTRAINT indicator_multiplier_positive CHECK (multiplier > 0),
  decimals integer NOT NULL DEFAULT 1 CONSTRAINT indicator_decimals_range CHECK (decimals BETWEEN 0 AND 4),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT indicator_scope_matches_area CHECK ((scope = 'national') = (area_code IS NULL))
);
CREATE UNIQUE INDEX indicator_national_code_unique ON indicator (upper(replace(code, ' ', ''))) WHERE area_code IS NULL;
CREATE UNIQUE INDEX indicator_local_code_unique ON indicator (area_code, upper(replace(code, ' ', ''))) WHERE area_code IS NOT NULL;
COMMENT ON COLUMN indicator.code IS 'Published code (NI 56, CH39) or the area''s own; unique within its scope ignoring case and spaces, so files may write NI56 or ni 56';
COMMENT ON COLUMN indicator.area_code IS 'The area that added a local indicator; null for a national one';
COMMENT ON COLUMN indicator.multiplier IS 'From the proportion numerator/denominator to the unit: 100 for a percentage, 10,000 for a rate per 10,000';
COMMENT ON COLUMN indicator.decimals IS 'Decimal places values are shown with';

CREATE TABLE indicator_aim (
  indicator_id uuid NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
  aim_code text NOT NULL REFERENCES aim (code),
  PRIMARY KEY (indicator_id, aim_code)
);
CREATE INDEX indicator_aim_aim_idx ON indicator_aim (aim_code);
COMMENT ON TABLE indicator_aim IS 'The aims an indicator evidences (000 §2.6). Belongs to its indicator, whose area_code it shares.';

-- One import of a file of values: who, when, what, and what it did.
CREATE TABLE indicator_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text REFERENCES area (code),
  actor_user_id uuid REFERENCES app_user (id),
  actor_label text NOT NULL,
  file_name text NOT NULL,
  layout text NOT NULL CONSTRAINT indicator_import_layout_known CHECK (layout IN ('long', 'wide')),
  rows_read integer NOT NULL,
  values_created integer NOT NULL,
  values_replaced integer NOT NULL,
  values_unchanged integer NOT NULL,
  faults integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN indicator_import.area_code IS 'The importing user''s area; null for an operator at the command line';
COMMENT ON COLUMN indicator_import.faults IS 'Rows or cells left out because they were faulty (only when the user chose to import the good rows)';

-- Observed values. Missing, suppressed and not-applicable values are rows with a null value and
-- their status: never zero (004 §8 Table 8.1 writes "missing").
CREATE TABLE indicator_value (
  indicator_id uuid NOT NULL REFERENCES indicator (id),
  area_code text NOT NULL CONSTRAINT indicator_value_area_code_is_ons CHECK (area_code ~ '^[EWSN][0-9]{8}$'),
  group_code text NOT NULL DEFAULT 'all' CONSTRAINT indicator_value_group_known CHECK (group_code IN (
    'all', 'disabled', 'sen', 'looked-after', 'fsm', 'minority-ethnic', 'female', 'male')),
  period_label text NOT NULL,
  period_kind text NOT NULL CONSTRAINT indicator_value_period_kind_known CHECK (period_kind IN ('financial year', 'academic year', 'calendar year', 'quarter')),
  period_start date NOT NULL,
  value numeric,
  status text NOT NULL CONSTRAINT indicator_value_status_known CHECK (status IN ('value', 'missing', 'suppressed', 'not applicable')),
  numerator numeric,
  denominator numeric CONSTRAINT indicator_value_denominator_positive CHECK (denominator > 0),
  import_id uuid REFERENCES indicator_import (id),
  PRIMARY KEY (indicator_id, group_code, period_label, area_code),
  CONSTRAINT indicator_value_status_matches_value CHECK ((status = 'value') = (value IS NOT NULL))
);
CREATE INDEX indicator_value_area_idx ON indicator_value (area_code, indicator_id);
COMMENT ON TABLE indicator_value IS 'One published value: an indicator, for an area, a period and a group of children';
COMMENT ON COLUMN indicator_value.area_code IS 'ONS code of the area the value describes: an area in reference_area (neighbours, England) or in area (the demo area among them); published figures, so any area may see them';
COMMENT ON COLUMN indicator_value.group_code IS 'all children, or a group whose gap to all children is tracked (000 §2.2, §2.32)';
COMMENT ON COLUMN indicator_value.period_label IS 'Canonical label: 2005-06 (financial or academic year), 2006 (calendar year), 2006 Q1 (calendar quarter)';
COMMENT ON COLUMN indicator_value.status IS 'value, or why there is none: missing (.., blank), suppressed (x, c: small numbers), not applicable (-, n/a)';

-- A re-import that changed a value records the value before and after.
CREATE TABLE indicator_value_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id uuid NOT NULL REFERENCES indicator (id),
  area_code text NOT NULL,
  group_code text NOT NULL,
  period_label text NOT NULL,
  import_id uuid NOT NULL REFERENCES indicator_import (id),
  value_before numeric,
  status_before text NOT NULL,
  numerator_before numeric,
  denominator_before numeric,
  import_id_before uuid REFERENCES indicator_import (id),
  value_after numeric,
  status_after text NOT NULL,
  numerator_after numeric,
  denominator_after numeric,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_value_change_value_idx ON indicator_value_change (indicator_id, area_code, period_label, group_code);
CREATE INDEX indicator_value_change_import_idx ON indicator_value_change (import_id);
COMMENT ON TABLE indicator_value_change IS 'Re-importing a period replaces its values; each value that changed is recorded here, before and after';

-- What an area aims for (targets such as Local Area Agreement ones, 001 §3.4).
CREATE TABLE indicator_target (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  indicator_id uuid NOT NULL REFERENCES indicator (id),
  group_code text NOT NULL DEFAULT 'all',
  period_label text NOT NULL,
  period_kind text NOT NULL CONSTRAINT indicator_target_period_kind_known CHECK (period_kind IN ('financial year', 'academic year', 'calendar year', 'quarter')),
  period_start date NOT NULL,
  target_value numeric NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT indicator_target_unique UNIQUE (area_code, indicator_id, group_code, period_label)
);

-- The outcomes and their aims, word for word from 002 para 11.
INSERT INTO outcome (code, statutory_wording, everyday_name, aims_introduction, meaning, position) VALUES
('be-healthy', 'physical and mental health and emotional wellbeing', 'Be healthy', 'This means that children and young people:',
 'This means that children and young people: are physically healthy; mentally and emotionally healthy; sexually healthy; live healthy lifestyles; and choose not to take illegal drugs. We also want to ensure parents, carers and families promote healthy choices', 1),
('stay-safe', 'protection from harm and neglect', 'Stay safe', 'This means that children and young people are safe from:',
 'This means that children and young people are safe from: maltreatment, neglect, violence and sexual exploitation; accidental injury and death; bullying and discrimination; crime and anti-social behaviour in and out of school; and have security, stability and are cared for. We also want to ensure parents, carers and families provide safe homes and stability', 2),
('enjoy-and-achieve', 'education, training and recreation', 'Enjoy and achieve', 'This means that:',
 'This means that: young children are ready for school; school-age children attend and enjoy school; children achieve stretching national educational standards at primary school; children and young people achieve personal and social development and enjoy recreation; and children and young people achieve stretching national educational standards at secondary school. We also want to ensure parents, carers and families support learning', 3),
('make-a-positive-contribution', 'the contribution made by them to society', 'Make a positive contribution', 'This means that children and young people:',
 'This means that children and young people: engage in decision making and support the community and environment; engage in law-abiding and positive behaviour in and out of school; develop positive relationships and choose not to bully and discriminate; develop self-confidence and successfully deal with significant life changes and challenges; and develop enterprising behaviour. We also want to ensure parents, carers and families promote positive behaviour', 4),
('achieve-economic-wellbeing', 'social and economic wellbeing', 'Achieve economic wellbeing', 'This means that:',
 'This means that: young people engage in further education, employment or training on leaving school; young people are ready for employment; children and young people live in decent homes and sustainable communities; children and young people have access to transport and material goods; and children and young people live in households free from low income. We also want to ensure that parents, carers and families are supported to be economically active', 5);

INSERT INTO aim (code, outcome_code, position, for_parents_and_carers, text) VALUES
('be-healthy.1', 'be-healthy', 1, false, 'are physically healthy'),
('be-healthy.2', 'be-healthy', 2, false, 'mentally and emotionally healthy'),
('be-healthy.3', 'be-healthy', 3, false, 'sexually healthy'),
('be-healthy.4', 'be-healthy', 4, false, 'live healthy lifestyles'),
('be-healthy.5', 'be-healthy', 5, false, 'choose not to take illegal drugs'),
('be-healthy.6', 'be-healthy', 6, true, 'We also want to ensure parents, carers and families promote healthy choices'),
('stay-safe.1', 'stay-safe', 1, false, 'maltreatment, neglect, violence and sexual exploitation'),
('stay-safe.2', 'stay-safe', 2, false, 'accidental injury and death'),
('stay-safe.3', 'stay-safe', 3, false, 'bullying and discrimination'),
('stay-safe.4', 'stay-safe', 4, false, 'crime and anti-social behaviour in and out of school'),
('stay-safe.5', 'stay-safe', 5, false, 'have security, stability and are cared for'),
('stay-safe.6', 'stay-safe', 6, true, 'We also want to ensure parents, carers and families provide safe homes and stability'),
('enjoy-and-achieve.1', 'enjoy-and-achieve', 1, false, 'young children are ready for school'),
('enjoy-and-achieve.2', 'enjoy-and-achieve', 2, false, 'school-age children attend and enjoy school'),
('enjoy-and-achieve.3', 'enjoy-and-achieve', 3, false, 'children achieve stretching national educational standards at primary school'),
('enjoy-and-achieve.4', 'enjoy-and-achieve', 4, false, 'children and young people achieve personal and social development and enjoy recreation'),
('enjoy-and-achieve.5', 'enjoy-and-achieve', 5, false, 'children and young people achieve stretching national educational standards at secondary school'),
('enjoy-and-achieve.6', 'enjoy-and-achieve', 6, true, 'We also want to ensure parents, carers and families support learning'),
('make-a-positive-contribution.1', 'make-a-positive-contribution', 1, false, 'engage in decision making and support the community and environment'),
('make-a-positive-contribution.2', 'make-a-positive-contribution', 2, false, 'engage in law-abiding and positive behaviour in and out of school'),
('make-a-positive-contribution.3', 'make-a-positive-contribution', 3, false, 'develop positive relationships and choose not to bully and discriminate'),
('make-a-positive-contribution.4', 'make-a-positive-contribution', 4, false, 'develop self-confidence and successfully deal with significant life changes and challenges'),
('make-a-positive-contribution.5', 'make-a-positive-contribution', 5, false, 'develop enterprising behaviour'),
('make-a-positive-contribution.6', 'make-a-positive-contribution', 6, true, 'We also want to ensure parents, carers and families promote positive behaviour'),
('achieve-economic-wellbeing.1', 'achieve-economic-wellbeing', 1, false, 'young people engage in further education, employment or training on leaving school'),
('achieve-economic-wellbeing.2', 'achieve-economic-wellbeing', 2, false, 'young people are ready for employment'),
('achieve-economic-wellbeing.3', 'achieve-economic-wellbeing', 3, false, 'children and young people live in decent homes and sustainable communities'),
('achieve-economic-wellbeing.4', 'achieve-economic-wellbeing', 4, false, 'children and young people have access to transport and material goods'),
('achieve-economic-wellbeing.5', 'achieve-economic-wellbeing', 5, false, 'children and young people live in households free from low income'),
('achieve-economic-wellbeing.6', 'achieve-economic-wellbeing', 6, true, 'We also want to ensure that parents, carers and families are supported to be economically active');

-- English upper-tier local authorities from 1 April 2009 (152), with the ONS (GSS) codes of 2011.
INSERT INTO reference_area (code, name, kind, region) VALUES
('E92000001', 'England', 'country', ''),
('E06000001', 'Hartlepool', 'unitary', 'North East'),
('E06000002', 'Middlesbrough', 'unitary', 'North East'),
('E06000003', 'Redcar and Cleveland', 'unitary', 'North East'),
('E06000004', 'Stockton-on-Tees', 'unitary', 'North East'),
('E06000005', 'Darlington', 'unitary', 'North East'),
('E06000006', 'Halton', 'unitary', 'North West'),
('E06000007', 'Warrington', 'unitary', 'North West'),
('E06000008', 'Blackburn with Darwen', 'unitary', 'North West'),
('E06000009', 'Blackpool', 'unitary', 'North West'),
('E06000010', 'Kingston upon Hull, City of', 'unitary', 'Yorkshire and The Humber'),
('E06000011', 'East Riding of Yorkshire', 'unitary', 'Yorkshire and The Humber'),
('E06000012', 'North East Lincolnshire', 'unitary', 'Yorkshire and The Humber'),
('E06000013', 'North Lincolnshire', 'unitary', 'Yorkshire and The Humber'),
('E06000014', 'York', 'unitary', 'Yorkshire and The Humber'),
('E06000015', 'Derby', 'unitary', 'East Midlands'),
('E06000016', 'Leicester', 'unitary', 'East Midlands'),
('E06000017', 'Rutland', 'unitary', 'East Midlands'),
('E06000018', 'Nottingham', 'unitary', 'East Midlands'),
('E06000019', 'Herefordshire, County of', 'unitary', 'West Midlands'),
('E06000020', 'Telford and Wrekin', 'unitary', 'West Midlands'),
('E06000021', 'Stoke-on-Trent', 'unitary', 'West Midlands'),
('E06000022', 'Bath and North East Somerset', 'unitary', 'South West'),
('E06000023', 'Bristol, City of', 'unitary', 'South West'),
('E06000024', 'North Somerset', 'unitary', 'South West'),
('E06000025', 'South Gloucestershire', 'unitary', 'South West'),
('E06000026', 'Plymouth', 'unitary', 'South West'),
('E06000027', 'Torbay', 'unitary', 'South West'),
('E06000028', 'Bournemouth', 'unitary', 'South West'),
('E06000029', 'Poole', 'unitary', 'South West'),
('E06000030', 'Swindon', 'unitary', 'South West'),
('E06000031', 'Peterborough', 'unitary', 'East of England'),
('E06000032', 'Luton', 'unitary', 'East of England'),
('E06000033', 'Southend-on-Sea', 'unitary', 'East of England'),
('E06000034', 'Thurrock', 'unitary', 'East of England'),
('E06000035', 'Medway', 'unitary', 'South East'),
('E06000036', 'Bracknell Forest', 'unitary', 'South East'),
('E06000037', 'West Berkshire', 'unitary', 'South East'),
('E06000038', 'Reading', 'unitary', 'South East'),
('E06000039', 'Slough', 'unitary', 'South East'),
('E06000040', 'Windsor and Maidenhead', 'unitary', 'South East'),
('E06000041', 'Wokingham', 'unitary', 'South East'),
('E06000042', 'Milton Keynes', 'unitary', 'South East'),
('E06000043', 'Brighton and Hove', 'unitary', 'South East'),
('E06000044', 'Portsmouth', 'unitary', 'South East'),
('E06000045', 'Southampton', 'unitary', 'South East'),
('E06000046', 'Isle of Wight', 'unitary', 'South East'),
('E06000047', 'County Durham', 'unitary', 'North East'),
('E06000048', 'Northumberland', 'unitary', 'North East'),
('E06000049', 'Cheshire East', 'unitary', 'North West'),
('E06000050', 'Cheshire West and Chester', 'unitary', 'North West'),
('E06000051', 'Shropshire', 'unitary', 'West Midlands'),
('E06000052', 'Cornwall', 'unitary', 'South West'),
('E06000053', 'Isles of Scilly', 'unitary', 'South West'),
('E06000054', 'Wiltshire', 'unitary', 'South West'),
('E06000055', 'Bedford', 'unitary', 'East of England'),
('E06000056', 'Central Bedfordshire', 'unitary', 'East of England'),
('E08000001', 'Bolton', 'metropolitan district', 'North West'),
('E08000002', 'Bury', 'metropolitan district', 'North West'),
('E08000003', 'Manchester', 'metropolitan district', 'North West'),
('E08000004', 'Oldham', 'metropolitan district', 'North West'),
('E08000005', 'Rochdale', 'metropolitan district', 'North West'),
('E08000006', 'Salford', 'metropolitan district', 'North West'),
('E08000007', 'Stockport', 'metropolitan district', 'North West'),
('E08000008', 'Tameside', 'metropolitan district', 'North West'),
('E08000009', 'Trafford', 'metropolitan district', 'North West'),
('E08000010', 'Wigan', 'metropolitan district', 'North West'),
('E08000011', 'Knowsley', 'metropolitan district', 'North West'),
('E08000012', 'Liverpool', 'metropolitan district', 'North West'),
('E08000013', 'St. Helens', 'metropolitan district', 'North West'),
('E08000014', 'Sefton', 'metropolitan district', 'North West'),
('E08000015', 'Wirral', 'metropolitan district', 'North West'),
('E08000016', 'Barnsley', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000017', 'Doncaster', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000018', 'Rotherham', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000019', 'Sheffield', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000020', 'Gateshead', 'metropolitan district', 'North East'),
('E08000021', 'Newcastle upon Tyne', 'metropolitan district', 'North East'),
('E08000022', 'North Tyneside', 'metropolitan district', 'North East'),
('E08000023', 'South Tyneside', 'metropolitan district', 'North East'),
('E08000024', 'Sunderland', 'metropolitan district', 'North East'),
('E08000025', 'Birmingham', 'metropolitan district', 'West Midlands'),
('E08000026', 'Coventry', 'metropolitan district', 'West Midlands'),
('E08000027', 'Dudley', 'metropolitan district', 'West Midlands'),
('E08000028', 'Sandwell', 'metropolitan district', 'West Midlands'),
('E08000029', 'Solihull', 'metropolitan district', 'West Midlands'),
('E08000030', 'Walsall', 'metropolitan district', 'West Midlands'),
('E08000031', 'Wolverhampton', 'metropolitan district', 'West Midlands'),
('E08000032', 'Bradford', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000033', 'Calderdale', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000034', 'Kirklees', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000035', 'Leeds', 'metropolitan district', 'Yorkshire and The Humber'),
('E08000036', 'Wakefield', 'metropolitan district', 'Yorkshire and The Humber'),
('E09000001', 'City of London', 'london borough', 'London'),
('E09000002', 'Barking and Dagenham', 'london borough', 'London'),
('E09000003', 'Barnet', 'london borough', 'London'),
('E09000004', 'Bexley', 'london borough', 'London'),
('E09000005', 'Brent', 'london borough', 'London'),
('E09000006', 'Bromley', 'london borough', 'London'),
('E09000007', 'Camden', 'london borough', 'London'),
('E09000008', 'Croydon', 'london borough', 'London'),
('E09000009', 'Ealing', 'london borough', 'London'),
('E09000010', 'Enfield', 'london borough', 'London'),
('E09000011', 'Greenwich', 'london borough', 'London'),
('E09000012', 'Hackney', 'london borough', 'London'),
('E09000013', 'Hammersmith and Fulham', 'london borough', 'London'),
('E09000014', 'Haringey', 'london borough', 'London'),
('E09000015', 'Harrow', 'london borough', 'London'),
('E09000016', 'Havering', 'london borough', 'London'),
('E09000017', 'Hillingdon', 'london borough', 'London'),
('E09000018', 'Hounslow', 'london borough', 'London'),
('E09000019', 'Islington', 'london borough', 'London'),
('E09000020', 'Kensington and Chelsea', 'london borough', 'London'),
('E09000021', 'Kingston upon Thames', 'london borough', 'London'),
('E09000022', 'Lambeth', 'london borough', 'London'),
('E09000023', 'Lewisham', 'london borough', 'London'),
('E09000024', 'Merton', 'london borough', 'London'),
('E09000025', 'Newham', 'london borough', 'London'),
('E09000026', 'Redbridge', 'london borough', 'London'),
('E09000027', 'Richmond upon Thames', 'london borough', 'London'),
('E09000028', 'Southwark', 'london borough', 'London'),
('E09000029', 'Sutton', 'london borough', 'London'),
('E09000030', 'Tower Hamlets', 'london borough', 'London'),
('E09000031', 'Waltham Forest', 'london borough', 'London'),
('E09000032', 'Wandsworth', 'london borough', 'London'),
('E09000033', 'Westminster', 'london borough', 'London'),
('E10000002', 'Buckinghamshire', 'county', 'South East'),
('E10000003', 'Cambridgeshire', 'county', 'East of England'),
('E10000006', 'Cumbria', 'county', 'North West'),
('E10000007', 'Derbyshire', 'county', 'East Midlands'),
('E10000008', 'Devon', 'county', 'South West'),
('E10000009', 'Dorset', 'county', 'South West'),
('E10000011', 'East Sussex', 'county', 'South East'),
('E10000012', 'Essex', 'county', 'East of England'),
('E10000013', 'Gloucestershire', 'county', 'South West'),
('E10000014', 'Hampshire', 'county', 'South East'),
('E10000015', 'Hertfordshire', 'county', 'East of England'),
('E10000016', 'Kent', 'county', 'South East'),
('E10000017', 'Lancashire', 'county', 'North West'),
('E10000018', 'Leicestershire', 'county', 'East Midlands'),
('E10000019', 'Lincolnshire', 'county', 'East Midlands'),
('E10000020', 'Norfolk', 'county', 'East of England'),
('E10000021', 'Northamptonshire', 'county', 'East Midlands'),
('E10000023', 'North Yorkshire', 'county', 'Yorkshire and The Humber'),
('E10000024', 'Nottinghamshire', 'county', 'East Midlands'),
('E10000025', 'Oxfordshire', 'county', 'South East'),
('E10000027', 'Somerset', 'county', 'South West'),
('E10000028', 'Staffordshire', 'county', 'West Midlands'),
('E10000029', 'Suffolk', 'county', 'East of England'),
('E10000030', 'Surrey', 'county', 'South East'),
('E10000031', 'Warwickshire', 'county', 'West Midlands'),
('E10000032', 'West Sussex', 'county', 'South East'),
('E10000034', 'Worcestershire', 'county', 'West Midlands');

-- The starter catalogue: national indicators with their published definitions (National
-- Indicator Set, Communities and Local Government, 2008; Ofsted/CSCI annual performance
-- assessment of children's services, named in 004 §8 Table 8.1).
INSERT INTO indicator (code, title, definition, unit, polarity, source, frequency, scope, has_denominator, multiplier, decimals) VALUES
('NI 53', 'Prevalence of breastfeeding at 6-8 weeks from birth',
 'Percentage of infants due a 6-8 week check who are totally or partially breastfed at the check (totally: breast milk only; partially: breast milk and formula or other liquids or food).',
 'percentage', 'higher is better', 'Department of Health, Integrated Performance Measures Monitoring (Vital Signs)', 'quarterly', 'national', true, 100, 1),
('NI 56', 'Obesity among primary school age children in Year 6',
 'Percentage of children in Year 6 with height and weight recorded who are obese: body mass index at or above the 95th centile of the British 1990 growth reference (UK90) for their age and sex.',
 'percentage', 'lower is better', 'NHS Information Centre, National Child Measurement Programme', 'academic year', 'national', true, 100, 1),
('NI 50', 'Emotional health of children',
 'Percentage of children in school years 6, 8 and 10 who say they have one or more good friends and can talk to their parents or carers, friends or another adult when worried.',
 'percentage', 'higher is better', 'Ofsted TellUs survey', 'academic year', 'national', true, 100, 1),
('NI 112', 'Under 18 conception rate',
 'Conceptions to girls aged under 18 resident in the area (those leading to a maternity or an abortion), per 1,000 girls aged 15-17 resident in the area, for the calendar year; the National Indicator is the change against the 1998 baseline.',
 'rate per 1,000', 'lower is better', 'Office for National Statistics conception statistics, published by the Teenage Pregnancy Unit', 'annual', 'national', true, 1000, 1),
('CH39', 'Children looked after per 10,000 population aged under 18',
 'Children looked after by the local authority at 31 March, per 10,000 of the population aged under 18. A lower rate is not by itself better: it may mean children who need care are not getting it (004 paras 261-262).',
 'rate per 10,000 children', 'no judgement', 'Ofsted / CSCI annual performance assessment of children''s services (SSDA903 return)', 'financial year', 'national', true, 10000, 2),
('EX62', 'Gross expenditure on children looked after per capita aged under 18',
 'Gross expenditure by the local authority on children looked after in the financial year, in pounds per head of the population aged under 18.',
 '£ per head', 'no judgement', 'Ofsted / CSCI annual performance assessment of children''s services (PSS EX1 return)', 'financial year', 'national', false, NULL, 2),
('NI 62', 'Stability of placements of looked after children: number of placements',
 'Percentage of children looked after at 31 March with three or more separate placements during the year.',
 'percentage', 'lower is better', 'Department for Children, Schools and Families, SSDA903 return', 'financial year', 'national', true, 100, 1),
('NI 65', 'Children becoming the subject of a Child Protection Plan for a second or subsequent time',
 'Percentage of children who became the subject of a Child Protection Plan during the year who had been the subject of a Child Protection Plan, or on the Child Protection Register, before, however long ago.',
 'percentage', 'lower is better', 'Department for Children, Schools and Families, CPR3 return (Referrals, assessments and children and young people who are the subject of a child protection plan)', 'financial year', 'national', true, 100, 1),
('NI 69', 'Children who have experienced bullying',
 'Percentage of children in school years 6, 8 and 10 who say they have been bullied at school, or elsewhere, in the last 4 weeks, or more than once in the last year.',
 'percentage', 'lower is better', 'Ofsted TellUs survey', 'academic year', 'national', true, 100, 1),
('NI 73', 'Achievement at level 4 or above in both English and Maths at Key Stage 2 (Threshold)',
 'Percentage of pupils at the end of Key Stage 2 achieving level 4 or above in both English and mathematics in National Curriculum tests.',
 'percentage', 'higher is better', 'Department for Children, Schools and Families, National Curriculum Assessments at Key Stage 2', 'academic year', 'national', true, 100, 0),
('NI 75', 'Achievement of 5 or more A*-C grades at GCSE or equivalent including English and Maths (Threshold)',
 'Percentage of pupils at the end of Key Stage 4 achieving 5 or more GCSEs at grades A* to C or equivalent, including GCSE English and mathematics.',
 'percentage', 'higher is better', 'Department for Children, Schools and Families, GCSE and equivalent results', 'academic year', 'national', true, 100, 1),
('NI 87', 'Secondary school persistent absence rate',
 'Percentage of pupils of compulsory school age in maintained secondary schools who are persistent absentees: absent for 63 or more half-day sessions (around 20% of sessions) in the year, authorised or not.',
 'percentage', 'lower is better', 'Department for Children, Schools and Families, School Census', 'academic year', 'national', true, 100, 1),
('NI 102a', 'Achievement gap between pupils eligible for free school meals and their peers achieving the expected level at Key Stage 2',
 'Percentage of pupils not eligible for free school meals achieving level 4 or above in both English and mathematics at Key Stage 2, less the percentage of pupils eligible for free school meals doing so, in percentage points.',
 'percentage points', 'lower is better', 'Department for Children, Schools and Families, National Curriculum Assessments at Key Stage 2', 'academic year', 'national', false, NULL, 1),
('NI 102b', 'Achievement gap between pupils eligible for free school meals and their peers achieving the expected level at Key Stage 4',
 'Percentage of pupils not eligible for free school meals achieving 5 or more GCSEs at A* to C or equivalent including English and mathematics, less the percentage of pupils eligible for free school meals doing so, in percentage points.',
 'percentage points', 'lower is better', 'Department for Children, Schools and Families, GCSE and equivalent results', 'academic year', 'national', false, NULL, 1),
('NI 110', 'Young people''s participation in positive activities',
 'Percentage of young people in school year 10 who say they have taken part, in the last 4 weeks, in a group activity led by an adult outside school lessons (sports, arts, youth clubs, volunteering and the like).',
 'percentage', 'higher is better', 'Ofsted TellUs survey', 'academic year', 'national', true, 100, 1),
('NI 111', 'First time entrants to the Youth Justice System aged 10-17',
 'Young people aged 10-17 resident in the area receiving their first reprimand, final warning or conviction, per 100,000 of the population aged 10-17.',
 'rate per 100,000', 'lower is better', 'Youth Justice Board, from the Police National Computer', 'financial year', 'national', true, 100000, 0),
('NI 116', 'Proportion of children in poverty',
 'Percentage of children aged under 16 living in families in receipt of out-of-work benefits, or in receipt of tax credits where their reported family income is less than 60% of median income.',
 'percentage', 'lower is better', 'HM Revenue and Customs, child poverty measure for local areas', 'annual', 'national', true, 100, 1),
('NI 117', '16 to 18 year olds who are not in education, employment or training (NEET)',
 'Percentage of young people aged 16-18 known to Connexions who are not in education, employment or training, averaged over November to January.',
 'percentage', 'lower is better', 'Connexions Client Caseload Information System (CCIS)', 'annual', 'national', true, 100, 1);

INSERT INTO indicator_aim (indicator_id, aim_code)
SELECT i.id, l.aim_code
  FROM (VALUES
    ('NI 53', 'be-healthy.1'), ('NI 53', 'be-healthy.6'),
    ('NI 56', 'be-healthy.1'), ('NI 56', 'be-healthy.4'),
    ('NI 50', 'be-healthy.2'), ('NI 50', 'make-a-positive-contribution.3'),
    ('NI 112', 'be-healthy.3'),
    ('CH39', 'stay-safe.5'), ('CH39', 'stay-safe.6'),
    ('EX62', 'stay-safe.5'),
    ('NI 62', 'stay-safe.5'),
    ('NI 65', 'stay-safe.1'), ('NI 65', 'stay-safe.6'),
    ('NI 69', 'stay-safe.3'), ('NI 69', 'make-a-positive-contribution.3'),
    ('NI 73', 'enjoy-and-achieve.3'),
    ('NI 75', 'enjoy-and-achieve.5'),
    ('NI 87', 'enjoy-and-achieve.2'),
    ('NI 102a', 'enjoy-and-achieve.3'),
    ('NI 102b', 'enjoy-and-achieve.5'),
    ('NI 110', 'enjoy-and-achieve.4'), ('NI 110', 'make-a-positive-contribution.1'),
    ('NI 111', 'make-a-positive-contribution.2'), ('NI 111', 'stay-safe.4'),
    ('NI 116', 'achieve-economic-wellbeing.5'), ('NI 116', 'achieve-economic-wellbeing.6'),
    ('NI 117', 'achieve-economic-wellbeing.1'), ('NI 117', 'achieve-economic-wellbeing.2')
  ) AS l (indicator_code, aim_code)
  JOIN indicator i ON i.code = l.indicator_code AND i.area_code IS NULL;

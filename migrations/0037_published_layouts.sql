-- Outcomes on real published data (issue 15 items 1 and 3): values as publishers write them and a
-- catalogue as the LAIT data dictionary gives it. Frozen once applied: change with a new file.

-- Values: a period's end (a rolling period such as 2014-16 covers three years), the publisher's
-- revision status, confidence intervals as published and the publisher's note on the value.
ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_period_kind_known;
ALTER TABLE indicator_value ADD CONSTRAINT indicator_value_period_kind_known
  CHECK (period_kind IN ('financial year', 'academic year', 'calendar year', 'quarter', 'rolling years'));
ALTER TABLE indicator_value
  ADD COLUMN period_end date,
  ADD COLUMN revision text CONSTRAINT indicator_value_revision_known CHECK (revision IN ('provisional', 'revised', 'final')),
  ADD COLUMN ci95_lower numeric,
  ADD COLUMN ci95_upper numeric,
  ADD COLUMN ci998_lower numeric,
  ADD COLUMN ci998_upper numeric,
  ADD COLUMN value_note text;
UPDATE indicator_value
   SET period_end = (period_start + CASE period_kind WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END - interval '1 day')::date;
ALTER TABLE indicator_value ALTER COLUMN period_end SET NOT NULL;
ALTER TABLE indicator_value ADD CONSTRAINT indicator_value_period_ends_after_start CHECK (period_end >= period_start);
ALTER TABLE indicator_value ADD CONSTRAINT indicator_value_ci95_ordered CHECK (ci95_lower <= ci95_upper);
ALTER TABLE indicator_value ADD CONSTRAINT indicator_value_ci998_ordered CHECK (ci998_lower <= ci998_upper);
COMMENT ON COLUMN indicator_value.period_label IS 'Canonical label: 2005-06 (financial or academic year), 2006 (calendar year), 2006 Q1 (calendar quarter), 2014-16 or 2014-15 to 2016-17 (rolling years); a revision suffix such as (prov) is not part of it';
COMMENT ON COLUMN indicator_value.period_kind IS 'financial year, academic year, calendar year, quarter, or rolling years (several years together, of the indicator''s year type)';
COMMENT ON COLUMN indicator_value.period_end IS 'The last day the period covers: a year after its start less a day, three years for 2014-16';
COMMENT ON COLUMN indicator_value.revision IS 'The publisher''s revision status (LAIT (prov), (Rev), (Final)); null when none is stated. A value never replaces one of a later status';
COMMENT ON COLUMN indicator_value.ci95_lower IS 'Lower 95% confidence limit as published (Fingertips); shown instead of one computed from counts';
COMMENT ON COLUMN indicator_value.ci998_lower IS 'Lower 99.8% confidence limit as published';
COMMENT ON COLUMN indicator_value.value_note IS 'The publisher''s note on the value (Fingertips "Value note"), shown as written';

ALTER TABLE indicator_value_change
  ADD COLUMN revision_before text,
  ADD COLUMN revision_after text;
COMMENT ON COLUMN indicator_value_change.revision_before IS 'The revision status the value had (null: none stated)';

-- An import records the layout it was read in; layouts are added in code (src/outcomes/layouts/).
ALTER TABLE indicator_import DROP CONSTRAINT indicator_import_layout_known;
ALTER TABLE indicator_import ADD CONSTRAINT indicator_import_layout_shape CHECK (layout ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$');
COMMENT ON COLUMN indicator_import.layout IS 'The layout the file was read in: long, wide, lait-long, ... (src/outcomes/layouts/index.ts)';

-- The catalogue: publishers' codes as given (LAIT: KS2_RWM_EXP_PCT, or with spaces and brackets).
ALTER TABLE indicator DROP CONSTRAINT indicator_code_shape;
ALTER TABLE indicator ADD CONSTRAINT indicator_code_shape
  CHECK (btrim(code) = code AND code <> '' AND length(code) <= 100 AND code !~ '[[:cntrl:]]');
ALTER TABLE indicator DROP CONSTRAINT indicator_unit_known;
ALTER TABLE indicator ADD CONSTRAINT indicator_unit_known CHECK (unit IN (
  'percentage', 'percentage points', 'rate per 10,000 children', 'rate per 1,000', 'rate per 100,000', 'count', '£ per head', 'number', 'score',
  'rate per 10,000', 'rate per 100', '£ per week', '£', '£ thousands', 'ratio', 'days', 'weeks', 'months', 'years'));
ALTER TABLE indicator ALTER COLUMN decimals DROP NOT NULL;
ALTER TABLE indicator ADD COLUMN topic text CONSTRAINT indicator_topic_present CHECK (btrim(topic) <> '');
COMMENT ON COLUMN indicator.code IS 'Published code as the publisher gives it (NI 56, CH39, KS2_RWM_EXP_PCT) or the area''s own; unique within its scope ignoring case and spaces, so files may write NI56 or ni 56';
COMMENT ON COLUMN indicator.decimals IS 'Decimal places values are shown with; null shows them as published (LAIT decimals NA)';
COMMENT ON COLUMN indicator.frequency IS 'The year type values are counted by: annual (calendar year), financial year, academic year; or quarterly, termly. A single-year label is read in it (periods.ts)';
COMMENT ON COLUMN indicator.topic IS 'The publisher''s topic (LAIT data dictionary); its aims follow indicator_topic_aim';

-- Which aims a publisher's topic evidences: set from a default, changed by a planner afterwards.
CREATE TABLE indicator_topic_aim (
  topic text NOT NULL CONSTRAINT indicator_topic_aim_topic_present CHECK (btrim(topic) <> ''),
  aim_code text NOT NULL REFERENCES aim (code),
  PRIMARY KEY (topic, aim_code)
);
COMMENT ON TABLE indicator_topic_aim IS 'Owner: outcomes. The aims a publisher''s topic (LAIT data dictionary) evidences; an indicator of the topic evidences them (indicator_aim follows). National reference data, so no area_code';
COMMENT ON COLUMN indicator_topic_aim.topic IS 'As the publisher writes it; matched ignoring case';

-- The default mapping of LAIT's topics (docs/indicator-import-formats.md); a planner changes it.
INSERT INTO indicator_topic_aim (topic, aim_code) VALUES
('Children''s social care', 'stay-safe.1'), ('Children''s social care', 'stay-safe.5'),
('Looked after children', 'stay-safe.5'), ('Looked after children', 'enjoy-and-achieve.5'),
('Child protection', 'stay-safe.1'),
('Early years', 'enjoy-and-achieve.1'),
('Key stage 1', 'enjoy-and-achieve.3'),
('Key stage 2', 'enjoy-and-achieve.3'),
('Key stage 4', 'enjoy-and-achieve.5'),
('Post 16', 'achieve-economic-wellbeing.1'), ('Post 16', 'achieve-economic-wellbeing.2'),
('Absence and exclusions', 'enjoy-and-achieve.2'),
('Special educational needs', 'enjoy-and-achieve.2'), ('Special educational needs', 'be-healthy.1'),
('Health', 'be-healthy.1'), ('Health', 'be-healthy.4'),
('Youth justice', 'make-a-positive-contribution.2'), ('Youth justice', 'stay-safe.4'),
('Deprivation', 'achieve-economic-wellbeing.5'),
('Finance', 'achieve-economic-wellbeing.4');

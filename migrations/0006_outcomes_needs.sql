-- Needs assessment (issue 5 item 8; domain brief §5): the narrative a planner writes for each
-- outcome, and the children and funding at each level of need, as seed 004 Table 4.1 shows one
-- area doing. Frozen once applied: change the schema with a new numbered file.

CREATE TABLE needs_narrative (
  area_code text NOT NULL REFERENCES area (code),
  outcome_code text NOT NULL REFERENCES outcome (code),
  narrative text NOT NULL CONSTRAINT needs_narrative_length CHECK (length(narrative) <= 20000),
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (area_code, outcome_code)
);
COMMENT ON TABLE needs_narrative IS 'What the area''s integrated needs assessment says about one outcome (000 §2.32), ready for the Children and Young People''s Plan to cite';
COMMENT ON COLUMN needs_narrative.updated_by IS 'The planner who last changed it; null when loaded by an operator (the demo)';

CREATE TABLE needs_level (
  area_code text NOT NULL REFERENCES area (code),
  year_label text NOT NULL CONSTRAINT needs_level_year_shape CHECK (year_label ~ '^[0-9]{4}-[0-9]{2}$'),
  level text NOT NULL CONSTRAINT needs_level_known CHECK (level IN ('universal', 'additional', 'complex', 'acute/specialist')),
  children integer CONSTRAINT needs_level_children_not_negative CHECK (children >= 0),
  funding_pounds numeric(14, 0) CONSTRAINT needs_level_funding_not_negative CHECK (funding_pounds >= 0),
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (area_code, year_label, level)
);
COMMENT ON TABLE needs_level IS 'Children and funding at each level of need in one financial year (004 Table 4.1); a null count or sum is not known, never zero';
COMMENT ON COLUMN needs_level.year_label IS 'Financial year, like 2008-09';
COMMENT ON COLUMN needs_level.funding_pounds IS 'Funding against the level in whole pounds';

-- The pages read an area's values (the dashboard: every indicator of one area and its group of
-- comparators; an indicator page: a dozen areas of one indicator). The primary key leads with the
-- indicator and the group, so without this both would scan every area's values.
CREATE INDEX indicator_value_area_group_idx ON indicator_value (area_code, group_code, indicator_id);

-- Outcomes on real published data (issue 15 item 1): which columns of a publisher's file become which
-- indicators. Explore Education Statistics (EES) files carry several measures per row as columns and
-- filter columns (characteristic, sex); OHID Fingertips exports name each indicator by its Fingertips
-- Indicator ID. A planner saves a mapping once per publication and each import of it reuses it.
-- Frozen once applied: change with a new file.

CREATE TABLE published_mapping (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL CONSTRAINT published_mapping_source_known CHECK (source IN ('ees', 'fingertips')),
  slug text NOT NULL CONSTRAINT published_mapping_slug_shape CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
  name text NOT NULL CONSTRAINT published_mapping_name_present CHECK (btrim(name) <> '' AND length(name) <= 200),
  updated_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT published_mapping_slug_unique UNIQUE (source, slug)
);
COMMENT ON TABLE published_mapping IS 'Owner: outcomes. A publication whose files a planner has mapped to indicators (an EES publication, or Fingertips indicator IDs). National reference data like the catalogue, so no area_code';
COMMENT ON COLUMN published_mapping.slug IS 'The publication as EES names it in its address (children-looked-after-in-england-including-adoptions), or the planner''s own';

CREATE TABLE published_mapping_measure (
  mapping_id uuid NOT NULL REFERENCES published_mapping (id) ON DELETE CASCADE,
  column_name text NOT NULL CONSTRAINT published_mapping_measure_column_present CHECK (btrim(column_name) <> ''),
  indicator_code text NOT NULL CONSTRAINT published_mapping_measure_code_present CHECK (btrim(indicator_code) <> ''),
  PRIMARY KEY (mapping_id, column_name)
);
COMMENT ON TABLE published_mapping_measure IS 'Owner: outcomes. A measure of a mapped publication and the indicator its values go to';
COMMENT ON COLUMN published_mapping_measure.column_name IS 'EES: the measure column as the file heads it (pt_with_3_plus_placements). Fingertips: the Indicator ID (90284)';
COMMENT ON COLUMN published_mapping_measure.indicator_code IS 'An indicator code of the catalogue (national, or the importing area''s own), matched ignoring case and spaces at import';

CREATE TABLE published_mapping_filter (
  mapping_id uuid NOT NULL REFERENCES published_mapping (id) ON DELETE CASCADE,
  column_name text NOT NULL CONSTRAINT published_mapping_filter_column_present CHECK (btrim(column_name) <> ''),
  total_value text NOT NULL CONSTRAINT published_mapping_filter_total_present CHECK (btrim(total_value) <> ''),
  PRIMARY KEY (mapping_id, column_name)
);
COMMENT ON TABLE published_mapping_filter IS 'Owner: outcomes. An EES filter column (characteristic, sex) and the value that means all children (Total); rows with any other value are skipped unless it is mapped to a group';

CREATE TABLE published_mapping_group (
  mapping_id uuid NOT NULL,
  column_name text NOT NULL,
  filter_value text NOT NULL CONSTRAINT published_mapping_group_value_present CHECK (btrim(filter_value) <> ''),
  group_code text NOT NULL CONSTRAINT published_mapping_group_known
    CHECK (group_code IN ('disabled', 'sen', 'looked-after', 'fsm', 'minority-ethnic', 'female', 'male')),
  PRIMARY KEY (mapping_id, column_name, filter_value),
  FOREIGN KEY (mapping_id, column_name) REFERENCES published_mapping_filter (mapping_id, column_name) ON DELETE CASCADE
);
COMMENT ON TABLE published_mapping_group IS 'Owner: outcomes. A value of an EES filter column that stands for one of our groups of children (sex Girls -> female, characteristic FSM eligible -> fsm)';

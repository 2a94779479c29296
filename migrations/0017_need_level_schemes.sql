-- Levels of need set by each area (issue 13 item 4; 004 paras 231-233: local models had three to
-- five levels, and no one scheme should be prescribed). Each local level maps to one of the four
-- levels of 004 Table 4.1, which reports across areas use. An area with no scheme uses those four.

-- A version of an area's scheme. A change is a new version from a date; earlier versions stay, so a
-- record keeps the level it was given and still shows it.
CREATE TABLE need_level_scheme (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  version integer NOT NULL CONSTRAINT need_level_scheme_version_positive CHECK (version > 0),
  effective_from date NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by uuid REFERENCES app_user (id),
  CONSTRAINT need_level_scheme_version_unique UNIQUE (area_code, version)
);
COMMENT ON TABLE need_level_scheme IS 'Owner: assessment. A version of an area''s levels of need, in force from effective_from until a later version''s date';
COMMENT ON COLUMN need_level_scheme.effective_from IS 'The first day forms use this version; the version in force on a day is the highest whose date is on or before it';

-- One level of a version: its place in the order, its name, what it means locally and its national level.
CREATE TABLE need_level (
  scheme_id uuid NOT NULL REFERENCES need_level_scheme (id),
  area_code text NOT NULL REFERENCES area (code),
  position integer NOT NULL CONSTRAINT need_level_position_range CHECK (position BETWEEN 1 AND 5),
  name text NOT NULL CONSTRAINT need_level_name_present CHECK (btrim(name) <> '' AND length(name) <= 60),
  description text NOT NULL CONSTRAINT need_level_description_length CHECK (length(description) <= 500),
  national_level text NOT NULL CONSTRAINT need_level_national_level_known CHECK (national_level IN ('universal', 'additional', 'complex', 'acute/specialist')),
  PRIMARY KEY (scheme_id, position)
);
CREATE UNIQUE INDEX need_level_name_unique ON need_level (scheme_id, lower(name));
COMMENT ON TABLE need_level IS 'Owner: assessment. The levels of one version of an area''s scheme, in order (three to five), each mapped to a level of 004 Table 4.1';
COMMENT ON COLUMN need_level.national_level IS 'The level of 004 Table 4.1 this local level counts as in reports across areas';

-- A child's level is now the area's own word: the CHECK of the four names goes, and each change
-- keeps the national level it counted as when it was given (the four names map to themselves).
ALTER TABLE need_level_change DROP CONSTRAINT need_level_change_level_known;
ALTER TABLE need_level_change ADD CONSTRAINT need_level_change_level_present CHECK (btrim(level) <> '' AND length(level) <= 60);
ALTER TABLE need_level_change ADD COLUMN national_level text
  CONSTRAINT need_level_change_national_level_known CHECK (national_level IN ('universal', 'additional', 'complex', 'acute/specialist'));
UPDATE need_level_change SET national_level = level;
ALTER TABLE need_level_change ALTER COLUMN national_level SET NOT NULL;
ALTER TABLE need_level_change ADD COLUMN scheme_id uuid REFERENCES need_level_scheme (id);
COMMENT ON COLUMN need_level_change.level IS 'The level''s name in the area''s scheme when it was given (kept when the scheme changes)';
COMMENT ON COLUMN need_level_change.national_level IS 'The level of 004 Table 4.1 it counted as when given: what reports across areas count';
COMMENT ON COLUMN need_level_change.scheme_id IS 'The version of the area''s scheme it was given under; null for the four national levels (no scheme set)';

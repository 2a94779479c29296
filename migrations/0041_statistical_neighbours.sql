-- DfE statistical neighbours (issue 15 items 1 and 2): one import of DfE's file sets every authority's
-- ten nearest neighbours at once, each with its place and DfE's closeness band, and the import it came
-- from. An area's comparator group is its own choice where it made one (comparator), else these.
-- (Second file of migration number 0036: the first, 0036_reference_areas_history.sql, was merged early.)

CREATE TABLE statistical_neighbour (
  reference_area_code text NOT NULL REFERENCES reference_area (code),
  position integer NOT NULL CONSTRAINT statistical_neighbour_position_range CHECK (position BETWEEN 1 AND 20),
  neighbour_code text NOT NULL REFERENCES reference_area (code),
  band text CONSTRAINT statistical_neighbour_band_known
    CHECK (band IN ('Extremely close', 'Very close', 'Close', 'Somewhat close', 'Sometimes not close')),
  import_id uuid NOT NULL REFERENCES indicator_import (id),
  PRIMARY KEY (reference_area_code, position),
  CONSTRAINT statistical_neighbour_once UNIQUE (reference_area_code, neighbour_code),
  CONSTRAINT statistical_neighbour_not_itself CHECK (neighbour_code <> reference_area_code)
);
COMMENT ON TABLE statistical_neighbour IS 'Owner: outcomes. Each authority''s statistical neighbours as DfE published them (SN1..SN10 and closeness bands), from the import named; national reference data keyed by reference area, so no area_code. An area''s default comparator group';
COMMENT ON COLUMN statistical_neighbour.position IS 'The neighbour''s place in DfE''s order: 1 is the closest (SN1)';
COMMENT ON COLUMN statistical_neighbour.band IS 'DfE''s closeness band for the neighbour, when the file gives one';
ALTER TABLE comparator DROP CONSTRAINT comparator_not_itself;
ALTER TABLE comparator ADD CONSTRAINT comparator_not_itself CHECK (comparator_code <> area_code AND comparator_code <> 'E92000001');
COMMENT ON TABLE comparator IS 'Owner: outcomes. The comparator group an area chose for itself: authorities of any era (ranked with the area) and regions (shown as lines, not ranked). Without rows here the area''s group is its statistical neighbours (statistical_neighbour). England is always compared as well, so it is not listed here';

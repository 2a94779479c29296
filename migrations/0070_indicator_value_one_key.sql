-- Issue 15, speed of big imports (ADR 0050): every index of indicator_value is paid for by every value an
-- import writes, and two of them served the same readers from two ends. The version key led with the
-- indicator and then the group and period (a ranking of every area for one period); indicator_value_area_group_idx
-- led with the area (a dashboard of everything an area holds). One key now serves both: the indicator,
-- then the area, then the group and the period. A reader that names an area and no indicator goes from
-- the indicators it may see (every value names one: migration 0056's check) to the area's values of
-- each, one probe each; a reader that names an indicator and no area reads that indicator's values
-- (thousands, not the table). Measured on the embedded engine, a 640,000-value import without the area
-- index wrote its values in 14.4-14.9 s against 18.9-23.1 s.
CREATE UNIQUE INDEX indicator_value_version_key_by_area
  ON indicator_value (indicator_id, area_code, group_code, period_label, import_id) NULLS NOT DISTINCT;
DROP INDEX indicator_value_version_key;
ALTER INDEX indicator_value_version_key_by_area RENAME TO indicator_value_version_key;
DROP INDEX indicator_value_area_group_idx;
COMMENT ON INDEX indicator_value_version_key IS 'One version of a value per import (ADR 0018); led by the indicator, then the area, for readers from either end (ADR 0050)';

-- Issue 15, speed of big imports (ADR 0018, "Speed"): every index of indicator_value is paid for by
-- every value an import writes. indicator_value_area_idx (area_code, indicator_id) is covered by
-- indicator_value_area_group_idx (area_code, group_code, indicator_id, migration 0006): every reader
-- that names an area either names its group too or reads all of the area's values. Measured on the
-- embedded engine, dropping it makes each written value about a sixth cheaper.
DROP INDEX indicator_value_area_idx;

-- Every table has a primary key: a backup is written and restored by it (platform/backup.ts), and a
-- table without one cannot be backed up. Migration 0039 dropped indicator_value's key when a value
-- became versions by import (ADR 0018); the natural key of a version names a nullable import_id (a
-- value from before imports were recorded has none), so it is a unique index, and the primary key is
-- a surrogate number. Readers still read indicator_value_current, whose columns are unchanged.
ALTER TABLE indicator_value ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
COMMENT ON COLUMN indicator_value.id IS 'A surrogate key for backups and restores; a value version is found by indicator_value_version_key (indicator, group, period, area, import)';

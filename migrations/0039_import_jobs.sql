-- Issue 15 item 4: big imports run as background jobs, staged and applied in short transactions,
-- and published in one tiny one (ADR 0018). A value row now carries the import that brought it and
-- several versions of one value may be held for a while: readers go through indicator_value_current.

-- An import is visible once applied: applied_seq orders the applied imports, the later one winning.
CREATE SEQUENCE indicator_import_applied_seq;
ALTER TABLE indicator_import ADD COLUMN applied_seq bigint;
UPDATE indicator_import i SET applied_seq = o.n
  FROM (SELECT id, row_number() OVER (ORDER BY imported_at, id) AS n FROM indicator_import) o
 WHERE o.id = i.id;
SELECT setval('indicator_import_applied_seq', greatest((SELECT max(applied_seq) FROM indicator_import), 1));
CREATE UNIQUE INDEX indicator_import_applied_seq_key ON indicator_import (applied_seq);
COMMENT ON COLUMN indicator_import.applied_seq IS 'Null while the import is being written (its values are invisible); set when it is published, in one tiny transaction. A later applied import''s value wins';

-- One version of a value per import (a value with no import, from before imports were recorded, is the oldest).
ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_pkey;
CREATE UNIQUE INDEX indicator_value_version_key ON indicator_value (indicator_id, group_code, period_label, area_code, import_id) NULLS NOT DISTINCT;
ALTER TABLE indicator_value ADD COLUMN import_line integer;
CREATE INDEX indicator_value_import_line_idx ON indicator_value (import_id, import_line);
COMMENT ON COLUMN indicator_value.import_line IS 'The line of the imported file the value came from (its provenance; how a value given twice is named, and how an import is applied and cleaned in batches)';
COMMENT ON COLUMN indicator_value.import_id IS 'The import that brought this version of the value. Invisible until that import is applied, and once a later applied import holds the same value (removed afterwards in batches): read indicator_value_current';

-- What every reader reads: the values of applied imports, each the latest version.
CREATE VIEW indicator_value_current AS
SELECT v.*
  FROM indicator_value v
  LEFT JOIN indicator_import i ON i.id = v.import_id
 WHERE (v.import_id IS NULL OR i.applied_seq IS NOT NULL)
   AND NOT EXISTS (
     SELECT 1 FROM indicator_value n JOIN indicator_import ni ON ni.id = n.import_id
      WHERE n.indicator_id = v.indicator_id AND n.group_code = v.group_code
        AND n.period_label = v.period_label AND n.area_code = v.area_code
        AND ni.applied_seq > coalesce(i.applied_seq, 0));
COMMENT ON VIEW indicator_value_current IS 'Owner: outcomes. The values shown: those of applied imports, the latest applied version of each (ADR 0018)';

-- A background import: a file spooled to disk, read, checked and written in batches (invisible), then applied.
CREATE TABLE import_job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CONSTRAINT import_job_kind_known CHECK (kind IN ('indicator_values')),
  state text NOT NULL CONSTRAINT import_job_state_known CHECK (state IN ('queued', 'reading', 'applying', 'done', 'refused', 'failed')),
  file_name text NOT NULL,
  spool_path text,
  options jsonb NOT NULL DEFAULT '{}',
  actor_user_id uuid REFERENCES app_user (id),
  actor_label text NOT NULL,
  actor_role text,
  area_code text REFERENCES area (code),
  request_context jsonb NOT NULL,
  total_bytes bigint NOT NULL DEFAULT 0,
  bytes_read bigint NOT NULL DEFAULT 0,
  rows_read integer NOT NULL DEFAULT 0,
  values_written integer NOT NULL DEFAULT 0,
  values_applied integer NOT NULL DEFAULT 0,
  faults integer NOT NULL DEFAULT 0,
  import_id uuid REFERENCES indicator_import (id) ON DELETE SET NULL,
  report jsonb,
  failure text,
  runner text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz,
  cleaned_at timestamptz
);
CREATE INDEX import_job_actor_idx ON import_job (actor_user_id, created_at DESC);
CREATE INDEX import_job_state_idx ON import_job (state) WHERE cleaned_at IS NULL;
COMMENT ON TABLE import_job IS 'Owner: outcomes. A background import of a file: its state, progress and bounded report (ADR 0018)';
COMMENT ON COLUMN import_job.spool_path IS 'The uploaded file under the data folder while the job needs it; removed when the job is cleaned up';
COMMENT ON COLUMN import_job.report IS 'The report: counts and the first 1,000 faults of each kind with the count of each kind, never every fault';
COMMENT ON COLUMN import_job.heartbeat_at IS 'Touched by every batch: a job reading or applying whose heartbeat is old was interrupted (the process stopped) and is marked failed';
COMMENT ON COLUMN import_job.cleaned_at IS 'When its unapplied or superseded versions and its spooled file were removed';

-- Issue 11 §4: the audit chain is keyed (HMAC-SHA256 with AUDIT_KEY, held outside the database) so
-- that a database-only attacker cannot forge or re-hash entries (ADR 0004). Entries written before
-- this migration keep their plain SHA-256 and are marked 'sha256' until the application re-keys them
-- at start-up; from then on an unkeyed entry anywhere is a break.
ALTER TABLE audit_event ADD COLUMN hash_scheme text NOT NULL DEFAULT 'sha256'
  CONSTRAINT audit_event_hash_scheme_known CHECK (hash_scheme IN ('sha256', 'hmac-sha256'));
-- New entries must say how they were hashed.
ALTER TABLE audit_event ALTER COLUMN hash_scheme DROP DEFAULT;
-- Start-up asks "is anything left to re-key?": answered from this index, empty once re-keyed, not by a scan of the trail.
CREATE INDEX audit_event_unkeyed_idx ON audit_event (seq) WHERE hash_scheme = 'sha256';
COMMENT ON COLUMN audit_event.hash_scheme IS 'How hash was made: hmac-sha256 (keyed with AUDIT_KEY) or sha256 (written before the key, awaiting re-keying)';
COMMENT ON TABLE audit_event IS 'Who did what, when, from where and why. Append-only; each entry holds the keyed hash (HMAC-SHA256) of its predecessor in its chain.';

-- Issue 11 §17: readiness means a write commits, not only that a SELECT answers (a full disk
-- fails writes while reads still work). /healthz updates this one row and commits.
CREATE TABLE health_probe (
  id integer PRIMARY KEY CONSTRAINT health_probe_single_row CHECK (id = 1),
  written_at timestamptz NOT NULL
);
INSERT INTO health_probe (id, written_at) VALUES (1, now());
GRANT SELECT, UPDATE ON health_probe TO ctp_app;
COMMENT ON TABLE health_probe IS 'Owned by the platform: one row that the readiness check (/healthz) updates, proving a write commits';

-- Issue 19 §4 (ADR 0042, amending ADR 0004): audited reads no longer queue behind one lock per area.
--
-- Until now every entry read its chain's newest hash under the chain's advisory lock and held that lock
-- to its commit, so the audited requests of an area ran one at a time. From here an entry is written
-- with no lock: its hash is the keyed hash (HMAC-SHA256) of its own content (prev_hash is null), and a
-- sealer chains committed entries shortly after, in the order they became final, into audit_seal: each
-- seal holds the entry's hash, the seal before it in the chain and its own keyed hash. Entries written
-- before this migration keep their in-row chain (prev_hash set); a chain's first seal follows the
-- chain's newest such entry, so the trail stays one chain per area from its first entry.
ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_event ADD COLUMN xact_id xid8;
ALTER TABLE audit_event ALTER COLUMN xact_id SET DEFAULT pg_current_xact_id();
-- The sealer looks only past the oldest transaction that was still running at its last round.
CREATE INDEX audit_event_xact_idx ON audit_event (xact_id) WHERE prev_hash IS NULL;
COMMENT ON COLUMN audit_event.prev_hash IS 'The keyed hash of the entry before it in its chain, for entries written before migration 0067; null for later entries, which audit_seal chains';
COMMENT ON COLUMN audit_event.xact_id IS 'The writing transaction: an entry whose transaction is older than every running one is final, so the sealer never needs a lock on writers';
COMMENT ON TABLE audit_event IS 'Owner: platform. Who did what, when, from where and why. Append-only; each entry holds the keyed hash (HMAC-SHA256) of its content and, written before migration 0067, of its predecessor in its chain; later entries are chained by audit_seal';

CREATE TABLE audit_seal (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seq bigint NOT NULL CONSTRAINT audit_seal_seq_unique UNIQUE,
  chain text NOT NULL,
  area_code text REFERENCES area (code),
  position bigint NOT NULL CONSTRAINT audit_seal_position_positive CHECK (position >= 1),
  entry_hash text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL CONSTRAINT audit_seal_hash_unique UNIQUE,
  horizon xid8 NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_seal_position_unique UNIQUE (chain, position)
);
-- No foreign key to audit_event: a removed entry must show as a seal whose entry is missing when the
-- trail is verified, the proof that does not depend on the database's own rules.
COMMENT ON TABLE audit_seal IS 'Owner: platform. The order of an audit chain: one seal per entry written since migration 0067, each holding the entry''s hash, the seal before it and its own keyed hash (HMAC-SHA256). Append-only; written by the sealer only';
COMMENT ON COLUMN audit_seal.id IS 'Order of writing: sealers take turns, so the newest seal carries the horizon the next round looks from';
COMMENT ON COLUMN audit_seal.seq IS 'The audit_event entry this seal chains';
COMMENT ON COLUMN audit_seal.position IS 'The seal''s place in its chain: 1, 2, 3 ... with no gaps';
COMMENT ON COLUMN audit_seal.prev_hash IS 'The hash of the seal before it in the chain; for the first, of the chain''s newest entry written before migration 0067 (or 64 zeros)';
COMMENT ON COLUMN audit_seal.horizon IS 'The oldest transaction still running when this seal''s round began: every entry of an older transaction was final, and sealed by this round or before';

CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_seal FROM ctp_app;

-- Writers no longer take the chain's lock nor read its newest entry.
DROP FUNCTION audit_chain_tip(integer, text);

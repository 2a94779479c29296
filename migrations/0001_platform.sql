-- Platform foundation: areas, organisations, users, sessions and the append-only audit trail.
-- Frozen once applied: change the schema with a new numbered file.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- The application connects as (or switches to) ctp_app, which may read and write domain tables
-- but may only read and append to the audit trail. Creating the role needs CREATEROLE; where the
-- migrating user lacks it, an administrator creates the role once by hand (see README).
DO $$
BEGIN
  BEGIN
    CREATE ROLE ctp_app NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  BEGIN
    EXECUTE format('GRANT ctp_app TO %I', current_user);
  EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'could not grant ctp_app to %: %', current_user, SQLERRM;
  END;
END
$$;

GRANT USAGE ON SCHEMA public TO ctp_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ctp_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ctp_app;
GRANT SELECT ON schema_migration TO ctp_app;

-- A local area: a children's services authority, identified by its ONS code.
CREATE TABLE area (
  code text PRIMARY KEY CONSTRAINT area_code_is_ons CHECK (code ~ '^[EWSN][0-9]{8}$'),
  name text NOT NULL CONSTRAINT area_name_present CHECK (btrim(name) <> ''),
  kind text NOT NULL CONSTRAINT area_kind_known CHECK (kind IN ('county', 'unitary', 'metropolitan district', 'london borough')),
  region text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE area IS 'A local area (children''s services authority). Every domain table carries area_code so areas never mix.';

-- Lower-tier districts of a county area (two-tier areas); unitary areas have none.
CREATE TABLE district (
  code text PRIMARY KEY CONSTRAINT district_code_is_ons CHECK (code ~ '^[EWSN][0-9]{8}$'),
  area_code text NOT NULL REFERENCES area (code),
  name text NOT NULL CONSTRAINT district_name_present CHECK (btrim(name) <> ''),
  CONSTRAINT district_name_unique_in_area UNIQUE (area_code, name)
);
CREATE INDEX district_area_idx ON district (area_code);

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  name text NOT NULL CONSTRAINT organisation_name_present CHECK (btrim(name) <> ''),
  sector text NOT NULL CONSTRAINT organisation_sector_known CHECK (sector IN (
    'local authority', 'district council', 'police', 'probation', 'youth offending', 'health',
    'connexions', 'learning and skills', 'employment', 'school', 'college', 'voluntary and community',
    'private', 'faith', 'other public')),
  partner_status text NOT NULL CONSTRAINT organisation_partner_status_known CHECK (partner_status IN (
    'lead authority', 'relevant partner', 'other partner')),
  statutory_basis text NOT NULL DEFAULT '',
  coverage text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisation_name_unique_in_area UNIQUE (area_code, name)
);
CREATE INDEX organisation_area_idx ON organisation (area_code);
COMMENT ON COLUMN organisation.partner_status IS 'lead authority (000 §2.56), relevant partner under a duty to co-operate (000 §1.16; 001 §3.2), or another partner (000 §1.18)';
COMMENT ON COLUMN organisation.statutory_basis IS 'Which duty, if any, brings this body into the trust, and why';
COMMENT ON COLUMN organisation.coverage IS 'The area the partner covers where its boundary differs from the local area (000 §1.8, §2.59)';

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  email text NOT NULL CONSTRAINT app_user_email_shape CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND email = lower(email)),
  display_name text NOT NULL CONSTRAINT app_user_display_name_present CHECK (btrim(display_name) <> ''),
  job_title text NOT NULL DEFAULT '',
  role text NOT NULL CONSTRAINT app_user_role_known CHECK (role IN (
    'system_admin', 'area_admin', 'board_member', 'planner', 'practitioner', 'practice_manager', 'auditor')),
  password_hash text NOT NULL,
  totp_secret_encrypted text,
  totp_enabled_at timestamptz,
  totp_last_used_step bigint,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  disabled_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user_email_unique UNIQUE (email)
);
CREATE INDEX app_user_area_idx ON app_user (area_code);
COMMENT ON COLUMN app_user.totp_secret_encrypted IS 'Two-factor secret, AES-256-GCM encrypted with TOTP_ENCRYPTION_KEY';
COMMENT ON COLUMN app_user.totp_last_used_step IS 'Time step of the last accepted code, so a code cannot be replayed';

CREATE TABLE user_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL CONSTRAINT user_session_token_hash_unique UNIQUE,
  user_id uuid NOT NULL REFERENCES app_user (id),
  area_code text NOT NULL REFERENCES area (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  second_factor_at timestamptz,
  ended_at timestamptz,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE ended_at IS NULL;
COMMENT ON COLUMN user_session.token_hash IS 'SHA-256 of the cookie token: a stolen table does not give working sessions';
COMMENT ON COLUMN user_session.second_factor_at IS 'When the two-factor code was accepted; null while only the password is proven';

-- The audit trail: append-only, one hash chain per area (plus one for events with no area).
CREATE TABLE audit_event (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  chain text NOT NULL,
  area_code text REFERENCES area (code),
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_label text NOT NULL,
  actor_role text,
  action text NOT NULL,
  outcome text NOT NULL CONSTRAINT audit_event_outcome_known CHECK (outcome IN ('success', 'failure', 'denied')),
  subject_type text,
  subject_id text,
  reason text,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT '',
  request_id text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL CONSTRAINT audit_event_hash_unique UNIQUE
);
CREATE INDEX audit_event_chain_idx ON audit_event (chain, seq);
CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id, seq);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, seq);
COMMENT ON TABLE audit_event IS 'Who did what, when, from where and why. Append-only; each entry holds the SHA-256 of its predecessor in its chain.';
COMMENT ON COLUMN audit_event.chain IS 'Hash chain the entry belongs to: the area code, or "system"';
COMMENT ON COLUMN audit_event.reason IS 'Why the user did it, as they stated it (required for reads of a child''s information)';

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ctp_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM ctp_app;

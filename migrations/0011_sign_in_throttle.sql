-- Issue 11: sign-in throttling by account and by address, and second-factor failures counted per account.
--
-- Password failures are counted per (email, address), so someone guessing from one address slows
-- only that address, and the real person signing in from elsewhere is not kept out. The row with
-- address '*' counts failures for the email from every address: it throttles a distributed guess,
-- but only briefly. Rows are keyed by the email typed, known or not, so a throttled account and an
-- unknown email answer alike.
CREATE TABLE sign_in_throttle (
  email text NOT NULL,
  address text NOT NULL,
  failures integer NOT NULL DEFAULT 0 CONSTRAINT sign_in_throttle_failures_positive CHECK (failures >= 0),
  throttled_until timestamptz,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sign_in_throttle_pkey PRIMARY KEY (email, address)
);
CREATE INDEX sign_in_throttle_last_failure_idx ON sign_in_throttle (last_failure_at);
COMMENT ON TABLE sign_in_throttle IS 'Owned by platform auth: failed password attempts per (email typed, client address); address * is the tally across all addresses';
COMMENT ON COLUMN sign_in_throttle.throttled_until IS 'No password is checked for this email from this address (or from any, for *) before this time';

-- Second-factor failures count per account across sign-ins: a correct password no longer resets them.
ALTER TABLE app_user ADD COLUMN failed_codes integer NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN codes_throttled_until timestamptz;
COMMENT ON COLUMN app_user.failed_codes IS 'Wrong or replayed security codes since the last accepted one, across sign-ins';
COMMENT ON COLUMN app_user.codes_throttled_until IS 'No security code is checked for this account before this time';
COMMENT ON COLUMN app_user.failed_sign_ins IS 'Superseded by sign_in_throttle (migration 0013); no longer written';
COMMENT ON COLUMN app_user.locked_until IS 'Superseded by sign_in_throttle and codes_throttled_until (migration 0013); no longer written';

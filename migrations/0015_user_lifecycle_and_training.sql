-- Users through their working life (issue 13 item 3): an account closed for good, and each user's
-- training and vetting (004 Box 6.1: the index is open only to authorised users "with relevant
-- training and security checks"; Tables 7.2-7.3).

ALTER TABLE app_user ADD COLUMN closed_at timestamptz;
ALTER TABLE app_user ADD CONSTRAINT app_user_closed_is_disabled CHECK (closed_at IS NULL OR disabled_at IS NOT NULL);
COMMENT ON COLUMN app_user.disabled_at IS 'When the account was suspended (or closed): it cannot sign in and has no live session. Null when it may sign in';
COMMENT ON COLUMN app_user.closed_at IS 'When the account was closed for good: a closed account is never re-enabled (its person leaves; their records stay theirs)';

CREATE TABLE user_training (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  user_id uuid NOT NULL REFERENCES app_user (id),
  kind text NOT NULL CONSTRAINT user_training_kind_known CHECK (kind IN (
    'child_index_training', 'enhanced_dbs_check', 'safeguarding_training', 'common_assessment_training')),
  completed_on date NOT NULL,
  expires_on date NOT NULL,
  recorded_by uuid REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  CONSTRAINT user_training_expires_after_completed CHECK (expires_on > completed_on)
);
CREATE INDEX user_training_user_kind_idx ON user_training (user_id, kind, expires_on DESC);
COMMENT ON TABLE user_training IS 'Owner: admin. A course a user completed or a check they passed, with the date done and the date it lapses; a renewal is a new row';
COMMENT ON COLUMN user_training.recorded_by IS 'The area administrator or practice manager who recorded it; null when an operator did on the command line';

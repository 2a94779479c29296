-- Issue 14, bug 3: a child's record has an address. The reason given before a view grants that
-- user a short-lived access to that record (audited with the reason); the record is then a plain
-- GET page, shown while the grant lasts, each view audited under the grant. Back, reload and a link
-- pasted to a colleague (who is asked for their own reason) all work.
CREATE TABLE child_access_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  reason text NOT NULL CONSTRAINT child_access_grant_reason_given CHECK (btrim(reason) <> ''),
  audit_event_id uuid NOT NULL,
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT child_access_grant_expires_after_granted CHECK (expires_at > granted_at)
);
CREATE INDEX child_access_grant_lookup_idx ON child_access_grant (user_id, child_id, expires_at DESC);
COMMENT ON TABLE child_access_grant IS 'Owner: children. A reason given to see a child''s record: that user may open that record until expires_at, each view audited under the grant';
COMMENT ON COLUMN child_access_grant.audit_event_id IS 'The child.access_granted audit entry that recorded the reason';

-- Practice manager (issue 14): a manager's comment on an access review, saved with its outcome.
ALTER TABLE access_review ADD COLUMN comment text NOT NULL DEFAULT ''
  CONSTRAINT access_review_comment_length CHECK (length(comment) <= 1000);
COMMENT ON COLUMN access_review.comment IS 'What the reviewing manager noted with the outcome (may be empty)';

-- Notifications (issue 13 item 7): in-app notices for each user, their choice of channel per kind of
-- event, and an outbox so an email is never lost while the mail server is down.

CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  user_id uuid NOT NULL REFERENCES app_user (id),
  event_type text NOT NULL CONSTRAINT notification_event_type_shape CHECK (event_type ~ '^[a-z]+\.[a-z_]+$'),
  title text NOT NULL CONSTRAINT notification_title_present CHECK (btrim(title) <> ''),
  link text NOT NULL CONSTRAINT notification_link_is_path CHECK (link ~ '^/[^/]'),
  about text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
-- The header's count on every page: unread notices of one user.
CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL;
-- A periodic job (an overdue referral, an action due) tells each person once about each thing.
CREATE UNIQUE INDEX notification_once_about_idx ON notification (user_id, event_type, about) WHERE about IS NOT NULL;
CREATE INDEX notification_user_created_idx ON notification (user_id, created_at DESC);
COMMENT ON TABLE notification IS 'Owner: notifications. One notice to one user: the kind of event, a title that names no child, and a link to sign in and see';
COMMENT ON COLUMN notification.event_type IS 'One of the kinds declared in src/notifications/events.ts';
COMMENT ON COLUMN notification.about IS 'The id of what a periodic notice is about (a referral, an action), so it is sent once; null for notices of a single event';
COMMENT ON COLUMN notification.link IS 'A path of the service (never a full address); what it shows is checked against the reader''s access when opened';

CREATE TABLE notification_preference (
  area_code text NOT NULL REFERENCES area (code),
  user_id uuid NOT NULL REFERENCES app_user (id),
  event_type text NOT NULL CONSTRAINT notification_preference_event_type_shape CHECK (event_type ~ '^[a-z]+\.[a-z_]+$'),
  channel text NOT NULL CONSTRAINT notification_preference_channel_known CHECK (channel IN ('in_app', 'email')),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, event_type)
);
COMMENT ON TABLE notification_preference IS 'Owner: notifications. How a user wants each kind of event: in the service only, or by email as well. No row means in the service only';

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  notification_id uuid REFERENCES notification (id),
  to_address text NOT NULL CONSTRAINT mail_outbox_to_shape CHECK (to_address ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  subject text NOT NULL CONSTRAINT mail_outbox_subject_present CHECK (btrim(subject) <> ''),
  body_text text NOT NULL,
  link text NOT NULL CONSTRAINT mail_outbox_link_is_path CHECK (link ~ '^/[^/]'),
  status text NOT NULL DEFAULT 'pending' CONSTRAINT mail_outbox_status_known CHECK (status IN ('pending', 'sent', 'abandoned')),
  attempts integer NOT NULL DEFAULT 0 CONSTRAINT mail_outbox_attempts_not_negative CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CONSTRAINT mail_outbox_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC);
COMMENT ON TABLE mail_outbox IS 'Owner: notifications. Email waiting to go, sent, or given up on; written in the same transaction as the event, delivered by the sender with retries';
COMMENT ON COLUMN mail_outbox.body_text IS 'Plain text naming only the kind of event: never a child''s name or details. The sender appends the full address of link';
COMMENT ON COLUMN mail_outbox.next_attempt_at IS 'When the sender may try again: doubles after each failure (exponential backoff)';
COMMENT ON COLUMN mail_outbox.last_error IS 'What the mail server (or the connection to it) said on the last failed attempt';

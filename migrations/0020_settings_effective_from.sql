-- Local settings changed from a date (issue 13 item 4): a council saves a change that takes effect
-- today or on a later day ("from 1 April"). area_setting now keeps every change an area made, each
-- with the day it takes effect; the value in force on a day is the newest change on or before it
-- that was not cancelled. A change not yet in effect can be cancelled; the row stays, marked.

ALTER TABLE area_setting DROP CONSTRAINT area_setting_pkey;
ALTER TABLE area_setting ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE area_setting ADD CONSTRAINT area_setting_pkey PRIMARY KEY (id);

-- A value chosen before this migration took effect when it was made.
ALTER TABLE area_setting ADD COLUMN effective_from date;
UPDATE area_setting SET effective_from = (changed_at AT TIME ZONE 'UTC')::date;
ALTER TABLE area_setting ALTER COLUMN effective_from SET NOT NULL;
-- The registry always names the day; a row put in by hand (an operator, a test) is in force from the start.
ALTER TABLE area_setting ALTER COLUMN effective_from SET DEFAULT '-infinity';

ALTER TABLE area_setting ADD COLUMN cancelled_at timestamptz;
ALTER TABLE area_setting ADD COLUMN cancelled_by uuid REFERENCES app_user (id);
ALTER TABLE area_setting ADD CONSTRAINT area_setting_cancelled_with_whom CHECK (cancelled_by IS NULL OR cancelled_at IS NOT NULL);

CREATE INDEX area_setting_in_force ON area_setting (area_code, key, effective_from DESC, changed_at DESC) WHERE cancelled_at IS NULL;

COMMENT ON TABLE area_setting IS 'Owner: platform. Every change an area made to a setting a feature declares, each from the day it takes effect; a setting with no change in force reads as its default';
COMMENT ON COLUMN area_setting.effective_from IS 'The first day the value is in force. The value in force on a day is the change not cancelled with the latest effective_from on or before it (the latest made, on a tie)';
COMMENT ON COLUMN area_setting.changed_at IS 'When the change was made (it may take effect later)';
COMMENT ON COLUMN area_setting.changed_by IS 'Who made the change; null for a value carried over from the settings tables 0012 replaced';
COMMENT ON COLUMN area_setting.cancelled_at IS 'When a change was cancelled before its effective_from; a cancelled change is never in force';

-- Issue 14, front line: files attached to a common assessment (a signed consent form, a letter) and
-- the facts the episode's chronology needs that the tables did not keep (who changed an action, who
-- recorded a member leaving). Attachments are stored in the database, so a backup and a restore carry
-- them with the assessment they belong to.
CREATE TABLE assessment_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  assessment_id uuid NOT NULL REFERENCES common_assessment (id),
  file_name text NOT NULL CONSTRAINT assessment_attachment_file_name_shape CHECK (btrim(file_name) <> '' AND length(file_name) <= 200),
  content_type text NOT NULL CONSTRAINT assessment_attachment_content_type_known CHECK (content_type IN (
    'application/pdf', 'image/png', 'image/jpeg', 'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text')),
  content bytea NOT NULL,
  byte_size integer NOT NULL,
  sha256 text NOT NULL CONSTRAINT assessment_attachment_sha256_shape CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  description text NOT NULL CONSTRAINT assessment_attachment_description_present CHECK (btrim(description) <> '' AND length(description) <= 500),
  added_by uuid NOT NULL REFERENCES app_user (id),
  added_by_name text NOT NULL,
  added_at timestamptz NOT NULL,
  removed_at timestamptz,
  removed_by uuid REFERENCES app_user (id),
  removed_by_name text,
  removal_reason text NOT NULL DEFAULT '',
  CONSTRAINT assessment_attachment_size CHECK (byte_size = octet_length(content) AND byte_size > 0 AND byte_size <= 5242880),
  CONSTRAINT assessment_attachment_removed_together CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removed_by_name IS NULL))
);
CREATE INDEX assessment_attachment_of_assessment ON assessment_attachment (assessment_id, added_at);
COMMENT ON TABLE assessment_attachment IS 'Owner: assessment. A file attached to a common assessment; removal is soft (removed_at), so the chronology keeps it and an auditor can see what was there';
COMMENT ON COLUMN assessment_attachment.content_type IS 'Told by the file''s first bytes (PDF, PNG, JPEG, DOCX, ODT, plain UTF-8 text), never by its name or the browser''s word';
COMMENT ON COLUMN assessment_attachment.file_name IS 'The name the file was uploaded with, cleaned of any folder and control characters; shown, and offered on download';

ALTER TABLE action_item ADD COLUMN updated_by uuid REFERENCES app_user (id);
COMMENT ON COLUMN action_item.updated_by IS 'Who last changed the action''s status; NULL before migration 0030 or when never changed';
ALTER TABLE team_member ADD COLUMN left_recorded_by uuid REFERENCES app_user (id);
ALTER TABLE team_member ADD COLUMN left_recorded_at timestamptz;
COMMENT ON COLUMN team_member.left_recorded_by IS 'Who recorded the member leaving (or closed the episode); NULL before migration 0030';

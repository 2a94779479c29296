-- Local assessment forms from the command line (issue 13 item 4): `ctp forms import` uploads and
-- publishes a form definition as the operator on the server, who is no user of the area. As with
-- user_training.recorded_by, the person is then null and the audit trail names the operator.
-- A draft may also be discarded (deleted): migration 0018's trigger still refuses to delete a published one.

ALTER TABLE assessment_form ALTER COLUMN uploaded_by DROP NOT NULL;
ALTER TABLE assessment_form DROP CONSTRAINT assessment_form_published_together;
ALTER TABLE assessment_form ADD CONSTRAINT assessment_form_published_together
  CHECK ((status = 'published') = (published_at IS NOT NULL) AND (published_by IS NULL OR published_at IS NOT NULL));
COMMENT ON COLUMN assessment_form.uploaded_by IS 'The area administrator who uploaded this version; null when an operator imported it with ctp forms import';
COMMENT ON COLUMN assessment_form.published_by IS 'The area administrator who published it; null while a draft, or when an operator published it with ctp forms import --publish';

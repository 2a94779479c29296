-- Local assessment forms (issue 13 item 4; 004 para 186: half the pathfinders used the national CAF
-- and half a locally defined form). An area administrator uploads a form definition
-- (schemas/assessment-form-v1.schema.json), previews it as a draft and publishes it as a new version.
-- The national form is not stored here: it is part of the code (src/assessment/form.ts).
CREATE TABLE assessment_form (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  code text NOT NULL CONSTRAINT assessment_form_code_shape CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND code <> 'caf-national'),
  version text NOT NULL CONSTRAINT assessment_form_version_shape CHECK (version ~ '^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$'),
  title text NOT NULL CONSTRAINT assessment_form_title_present CHECK (btrim(title) <> ''),
  definition jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CONSTRAINT assessment_form_status_known CHECK (status IN ('draft', 'published')),
  uploaded_by uuid NOT NULL REFERENCES app_user (id),
  uploaded_at timestamptz NOT NULL,
  published_by uuid REFERENCES app_user (id),
  published_at timestamptz,
  CONSTRAINT assessment_form_version_unique UNIQUE (area_code, code, version),
  CONSTRAINT assessment_form_published_together CHECK ((status = 'published') = (published_at IS NOT NULL) AND (published_at IS NULL) = (published_by IS NULL))
);
COMMENT ON TABLE assessment_form IS 'Owner: assessment. One version of a local assessment form of an area: a draft to preview, or published and then unchangeable; assessments name it by code and version';
COMMENT ON COLUMN assessment_form.definition IS 'The form definition as uploaded and checked against schemas/assessment-form-v1.schema.json: domains and their elements';
COMMENT ON COLUMN assessment_form.status IS 'draft: uploaded, previewed, not offered to practitioners; published: offered, and never changed or removed';

-- A published version is what assessments were written on: it never changes and is never removed.
CREATE FUNCTION assessment_form_published_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published assessment form is locked: % refused (publish a new version)', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER assessment_form_published_locked BEFORE UPDATE OR DELETE ON assessment_form
  FOR EACH ROW EXECUTE FUNCTION assessment_form_published_locked();

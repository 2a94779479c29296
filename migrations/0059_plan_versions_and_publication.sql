-- Issue 18 items 5 and 6: approval, versions and publication of the Children and Young People's Plan (002 §7.3;
-- ADR 0036). The board's approval (a decision taken through governance, cited by id) freezes the plan's content
-- as a numbered version; publishing writes the version, its summary for children and young people, and the
-- translations carried over from the version before, in one transaction. The public reads versions only, never
-- the draft (the live plan_* tables of migration 0057). Translations of a version's sections and summary are
-- added per language afterwards. Nothing here names a child.

CREATE TABLE plan_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  plan_id uuid NOT NULL,
  number integer NOT NULL CONSTRAINT plan_version_number_positive CHECK (number >= 1),
  content jsonb NOT NULL,
  children_summary text NOT NULL CONSTRAINT plan_version_children_summary_length CHECK (length(children_summary) <= 8000),
  decision_id uuid NOT NULL REFERENCES governance_decision (id),
  decision_words text NOT NULL,
  decided_by text NOT NULL,
  approved_on date NOT NULL,
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES app_user (id),
  published_by_name text NOT NULL,
  CONSTRAINT plan_version_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code),
  CONSTRAINT plan_version_number_unique UNIQUE (plan_id, number),
  CONSTRAINT plan_version_id_area_unique UNIQUE (id, area_code),
  -- One approval freezes one version: a changed plan goes back to the board.
  CONSTRAINT plan_version_decision_unique UNIQUE (decision_id)
);
CREATE INDEX plan_version_area_published_idx ON plan_version (area_code, published_at DESC);
COMMENT ON TABLE plan_version IS 'Owner: plan. A published version of a plan, frozen at the board''s approval: its content as it stood (PlanContent as JSON), its summary for children and young people, the decision that approved it and when it was published. Never changed once written; the public pages read only these';
COMMENT ON COLUMN plan_version.content IS 'The plan''s content when published (src/plan/content.ts PlanContent), stored as it was: later edits to the plan make a new draft, not a change here';
COMMENT ON COLUMN plan_version.children_summary IS 'The summary for children and young people, written separately in plain words (002 §7.3 guidance)';
COMMENT ON COLUMN plan_version.decision_words IS 'The approving decision''s words as recorded at publication, shown to the public (the decision itself stays governance''s record)';
COMMENT ON COLUMN plan_version.decided_by IS 'The name of the body whose decision approved it (the children''s trust board), as it was at publication';
COMMENT ON COLUMN plan_version.approved_on IS 'The day of the meeting at which the board approved it';

CREATE TABLE plan_children_summary (
  plan_id uuid PRIMARY KEY,
  area_code text NOT NULL,
  body text NOT NULL CONSTRAINT plan_children_summary_length CHECK (length(body) <= 8000),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES app_user (id),
  CONSTRAINT plan_children_summary_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code) ON DELETE CASCADE
);
COMMENT ON TABLE plan_children_summary IS 'Owner: plan. The draft of a plan''s summary for children and young people, written separately from the plan; frozen into the next version when it is published';

CREATE TABLE plan_translation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL,
  version_id uuid NOT NULL,
  language text NOT NULL CONSTRAINT plan_translation_language_shape CHECK (language ~ '^[a-z]{2,3}$'),
  section_id uuid,
  title text NOT NULL DEFAULT '' CONSTRAINT plan_translation_title_length CHECK (length(title) <= 200),
  body text NOT NULL CONSTRAINT plan_translation_body_shape CHECK (btrim(body) <> '' AND length(body) <= 20000),
  added_at timestamptz NOT NULL,
  added_by uuid REFERENCES app_user (id),
  added_by_name text NOT NULL,
  CONSTRAINT plan_translation_version_fk FOREIGN KEY (version_id, area_code) REFERENCES plan_version (id, area_code)
);
-- One translation of each section, and one of the summary, per language and version.
CREATE UNIQUE INDEX plan_translation_section_unique ON plan_translation (version_id, language, section_id) WHERE section_id IS NOT NULL;
CREATE UNIQUE INDEX plan_translation_summary_unique ON plan_translation (version_id, language) WHERE section_id IS NULL;
COMMENT ON TABLE plan_translation IS 'Owner: plan. A translation of a published version''s section, or (section_id null) of its summary for children and young people, into a community language (002 §7.3 guidance). Carried to the next version when the text it translates is unchanged';
COMMENT ON COLUMN plan_translation.language IS 'The language''s code (src/plan/publication/languages.ts PLAN_LANGUAGES: cy, ur, ...); the page''s lang attribute';
COMMENT ON COLUMN plan_translation.section_id IS 'The section of the version''s content translated (a section id inside plan_version.content); null for the summary for children and young people';
COMMENT ON COLUMN plan_translation.title IS 'The section''s title in the language; for the summary, the plan''s title in the language; empty when not given';

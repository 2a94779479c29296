-- Issue 18 item 7: the annual review of the Children and Young People's Plan (002 §7.3: reviewed every year;
-- 001 §3.4: the board publishes a review of progress against the plan every year; ADR 0037). One review per plan
-- per financial year of its period: the planner drafts what changed and why (for the plan, and per priority),
-- while progress on the actions and the indicators against their targets are read live from the plan and from
-- outcomes; publishing freezes all of it as it then stood (published_content) and only then is it public.

CREATE TABLE plan_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  area_code text NOT NULL,
  year integer NOT NULL CONSTRAINT plan_review_year_range CHECK (year BETWEEN 2004 AND 2100),
  narrative text NOT NULL DEFAULT '' CONSTRAINT plan_review_narrative_length CHECK (length(narrative) <= 8000),
  status text NOT NULL DEFAULT 'draft' CONSTRAINT plan_review_status_known CHECK (status IN ('draft', 'published')),
  published_content jsonb,
  published_at timestamptz,
  published_by uuid REFERENCES app_user (id),
  published_by_name text,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL,
  CONSTRAINT plan_review_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_review_once_a_year UNIQUE (plan_id, year),
  CONSTRAINT plan_review_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_review_published_whole CHECK (
    (status = 'published') = (published_content IS NOT NULL AND published_at IS NOT NULL AND published_by_name IS NOT NULL))
);
CREATE INDEX plan_review_area_year_idx ON plan_review (area_code, year) WHERE status = 'published';
COMMENT ON TABLE plan_review IS 'Owner: plan. The annual review of a Children and Young People''s Plan for one financial year of its period (002 §7.3; 001 §3.4): drafted by the planner, then published (frozen) beside the plan';
COMMENT ON COLUMN plan_review.year IS 'The financial year reviewed, by the calendar year its April falls in (platform/money.ts): 2026 is 1 April 2026 to 31 March 2027';
COMMENT ON COLUMN plan_review.narrative IS 'What changed in the year and why, for the plan as a whole (8,000 characters at most)';
COMMENT ON COLUMN plan_review.published_content IS 'The review as published: actions with their status and the year''s progress notes, each priority''s indicators against the year''s targets, the narratives. Null while a draft; never changed after';

CREATE TABLE plan_review_priority (
  review_id uuid NOT NULL,
  area_code text NOT NULL,
  priority_id uuid NOT NULL,
  narrative text NOT NULL DEFAULT '' CONSTRAINT plan_review_priority_narrative_length CHECK (length(narrative) <= 4000),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (review_id, priority_id),
  CONSTRAINT plan_review_priority_review_fk FOREIGN KEY (review_id, area_code) REFERENCES plan_review (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_review_priority_priority_fk FOREIGN KEY (priority_id, area_code) REFERENCES plan_priority (id, area_code) ON DELETE CASCADE
);
COMMENT ON TABLE plan_review_priority IS 'Owner: plan. What changed in the year and why for one priority of the plan, in its annual review (4,000 characters at most)';

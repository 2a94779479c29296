-- Issue 18: the Children and Young People's Plan (002 §7; 000 §2.33; ADR 0034), the content tables every part
-- of the plan builds on (drafting, participation and consultation, approval and publication, the annual review).
-- A plan for a period the area sets, owned by the authority (or, from 2010, the board); its sections, one per
-- required content of the regulations and any others the partners choose; priorities tied to an outcome, its
-- aims and indicators of the outcomes catalogue (targets per year are outcomes' own indicator_target rows);
-- key actions with a lead partner, contributing partners, timescale, outline cost in whole pence and a fund of
-- commissioning; dated progress notes. Every row carries its area; children are never named here.

CREATE TABLE plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  title text NOT NULL CONSTRAINT plan_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  period_start date NOT NULL,
  period_end date NOT NULL,
  owner text NOT NULL CONSTRAINT plan_owner_known CHECK (owner IN ('authority', 'board')),
  status text NOT NULL DEFAULT 'draft' CONSTRAINT plan_status_known CHECK (status IN ('draft', 'published', 'superseded')),
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT plan_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_period_in_order CHECK (period_end > period_start)
);
CREATE INDEX plan_area_idx ON plan (area_code, period_start);
COMMENT ON TABLE plan IS 'Owner: plan. A Children and Young People''s Plan (002 §7; 000 §2.33): the one strategic plan for all local services for children and young people, for a period the area sets';
COMMENT ON COLUMN plan.owner IS 'Whose plan it is: the children''s services authority (2006 regulations) or, from 2010, the children''s trust board';
COMMENT ON COLUMN plan.status IS 'draft until published; published while its published version is the one in force; superseded when a later plan is published';

CREATE TABLE plan_section (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  area_code text NOT NULL,
  kind text NOT NULL CONSTRAINT plan_section_kind_known CHECK (
    kind IN ('vision', 'needs_assessment', 'priorities', 'budgets', 'performance_review', 'cooperation', 'other')),
  title text NOT NULL CONSTRAINT plan_section_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  body text NOT NULL DEFAULT '' CONSTRAINT plan_section_body_length CHECK (length(body) <= 20000),
  complete boolean NOT NULL DEFAULT false,
  position integer NOT NULL,
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL,
  CONSTRAINT plan_section_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_section_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code) ON DELETE CASCADE
);
-- One section of each required content per plan; the partners may add as many "other matters" as they choose.
CREATE UNIQUE INDEX plan_section_required_once ON plan_section (plan_id, kind) WHERE kind <> 'other';
CREATE INDEX plan_section_plan_idx ON plan_section (plan_id, position);
COMMENT ON TABLE plan_section IS 'Owner: plan. A section of a plan: one per required content of the regulations (002 §7.3: vision, needs assessment, priorities and key actions, budgets, performance management and review, section 10 co-operation) and any other matters the partners choose, each marked complete or not';
COMMENT ON COLUMN plan_section.body IS 'The section''s own words (20,000 characters at most); needs, budgets and co-operation figures are drawn live from their features beside it, never pasted';

CREATE TABLE plan_priority (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  area_code text NOT NULL,
  title text NOT NULL CONSTRAINT plan_priority_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  description text NOT NULL DEFAULT '' CONSTRAINT plan_priority_description_length CHECK (length(description) <= 4000),
  outcome_code text NOT NULL REFERENCES outcome (code),
  position integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT plan_priority_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_priority_plan_fk FOREIGN KEY (plan_id, area_code) REFERENCES plan (id, area_code) ON DELETE CASCADE
);
CREATE INDEX plan_priority_plan_idx ON plan_priority (plan_id, position);
COMMENT ON TABLE plan_priority IS 'Owner: plan. A priority of a plan, tied to one of the five outcomes (Children Act 2004 s10(2))';

CREATE TABLE plan_priority_aim (
  priority_id uuid NOT NULL,
  area_code text NOT NULL,
  aim_code text NOT NULL REFERENCES aim (code),
  PRIMARY KEY (priority_id, aim_code),
  CONSTRAINT plan_priority_aim_priority_fk FOREIGN KEY (priority_id, area_code) REFERENCES plan_priority (id, area_code) ON DELETE CASCADE
);
COMMENT ON TABLE plan_priority_aim IS 'Owner: plan. The aims of its outcome (002 para 11) a priority serves';

CREATE TABLE plan_priority_indicator (
  priority_id uuid NOT NULL,
  area_code text NOT NULL,
  indicator_id uuid NOT NULL REFERENCES indicator (id),
  position integer NOT NULL,
  PRIMARY KEY (priority_id, indicator_id),
  CONSTRAINT plan_priority_indicator_priority_fk FOREIGN KEY (priority_id, area_code) REFERENCES plan_priority (id, area_code) ON DELETE CASCADE
);
COMMENT ON TABLE plan_priority_indicator IS 'Owner: plan. An indicator of the outcomes catalogue a priority is measured by; its targets per year are outcomes'' indicator_target rows, not kept here';

CREATE TABLE plan_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  priority_id uuid NOT NULL,
  area_code text NOT NULL,
  title text NOT NULL CONSTRAINT plan_action_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 300),
  lead_organisation_id uuid NOT NULL REFERENCES organisation (id),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  outline_cost_pence bigint CONSTRAINT plan_action_cost_not_negative CHECK (outline_cost_pence >= 0),
  fund_id uuid,
  status text NOT NULL DEFAULT 'not_started' CONSTRAINT plan_action_status_known CHECK (
    status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'done')),
  position integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT plan_action_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT plan_action_priority_fk FOREIGN KEY (priority_id, area_code) REFERENCES plan_priority (id, area_code) ON DELETE CASCADE,
  CONSTRAINT plan_action_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code),
  CONSTRAINT plan_action_timescale_in_order CHECK (ends_on >= starts_on)
);
CREATE INDEX plan_action_priority_idx ON plan_action (priority_id, position);
CREATE INDEX plan_action_lead_idx ON plan_action (lead_organisation_id);
COMMENT ON TABLE plan_action IS 'Owner: plan. A key action to achieve a priority (002 §7.3): its lead partner, timescale, outline cost and funding source, and how it stands';
COMMENT ON COLUMN plan_action.outline_cost_pence IS 'Outline cost in whole pence (platform/money.ts); null when not yet costed';
COMMENT ON COLUMN plan_action.fund_id IS 'The pooled fund or aligned budgets of commissioning that pay for it, when one does';

CREATE TABLE plan_action_partner (
  action_id uuid NOT NULL,
  area_code text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (action_id, organisation_id),
  CONSTRAINT plan_action_partner_action_fk FOREIGN KEY (action_id, area_code) REFERENCES plan_action (id, area_code) ON DELETE CASCADE
);
CREATE INDEX plan_action_partner_organisation_idx ON plan_action_partner (organisation_id);
COMMENT ON TABLE plan_action_partner IS 'Owner: plan. A partner contributing to a key action besides its lead';

CREATE TABLE plan_action_progress (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  action_id uuid NOT NULL,
  area_code text NOT NULL,
  on_day date NOT NULL,
  note text NOT NULL CONSTRAINT plan_action_progress_note_shape CHECK (btrim(note) <> '' AND length(note) <= 4000),
  status text NOT NULL CONSTRAINT plan_action_progress_status_known CHECK (
    status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'done')),
  written_by uuid REFERENCES app_user (id),
  written_by_name text NOT NULL,
  written_at timestamptz NOT NULL,
  CONSTRAINT plan_action_progress_action_fk FOREIGN KEY (action_id, area_code) REFERENCES plan_action (id, area_code) ON DELETE CASCADE
);
CREATE INDEX plan_action_progress_action_idx ON plan_action_progress (action_id, on_day, written_at);
COMMENT ON TABLE plan_action_progress IS 'Owner: plan. A dated progress note on a key action, with the status it gave the action and who wrote it';

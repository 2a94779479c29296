-- Issue 17, items 3-5 and 9: the core of joint commissioning (000 §2.36-2.52; 004 chapter 4), the tables
-- the commissioning parts build on. A fund (pooled under Children Act 2004 s10(6)-(7), or aligned budgets
-- without a legal pool, 004 §4), its budget holders, partners' contributions per financial year in money
-- and in kind, commitments and spending booked against a service of the directory, and a commission at
-- one of three levels moving through the stages of the cycle. Money is whole pence (bigint), never a
-- float; a financial year is named by the year its April falls in. ADR 0027.

CREATE TABLE fund (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL CONSTRAINT fund_kind_known CHECK (kind IN ('pooled', 'aligned')),
  name text NOT NULL CONSTRAINT fund_name_shape CHECK (name = btrim(name) AND name <> '' AND length(name) <= 200),
  purpose text NOT NULL DEFAULT '' CONSTRAINT fund_purpose_length CHECK (length(purpose) <= 4000),
  host_organisation_id uuid REFERENCES organisation (id),
  starts_on date NOT NULL,
  ends_on date,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT fund_id_area_unique UNIQUE (id, area_code),
  -- A pool is held by one partner on the others' behalf (000 §2.47); aligned budgets stay with each partner.
  CONSTRAINT fund_pooled_has_host CHECK (kind <> 'pooled' OR host_organisation_id IS NOT NULL),
  CONSTRAINT fund_term_in_order CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX fund_name_unique ON fund (area_code, lower(name));
COMMENT ON TABLE fund IS 'Owner: commissioning. A pooled fund (partners'' contributions to one discrete fund, Children Act 2004 s10(6)-(7), 000 §2.47-2.52) or aligned budgets (partners'' budgets for a shared purpose tracked side by side, 004 §4)';
COMMENT ON COLUMN fund.host_organisation_id IS 'The partner that hosts a pooled fund and accounts for it (the partner register); none for aligned budgets';
COMMENT ON COLUMN fund.starts_on IS 'The first day money may be committed or spent (the agreement''s term)';
COMMENT ON COLUMN fund.ends_on IS 'The last day money may be committed or spent; null while the term is open';

CREATE TABLE fund_budget_holder (
  fund_id uuid NOT NULL,
  area_code text NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user (id),
  added_by uuid REFERENCES app_user (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (fund_id, user_id),
  CONSTRAINT fund_budget_holder_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code) ON DELETE CASCADE
);
CREATE INDEX fund_budget_holder_user_idx ON fund_budget_holder (user_id);
COMMENT ON TABLE fund_budget_holder IS 'Owner: commissioning. The people who may book commitments and spending on a fund besides the commissioner (a subject rule, ADR 0009 and 0027)';

CREATE TABLE fund_contribution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fund_id uuid NOT NULL,
  area_code text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  financial_year integer NOT NULL CONSTRAINT fund_contribution_year_range CHECK (financial_year BETWEEN 2000 AND 2100),
  kind text NOT NULL CONSTRAINT fund_contribution_kind_known CHECK (kind IN ('money', 'staff', 'goods', 'accommodation')),
  amount_pence bigint CONSTRAINT fund_contribution_amount_not_negative CHECK (amount_pence >= 0),
  description text NOT NULL DEFAULT '' CONSTRAINT fund_contribution_description_length CHECK (length(description) <= 1000),
  recorded_by uuid REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  CONSTRAINT fund_contribution_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code),
  -- Only a contribution in kind may be left unvalued (000 §2.50: staff, goods, accommodation can be pooled too).
  CONSTRAINT fund_contribution_money_valued CHECK (kind <> 'money' OR amount_pence IS NOT NULL),
  CONSTRAINT fund_contribution_in_kind_described CHECK (kind = 'money' OR btrim(description) <> '')
);
CREATE INDEX fund_contribution_fund_idx ON fund_contribution (fund_id, financial_year);
COMMENT ON TABLE fund_contribution IS 'Owner: commissioning. What a partner puts into a fund for a financial year: money, or staff, goods or accommodation in kind, valued or not';
COMMENT ON COLUMN fund_contribution.financial_year IS 'The financial year by the year its April falls in: 2025 is 1 April 2025 to 31 March 2026';
COMMENT ON COLUMN fund_contribution.amount_pence IS 'Whole pence; null only for a contribution in kind left unvalued';

CREATE TABLE fund_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fund_id uuid NOT NULL,
  area_code text NOT NULL,
  service_id uuid NOT NULL,
  kind text NOT NULL CONSTRAINT fund_entry_kind_known CHECK (kind IN ('commitment', 'spend')),
  amount_pence bigint NOT NULL CONSTRAINT fund_entry_amount_positive CHECK (amount_pence > 0),
  on_day date NOT NULL,
  financial_year integer NOT NULL,
  organisation_id uuid REFERENCES organisation (id),
  settles_entry_id uuid REFERENCES fund_entry (id),
  description text NOT NULL DEFAULT '' CONSTRAINT fund_entry_description_length CHECK (length(description) <= 1000),
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  CONSTRAINT fund_entry_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code),
  CONSTRAINT fund_entry_service_fk FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code),
  -- The year is the day's, April to March: held so statements group by it without recomputing.
  CONSTRAINT fund_entry_year_of_day CHECK (
    financial_year = CASE WHEN extract(month FROM on_day) >= 4 THEN extract(year FROM on_day)::int ELSE extract(year FROM on_day)::int - 1 END),
  CONSTRAINT fund_entry_settles_only_spend CHECK (settles_entry_id IS NULL OR kind = 'spend')
);
CREATE INDEX fund_entry_fund_idx ON fund_entry (fund_id, financial_year);
CREATE INDEX fund_entry_service_idx ON fund_entry (service_id);
COMMENT ON TABLE fund_entry IS 'Owner: commissioning. Money committed to or spent on a service from a fund, in whole pence on a day; never changed once booked';
COMMENT ON COLUMN fund_entry.organisation_id IS 'Whose budget it comes from: null for a pooled fund (the pool''s money has no owner, 000 §2.49), the partner for aligned budgets';
COMMENT ON COLUMN fund_entry.settles_entry_id IS 'A spend that pays (part of) an earlier commitment, which is then no longer outstanding by that much';

CREATE TABLE commission (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  level text NOT NULL CONSTRAINT commission_level_known CHECK (level IN ('strategic', 'operational', 'individual')),
  title text NOT NULL CONSTRAINT commission_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  stage text NOT NULL CONSTRAINT commission_stage_known CHECK (
    stage IN ('needs_analysis', 'planning', 'sourcing', 'contract', 'monitoring', 'review', 'decommissioning')),
  service_id uuid,
  fund_id uuid,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT commission_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT commission_service_fk FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code),
  CONSTRAINT commission_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code)
);
CREATE INDEX commission_area_idx ON commission (area_code, stage);
COMMENT ON TABLE commission IS 'Owner: commissioning. A piece of commissioning at one of three levels (strategic, operational, individual; 000 §2.36) and the stage of the cycle it has reached';
COMMENT ON COLUMN commission.service_id IS 'The service of the directory being commissioned, once there is one';
COMMENT ON COLUMN commission.fund_id IS 'The fund that pays for it, when a pooled or aligned fund does';

-- Issue 17, item 6: contracts and service level agreements for a service of the directory, monitored
-- against outcome-based targets (000 §2.38: "agreements, contracts and monitoring arrangements ... against
-- outcome based targets"; 004 para 143), periodic monitoring returns (a return for a period already
-- returned replaces it and the earlier one is kept as history), and decommissioning with where the money
-- went (004 §8.8: savings reinvested in prevention). Money is whole pence (bigint). ADR 0030.

CREATE TABLE commissioning_contract (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL CONSTRAINT commissioning_contract_kind_known CHECK (kind IN ('contract', 'service_level_agreement')),
  title text NOT NULL CONSTRAINT commissioning_contract_title_shape CHECK (title = btrim(title) AND title <> '' AND length(title) <= 200),
  service_id uuid NOT NULL,
  commission_id uuid,
  fund_id uuid,
  value_pence bigint NOT NULL CONSTRAINT commissioning_contract_value_not_negative CHECK (value_pence >= 0),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  monitoring text NOT NULL CONSTRAINT commissioning_contract_monitoring_known CHECK (monitoring IN ('quarterly', 'monthly')),
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT commissioning_contract_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT commissioning_contract_term_in_order CHECK (ends_on >= starts_on),
  CONSTRAINT commissioning_contract_service_fk FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code),
  CONSTRAINT commissioning_contract_commission_fk FOREIGN KEY (commission_id, area_code) REFERENCES commission (id, area_code),
  CONSTRAINT commissioning_contract_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code)
);
CREATE INDEX commissioning_contract_area_idx ON commissioning_contract (area_code, ends_on);
CREATE INDEX commissioning_contract_service_idx ON commissioning_contract (service_id);
COMMENT ON TABLE commissioning_contract IS 'Owner: commissioning. A contract or service level agreement for a service of the directory (its provider is the service''s), its value in pence, term and how often it is monitored';
COMMENT ON COLUMN commissioning_contract.value_pence IS 'The whole value over the term, in whole pence';
COMMENT ON COLUMN commissioning_contract.ends_on IS 'The last day of the term as agreed; a decommissioning may end it earlier (contract_decommission.ends_on)';

CREATE TABLE contract_target (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL,
  area_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL CONSTRAINT contract_target_kind_known CHECK (kind IN ('outcome', 'activity')),
  indicator_id uuid REFERENCES indicator (id),
  label text NOT NULL DEFAULT '' CONSTRAINT contract_target_label_length CHECK (label = btrim(label) AND length(label) <= 120),
  target_value numeric NOT NULL,
  direction text NOT NULL CONSTRAINT contract_target_direction_known CHECK (direction IN ('at_least', 'at_most')),
  position integer NOT NULL,
  created_at timestamptz NOT NULL,
  CONSTRAINT contract_target_outcome_has_indicator CHECK ((kind = 'outcome') = (indicator_id IS NOT NULL)),
  CONSTRAINT contract_target_activity_named CHECK (kind = 'outcome' OR label <> ''),
  CONSTRAINT contract_target_contract_fk FOREIGN KEY (contract_id, area_code) REFERENCES commissioning_contract (id, area_code)
);
CREATE UNIQUE INDEX contract_target_indicator_unique ON contract_target (contract_id, indicator_id) WHERE indicator_id IS NOT NULL;
CREATE UNIQUE INDEX contract_target_label_unique ON contract_target (contract_id, lower(label)) WHERE kind = 'activity';
COMMENT ON TABLE contract_target IS 'Owner: commissioning. A target a contract is monitored against for each period: an outcome indicator of the outcomes feature (direction from its polarity) or an activity counted';
COMMENT ON COLUMN contract_target.direction IS 'at_least: a value below the target is under target (higher is better); at_most: a value above it is (lower is better)';

CREATE TABLE contract_return (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL,
  area_code text NOT NULL REFERENCES area (code),
  period_start date NOT NULL,
  period_end date NOT NULL,
  version integer NOT NULL CONSTRAINT contract_return_version_positive CHECK (version >= 1),
  spend_pence bigint NOT NULL CONSTRAINT contract_return_spend_not_negative CHECK (spend_pence >= 0),
  notes text NOT NULL DEFAULT '' CONSTRAINT contract_return_notes_length CHECK (length(notes) <= 2000),
  source text NOT NULL CONSTRAINT contract_return_source_known CHECK (source IN ('page', 'csv', 'api')),
  entered_by uuid NOT NULL REFERENCES app_user (id),
  entered_at timestamptz NOT NULL,
  replaced_at timestamptz,
  CONSTRAINT contract_return_period_in_order CHECK (period_end >= period_start),
  CONSTRAINT contract_return_version_unique UNIQUE (contract_id, period_start, version),
  CONSTRAINT contract_return_contract_fk FOREIGN KEY (contract_id, area_code) REFERENCES commissioning_contract (id, area_code)
);
-- One current return per period: a new one for the same period marks the earlier replaced (kept as history).
CREATE UNIQUE INDEX contract_return_current_unique ON contract_return (contract_id, period_start) WHERE replaced_at IS NULL;
COMMENT ON TABLE contract_return IS 'Owner: commissioning. A monitoring return for one period of a contract: spend in pence, and a value per target (contract_return_value); a later return for the period replaces it and this one is kept';
COMMENT ON COLUMN contract_return.replaced_at IS 'When a later return for the same period replaced it; null for the period''s current return';

CREATE TABLE contract_return_value (
  return_id uuid NOT NULL REFERENCES contract_return (id),
  area_code text NOT NULL REFERENCES area (code),
  target_id uuid NOT NULL REFERENCES contract_target (id),
  value numeric NOT NULL,
  PRIMARY KEY (return_id, target_id)
);
COMMENT ON TABLE contract_return_value IS 'Owner: commissioning. The value a monitoring return gives for one of the contract''s targets';

CREATE TABLE contract_decommission (
  contract_id uuid PRIMARY KEY,
  area_code text NOT NULL REFERENCES area (code),
  decided_on date NOT NULL,
  ends_on date NOT NULL,
  reasons text NOT NULL CONSTRAINT contract_decommission_reasons_present CHECK (btrim(reasons) <> '' AND length(reasons) <= 4000),
  released_pence bigint NOT NULL CONSTRAINT contract_decommission_released_not_negative CHECK (released_pence >= 0),
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL,
  CONSTRAINT contract_decommission_contract_fk FOREIGN KEY (contract_id, area_code) REFERENCES commissioning_contract (id, area_code)
);
COMMENT ON TABLE contract_decommission IS 'Owner: commissioning. A contract decommissioned: why, the day it ends, and the money the ending releases (where it went is contract_reinvestment)';

CREATE TABLE contract_reinvestment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL REFERENCES contract_decommission (contract_id),
  area_code text NOT NULL REFERENCES area (code),
  destination text NOT NULL CONSTRAINT contract_reinvestment_destination_known CHECK (destination IN ('service', 'fund', 'other')),
  to_service_id uuid,
  to_fund_id uuid,
  amount_pence bigint NOT NULL CONSTRAINT contract_reinvestment_amount_positive CHECK (amount_pence > 0),
  prevention boolean NOT NULL DEFAULT false,
  description text NOT NULL DEFAULT '' CONSTRAINT contract_reinvestment_description_length CHECK (length(description) <= 1000),
  CONSTRAINT contract_reinvestment_service_named CHECK ((destination = 'service') = (to_service_id IS NOT NULL)),
  CONSTRAINT contract_reinvestment_fund_named CHECK ((destination = 'fund') = (to_fund_id IS NOT NULL)),
  CONSTRAINT contract_reinvestment_other_described CHECK (destination <> 'other' OR btrim(description) <> ''),
  CONSTRAINT contract_reinvestment_service_fk FOREIGN KEY (to_service_id, area_code) REFERENCES area_service (id, area_code),
  CONSTRAINT contract_reinvestment_fund_fk FOREIGN KEY (to_fund_id, area_code) REFERENCES fund (id, area_code)
);
CREATE INDEX contract_reinvestment_contract_idx ON contract_reinvestment (contract_id);
COMMENT ON TABLE contract_reinvestment IS 'Owner: commissioning. Where money a decommissioning released went: a service, a fund or elsewhere in words, how much, and whether it is prevention and early intervention (004 §8.8)';

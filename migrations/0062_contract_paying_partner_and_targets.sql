-- Issue 17, what was left open (ADR 0038): a contract paid outside any fund names the partner that pays it,
-- so the resource map can count it under that partner (000 §2.48); a contract paid from a fund does not (the
-- fund's contributions and bookings already count it). Targets can be changed, removed while no return has been
-- judged against them, and retired once one has (the returns judged against a retired target keep their judgement).

ALTER TABLE commissioning_contract ADD COLUMN paying_organisation_id uuid REFERENCES organisation (id);
ALTER TABLE commissioning_contract ADD CONSTRAINT commissioning_contract_one_payer CHECK (fund_id IS NULL OR paying_organisation_id IS NULL);
COMMENT ON COLUMN commissioning_contract.paying_organisation_id IS
  'The partner that pays a contract paid outside any fund (required for new ones by the service; null for a contract paid from a fund, and for contracts set up before migration 0062 until it is recorded)';
CREATE INDEX commissioning_contract_payer_idx ON commissioning_contract (paying_organisation_id) WHERE paying_organisation_id IS NOT NULL;

ALTER TABLE contract_target ADD COLUMN retired_at timestamptz;
ALTER TABLE contract_target ADD COLUMN replaces_target_id uuid REFERENCES contract_target (id);
COMMENT ON COLUMN contract_target.retired_at IS
  'When the target stopped applying: removed after a return was judged against it, or changed (its replacement names it). Null while in force';
COMMENT ON COLUMN contract_target.replaces_target_id IS 'The retired target this one replaced when its value was changed after returns were judged against it';

-- A contract has one target in force per indicator and per activity; retired ones are history.
DROP INDEX contract_target_indicator_unique;
DROP INDEX contract_target_label_unique;
CREATE UNIQUE INDEX contract_target_indicator_unique ON contract_target (contract_id, indicator_id) WHERE indicator_id IS NOT NULL AND retired_at IS NULL;
CREATE UNIQUE INDEX contract_target_label_unique ON contract_target (contract_id, lower(label)) WHERE kind = 'activity' AND retired_at IS NULL;

-- Issue 17, the rest of funds (ADR 0033): corrections by reversing entries, and a pool's agreement tied to
-- the board's decision.
--
-- Contributions and bookings stay append-only (ADR 0028): a mistake is corrected by a reversing row that
-- names the row it reverses, carries the reason, and holds the amount negated (the same kind, partner, year,
-- service and day as the original), so every sum of a fund, a partner's line, a statement or the resource map
-- nets it out without knowing of it. A row is reversed at most once, a reversal is never itself reversed, and
-- a reversal never exceeds what it reverses (CHECKs here; the amount against the original in the service).
--
-- A spend's reversal carries the commitment the spend paid (settles_entry_id) so the commitment awaits again
-- what the reversed spend paid. A commitment's reversal releases what it still awaits: readers of what a
-- commitment awaits count a commitment's reversal as released money beside the spending that paid it.

ALTER TABLE fund_contribution
  ADD COLUMN reverses_contribution_id uuid,
  ADD COLUMN reversal_reason text NOT NULL DEFAULT '',
  DROP CONSTRAINT fund_contribution_amount_not_negative,
  ADD CONSTRAINT fund_contribution_reverses_fk FOREIGN KEY (reverses_contribution_id) REFERENCES fund_contribution (id),
  ADD CONSTRAINT fund_contribution_reversal_once UNIQUE (reverses_contribution_id),
  ADD CONSTRAINT fund_contribution_amount_sign CHECK (
    amount_pence IS NULL OR (reverses_contribution_id IS NULL AND amount_pence >= 0) OR (reverses_contribution_id IS NOT NULL AND amount_pence <= 0)),
  ADD CONSTRAINT fund_contribution_reversal_reason CHECK (
    (reverses_contribution_id IS NULL AND reversal_reason = '')
    OR (reverses_contribution_id IS NOT NULL AND btrim(reversal_reason) <> '' AND length(reversal_reason) <= 1000)),
  ADD CONSTRAINT fund_contribution_not_self_reversed CHECK (reverses_contribution_id IS NULL OR reverses_contribution_id <> id);
COMMENT ON COLUMN fund_contribution.reverses_contribution_id IS 'A correction: the contribution this row reverses (its amount negated, or null when that was unvalued in kind); at most one reversal per contribution (ADR 0033)';
COMMENT ON COLUMN fund_contribution.reversal_reason IS 'Why the contribution was reversed; empty for an ordinary contribution';

ALTER TABLE fund_entry
  ADD COLUMN reverses_entry_id uuid,
  ADD COLUMN reversal_reason text NOT NULL DEFAULT '',
  DROP CONSTRAINT fund_entry_amount_positive,
  ADD CONSTRAINT fund_entry_reverses_fk FOREIGN KEY (reverses_entry_id) REFERENCES fund_entry (id),
  ADD CONSTRAINT fund_entry_reversal_once UNIQUE (reverses_entry_id),
  ADD CONSTRAINT fund_entry_amount_sign CHECK (
    (reverses_entry_id IS NULL AND amount_pence > 0) OR (reverses_entry_id IS NOT NULL AND amount_pence < 0)),
  ADD CONSTRAINT fund_entry_reversal_reason CHECK (
    (reverses_entry_id IS NULL AND reversal_reason = '')
    OR (reverses_entry_id IS NOT NULL AND btrim(reversal_reason) <> '' AND length(reversal_reason) <= 1000)),
  ADD CONSTRAINT fund_entry_not_self_reversed CHECK (reverses_entry_id IS NULL OR reverses_entry_id <> id);
COMMENT ON COLUMN fund_entry.reverses_entry_id IS 'A correction: the commitment or spend this row reverses, with its amount negated; at most one reversal per entry (ADR 0033)';
COMMENT ON COLUMN fund_entry.reversal_reason IS 'Why the entry was reversed; empty for an ordinary booking';

-- A reversal is never reversed: the row a reversal names must itself be an ordinary row. Checked by trigger
-- because a CHECK cannot read another row.
CREATE FUNCTION fund_entry_reversal_of_original() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.reverses_entry_id IS NOT NULL AND EXISTS (SELECT 1 FROM fund_entry WHERE id = NEW.reverses_entry_id AND reverses_entry_id IS NOT NULL) THEN
    RAISE EXCEPTION 'a reversal is not reversed' USING ERRCODE = 'check_violation', CONSTRAINT = 'fund_entry_reversal_of_original';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_entry_reversal_of_original BEFORE INSERT ON fund_entry FOR EACH ROW EXECUTE FUNCTION fund_entry_reversal_of_original();

CREATE FUNCTION fund_contribution_reversal_of_original() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.reverses_contribution_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM fund_contribution WHERE id = NEW.reverses_contribution_id AND reverses_contribution_id IS NOT NULL) THEN
    RAISE EXCEPTION 'a reversal is not reversed' USING ERRCODE = 'check_violation', CONSTRAINT = 'fund_contribution_reversal_of_original';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_contribution_reversal_of_original BEFORE INSERT ON fund_contribution FOR EACH ROW EXECUTE FUNCTION fund_contribution_reversal_of_original();

-- A pool's agreement is agreed by the board: the version names the decision (taken through governance) that
-- agreed it. Versions agreed before this change name none.
ALTER TABLE fund_agreement ADD COLUMN decision_id uuid REFERENCES governance_decision (id);
CREATE INDEX fund_agreement_decision_idx ON fund_agreement (decision_id);
COMMENT ON COLUMN fund_agreement.decision_id IS 'The board decision (governance_decision, taken through governance) that agreed this version; the decision''s record, its declared interests and withdrawals stay governance''s';

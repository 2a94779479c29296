-- Issue 17, item 4: a pooled fund's formal agreement (000 §2.47-2.52; Children Act 2004 s10(6)-(7)). Its
-- purpose and scope (the area's services it may pay for) are agreed at the outset (000 §2.49), with its term,
-- exit terms and governance; a variation is a new version, proposed then agreed, and the versions before stay
-- readable. A fund whose scope takes in a youth offending service is agreed only once the head of the youth
-- offending service's approval is recorded (000 §2.51). ADR 0028.

CREATE TABLE fund_agreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fund_id uuid NOT NULL,
  area_code text NOT NULL,
  version integer NOT NULL CONSTRAINT fund_agreement_version_positive CHECK (version > 0),
  purpose text NOT NULL CONSTRAINT fund_agreement_purpose_shape CHECK (btrim(purpose) <> '' AND length(purpose) <= 4000),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  exit_terms text NOT NULL CONSTRAINT fund_agreement_exit_terms_shape CHECK (btrim(exit_terms) <> '' AND length(exit_terms) <= 4000),
  governance text NOT NULL CONSTRAINT fund_agreement_governance_shape CHECK (btrim(governance) <> '' AND length(governance) <= 4000),
  variation_reason text NOT NULL DEFAULT '' CONSTRAINT fund_agreement_variation_reason_length CHECK (length(variation_reason) <= 2000),
  proposed_by uuid NOT NULL REFERENCES app_user (id),
  proposed_at timestamptz NOT NULL,
  agreed_on date,
  agreed_by uuid REFERENCES app_user (id),
  agreed_at timestamptz,
  yot_approver_name text CONSTRAINT fund_agreement_yot_approver_name_length CHECK (length(yot_approver_name) <= 200),
  yot_approver_title text CONSTRAINT fund_agreement_yot_approver_title_length CHECK (length(yot_approver_title) <= 200),
  yot_organisation_id uuid REFERENCES organisation (id),
  yot_approved_on date,
  yot_recorded_by uuid REFERENCES app_user (id),
  yot_recorded_at timestamptz,
  CONSTRAINT fund_agreement_id_area_unique UNIQUE (id, area_code),
  CONSTRAINT fund_agreement_version_unique UNIQUE (fund_id, version),
  CONSTRAINT fund_agreement_fund_fk FOREIGN KEY (fund_id, area_code) REFERENCES fund (id, area_code),
  CONSTRAINT fund_agreement_term_in_order CHECK (ends_on >= starts_on),
  -- A variation says why (the first version is the agreement itself).
  CONSTRAINT fund_agreement_variation_has_reason CHECK (version = 1 OR btrim(variation_reason) <> ''),
  CONSTRAINT fund_agreement_agreed_whole CHECK ((agreed_on IS NULL) = (agreed_by IS NULL) AND (agreed_on IS NULL) = (agreed_at IS NULL)),
  CONSTRAINT fund_agreement_yot_whole CHECK (
    (yot_approved_on IS NULL) = (yot_approver_name IS NULL) AND (yot_approved_on IS NULL) = (yot_organisation_id IS NULL)
    AND (yot_approved_on IS NULL) = (yot_recorded_by IS NULL) AND (yot_approved_on IS NULL) = (yot_recorded_at IS NULL))
);
-- One version at a time waits to be agreed.
CREATE UNIQUE INDEX fund_agreement_one_proposed ON fund_agreement (fund_id) WHERE agreed_on IS NULL;
COMMENT ON TABLE fund_agreement IS 'Owner: commissioning. The versions of a fund''s formal agreement: purpose, term, exit terms, governance; the latest agreed version is in force and the others stay readable';
COMMENT ON COLUMN fund_agreement.agreed_on IS 'The day the partners agreed this version; null while it is proposed';
COMMENT ON COLUMN fund_agreement.yot_approver_name IS 'The head of the youth offending service who approved pooling for youth offending services (000 §2.51)';
COMMENT ON COLUMN fund_agreement.yot_organisation_id IS 'The youth offending service partner whose head approved';

CREATE TABLE fund_agreement_service (
  agreement_id uuid NOT NULL,
  area_code text NOT NULL,
  service_id uuid NOT NULL,
  PRIMARY KEY (agreement_id, service_id),
  CONSTRAINT fund_agreement_service_agreement_fk FOREIGN KEY (agreement_id, area_code) REFERENCES fund_agreement (id, area_code) ON DELETE CASCADE,
  CONSTRAINT fund_agreement_service_service_fk FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code)
);
CREATE INDEX fund_agreement_service_service_idx ON fund_agreement_service (service_id);
COMMENT ON TABLE fund_agreement_service IS 'Owner: commissioning. A version''s scope: the services of the directory the fund may pay for (000 §2.49), whatever each partner put in';

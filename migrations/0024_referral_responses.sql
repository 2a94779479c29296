-- Social care's response to a referral (issue 14): besides accepting and returning it, no further
-- action, signposting to universal services or early help, stepping down to early help with a
-- named lead, a strategy discussion on a date, and allocation to a named worker. Each outcome holds
-- what it needs, so a row can never say "allocated" without saying to whom.
ALTER TABLE referral DROP CONSTRAINT referral_decision_known;
ALTER TABLE referral ADD CONSTRAINT referral_decision_known CHECK (decision IN (
  'accepted', 'allocated', 'strategy_discussion', 'stepped_down', 'signposted', 'no_further_action', 'returned'));

ALTER TABLE referral
  ADD COLUMN allocated_to uuid REFERENCES app_user (id),
  ADD COLUMN named_lead_id uuid REFERENCES app_user (id),
  ADD COLUMN signposted_to text CONSTRAINT referral_signposted_to_known CHECK (signposted_to IN ('universal services', 'early help')),
  ADD COLUMN strategy_discussion_on date;

COMMENT ON COLUMN referral.allocated_to IS 'The receiving service''s worker the child is allocated to (on acceptance, or the allocation outcome): involved with the child from then';
COMMENT ON COLUMN referral.named_lead_id IS 'On a step down to early help: the practitioner named to lead it';
COMMENT ON COLUMN referral.signposted_to IS 'On signposting: universal services or early help';
COMMENT ON COLUMN referral.strategy_discussion_on IS 'On a strategy discussion: the date it is, or was, held';

ALTER TABLE referral
  ADD CONSTRAINT referral_allocated_has_worker CHECK (decision IS DISTINCT FROM 'allocated' OR allocated_to IS NOT NULL),
  ADD CONSTRAINT referral_stepped_down_has_lead CHECK (decision IS DISTINCT FROM 'stepped_down' OR named_lead_id IS NOT NULL),
  ADD CONSTRAINT referral_signposted_has_where CHECK (decision IS DISTINCT FROM 'signposted' OR signposted_to IS NOT NULL),
  ADD CONSTRAINT referral_strategy_discussion_has_date CHECK (decision IS DISTINCT FROM 'strategy_discussion' OR strategy_discussion_on IS NOT NULL),
  ADD CONSTRAINT referral_no_further_action_has_reason CHECK (decision IS DISTINCT FROM 'no_further_action' OR btrim(decision_reason) <> '');

-- Issue 14, families and siblings (004 para 198: three common assessments on one family). Children are
-- linked into a household two at a time, each link saying how the two are related; a household is the
-- set of children joined by links in force. Unlinking ends a link (kept, with who ended it and when), so
-- the history of a family's links stays beside the audit trail's account of it.
CREATE TABLE household_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  child_id uuid NOT NULL REFERENCES child (id),
  other_child_id uuid NOT NULL REFERENCES child (id),
  relationship text NOT NULL
    CONSTRAINT household_link_relationship_known CHECK (relationship IN ('sibling', 'half-sibling', 'step-sibling', 'other household member')),
  linked_by uuid NOT NULL REFERENCES app_user (id),
  linked_at timestamptz NOT NULL,
  unlinked_by uuid REFERENCES app_user (id),
  unlinked_at timestamptz,
  -- One row per pair, whichever of the two was linked to the other: the smaller id first.
  CONSTRAINT household_link_pair_ordered CHECK (child_id < other_child_id),
  CONSTRAINT household_link_unlinked_whole CHECK ((unlinked_by IS NULL) = (unlinked_at IS NULL))
);
CREATE UNIQUE INDEX household_link_one_in_force ON household_link (child_id, other_child_id) WHERE unlinked_at IS NULL;
CREATE INDEX household_link_other_idx ON household_link (other_child_id) WHERE unlinked_at IS NULL;
COMMENT ON TABLE household_link IS 'Owner: children. Two children of one household (a family) and how they are related; a household is the children joined by links in force';
COMMENT ON COLUMN household_link.child_id IS 'The smaller of the two ids (household_link_pair_ordered), whichever child the link was made from';
COMMENT ON COLUMN household_link.unlinked_at IS 'When the link was ended; null while it is in force';

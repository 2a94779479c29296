-- When and by whom a member was added to a team around the child. The chronology took both from the
-- member's involvement, but since issue 14 a practitioner already involved with the child (whoever
-- added the child to the index) keeps that involvement on joining a team: its time is when the child
-- was added, not when they joined. Rows before this migration take the later of the involvement's
-- creation and the assessment's start, and the involvement's creator.
ALTER TABLE team_member ADD COLUMN added_at timestamptz, ADD COLUMN added_by uuid REFERENCES app_user (id);
UPDATE team_member tm
   SET added_at = GREATEST(i.created_at, ca.started_at), added_by = i.created_by
  FROM involvement i, common_assessment ca
 WHERE i.id = tm.involvement_id AND ca.id = tm.assessment_id;
ALTER TABLE team_member ALTER COLUMN added_at SET NOT NULL;
COMMENT ON COLUMN team_member.added_at IS 'When the member was added to the team (the clock''s time); joined_on is the day they joined, as recorded';
COMMENT ON COLUMN team_member.added_by IS 'Who added the member to the team';

-- The child import writes a batch beside the batch before it (issue 19, ADR 0049). Both added the
-- names in use (child_name_term, migration 0007) as they inserted their children's names, and a name
-- new to the area that both brought made the later batch wait for the earlier one's commit, or the
-- earlier for the later's while the later waited its turn to commit: a deadlock, found only after a
-- second.
--
-- An import's batch now says, for its own transaction, that it adds its names' terms itself
-- (ctp.child_name_terms = 'later'): the trigger notes them in the batch's own temporary table
-- (import_name_term), and the batch adds them once the batch before it has committed (finishBatch,
-- children/import/repository.ts), so a batch never holds a term another of the same import waits
-- for. Every other writer keeps the trigger as it was.
CREATE OR REPLACE FUNCTION child_name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ctp.child_name_terms', true) = 'later' THEN
    INSERT INTO pg_temp.import_name_term (area_code, part, words, sound)
    SELECT DISTINCT area_code, 'family', family_words, family_sound FROM written_names WHERE family_words <> ''
    UNION
    SELECT DISTINCT area_code, 'given', given_words, '' FROM written_names WHERE given_words <> '';
  ELSE
    INSERT INTO child_name_term (area_code, part, words, sound)
    SELECT DISTINCT area_code, 'family', family_words, family_sound FROM written_names WHERE family_words <> ''
    UNION
    SELECT DISTINCT area_code, 'given', given_words, '' FROM written_names WHERE given_words <> ''
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

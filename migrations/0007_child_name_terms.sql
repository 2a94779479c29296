-- Name search without a date of birth (issue 3), by way of the names in use rather than every child.
--
-- An area's children share far fewer names than there are children (a million children, a few tens
-- of thousands of family names). A fuzzy search first finds the family and given names alike to those
-- typed, in this small list (its own trigram index), then the children holding one of those family
-- names with one of those given names, by plain B-tree lookups. The trigram index over every child's
-- names that this replaces read posting lists of hundreds of thousands of children for a common
-- trigram ("son"), and was the costliest index to keep up during a bulk import.

CREATE TABLE child_name_term (
  area_code text NOT NULL REFERENCES area (code),
  part text NOT NULL CONSTRAINT child_name_term_part_known CHECK (part IN ('family', 'given')),
  words text NOT NULL,
  sound text NOT NULL DEFAULT '',
  PRIMARY KEY (area_code, part, words, sound)
);
CREATE INDEX child_name_term_words_trgm_idx ON child_name_term USING gin (words gin_trgm_ops);
CREATE INDEX child_name_term_sound_idx ON child_name_term (area_code, part, sound);
COMMENT ON TABLE child_name_term IS 'Every family name (with its Double Metaphone code) and given name in use in an area, as child_name holds them: what a fuzzy name search looks through first';
COMMENT ON COLUMN child_name_term.words IS 'child_name.family_words or child_name.given_words';
COMMENT ON COLUMN child_name_term.sound IS 'child_name.family_sound for a family name; empty for a given name';

-- Kept up by the database, a statement at a time, whoever writes the names. A term no longer used
-- (a name removed) stays: the search then finds no child through it, which costs nothing.
CREATE FUNCTION child_name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO child_name_term (area_code, part, words, sound)
  SELECT DISTINCT area_code, 'family', family_words, family_sound FROM written_names WHERE family_words <> ''
  UNION
  SELECT DISTINCT area_code, 'given', given_words, '' FROM written_names WHERE given_words <> ''
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER child_name_terms_on_insert AFTER INSERT ON child_name
  REFERENCING NEW TABLE AS written_names FOR EACH STATEMENT EXECUTE FUNCTION child_name_terms_add();
CREATE TRIGGER child_name_terms_on_update AFTER UPDATE ON child_name
  REFERENCING NEW TABLE AS written_names FOR EACH STATEMENT EXECUTE FUNCTION child_name_terms_add();

INSERT INTO child_name_term (area_code, part, words, sound)
SELECT DISTINCT area_code, 'family', family_words, family_sound FROM child_name WHERE family_words <> ''
UNION
SELECT DISTINCT area_code, 'given', given_words, '' FROM child_name WHERE given_words <> '';

-- The children with a family name and given name found in the list.
CREATE INDEX child_name_words_idx ON child_name (area_code, family_words, given_words);
DROP INDEX child_name_words_trgm_idx;
DROP INDEX child_name_family_sound_idx;

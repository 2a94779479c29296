-- The child index at a million children (issue 3): cheaper writes per imported child, same rules.

-- Time-ordered ids (the layout of UUID version 7: milliseconds since 1970, then random bits). New rows
-- land at the right-hand end of each id index instead of on a random page of it, so a bulk import
-- touches a few hot pages rather than the whole index (and writes far fewer full pages to the WAL).
CREATE FUNCTION time_ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
           PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
         52, 1), 53, 1), 'hex')::uuid
$$;
COMMENT ON FUNCTION time_ordered_uuid() IS 'A UUID version 7: 48 bits of Unix time in milliseconds, then 74 random bits. Reveals when a row was made, as created_at does.';
ALTER TABLE child ALTER COLUMN id SET DEFAULT time_ordered_uuid();
ALTER TABLE child_name ALTER COLUMN id SET DEFAULT time_ordered_uuid();
ALTER TABLE carer ALTER COLUMN id SET DEFAULT time_ordered_uuid();
ALTER TABLE child_source_record ALTER COLUMN id SET DEFAULT time_ordered_uuid();

-- A child's names, carers and source records belong to the child's own area. One foreign key on
-- (child_id, area_code) says so, where two (child_id; area_code) did not, and costs one check per
-- inserted row instead of two.
CREATE UNIQUE INDEX child_id_area_unique ON child (id, area_code);
ALTER TABLE child_name ADD CONSTRAINT child_name_child_in_area FOREIGN KEY (child_id, area_code) REFERENCES child (id, area_code);
ALTER TABLE child_name DROP CONSTRAINT child_name_child_id_fkey, DROP CONSTRAINT child_name_area_code_fkey;
ALTER TABLE carer ADD CONSTRAINT carer_child_in_area FOREIGN KEY (child_id, area_code) REFERENCES child (id, area_code);
ALTER TABLE carer DROP CONSTRAINT carer_child_id_fkey, DROP CONSTRAINT carer_area_code_fkey;
ALTER TABLE child_source_record ADD CONSTRAINT child_source_record_child_in_area
  FOREIGN KEY (child_id, area_code) REFERENCES child (id, area_code);
ALTER TABLE child_source_record DROP CONSTRAINT child_source_record_child_id_fkey, DROP CONSTRAINT child_source_record_area_code_fkey;

-- Identifier lookups of active records use the unique indexes; only merged records, a handful,
-- need their own index (which a new child never touches).
DROP INDEX child_nhs_number_idx;
DROP INDEX child_upn_idx;
CREATE INDEX child_nhs_number_merged_idx ON child (area_code, nhs_number) WHERE nhs_number IS NOT NULL AND merged_into_id IS NOT NULL;
CREATE INDEX child_upn_merged_idx ON child (area_code, upn) WHERE upn IS NOT NULL AND merged_into_id IS NOT NULL;

-- Name search without a date of birth narrows by family name and given name together inside one
-- index (a multicolumn GIN index ANDs the two before reading any row), where the family name's own
-- index found every child with a similar family name, then read each to check the given name. The
-- one index serves searches by family name alone just as well.
CREATE INDEX child_name_words_trgm_idx ON child_name USING gin (family_words gin_trgm_ops, given_words gin_trgm_ops);
DROP INDEX child_name_family_trgm_idx;
COMMENT ON COLUMN child_name.given_words IS 'Lower case, punctuation turned into spaces, as family_words';

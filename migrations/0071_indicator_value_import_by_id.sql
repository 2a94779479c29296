-- Issue 15, speed of big imports (ADR 0051): every index of indicator_value is paid for by every value an
-- import writes. indicator_value_import_line_idx (import_id, import_line) found an import's values by the lines
-- of its file, for applying a batch, cleaning up after publishing and removing an import never applied. The
-- values of one import are written after its record, so their surrogate ids (the primary key, numbered as
-- they are written) all come after the highest id when the import was recorded: an import's values are
-- found from that id up, by the primary key, which every value pays for anyway. Measured on the embedded
-- engine, a 640,000-value import took 36.2-36.7 s without the index against 39.3-41.7 s with it.
ALTER TABLE indicator_import ADD COLUMN first_value_id bigint;
COMMENT ON COLUMN indicator_import.first_value_id IS 'No value of this import has a lower indicator_value.id: its values are found from here up by the primary key (ADR 0051); null for an import recorded before, whose values are looked for from the first id';
DROP INDEX indicator_value_import_line_idx;

-- The other side of the references (migration 0056), the import's values looked for from its first id up:
-- without the index on import_id, removing or changing an import's record would read the whole table.
CREATE OR REPLACE FUNCTION indicator_value_referenced_stays() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  named text;
BEGIN
  IF TG_TABLE_NAME = 'indicator' THEN
    SELECT o.id::text INTO named FROM old_rows o
     WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.id = o.id)
       AND EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = o.id) LIMIT 1;
  ELSE
    SELECT o.id::text INTO named FROM old_rows o
     WHERE NOT EXISTS (SELECT 1 FROM indicator_import i WHERE i.id = o.id)
       AND EXISTS (SELECT 1 FROM indicator_value v WHERE v.id >= coalesce(o.first_value_id, 0) AND v.import_id = o.id) LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "%" removes a row that indicator_value names', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = format('indicator_value_%s_exists', CASE TG_TABLE_NAME WHEN 'indicator' THEN 'indicator' ELSE 'import' END),
            DETAIL = format('Key (id)=(%s) is still referenced from table "indicator_value".', named);
  END IF;
  RETURN NULL;
END
$$;

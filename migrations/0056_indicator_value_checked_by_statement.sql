-- Issue 15, speed of big imports (ADR 0031): a foreign key checks each row on its own (a trigger
-- per row, an index probe and a row lock each), which was about a quarter of the cost of every
-- value an import writes. indicator_value's two references (its indicator, its import) are checked
-- instead once per statement, set-based, over the statement's rows (a transition table): the
-- distinct indicators and imports a COPY of thousands of values names are a few hundred at most.
-- Every writer is checked, the import's COPY, its careful road and any SQL alike; the rows referred
-- to are locked as a foreign key locks them (FOR KEY SHARE), so they cannot go before this commits;
-- deleting or renumbering a referenced indicator or import is refused while a value names it.
ALTER TABLE indicator_value DROP CONSTRAINT indicator_value_indicator_id_fkey,
  DROP CONSTRAINT indicator_value_import_id_fkey;

CREATE FUNCTION indicator_value_references_exist() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  missing text;
BEGIN
  PERFORM 1 FROM indicator WHERE id IN (SELECT indicator_id FROM new_values) ORDER BY id FOR KEY SHARE;
  PERFORM 1 FROM indicator_import WHERE id IN (SELECT import_id FROM new_values) ORDER BY id FOR KEY SHARE;
  SELECT n.indicator_id::text INTO missing FROM (SELECT DISTINCT indicator_id FROM new_values) n
   WHERE NOT EXISTS (SELECT 1 FROM indicator i WHERE i.id = n.indicator_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "indicator_value" names an indicator that does not exist'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'indicator_value_indicator_exists',
            DETAIL = format('Key (indicator_id)=(%s) is not present in table "indicator".', missing);
  END IF;
  SELECT n.import_id::text INTO missing FROM (SELECT DISTINCT import_id FROM new_values WHERE import_id IS NOT NULL) n
   WHERE NOT EXISTS (SELECT 1 FROM indicator_import i WHERE i.id = n.import_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "indicator_value" names an import that does not exist'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'indicator_value_import_exists',
            DETAIL = format('Key (import_id)=(%s) is not present in table "indicator_import".', missing);
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION indicator_value_references_exist() IS 'indicator_value''s references (indicator, import), checked once per statement over its rows instead of a foreign key per row (ADR 0031)';
CREATE TRIGGER indicator_value_references_on_insert AFTER INSERT ON indicator_value
  REFERENCING NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_references_exist();
CREATE TRIGGER indicator_value_references_on_update AFTER UPDATE ON indicator_value
  REFERENCING NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_references_exist();

-- The other side of the two references: an indicator or an import that a value names stays (as
-- ON DELETE NO ACTION did). Deletes and key changes of these are rare and small (an import's record
-- is removed after its values); each statement is one anti-join over the rows it removed.
CREATE FUNCTION indicator_value_referenced_stays() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
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
       AND EXISTS (SELECT 1 FROM indicator_value v WHERE v.import_id = o.id) LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'update or delete on table "%" removes a row that indicator_value names', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = format('indicator_value_%s_exists', CASE TG_TABLE_NAME WHEN 'indicator' THEN 'indicator' ELSE 'import' END),
            DETAIL = format('Key (id)=(%s) is still referenced from table "indicator_value".', named);
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION indicator_value_referenced_stays() IS 'An indicator or import that indicator_value names cannot be deleted or renumbered (ADR 0031: the other side of the statement-level reference check)';
CREATE TRIGGER indicator_value_names_indicator_on_delete AFTER DELETE ON indicator
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_referenced_stays();
CREATE TRIGGER indicator_value_names_indicator_on_update AFTER UPDATE ON indicator
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_referenced_stays();
CREATE TRIGGER indicator_value_names_import_on_delete AFTER DELETE ON indicator_import
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_referenced_stays();
CREATE TRIGGER indicator_value_names_import_on_update AFTER UPDATE ON indicator_import
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_value_referenced_stays();

-- A backup restores tables in the order of their references (platform/backup.ts): it reads a
-- reference kept by a trigger from the trigger's comment, as it reads a foreign key from the catalogue.
COMMENT ON TRIGGER indicator_value_references_on_insert ON indicator_value IS 'References: indicator, indicator_import. Checked once per statement (ADR 0031)';

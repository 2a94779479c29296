-- Issue 15 item 5: the demo's invented figures never sit under a real area's code. The demo has its
-- own places (its area, invented neighbours and "England (demo)"), marked here and kept to codes no
-- real authority has or will have, so a real page never shows an invented value beside real ones.
-- Only ALTERs and a repair: nothing here depends on how other migrations shaped reference_area.

ALTER TABLE reference_area ADD COLUMN is_demo boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN reference_area.is_demo IS 'An invented place of the demo (its area, its neighbours, England (demo)): its values are invented, are compared only with other demo places, and are removed for an indicator when real values of it are imported';

-- Demo codes are reserved: E10000090-E10000099 (county numbers never reached: counties are only
-- abolished now), E06000990-E06000999 (unitaries are numbered from 1 and stand in the sixties) and
-- E92999999 (E92 names the one country England, E92000001). A real row may not take one of them.
ALTER TABLE reference_area ADD CONSTRAINT reference_area_demo_code_reserved
  CHECK (is_demo = (code ~ '^(E1000009[0-9]|E0600099[0-9]|E92999999)$'));

-- The demo loaded before this release wrote invented values under real codes (ten real shire
-- authorities and England, E92000001): they go. Only values still held from the demo's own import
-- are removed; a value a real import replaced since belongs to that import and stays.
DELETE FROM indicator_value v
 USING indicator_import i
 WHERE v.import_id = i.id
   AND i.file_name = 'demo-outcomes.csv'
   AND i.area_code = 'E10000099'
   AND i.actor_user_id IS NULL
   AND v.area_code <> 'E10000099';
-- Its comparators were those real authorities; the demo sets its invented ones when next loaded.
DELETE FROM comparator c
 WHERE c.area_code = 'E10000099'
   AND EXISTS (SELECT 1 FROM area a WHERE a.code = 'E10000099' AND a.name = 'Kestrelshire');

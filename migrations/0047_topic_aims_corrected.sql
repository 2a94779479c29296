-- The default mapping of LAIT's topics to aims (0037) was guessed; three pairs plainly contradict the
-- aims' own words (domain.md §1, the aims of migration 0005):
--   Finance -> achieve-economic-wellbeing.4 ("have access to transport and material goods"): LAIT's
--     Finance measures are the authority's spending (Section 251 outturn, the weekly cost of a looked
--     after child), not children's material goods; they evidence no aim, so the topic maps to none.
--   Youth justice -> stay-safe.4 ("[safe from] crime and anti-social behaviour"): youth justice measures
--     count children's offending (first-time entrants, reoffending), which is
--     make-a-positive-contribution.2 ("law-abiding and positive behaviour"), kept; not their safety.
--   Special educational needs -> be-healthy.1 ("are physically healthy"): special educational needs
--     are a group of children (domain.md §1), not a health aim; enjoy-and-achieve.2 is kept.
-- Only a topic whose mapping is still 0037's default is corrected: a planner's own choice stays. Its
-- national indicators lose the wrong aim too (their aims follow the topic, catalogue/service.ts).
WITH correction (topic, default_aims, wrong_aim) AS (
  VALUES ('Finance', ARRAY['achieve-economic-wellbeing.4'], 'achieve-economic-wellbeing.4'),
         ('Youth justice', ARRAY['make-a-positive-contribution.2', 'stay-safe.4'], 'stay-safe.4'),
         ('Special educational needs', ARRAY['be-healthy.1', 'enjoy-and-achieve.2'], 'be-healthy.1')
), still_default AS (
  SELECT c.topic, c.wrong_aim FROM correction c
   WHERE (SELECT array_agg(t.aim_code ORDER BY t.aim_code COLLATE "C") FROM indicator_topic_aim t
           WHERE lower(t.topic) = lower(c.topic)) = c.default_aims
), indicators_corrected AS (
  DELETE FROM indicator_aim ia USING indicator i, still_default d
   WHERE ia.indicator_id = i.id AND i.area_code IS NULL AND lower(i.topic) = lower(d.topic) AND ia.aim_code = d.wrong_aim
  RETURNING ia.indicator_id
)
DELETE FROM indicator_topic_aim t USING still_default d
 WHERE lower(t.topic) = lower(d.topic) AND t.aim_code = d.wrong_aim;

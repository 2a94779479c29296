-- Issue 14, bug 7: one service, one name. Services were typed as free text, so "Health visiting" and
-- " health visiting" were counted apart in the board's counts and the caseload. Each area now keeps a
-- list of its services (the directory the commissioning work will grow from, issue 17); involvements,
-- an assessment's assessor service and a referral's receiving service point at it. The list starts
-- from the names already recorded, one per name once trimmed, spaces collapsed and case-folded.
CREATE TABLE area_service (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  name text NOT NULL CONSTRAINT area_service_name_shape CHECK (name = btrim(name) AND name <> '' AND length(name) <= 200),
  name_key text GENERATED ALWAYS AS (lower(regexp_replace(name, '\s+', ' ', 'g'))) STORED,
  organisation_id uuid REFERENCES organisation (id),
  sensitive boolean NOT NULL DEFAULT false,
  contact_email text NOT NULL DEFAULT '' CONSTRAINT area_service_contact_email_length CHECK (length(contact_email) <= 254),
  closed_from date,
  created_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL,
  CONSTRAINT area_service_name_unique UNIQUE (area_code, name_key),
  CONSTRAINT area_service_id_area_unique UNIQUE (id, area_code)
);
COMMENT ON TABLE area_service IS 'Owner: directory. The services of an area, chosen from a list wherever a record names one (involvements, assessments, referrals); closed, never deleted, once in use';
COMMENT ON COLUMN area_service.name_key IS 'The name trimmed, its spaces collapsed and case-folded: two services of an area never share it';
COMMENT ON COLUMN area_service.organisation_id IS 'The partner organisation that provides the service, when one does';
COMMENT ON COLUMN area_service.sensitive IS 'A sensitive service (e.g. sexual health): an involvement recorded with it is sensitive, so people outside it see only whom to contact';
COMMENT ON COLUMN area_service.closed_from IS 'From this day the service is no longer offered on forms; records made before still name it';

-- The names as recorded: the most used spelling of each name becomes the service's name; the partner
-- that provides it when every record names the same one; sensitive when every involvement with it was.
-- The words recorded as the service of whoever added a child before this list existed ('Added the child to the index') name no service.
INSERT INTO area_service (area_code, name, organisation_id, sensitive, created_at, changed_at)
WITH recorded AS (
  SELECT area_code, regexp_replace(btrim(service), '\s+', ' ', 'g') AS name, organisation_id, sensitive, true AS is_involvement, created_at AS at
    FROM involvement WHERE service <> 'Added the child to the index'
  UNION ALL
  SELECT area_code, regexp_replace(btrim(assessor_service), '\s+', ' ', 'g'), assessor_organisation_id, false, false, started_at
    FROM common_assessment
  UNION ALL
  SELECT area_code, regexp_replace(btrim(to_service), '\s+', ' ', 'g'), to_organisation_id, false, false, sent_at
    FROM referral
), spelled AS (
  SELECT area_code, lower(name) AS key, name, count(*) AS uses FROM recorded WHERE name <> '' GROUP BY area_code, lower(name), name
), chosen AS (
  SELECT DISTINCT ON (area_code, key) area_code, key, name FROM spelled ORDER BY area_code, key, uses DESC, name
), grouped AS (
  SELECT area_code, lower(name) AS key,
         CASE WHEN count(DISTINCT organisation_id) = 1
              THEN (array_agg(organisation_id) FILTER (WHERE organisation_id IS NOT NULL))[1] END AS organisation_id,
         coalesce(bool_and(sensitive) FILTER (WHERE is_involvement), false) AS sensitive,
         min(at) AS first_at
    FROM recorded WHERE name <> '' GROUP BY area_code, lower(name)
)
SELECT c.area_code, c.name, g.organisation_id, g.sensitive, g.first_at, g.first_at
  FROM chosen c JOIN grouped g ON g.area_code = c.area_code AND g.key = c.key;

ALTER TABLE involvement ADD COLUMN service_id uuid;
ALTER TABLE common_assessment ADD COLUMN assessor_service_id uuid;
ALTER TABLE referral ADD COLUMN to_service_id uuid;

UPDATE involvement i SET service_id = s.id, service = s.name
  FROM area_service s
 WHERE s.area_code = i.area_code AND s.name_key = lower(regexp_replace(btrim(i.service), '\s+', ' ', 'g'))
   AND i.service <> 'Added the child to the index';
UPDATE common_assessment a SET assessor_service_id = s.id, assessor_service = s.name
  FROM area_service s
 WHERE s.area_code = a.area_code AND s.name_key = lower(regexp_replace(btrim(a.assessor_service), '\s+', ' ', 'g'));
UPDATE referral r SET to_service_id = s.id, to_service = s.name
  FROM area_service s
 WHERE s.area_code = r.area_code AND s.name_key = lower(regexp_replace(btrim(r.to_service), '\s+', ' ', 'g'));

-- A record names a service of its own area (the pair is the key, so an area's record cannot point at another's).
ALTER TABLE involvement ADD CONSTRAINT involvement_service_of_area
  FOREIGN KEY (service_id, area_code) REFERENCES area_service (id, area_code);
ALTER TABLE common_assessment ADD CONSTRAINT common_assessment_service_of_area
  FOREIGN KEY (assessor_service_id, area_code) REFERENCES area_service (id, area_code);
ALTER TABLE referral ADD CONSTRAINT referral_service_of_area
  FOREIGN KEY (to_service_id, area_code) REFERENCES area_service (id, area_code);
ALTER TABLE referral ALTER COLUMN to_service_id SET NOT NULL;
CREATE INDEX involvement_service_idx ON involvement (service_id) WHERE service_id IS NOT NULL;

COMMENT ON COLUMN involvement.service_id IS 'The service of the area''s list; NULL only for the involvement of whoever added the child when their job title is no service of the list (service then says what they did)';
COMMENT ON COLUMN involvement.service IS 'The service''s name when recorded; pages show the list''s current name';
COMMENT ON COLUMN common_assessment.assessor_service_id IS 'The assessor''s service from the area''s list; NULL only for an assessment brought from another area whose service this area does not list';
COMMENT ON COLUMN referral.to_service_id IS 'The receiving service, from the area''s list';

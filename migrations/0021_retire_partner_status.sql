-- Retire organisation.partner_status and organisation.statutory_basis (migration 0001). Migration 0014
-- brought in the duty that brings each partner in (duty_code, with statutory_duty's kind and dates) and
-- the reason a body is included (inclusion_reason), and the old columns were kept written only so that
-- existing readers kept working. A partner's status is never stored now: it is derived from the kind of
-- its duty and whether that duty stood on the day shown (000 §1.16, §2.60 note 10).
--
-- organisation.coverage stays. coverage_kind says whether a partner covers the whole area, some of its
-- districts (listed in organisation_district) or beyond the area; coverage is the only place that names
-- the area beyond (a force area, a region), so nothing else holds what it holds.
--
-- What only the old columns held is copied first. 0014 gave the lead authority its duty (s10(1)) and
-- copied statutory_basis into inclusion_reason for every other row it found, but:
--   * a body registered as a relevant partner came through with no duty, so it was shown as another
--     partner from then on, and the status it was registered with was held only in partner_status;
--   * the lead authority's statutory_basis, if any was written, was not copied.
-- Rows written by the product since 0014 hold nothing new in either column (partner_status came from the
-- duty's kind and statutory_basis was the duty's provision or the inclusion reason), so this touches
-- only rows from before 0014 or written by hand.

-- 1. The duty a pre-0014 partner was registered under, where its status and sector name exactly one:
--    the lead authority s10(1), and a relevant partner the one paragraph of s10(4) its sector has (a
--    district council only in a county). A school may be under (fa), (fb) or (fc), so it is left for the
--    area to choose, and step 2 keeps what it was registered as. 0014's placeholder reason is replaced by
--    one that says where the duty came from.
UPDATE organisation o
   SET duty_code = m.duty_code,
       inclusion_reason = CASE
         WHEN o.inclusion_reason = 'Recorded before duties were kept (migration 0013)'
           THEN 'Registered as a ' || o.partner_status || ' before duties were kept; the duty is the one that status and its sector name (migration 0021)'
         ELSE o.inclusion_reason END
  FROM (VALUES
          ('lead authority', NULL, 's10-1'),
          ('relevant partner', 'district council', 's10-4-a'),
          ('relevant partner', 'police', 's10-4-b'),
          ('relevant partner', 'probation', 's10-4-c'),
          ('relevant partner', 'youth offending', 's10-4-d'),
          ('relevant partner', 'health', 's10-4-e'),
          ('relevant partner', 'connexions', 's10-4-f'),
          ('relevant partner', 'learning and skills', 's10-4-g'),
          ('relevant partner', 'employment', 's10-4-fe'),
          ('relevant partner', 'college', 's10-4-fd')
       ) AS m (partner_status, sector, duty_code),
       area a
 WHERE o.duty_code IS NULL
   AND a.code = o.area_code
   AND m.partner_status = o.partner_status
   AND (m.sector IS NULL OR m.sector = o.sector)
   AND (m.duty_code <> 's10-4-a' OR a.kind = 'county');

-- 1b. A chief officer of police is under (b) throughout; the police authority only until November 2012
--     (migration 0019 split the two).
UPDATE organisation
   SET duty_code = 's10-4-b-chief'
 WHERE duty_code = 's10-4-b'
   AND (organisation_type ILIKE '%chief%' OR name ILIKE '%constabulary%' OR name ILIKE '%chief constable%');

-- 2. A row whose recorded status its duty does not give (a relevant partner whose duty could not be told
--    from its sector, or a row written by hand) keeps that status in words, for the area to settle.
--    The status a duty gives, leaving its dates aside: what the product wrote into partner_status.
UPDATE organisation o
   SET inclusion_reason = CASE
         WHEN btrim(o.inclusion_reason) = '' OR o.inclusion_reason = 'Recorded before duties were kept (migration 0013)'
           THEN 'Registered as ' || CASE o.partner_status WHEN 'other partner' THEN 'another partner' ELSE 'a ' || o.partner_status END
                || ' before duties were kept (migration 0021): record the duty that brings it in'
         ELSE o.inclusion_reason || ' (registered as '
                || CASE o.partner_status WHEN 'other partner' THEN 'another partner' ELSE 'a ' || o.partner_status END
                || ' before duties were kept, migration 0021)' END
 WHERE o.partner_status <> COALESCE(
         (SELECT sd.kind FROM statutory_duty sd WHERE sd.code = o.duty_code AND sd.kind IN ('lead authority', 'relevant partner')),
         'other partner');

-- 3. A statutory basis written in words that neither the duty's own words nor the inclusion reason
--    already hold is kept in the inclusion reason.
UPDATE organisation o
   SET inclusion_reason = CASE
         WHEN btrim(o.inclusion_reason) = '' THEN btrim(o.statutory_basis)
         ELSE o.inclusion_reason || ' (statutory basis recorded before duties were kept: ' || btrim(o.statutory_basis) || ')' END
 WHERE btrim(o.statutory_basis) <> ''
   AND strpos(o.inclusion_reason, btrim(o.statutory_basis)) = 0
   AND NOT EXISTS (
         SELECT 1 FROM statutory_duty sd
          WHERE sd.code = o.duty_code AND btrim(o.statutory_basis) IN (sd.provision, sd.provision || ': ' || sd.partner_type));

-- Nothing is dropped while a row still holds something only the old columns hold.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1
      FROM organisation o
     WHERE (o.partner_status <> COALESCE(
              (SELECT sd.kind FROM statutory_duty sd WHERE sd.code = o.duty_code AND sd.kind IN ('lead authority', 'relevant partner')),
              'other partner')
            AND strpos(lower(o.inclusion_reason),
                       'registered as ' || CASE o.partner_status WHEN 'other partner' THEN 'another partner' ELSE 'a ' || o.partner_status END) = 0)
        OR (btrim(o.statutory_basis) <> ''
            AND strpos(o.inclusion_reason, btrim(o.statutory_basis)) = 0
            AND NOT EXISTS (
                  SELECT 1 FROM statutory_duty sd
                   WHERE sd.code = o.duty_code AND btrim(o.statutory_basis) IN (sd.provision, sd.provision || ': ' || sd.partner_type)))
  ) THEN
    RAISE EXCEPTION 'migration 0021: an organisation still holds a partner status or statutory basis that its duty and inclusion reason do not';
  END IF;
END
$$;

ALTER TABLE organisation DROP CONSTRAINT organisation_partner_status_known;
ALTER TABLE organisation DROP COLUMN partner_status, DROP COLUMN statutory_basis;

COMMENT ON COLUMN organisation.coverage IS 'The area it covers in words when coverage_kind is beyond the area (a force area, a region); districts of the area it covers are in organisation_district (000 §1.8, §2.59)';
COMMENT ON COLUMN organisation.duty_code IS 'The duty that brings the body in (s10 relevant partner, s11 safeguarding duty); its status on a day is derived from the duty''s kind and dates, never stored. Null for a body under no duty, which then needs inclusion_reason (000 §2.61)';

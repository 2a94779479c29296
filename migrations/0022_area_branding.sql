-- The area's own name and logo in the page header (issue 14 item 10). A children's trust's service is
-- not on GOV.UK, so it may not carry the crown or the Royal Arms: it shows the area's name, and the
-- logo an area administrator uploads (PNG or JPEG only, at most 200 KB, checked by its bytes).
CREATE TABLE area_branding (
  area_code text PRIMARY KEY REFERENCES area (code),
  header_name text CONSTRAINT area_branding_header_name_shape CHECK (header_name IS NULL OR (btrim(header_name) <> '' AND length(header_name) <= 80)),
  logo bytea,
  logo_type text CONSTRAINT area_branding_logo_type_known CHECK (logo_type IN ('image/png', 'image/jpeg')),
  logo_sha256 text CONSTRAINT area_branding_logo_sha256_shape CHECK (logo_sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT area_branding_logo_size CHECK (octet_length(logo) <= 204800),
  CONSTRAINT area_branding_logo_together CHECK ((logo IS NULL) = (logo_type IS NULL) AND (logo IS NULL) = (logo_sha256 IS NULL)),
  changed_by uuid REFERENCES app_user (id),
  changed_at timestamptz NOT NULL
);
COMMENT ON TABLE area_branding IS 'Owner: branding. The name and logo an area shows in its page header instead of the GOV.UK crown; no row: the area''s name and no logo';
COMMENT ON COLUMN area_branding.header_name IS 'The text logo, e.g. "Kestrelshire Children''s Trust"; NULL: the area''s name followed by "Children''s Trust"';
COMMENT ON COLUMN area_branding.logo IS 'A PNG or JPEG image, its type read from its first bytes (never SVG, which can carry script)';
COMMENT ON COLUMN area_branding.logo_sha256 IS 'The logo''s hash: its address carries it, so browsers may keep it for a year and a new logo has a new address';

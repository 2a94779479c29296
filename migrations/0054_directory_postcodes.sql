-- Issue 17, item 1: a member of the public finds a service near a postcode (ADR 0026, amended).
-- Each entry may hold its postcode (normalised: capitals, one space before the last three
-- characters), and each area holds the centroids of the postcodes it loaded from the ONS Postcode
-- Directory (ONSPD), which councils download themselves: the product downloads nothing. Live
-- postcodes with a grid reference only: terminated ones and those without a grid reference are left
-- out when the file is read.
ALTER TABLE area_service
  ADD COLUMN postcode text NOT NULL DEFAULT '' CONSTRAINT area_service_postcode_format CHECK (
    postcode = '' OR postcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$');
COMMENT ON COLUMN area_service.postcode IS 'The postcode of the service''s address, normalised (like KS1 4AB); empty when not given. Sorts the public directory by distance from a searched postcode';

CREATE TABLE area_postcode (
  area_code text NOT NULL REFERENCES area (code),
  postcode text NOT NULL CONSTRAINT area_postcode_format CHECK (postcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$'),
  latitude numeric(8, 6) NOT NULL CONSTRAINT area_postcode_latitude_uk CHECK (latitude BETWEEN 49 AND 61),
  longitude numeric(9, 6) NOT NULL CONSTRAINT area_postcode_longitude_uk CHECK (longitude BETWEEN -9 AND 2),
  local_authority_code text NOT NULL DEFAULT '' CONSTRAINT area_postcode_la_length CHECK (length(local_authority_code) <= 9),
  loaded_at timestamptz NOT NULL,
  PRIMARY KEY (area_code, postcode)
);
COMMENT ON TABLE area_postcode IS 'Owner: directory. The centroid of each live postcode an area loaded from the ONS Postcode Directory (pcds, lat, long, oslaua), for the directory''s search by distance';

-- Issue 14: Back from a record to the search results asked to resubmit a form. A search is now
-- posted, kept for its owner for a short while, and its results are a plain GET page
-- (/children/search/{id}?page=N): Back, reload and paging work, and no child's name goes in a URL.
-- Each showing of the results runs the search again and is audited as a search, with its reason.
CREATE TABLE child_search (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_code text NOT NULL REFERENCES area (code),
  user_id uuid NOT NULL REFERENCES app_user (id),
  terms jsonb NOT NULL CONSTRAINT child_search_terms_object CHECK (jsonb_typeof(terms) = 'object'),
  reason text NOT NULL CONSTRAINT child_search_reason_given CHECK (btrim(reason) <> ''),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT child_search_expires_after_created CHECK (expires_at > created_at)
);
CREATE INDEX child_search_user_idx ON child_search (user_id, expires_at);
COMMENT ON TABLE child_search IS 'Owner: children. A search of the child index as its owner typed it, kept until expires_at so its results have an address; expired rows are deleted when the owner next searches';
COMMENT ON COLUMN child_search.terms IS 'The search form''s fields as typed (names, date of birth, postcode, NHS number, UPN) and the reason''s choice and detail';

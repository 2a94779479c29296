-- The child index at national scale (issue 19, ADR 0043): the trigram index over the names in use
-- (child_name_term_words_trgm_idx, migration 0007) keeps no pending list.
--
-- A GIN index by default queues new entries in a pending list that every search reads through in
-- full until a vacuum merges it. The names in use are written a few at a time (each a new name, on
-- import or edit) and searched on every name search without a date of birth: measured on the bench's
-- database, straight after an import, every one of its 2,430 terms was still in the pending list and
-- one lookup of given names read 290 pages (7.4 ms); merged, it read 7 (1.4 ms). Without the list,
-- each new term goes straight into the index, which costs the rare insert a little more.
ALTER INDEX child_name_term_words_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('child_name_term_words_trgm_idx'::regclass);

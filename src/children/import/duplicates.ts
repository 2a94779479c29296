import type { Tx } from '../../platform/db.js';
import { ALIKE_SIMILARITY, ALIKE_WORKED_OUT } from '../duplicates/repository.js';

/**
 * (4) Likely duplicates of the children an import created, by duplicates/repository.ts's rule: same date of birth,
 * names alike, no differing NHS number or UPN. Run once, when the last batch is in: one pass over
 * the index whatever the file's size (a search per batch would read the whole index again each time).
 * $2: when the import started; every child created since is checked (a resumed import's earlier runs
 * included; a child someone added by hand meanwhile too, which does no harm).
 *
 * Whether two names are alike depends on the two names only, and an area's children share far fewer
 * given names than there are pairs of children born the same day (a million children: about 25 million
 * such pairs). So the pairs of alike given names are listed first, once per pair of given names in use
 * (the trigram index finds the similar ones; equal Double Metaphone codes are a hash join), and a child
 * is then joined only with the children born the same day whose given name is in that list (about a
 * million pairs at a million children), whose family names are then compared by the rule itself. Listing
 * the alike family names the same way (25,000 of them at a million) took 10 s; comparing them pair by
 * pair takes about 1.5 s.
 */
const DUPLICATE_CANDIDATES = [
  `CREATE TEMP TABLE import_dup_child ON COMMIT DROP AS
     SELECT id, area_code, nhs_number, upn, date_of_birth, postcode, created_at >= $2 AS new,
            lower(family_name) AS lf, lower(given_name) AS lg, dmetaphone(family_name) AS fs, dmetaphone(given_name) AS gs
       FROM child WHERE area_code = $1 AND merged_into_id IS NULL AND extract(doy FROM date_of_birth)::int % $3 = $4`,
  // Without statistics the planner guessed a few thousand children and joined the largest lists first (a minute at 1M).
  `ANALYZE import_dup_child`,
  `CREATE TEMP TABLE import_dup_given ON COMMIT DROP AS SELECT DISTINCT lg AS words, gs AS sound FROM import_dup_child`,
  `CREATE INDEX ON import_dup_given USING gin (words gin_trgm_ops)`,
  `ANALYZE import_dup_given`,
  // The trigram index finds names at a lower similarity than the rule's (it must not miss one at the rule's exactly); the rule decides.
  `SELECT set_config('pg_trgm.similarity_threshold', '${ALIKE_SIMILARITY - 0.05}', true)`,
  `CREATE TEMP TABLE import_dup_alike ON COMMIT DROP AS
     SELECT x.words, y.words AS other_words FROM import_dup_given x JOIN import_dup_given y ON y.sound = x.sound AND x.sound <> ''
     UNION
     SELECT x.words, y.words FROM import_dup_given x JOIN import_dup_given y ON y.words % x.words
      WHERE similarity(x.words, y.words) >= ${ALIKE_SIMILARITY}`,
  `ANALYZE import_dup_alike`,
];

/**
 * Two active children never share an NHS number or a UPN, so a new child with an NHS number can only pair with one
 * born the same day without an NHS number (and not holding another UPN); one with only a UPN, with one without a
 * UPN; one with neither, with anyone born that day.
 *
 * The alike given names are joined by the lower-cased name alone: its Double Metaphone code follows from it
 * (dmetaphone ignores case). Each new child is joined with its alike given names first, behind a fence (OFFSET 0):
 * left to choose, the planner joined the children born the same day first, 150 million pairs at 1M (58 s). The
 * family names are then compared by duplicates/repository.ts's ALIKE rule, on the lower-cased names and codes
 * worked out once per child.
 */
const QUEUE_DUPLICATES = `
  WITH pair AS (
    SELECT a.area_code, a.id, b.id AS b_id, a.lf, b.lf AS b_lf, a.lg, b.lg AS b_lg, a.postcode, b.postcode AS b_postcode
      FROM (SELECT a.*, g.other_words FROM import_dup_child a JOIN import_dup_alike g ON g.words = a.lg WHERE a.new OFFSET 0) a
      JOIN import_dup_child b ON b.date_of_birth = a.date_of_birth AND b.lg = a.other_words AND b.id <> a.id
     WHERE ${ALIKE_WORKED_OUT('a.lf', 'b.lf', 'a.fs', 'b.fs')}
       AND ((a.nhs_number IS NOT NULL AND b.nhs_number IS NULL AND (a.upn IS NULL OR b.upn IS NULL))
         OR (a.nhs_number IS NULL AND a.upn IS NOT NULL AND b.upn IS NULL)
         OR (a.nhs_number IS NULL AND a.upn IS NULL))
  ), queued AS (
    INSERT INTO possible_duplicate (area_code, child_id, other_child_id, score, reasons)
    SELECT area_code, least(id, b_id), greatest(id, b_id), (similarity(lf, b_lf) + similarity(lg, b_lg)) / 2,
           concat_ws('; ', 'same date of birth',
             CASE WHEN lf = b_lf THEN 'same family name' ELSE 'family names alike' END,
             CASE WHEN lg = b_lg THEN 'same given name' ELSE 'given names alike' END,
             CASE WHEN postcode <> '' AND postcode = b_postcode THEN 'same postcode' END)
      FROM pair
    ON CONFLICT (child_id, other_child_id) DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM queued`;

/**
 * Queues the likely duplicates of every child created since `since` (an import's start); returns how many pairs were
 * new. `part`: only children born on a day of the year whose number leaves `index` divided by `of` (a pair is born
 * the same day), so that parts can run side by side on connections of their own.
 */
export async function queueDuplicates(tx: Tx, areaCode: string, since: Date, part = { of: 1, index: 0 }): Promise<number> {
  await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
  for (const sql of DUPLICATE_CANDIDATES) await tx.query(sql, sql.includes('$1') ? [areaCode, since, part.of, part.index] : []);
  // As in writeBatch: a nested loop planned on a wrong guess at the pairs born the same day costs minutes.
  await tx.query(`SELECT set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true)`);
  const [row] = await tx.query<{ n: number }>(QUEUE_DUPLICATES);
  return row?.n ?? 0;
}

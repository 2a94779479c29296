import type { Tx } from '../../platform/db.js';
import { ALIKE_SIMILARITY } from '../duplicates/repository.js';

/**
 * (4) Likely duplicates of the children an import created, by duplicates/repository.ts's rule: same date of birth,
 * names alike, no differing NHS number or UPN. Run once, when the last batch is in: one pass over
 * the index whatever the file's size (a search per batch would read the whole index again each time).
 * $2: when the import started; every child created since is checked (a resumed import's earlier runs
 * included; a child someone added by hand meanwhile too, which does no harm).
 *
 * Whether two names are alike depends on the two names only, and an area's children share far fewer
 * names than there are pairs of children born the same day (a million children: about 25 million such
 * pairs). So the pairs of alike names are listed first, once per pair of names in use (the trigram
 * index finds the similar ones; equal Double Metaphone codes are a hash join), and a child is then
 * joined only with the children born the same day whose family and given names are in that list:
 * the same pairs as comparing every two children born the same day, without the comparing.
 */
const DUPLICATE_CANDIDATES = [
  `CREATE TEMP TABLE import_dup_child ON COMMIT DROP AS
     SELECT id, area_code, nhs_number, upn, date_of_birth, postcode, created_at >= $2 AS new,
            lower(family_name) AS lf, lower(given_name) AS lg, dmetaphone(family_name) AS fs, dmetaphone(given_name) AS gs
       FROM child WHERE area_code = $1 AND merged_into_id IS NULL`,
  // Without statistics the planner guessed a few thousand children and joined the largest lists first (a minute at 1M).
  `ANALYZE import_dup_child`,
  // Each part made distinct apart, by a hash: as one UNION the 2M names were sorted on disk (8 s at 1M against 1.4 s).
  `CREATE TEMP TABLE import_dup_name ON COMMIT DROP AS
     SELECT DISTINCT 'family' AS part, lf AS words, fs AS sound FROM import_dup_child
     UNION ALL SELECT DISTINCT 'given', lg, gs FROM import_dup_child`,
  `CREATE INDEX ON import_dup_name USING gin (words gin_trgm_ops)`,
  `ANALYZE import_dup_name`,
  // The trigram index finds names at a lower similarity than the rule's (it must not miss one at the rule's exactly); the rule decides.
  `SELECT set_config('pg_trgm.similarity_threshold', '${ALIKE_SIMILARITY - 0.05}', true)`,
  `CREATE TEMP TABLE import_dup_alike ON COMMIT DROP AS
     SELECT x.part, x.words, x.sound, y.words AS other_words, y.sound AS other_sound
       FROM import_dup_name x JOIN import_dup_name y ON y.part = x.part AND y.sound = x.sound AND x.sound <> ''
     UNION
     SELECT x.part, x.words, x.sound, y.words, y.sound
       FROM import_dup_name x JOIN import_dup_name y ON y.part = x.part AND y.words % x.words
      WHERE similarity(x.words, y.words) >= ${ALIKE_SIMILARITY}`,
  `ANALYZE import_dup_alike`,
];

/**
 * Two active children never share an NHS number or a UPN, so a new child with an NHS number can only pair with one
 * born the same day without an NHS number (and not holding another UPN); one with only a UPN, with one without a
 * UPN; one with neither, with anyone born that day.
 *
 * The lists are joined by the lower-cased name alone: its Double Metaphone code follows from it (dmetaphone ignores
 * case), and joining on both hid that from the planner, which then expected a few thousand rows where the family
 * names alike to each child's gave 31 million (56 s at 1M; 10 s joined by name, the planner choosing the order).
 */
const QUEUE_DUPLICATES = `
  WITH pair AS (
    SELECT a.area_code, a.id, b.id AS b_id, a.lf, b.lf AS b_lf, a.lg, b.lg AS b_lg, a.postcode, b.postcode AS b_postcode
      FROM import_dup_child a
      JOIN import_dup_alike g ON g.part = 'given' AND g.words = a.lg
      JOIN import_dup_child b ON b.date_of_birth = a.date_of_birth AND b.lg = g.other_words AND b.id <> a.id
      JOIN import_dup_alike f ON f.part = 'family' AND f.words = a.lf AND f.other_words = b.lf
     WHERE a.new
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

/** Queues the likely duplicates of every child created since `since` (an import's start); returns how many pairs were new. */
export async function queueDuplicates(tx: Tx, areaCode: string, since: Date): Promise<number> {
  await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
  for (const sql of DUPLICATE_CANDIDATES) await tx.query(sql, sql.includes('$1') ? [areaCode, since] : []);
  // As in writeBatch: a nested loop planned on a wrong guess at the pairs born the same day costs minutes.
  await tx.query(`SELECT set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true)`);
  const [row] = await tx.query<{ n: number }>(QUEUE_DUPLICATES);
  return row?.n ?? 0;
}

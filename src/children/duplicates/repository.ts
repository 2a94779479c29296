import type { Queryable, Tx } from '../../platform/db.js';

/**
 * Identity matching (domain brief §3): the same child arrives from several sources. Records
 * with the same identifier are the same child; records with the same date of birth and names
 * that look or sound alike are probably the same child, and a person decides.
 */

/** The trigram similarity at which two names are alike (import/repository.ts's bulk search uses it too). */
export const ALIKE_SIMILARITY = 0.5;

/** Two names alike enough to ask a person: trigram similarity or the same Double Metaphone code. */
export const ALIKE = (a: string, b: string): string =>
  `(similarity(lower(${a}), lower(${b})) >= ${ALIKE_SIMILARITY} OR (dmetaphone(${a}) = dmetaphone(${b}) AND dmetaphone(${a}) <> ''))`;

/**
 * Queues every active record that is probably the same child as `childId`: same date of birth,
 * family and given names alike, and no identifier that proves them different people.
 * Returns how many new pairs were queued.
 */
export async function findLikelyDuplicates(tx: Tx | Queryable, areaCode: string, childId: string): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO possible_duplicate (area_code, child_id, other_child_id, score, reasons)
     SELECT a.area_code, least(a.id, b.id), greatest(a.id, b.id),
            (similarity(lower(a.family_name), lower(b.family_name)) + similarity(lower(a.given_name), lower(b.given_name))) / 2,
            concat_ws('; ', 'same date of birth',
              CASE WHEN lower(a.family_name) = lower(b.family_name) THEN 'same family name' ELSE 'family names alike' END,
              CASE WHEN lower(a.given_name) = lower(b.given_name) THEN 'same given name' ELSE 'given names alike' END,
              CASE WHEN a.postcode <> '' AND a.postcode = b.postcode THEN 'same postcode' END)
       FROM child a
       JOIN child b ON b.area_code = a.area_code AND b.date_of_birth = a.date_of_birth AND b.id <> a.id AND b.merged_into_id IS NULL
      WHERE a.area_code = $1 AND a.id = $2 AND a.merged_into_id IS NULL
        AND ${ALIKE('a.family_name', 'b.family_name')}
        AND ${ALIKE('a.given_name', 'b.given_name')}
        AND NOT (a.nhs_number IS NOT NULL AND b.nhs_number IS NOT NULL AND a.nhs_number <> b.nhs_number)
        AND NOT (a.upn IS NOT NULL AND b.upn IS NOT NULL AND a.upn <> b.upn)
     ON CONFLICT (child_id, other_child_id) DO NOTHING
     RETURNING id`,
    [areaCode, childId],
  );
  return rows.length;
}

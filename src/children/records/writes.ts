import type { Queryable, Tx } from '../../platform/db.js';
import type { ValidChild } from '../input.js';
import type { Involvement } from '../types.js';

/** The child index's writes. Each takes the transaction it must run in, and the time from the service's clock where it dates a row. */

/** The child table's basic-data columns, in the order insertChild and updateChild list them. */
const basicData = (c: ValidChild): unknown[] => [
  c.nhsNumber,
  c.upn,
  c.givenName,
  c.familyName,
  c.dateOfBirth,
  c.gender,
  c.addressLine1,
  c.addressLine2,
  c.town,
  c.postcode,
  c.school,
  c.gpPractice,
  c.extendedScope,
];

export async function insertChild(tx: Tx, areaCode: string, c: ValidChild, createdAt: Date): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO child (area_code, nhs_number, upn, given_name, family_name, date_of_birth, gender, address_line_1,
       address_line_2, town, postcode, school, gp_practice, extended_scope, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
    [areaCode, ...basicData(c), createdAt],
  );
  if (!row) throw new Error('insert returned no row');
  await tx.query(`INSERT INTO child_name (child_id, area_code, kind, given_name, family_name) VALUES ($1, $2, 'current', $3, $4)`, [
    row.id,
    areaCode,
    c.givenName,
    c.familyName,
  ]);
  for (const n of c.otherNames) await addName(tx, row.id, areaCode, 'previous', n);
  if (c.carer) await addCarer(tx, row.id, areaCode, c.carer);
  return row.id;
}

export async function addName(
  tx: Tx,
  childId: string,
  areaCode: string,
  kind: 'previous' | 'alternative',
  n: { givenName: string; familyName: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO child_name (child_id, area_code, kind, given_name, family_name)
     SELECT $1, $2, $3, $4, $5
      WHERE NOT EXISTS (SELECT 1 FROM child_name WHERE child_id = $1 AND given_name = $4 AND family_name = $5)`,
    [childId, areaCode, kind, n.givenName, n.familyName],
  );
}

export async function addCarer(
  tx: Tx,
  childId: string,
  areaCode: string,
  c: { name: string; relationship: string; phone: string; email: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO carer (child_id, area_code, name, relationship, phone, email)
     SELECT $1, $2, $3, $4, $5, $6
      WHERE NOT EXISTS (SELECT 1 FROM carer WHERE child_id = $1 AND lower(name) = lower($3))`,
    [childId, areaCode, c.name, c.relationship, c.phone, c.email],
  );
}

/**
 * Replaces the basic data when the version matches the one the editor saw; the old current name
 * becomes a previous name. Returns false when someone else changed the record first.
 */
export async function updateChild(tx: Tx, areaCode: string, id: string, version: number, c: ValidChild, updatedAt: Date): Promise<boolean> {
  const [old] = await tx.query<{ given_name: string; family_name: string }>(
    'SELECT given_name, family_name FROM child WHERE area_code = $1 AND id = $2 AND version = $3 FOR UPDATE',
    [areaCode, id, version],
  );
  if (!old) return false;
  await tx.query(
    `UPDATE child SET nhs_number = $3, upn = $4, given_name = $5, family_name = $6, date_of_birth = $7, gender = $8,
       address_line_1 = $9, address_line_2 = $10, town = $11, postcode = $12, school = $13, gp_practice = $14,
       extended_scope = $15, version = version + 1, updated_at = $16
     WHERE area_code = $1 AND id = $2`,
    [areaCode, id, ...basicData(c), updatedAt],
  );
  if (old.given_name !== c.givenName || old.family_name !== c.familyName) {
    await tx.query(`UPDATE child_name SET kind = 'previous' WHERE child_id = $1 AND kind = 'current'`, [id]);
    await tx.query(`DELETE FROM child_name WHERE child_id = $1 AND kind <> 'current' AND given_name = $2 AND family_name = $3`, [
      id,
      c.givenName,
      c.familyName,
    ]);
    await tx.query(`INSERT INTO child_name (child_id, area_code, kind, given_name, family_name) VALUES ($1, $2, 'current', $3, $4)`, [
      id,
      areaCode,
      c.givenName,
      c.familyName,
    ]);
  }
  // Names and carers are added, never silently dropped: an edit cannot lose what others recorded.
  for (const n of c.otherNames) await addName(tx, id, areaCode, 'previous', n);
  if (c.carer) await addCarer(tx, id, areaCode, c.carer);
  return true;
}

/** An involvement as it is recorded: its organisation's name is looked up, and it has not ended. */
export type NewInvolvement = Omit<Involvement, 'id' | 'organisationName' | 'endedOn'>;

export async function insertInvolvement(
  tx: Tx,
  childId: string,
  areaCode: string,
  createdBy: string,
  i: NewInvolvement,
  createdAt: Date,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO involvement (child_id, area_code, service, organisation_id, practitioner_user_id, practitioner_name, role, phone, email,
       sensitive, started_on, created_by, created_at, service_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      childId,
      areaCode,
      i.service,
      i.organisationId,
      i.practitionerUserId,
      i.practitionerName,
      i.role,
      i.phone,
      i.email,
      i.sensitive,
      i.startedOn,
      createdBy,
      createdAt,
      i.serviceId,
    ],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/**
 * A practitioner already involved (whoever added the child, say) joins the team around the child:
 * their involvement takes the team's service, so they appear once (issue 14). Its start stays.
 */
export async function setInvolvementService(
  tx: Tx,
  involvementId: string,
  s: { service: string; serviceId: string | null; role: string },
): Promise<void> {
  const rows = await tx.query(
    `UPDATE involvement SET service = $2, service_id = $3, role = CASE WHEN $4 = '' THEN role ELSE $4 END
      WHERE id = $1 AND ended_on IS NULL RETURNING id`,
    [involvementId, s.service, s.serviceId, s.role],
  );
  if (rows.length === 0) throw new Error('no current involvement to update');
}

export async function endInvolvement(
  tx: Tx,
  childId: string,
  involvementId: string,
  endedOn: string,
): Promise<{ started_on: string; organisation_id: string } | undefined> {
  const [row] = await tx.query<{ started_on: string; organisation_id: string }>(
    `UPDATE involvement SET ended_on = $3 WHERE child_id = $1 AND id = $2 AND ended_on IS NULL AND started_on <= $3::date
     RETURNING started_on, organisation_id`,
    [childId, involvementId, endedOn],
  );
  return row;
}

export async function flagForReview(
  tx: Queryable,
  f: { areaCode: string; childId: string; userId: string; auditEventId: string; reason: string; viewedAt: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO access_review (area_code, child_id, user_id, audit_event_id, reason, viewed_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [f.areaCode, f.childId, f.userId, f.auditEventId, f.reason, f.viewedAt],
  );
}

/**
 * Takes the record's next version when `version` is the one the person read (child.version);
 * false when someone else changed the record first, and then nothing may change.
 */
export async function takeNextVersion(tx: Tx, areaCode: string, childId: string, version: number, updatedAt: Date): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE child SET version = version + 1, updated_at = $4 WHERE area_code = $1 AND id = $2 AND version = $3 RETURNING id',
    [areaCode, childId, version, updatedAt],
  );
  return rows.length === 1;
}

export async function deleteCarer(tx: Tx, childId: string, carerId: string): Promise<void> {
  await tx.query('DELETE FROM carer WHERE child_id = $1 AND id = $2', [childId, carerId]);
}

/** Deletes a previous or alternative name; never the current one, which an edit replaces. */
export async function deleteOtherName(tx: Tx, childId: string, nameId: string): Promise<void> {
  await tx.query(`DELETE FROM child_name WHERE child_id = $1 AND id = $2 AND kind <> 'current'`, [childId, nameId]);
}

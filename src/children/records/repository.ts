import type { Queryable } from '../../platform/db.js';
import {
  EXTENDED_SCOPES,
  GENDERS,
  NAME_KINDS,
  type Carer,
  type ChildDetails,
  type ChildName,
  type Involvement,
  type Viewer,
} from '../types.js';

/** The child index's SQL about reading one child. Takes db or tx first. */

interface ChildRow {
  id: string;
  area_code: string;
  nhs_number: string | null;
  upn: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  gender: string;
  address_line_1: string;
  address_line_2: string;
  town: string;
  postcode: string;
  school: string;
  gp_practice: string;
  extended_scope: string | null;
  shielded_at: Date | null;
  shielded_by_organisation_id: string | null;
  shielded_by_organisation_name: string | null;
  merged_into_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toChildDetails(row: ChildRow): Omit<ChildDetails, 'names' | 'carers' | 'involvements'> {
  return {
    id: row.id,
    areaCode: row.area_code,
    nhsNumber: row.nhs_number,
    upn: row.upn,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    gender: GENDERS.parse(row.gender),
    addressLine1: row.address_line_1,
    addressLine2: row.address_line_2,
    town: row.town,
    postcode: row.postcode,
    school: row.school,
    gpPractice: row.gp_practice,
    extendedScope: EXTENDED_SCOPES.parseNullable(row.extended_scope),
    shielded:
      row.shielded_at && row.shielded_by_organisation_id
        ? {
            at: row.shielded_at,
            organisationId: row.shielded_by_organisation_id,
            organisationName: row.shielded_by_organisation_name ?? '',
          }
        : null,
    mergedIntoId: row.merged_into_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * SQL: whether the viewer may see the record `c` names ($2 their organisation, $3 designated safeguarding):
 * the twin, for lists, of the 'view' rule of subject-rules.ts that services check on a record already read.
 */
export const visibleSql = (c: string): string => `(${c}.shielded_at IS NULL OR ${c}.shielded_by_organisation_id = $2 OR $3::boolean)`;

export async function findChild(db: Queryable, areaCode: string, id: string): Promise<ChildDetails | undefined> {
  const [row] = await db.query<ChildRow>(
    `SELECT c.*, o.name AS shielded_by_organisation_name
       FROM child c LEFT JOIN organisation o ON o.id = c.shielded_by_organisation_id
      WHERE c.area_code = $1 AND c.id = $2`,
    [areaCode, id],
  );
  if (!row) return undefined;
  const [names, carers, involvements] = await Promise.all([listNames(db, id), listCarers(db, id), listInvolvements(db, id)]);
  return { ...toChildDetails(row), names, carers, involvements };
}

async function listNames(db: Queryable, childId: string): Promise<ChildName[]> {
  const rows = await db.query<Omit<ChildName, 'kind'> & { kind: string }>(
    `SELECT id, kind, given_name AS "givenName", family_name AS "familyName"
       FROM child_name WHERE child_id = $1
      ORDER BY CASE kind WHEN 'current' THEN 0 WHEN 'alternative' THEN 1 ELSE 2 END, family_name, given_name`,
    [childId],
  );
  return rows.map((r) => ({ ...r, kind: NAME_KINDS.parse(r.kind) }));
}

async function listCarers(db: Queryable, childId: string): Promise<Carer[]> {
  return db.query<Carer>(
    `SELECT id, name, relationship, phone, email, has_parental_responsibility AS "hasParentalResponsibility"
       FROM carer WHERE child_id = $1 ORDER BY name`,
    [childId],
  );
}

async function listInvolvements(db: Queryable, childId: string): Promise<Involvement[]> {
  return db.query<Involvement>(
    `SELECT i.id, coalesce(s.name, i.service) AS service, i.service_id AS "serviceId", i.organisation_id AS "organisationId",
            o.name AS "organisationName", i.practitioner_user_id AS "practitionerUserId", i.practitioner_name AS "practitionerName", i.role,
            i.phone, i.email, i.sensitive, i.started_on AS "startedOn", i.ended_on AS "endedOn"
       FROM involvement i JOIN organisation o ON o.id = i.organisation_id
       LEFT JOIN area_service s ON s.id = i.service_id
      WHERE i.child_id = $1
      ORDER BY (i.ended_on IS NULL) DESC, i.started_on DESC`,
    [childId],
  );
}

/** Is the viewer, or their organisation, involved with the child now or before? */
export async function isInvolved(db: Queryable, childId: string, viewer: Viewer): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM involvement WHERE child_id = $1 AND (practitioner_user_id = $2 OR organisation_id = $3) LIMIT 1',
    [childId, viewer.userId, viewer.organisationId],
  );
  return rows.length > 0;
}

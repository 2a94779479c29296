import type { Queryable, Tx } from '../platform/db.js';
import { PROVIDER_KINDS, SERVICE_GROUPS, SERVICE_TYPES, type EntryFields, SERVICE_NEED_LEVELS } from './entry.js';
import type { AreaService, ChosenService } from './types.js';

/** The directory's SQL: the tables it owns, `area_service` and `area_service_aim`. */

/** The key two names of one area may not share: trimmed, spaces collapsed, case-folded (as the column computes it). */
export const nameKeyOf = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

interface Row {
  id: string;
  name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  sensitive: boolean;
  contact_email: string;
  closed_from: string | null;
  active: boolean;
  description: string;
  service_type: string | null;
  provider_kind: string | null;
  provider_name: string;
  age_from: number | null;
  age_to: number | null;
  need_levels: string[];
  groups: string[];
  aim_codes: string[];
  address: string;
  postcode: string;
  district_code: string | null;
  district_name: string | null;
  opening_times: string;
  how_to_refer: string;
  self_referral: boolean;
  contact_phone: string;
  reviewed_on: string;
  review_due: boolean;
}

const COLUMNS = `s.id, s.name, s.organisation_id, o.name AS organisation_name, s.sensitive, s.contact_email,
  to_char(s.closed_from, 'YYYY-MM-DD') AS closed_from, (s.closed_from IS NULL OR s.closed_from > $2::date) AS active,
  s.description, s.service_type, s.provider_kind, s.provider_name, s.age_from, s.age_to, s.need_levels, s.groups,
  ARRAY(SELECT a.aim_code FROM area_service_aim a WHERE a.service_id = s.id ORDER BY a.aim_code) AS aim_codes,
  s.address, s.postcode, s.district_code, d.name AS district_name, s.opening_times, s.how_to_refer, s.self_referral, s.contact_phone,
  to_char(coalesce(s.reviewed_on, s.created_at::date), 'YYYY-MM-DD') AS reviewed_on,
  (coalesce(s.reviewed_on, s.created_at::date) <= ($2::date - interval '12 months')::date) AS review_due`;
const FROM = 'area_service s LEFT JOIN organisation o ON o.id = s.organisation_id LEFT JOIN district d ON d.code = s.district_code';

const toService = (r: Row): AreaService => ({
  id: r.id,
  name: r.name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  sensitive: r.sensitive,
  contactEmail: r.contact_email,
  closedFrom: r.closed_from,
  active: r.active,
  description: r.description,
  serviceType: SERVICE_TYPES.parseNullable(r.service_type),
  providerKind: PROVIDER_KINDS.parseNullable(r.provider_kind),
  providerName: r.provider_name,
  ageFrom: r.age_from,
  ageTo: r.age_to,
  needLevels: r.need_levels.map((l) => SERVICE_NEED_LEVELS.parse(l)),
  groups: r.groups.map((g) => SERVICE_GROUPS.parse(g)),
  aimCodes: r.aim_codes,
  address: r.address,
  postcode: r.postcode,
  districtCode: r.district_code,
  districtName: r.district_name,
  openingTimes: r.opening_times,
  howToRefer: r.how_to_refer,
  selfReferral: r.self_referral,
  contactPhone: r.contact_phone,
  reviewedOn: r.reviewed_on,
  reviewDue: r.review_due,
});

/** An area's services by name, open and closed, with whether each is offered on `today`. */
export async function listAreaServices(db: Queryable, areaCode: string, today: string): Promise<AreaService[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE s.area_code = $1 ORDER BY s.name_key`,
    [areaCode, today],
  );
  return rows.map(toService);
}

export async function findAreaService(db: Queryable, areaCode: string, id: string, today: string): Promise<AreaService | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE s.area_code = $1 AND s.id = $3`,
    [areaCode, today, id],
  );
  return row && toService(row);
}

/** The service of the area with this name once case-folded, open or closed. */
export async function findAreaServiceByName(
  db: Queryable,
  areaCode: string,
  name: string,
  today: string,
): Promise<AreaService | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE s.area_code = $1 AND s.name_key = $3`,
    [areaCode, today, nameKeyOf(name)],
  );
  return row && toService(row);
}

export const chosenOf = (s: AreaService): ChosenService => ({
  id: s.id,
  name: s.name,
  organisationId: s.organisationId,
  sensitive: s.sensitive,
});

export interface ServiceFields extends EntryFields {
  name: string;
  organisationId: string | null;
  sensitive: boolean;
  contactEmail: string;
}

const ENTRY_VALUES = (s: ServiceFields) => [
  s.description,
  s.serviceType,
  s.providerKind,
  s.providerName,
  s.ageFrom,
  s.ageTo,
  s.needLevels,
  s.groups,
  s.address,
  s.districtCode,
  s.openingTimes,
  s.howToRefer,
  s.selfReferral,
  s.contactPhone,
  s.postcode,
];

async function setAims(tx: Tx, id: string, aimCodes: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM area_service_aim WHERE service_id = $1', [id]);
  if (aimCodes.length > 0)
    await tx.query(
      'INSERT INTO area_service_aim (service_id, area_code, aim_code) SELECT id, area_code, unnest($2::text[]) FROM area_service WHERE id = $1',
      [id, aimCodes],
    );
}

/** Adds a service; its entry counts as reviewed on `today`. */
export async function insertAreaService(tx: Tx, areaCode: string, s: ServiceFields, at: Date, today: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO area_service (area_code, name, organisation_id, sensitive, contact_email, created_at, changed_at, reviewed_on,
       description, service_type, provider_kind, provider_name, age_from, age_to, need_levels, groups,
       address, district_code, opening_times, how_to_refer, self_referral, contact_phone, postcode)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
    [areaCode, s.name, s.organisationId, s.sensitive, s.contactEmail, at, today, ...ENTRY_VALUES(s)],
  );
  if (!row) throw new Error('insert returned no row');
  await setAims(tx, row.id, s.aimCodes);
  return row.id;
}

/** Changes a service; a change is a review, so the entry counts as reviewed on `today`. */
export async function updateAreaService(tx: Tx, areaCode: string, id: string, s: ServiceFields, at: Date, today: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE area_service SET name = $3, organisation_id = $4, sensitive = $5, contact_email = $6, changed_at = $7, reviewed_on = $8,
       description = $9, service_type = $10, provider_kind = $11, provider_name = $12, age_from = $13, age_to = $14,
       need_levels = $15, groups = $16, address = $17, district_code = $18, opening_times = $19, how_to_refer = $20,
       self_referral = $21, contact_phone = $22, postcode = $23
      WHERE area_code = $1 AND id = $2 RETURNING id`,
    [areaCode, id, s.name, s.organisationId, s.sensitive, s.contactEmail, at, today, ...ENTRY_VALUES(s)],
  );
  if (rows.length > 0) await setAims(tx, id, s.aimCodes);
  return rows.length > 0;
}

/** Confirms an entry is still right as it stands. */
export async function markReviewed(tx: Tx, areaCode: string, id: string, today: string, at: Date): Promise<boolean> {
  const rows = await tx.query('UPDATE area_service SET reviewed_on = $3, changed_at = $4 WHERE area_code = $1 AND id = $2 RETURNING id', [
    areaCode,
    id,
    today,
    at,
  ]);
  return rows.length > 0;
}

/** Closes from a day, or reopens with null. */
export async function setClosedFrom(tx: Tx, areaCode: string, id: string, closedFrom: string | null, at: Date): Promise<boolean> {
  const rows = await tx.query('UPDATE area_service SET closed_from = $3, changed_at = $4 WHERE area_code = $1 AND id = $2 RETURNING id', [
    areaCode,
    id,
    closedFrom,
    at,
  ]);
  return rows.length > 0;
}

/** The area a service is on the list of, whichever area it is. */
export async function findServiceArea(db: Queryable, id: string): Promise<string | undefined> {
  const [row] = await db.query<{ area_code: string }>('SELECT area_code FROM area_service WHERE id = $1', [id]);
  return row?.area_code;
}

import type { Queryable, Tx } from '../platform/db.js';
import type { AreaService, ChosenService } from './types.js';

/** The directory's SQL: the one table it owns, `area_service`. */

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
}

const COLUMNS = `s.id, s.name, s.organisation_id, o.name AS organisation_name, s.sensitive, s.contact_email,
  to_char(s.closed_from, 'YYYY-MM-DD') AS closed_from, (s.closed_from IS NULL OR s.closed_from > $2::date) AS active`;

const toService = (r: Row): AreaService => ({
  id: r.id,
  name: r.name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  sensitive: r.sensitive,
  contactEmail: r.contact_email,
  closedFrom: r.closed_from,
  active: r.active,
});

/** An area's services by name, open and closed, with whether each is offered on `today`. */
export async function listAreaServices(db: Queryable, areaCode: string, today: string): Promise<AreaService[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM area_service s LEFT JOIN organisation o ON o.id = s.organisation_id
      WHERE s.area_code = $1 ORDER BY s.name_key`,
    [areaCode, today],
  );
  return rows.map(toService);
}

export async function findAreaService(db: Queryable, areaCode: string, id: string, today: string): Promise<AreaService | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM area_service s LEFT JOIN organisation o ON o.id = s.organisation_id
      WHERE s.area_code = $1 AND s.id = $3`,
    [areaCode, today, id],
  );
  return row && toService(row);
}

/** The service of the area with this name once case-folded, open or closed. */
export async function findAreaServiceByName(db: Queryable, areaCode: string, name: string, today: string): Promise<AreaService | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${COLUMNS} FROM area_service s LEFT JOIN organisation o ON o.id = s.organisation_id
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

export interface ServiceFields {
  name: string;
  organisationId: string | null;
  sensitive: boolean;
  contactEmail: string;
}

export async function insertAreaService(tx: Tx, areaCode: string, s: ServiceFields, at: Date): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO area_service (area_code, name, organisation_id, sensitive, contact_email, created_at, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [areaCode, s.name, s.organisationId, s.sensitive, s.contactEmail, at],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateAreaService(tx: Tx, areaCode: string, id: string, s: ServiceFields, at: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE area_service SET name = $3, organisation_id = $4, sensitive = $5, contact_email = $6, changed_at = $7
      WHERE area_code = $1 AND id = $2 RETURNING id`,
    [areaCode, id, s.name, s.organisationId, s.sensitive, s.contactEmail, at],
  );
  return rows.length > 0;
}

/** Closes from a day, or reopens with null. */
export async function setClosedFrom(tx: Tx, areaCode: string, id: string, closedFrom: string | null, at: Date): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE area_service SET closed_from = $3, changed_at = $4 WHERE area_code = $1 AND id = $2 RETURNING id',
    [areaCode, id, closedFrom, at],
  );
  return rows.length > 0;
}

import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';

/** Shielding's SQL: requests to shield or unshield a record, and the decision on the record itself. Takes db or tx first. */

export type ShieldingAction = 'shield' | 'unshield';

export interface ShieldingRequest {
  id: string;
  childId: string;
  childName: string;
  action: ShieldingAction;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  organisationName: string;
  requestedAt: Date;
}

/** A request as its decision needs it. */
export interface RequestToDecide {
  childId: string;
  action: ShieldingAction;
  requestedBy: string;
  requestedByOrganisationId: string;
  decision: string | null;
}

/** Requests waiting for a decision in an area, oldest first. */
export async function listOpenRequests(db: Queryable, areaCode: string): Promise<ShieldingRequest[]> {
  return db.query<ShieldingRequest>(
    `SELECT r.id, r.child_id AS "childId", c.given_name || ' ' || c.family_name AS "childName", r.action, r.reason,
                r.requested_by AS "requestedBy", u.display_name AS "requestedByName", o.name AS "organisationName", r.requested_at AS "requestedAt"
           FROM shielding_request r
           JOIN child c ON c.id = r.child_id
           JOIN app_user u ON u.id = r.requested_by
           JOIN organisation o ON o.id = r.requested_by_organisation_id
          WHERE r.area_code = $1 AND r.decision IS NULL
          ORDER BY r.requested_at`,
    [areaCode],
  );
}

/** Is a request about the child waiting for a decision? */
export async function hasOpenRequest(db: Queryable, childId: string): Promise<boolean> {
  const open = await db.query('SELECT 1 FROM shielding_request WHERE child_id = $1 AND decision IS NULL', [childId]);
  return open.length > 0;
}

export async function insertRequest(
  tx: Tx,
  r: {
    childId: string;
    areaCode: string;
    action: ShieldingAction;
    reason: string;
    requestedBy: string;
    organisationId: string;
    requestedAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO shielding_request (child_id, area_code, action, reason, requested_by, requested_by_organisation_id, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.childId, r.areaCode, r.action, r.reason, r.requestedBy, r.organisationId, r.requestedAt],
  );
  return row.id;
}

/** The request, locked for the decision; undefined when the area holds no such request. */
export async function lockRequest(tx: Tx, areaCode: string, requestId: string): Promise<RequestToDecide | undefined> {
  const [r] = await tx.query<{
    child_id: string;
    action: ShieldingAction;
    requested_by: string;
    requested_by_organisation_id: string;
    decision: string | null;
  }>(
    'SELECT child_id, action, requested_by, requested_by_organisation_id, decision FROM shielding_request WHERE id = $1 AND area_code = $2 FOR UPDATE',
    [requestId, areaCode],
  );
  return r
    ? {
        childId: r.child_id,
        action: r.action,
        requestedBy: r.requested_by,
        requestedByOrganisationId: r.requested_by_organisation_id,
        decision: r.decision,
      }
    : undefined;
}

export async function recordDecision(
  tx: Tx,
  requestId: string,
  decidedBy: string,
  decision: 'approved' | 'rejected',
  note: string,
  decidedAt: Date,
): Promise<void> {
  await tx.query('UPDATE shielding_request SET decided_by = $2, decided_at = $5, decision = $3, decision_note = $4 WHERE id = $1', [
    requestId,
    decidedBy,
    decision,
    note,
    decidedAt,
  ]);
}

/** Shields the record for the organisation that asked: from now on only it and designated safeguarding staff find it. */
export async function shieldChild(tx: Tx, childId: string, organisationId: string, at: Date): Promise<void> {
  await tx.query(
    'UPDATE child SET shielded_at = $3, shielded_by_organisation_id = $2, version = version + 1, updated_at = $3 WHERE id = $1',
    [childId, organisationId, at],
  );
}

export async function unshieldChild(tx: Tx, childId: string, at: Date): Promise<void> {
  await tx.query(
    'UPDATE child SET shielded_at = NULL, shielded_by_organisation_id = NULL, version = version + 1, updated_at = $2 WHERE id = $1',
    [childId, at],
  );
}

import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db, Queryable } from '../platform/db.js';
import { FieldErrors, forbidden, notFound } from '../platform/errors.js';
import { childProblems } from './errors.js';
import * as repo from './repository.js';
import { checkReason, viewerOf } from './service.js';

/**
 * Shielding (domain brief §3, ContactPoint practice): a shielded record is found only by the
 * organisation that shielded it and designated safeguarding staff. Shielding and unshielding
 * are requested by one person and approved by a second, a designated safeguarding lead.
 */

export interface ShieldingRequest {
  id: string;
  childId: string;
  childName: string;
  action: 'shield' | 'unshield';
  reason: string;
  requestedBy: string;
  requestedByName: string;
  organisationName: string;
  requestedAt: Date;
}

/** Requests waiting for a decision in an area, oldest first. */
async function openRequests(db: Queryable, areaCode: string): Promise<ShieldingRequest[]> {
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

export function shieldingService({ db }: { db: Db }) {
  return {
    async request(user: User, childId: string, action: string, reasonInput: string | undefined, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      if (action !== 'shield' && action !== 'unshield') errors.add('action', 'one_of', 'Choose to shield or unshield the record');
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const child = /^[0-9a-f-]{36}$/i.test(childId) ? await repo.findChild(tx, user.areaCode, childId) : undefined;
        if (!child || !repo.canSee(child, viewerOf(user)) || child.mergedIntoId) throw notFound('record');
        if (action === 'shield' && child.shielded) throw childProblems.alreadyShielded('This record is already shielded');
        if (action === 'unshield' && !child.shielded) throw childProblems.notShielded('This record is not shielded');
        const open = await tx.query('SELECT 1 FROM shielding_request WHERE child_id = $1 AND decision IS NULL', [child.id]);
        if (open.length > 0)
          throw childProblems.shieldingRequestOpen('A shielding request for this record is already waiting for approval');
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO shielding_request (child_id, area_code, action, reason, requested_by, requested_by_organisation_id)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [child.id, user.areaCode, action, reason, user.id, user.organisationId],
        );
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, actorOf(user), ctx, {
          action: `child.${action}_requested`,
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id], requestId: row.id },
        });
        return row.id;
      });
    },

    /** Requests waiting for a designated safeguarding lead other than the requester. */
    async listOpen(user: User, ctx: RequestContext): Promise<ShieldingRequest[]> {
      return db.transaction(async (tx) => {
        // Only designated safeguarding leads see the requests (they may see every record, shielded or not).
        const requests = user.designatedSafeguarding ? await openRequests(tx, user.areaCode) : [];
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.shielding_requests_listed',
          details: { childIds: [...new Set(requests.map((r) => r.childId))], basis: 'designated safeguarding lead' },
        });
        return requests;
      });
    },

    /** The second person's decision. Approving a shield hides the record from everyone else at once. */
    async decide(user: User, requestId: string, approve: boolean, note: string, ctx: RequestContext): Promise<void> {
      if (!user.designatedSafeguarding) throw forbidden('Only a designated safeguarding lead can approve shielding.');
      await db.transaction(async (tx) => {
        const [r] = /^[0-9a-f-]{36}$/i.test(requestId)
          ? await tx.query<{
              child_id: string;
              action: 'shield' | 'unshield';
              requested_by: string;
              requested_by_organisation_id: string;
              decision: string | null;
            }>(
              'SELECT child_id, action, requested_by, requested_by_organisation_id, decision FROM shielding_request WHERE id = $1 AND area_code = $2 FOR UPDATE',
              [requestId, user.areaCode],
            )
          : [];
        if (!r) throw notFound('request');
        if (r.decision) throw childProblems.decided('Someone has already decided this request');
        if (r.requested_by === user.id) throw forbidden('A second person must approve: you made this request.');
        await tx.query(
          'UPDATE shielding_request SET decided_by = $2, decided_at = now(), decision = $3, decision_note = $4 WHERE id = $1',
          [requestId, user.id, approve ? 'approved' : 'rejected', note.trim().slice(0, 500)],
        );
        if (approve) {
          await tx.query(
            r.action === 'shield'
              ? 'UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2, version = version + 1, updated_at = now() WHERE id = $1'
              : 'UPDATE child SET shielded_at = NULL, shielded_by_organisation_id = NULL, version = version + 1, updated_at = now() WHERE id = $1 AND $2::uuid IS NOT NULL',
            [r.child_id, r.requested_by_organisation_id],
          );
        }
        await recordAudit(tx, actorOf(user), ctx, {
          action: approve ? `child.${r.action}ed` : `child.${r.action}_rejected`,
          subject: { type: 'child', id: r.child_id },
          details: { childIds: [r.child_id], requestId, requestedBy: r.requested_by },
        });
      });
    },
  };
}

export type ShieldingService = ReturnType<typeof shieldingService>;

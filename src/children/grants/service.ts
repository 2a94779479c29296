import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { FieldErrors, notFound } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import * as repo from '../records/repository.js';
import * as writes from '../records/writes.js';
import { checkReason, showInvolvements, viewerOf } from '../search/service.js';
import { requireWithinSectorAge } from '../sector-age.js';
import { childRules } from '../subject-rules.js';
import type { ChildDetails } from '../types.js';
import * as grants from './repository.js';

/**
 * A child's record has an address (issue 14, bug 3). Giving a reason grants the user access to that
 * record for GRANT_MINUTES: the grant and its reason are audited (`child.access_granted`), and a user
 * with no involvement is flagged for a manager's review once per reason. Each page view under the
 * grant is audited again (`child.viewed`, naming the grant and its reason), so "every read of a
 * child's record is audited" still holds; Back and reload view again, they do not grant again.
 * The subject rules (shielding, the sector's age limit, masking) are asked on every view, not only
 * when the grant is made: a record shielded after the grant is not shown under it.
 */

export const GRANT_MINUTES = 30;

/** The record as this viewer may see it: not found when it does not exist or is shielded from them; refused beyond their sector's age. */
async function visibleRecord(tx: Tx, user: User, childId: string, now: Date): Promise<ChildDetails> {
  const child = isUuid(childId) ? await repo.findChild(tx, user.areaCode, childId) : undefined;
  if (!child || !childRules.permits(viewerOf(user), 'view', child)) throw notFound('record');
  requireWithinSectorAge(viewerOf(user), child, now);
  return child;
}

/**
 * Grants `user` access to the record, inside the caller's transaction (a new record grants its
 * creator at once). The caller has already checked the record is visible to the user.
 */
export async function grantAccessIn(
  tx: Tx,
  clock: Clock,
  user: User,
  ctx: RequestContext,
  g: { childId: string; reason: string; involved: boolean },
): Promise<{ grantId: string; expiresAt: Date }> {
  const grantedAt = clock.now();
  const expiresAt = new Date(grantedAt.getTime() + GRANT_MINUTES * 60_000);
  const auditEventId = await auditWithClock(clock)(tx, actorOf(user), ctx, {
    action: 'child.access_granted',
    subject: { type: 'child', id: g.childId },
    reason: g.reason,
    details: { childIds: [g.childId], involved: g.involved, expiresAt: expiresAt.toISOString() },
  });
  const grantId = await grants.insertGrant(tx, {
    areaCode: user.areaCode,
    childId: g.childId,
    userId: user.id,
    reason: g.reason,
    auditEventId,
    grantedAt,
    expiresAt,
  });
  // A view by someone not involved is allowed with the reason, and flagged for a manager: once per reason given.
  if (!g.involved)
    await writes.flagForReview(tx, {
      areaCode: user.areaCode,
      childId: g.childId,
      userId: user.id,
      auditEventId,
      reason: g.reason,
      viewedAt: grantedAt,
    });
  return { grantId, expiresAt };
}

export function recordAccessService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /** The reason given: a grant to this record for this user. */
    async grant(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext) {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const child = await visibleRecord(tx, user, childId, clock.now());
        const involved = await repo.isInvolved(tx, child.id, viewerOf(user));
        return grantAccessIn(tx, clock, user, ctx, { childId: child.id, reason, involved });
      });
    },

    /**
     * The record, when the user holds a grant to it in force: the view is audited under the grant.
     * Undefined when they hold none (the page asks for a reason), and then nothing is read or audited.
     */
    async viewUnderGrant(user: User, childId: string, ctx: RequestContext) {
      if (!isUuid(childId)) throw notFound('record');
      return db.transaction(async (tx) => {
        const now = clock.now();
        const grant = await grants.findLiveGrant(tx, { areaCode: user.areaCode, childId, userId: user.id, now });
        if (!grant) return undefined;
        const child = await visibleRecord(tx, user, childId, now);
        const viewer = viewerOf(user);
        const involved = await repo.isInvolved(tx, child.id, viewer);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.viewed',
          subject: { type: 'child', id: child.id },
          reason: grant.reason,
          details: { childIds: [child.id], involved, grantId: grant.id },
        });
        return {
          child,
          involvements: showInvolvements(child, viewer),
          involved,
          mergedInto: child.mergedIntoId,
          reason: grant.reason,
          expiresAt: grant.expiresAt,
        };
      });
    },
  };
}

export type RecordAccessService = ReturnType<typeof recordAccessService>;

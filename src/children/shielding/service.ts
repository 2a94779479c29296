import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { notify } from '../../notifications/index.js';
import { paths } from '../../platform/paths.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors, forbidden, notFound } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { childProblems } from '../errors.js';
import * as repo from '../records/repository.js';
import { childRules } from '../subject-rules.js';
import { checkReason, viewerOf } from '../search/service.js';
import * as shielding from './repository.js';
import type { ShieldingAction, ShieldingRequest } from './repository.js';

/**
 * Shielding (domain brief §3, ContactPoint practice): a shielded record is found only by the
 * organisation that shielded it and designated safeguarding staff. Shielding and unshielding
 * are requested by one person and approved by a second, a designated safeguarding lead.
 */

export type { ShieldingRequest } from './repository.js';

export function shieldingService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    async request(user: User, childId: string, action: string, reasonInput: string | undefined, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      const isAction = action === 'shield' || action === 'unshield';
      if (!isAction) errors.add('action', 'one_of', 'Choose to shield or unshield the record');
      errors.throwIfAny();
      const asked: ShieldingAction = action === 'shield' ? 'shield' : 'unshield';
      return db.transaction(async (tx) => {
        const child = isUuid(childId) ? await repo.findChild(tx, user.areaCode, childId) : undefined;
        if (!child || !childRules.permits(viewerOf(user), 'view', child) || child.mergedIntoId) throw notFound('record');
        if (action === 'shield' && child.shielded) throw childProblems.alreadyShielded('This record is already shielded');
        if (action === 'unshield' && !child.shielded) throw childProblems.notShielded('This record is not shielded');
        if (await shielding.hasOpenRequest(tx, child.id))
          throw childProblems.shieldingRequestOpen('A shielding request for this record is already waiting for approval');
        const requestId = await shielding.insertRequest(tx, {
          childId: child.id,
          areaCode: user.areaCode,
          action: asked,
          reason,
          requestedBy: user.id,
          organisationId: user.organisationId,
          requestedAt: clock.now(),
        });
        await notify(tx, {
          designatedSafeguardingLeadsOf: user.areaCode,
          exceptUserId: user.id,
          event: 'shielding.requested',
          link: paths.shieldingRequests,
          at: clock.now(),
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: `child.${action}_requested`,
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id], requestId },
        });
        return requestId;
      });
    },

    /** Requests waiting for a designated safeguarding lead other than the requester. */
    async listOpen(user: User, ctx: RequestContext): Promise<ShieldingRequest[]> {
      return db.transaction(async (tx) => {
        // Only designated safeguarding leads see the requests (they may see every record, shielded or not).
        const requests = user.designatedSafeguarding ? await shielding.listOpenRequests(tx, user.areaCode) : [];
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
        const r = isUuid(requestId) ? await shielding.lockRequest(tx, user.areaCode, requestId) : undefined;
        if (!r) throw notFound('request');
        if (r.decision) throw childProblems.decided('Someone has already decided this request');
        if (r.requestedBy === user.id) throw forbidden('A second person must approve: you made this request.');
        const at = clock.now();
        await shielding.recordDecision(tx, requestId, user.id, approve ? 'approved' : 'rejected', note.trim().slice(0, 500), at);
        if (approve && r.action === 'shield') await shielding.shieldChild(tx, r.childId, r.requestedByOrganisationId, at);
        if (approve && r.action === 'unshield') await shielding.unshieldChild(tx, r.childId, at);
        await recordAudit(tx, actorOf(user), ctx, {
          action: approve ? `child.${r.action}ed` : `child.${r.action}_rejected`,
          subject: { type: 'child', id: r.childId },
          details: { childIds: [r.childId], requestId, requestedBy: r.requestedBy },
        });
      });
    },
  };
}

export type ShieldingService = ReturnType<typeof shieldingService>;

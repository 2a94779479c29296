import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import * as repo from './repository.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  action?: string;
  actor?: string;
  subjectId?: string;
  before?: number;
}

const blankToUndefined = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);

export function auditTrailService({ db }: { db: Db }) {
  return {
    /**
     * One page of the user's area's trail; `next` is the cursor for the page after, if any. Reading
     * the trail is audited too: its entries name children (details.childIds, search terms), so the
     * read records the children the page named, like a search.
     */
    async page(user: User, query: AuditQuery, ctx: RequestContext) {
      const filters = {
        areaCode: user.areaCode,
        action: blankToUndefined(query.action),
        actor: blankToUndefined(query.actor),
        subjectId: blankToUndefined(query.subjectId),
        beforeSeq: query.before,
      };
      return db.transaction(async (tx) => {
        const events = await repo.listAuditEvents(tx, { ...filters, limit: AUDIT_PAGE_SIZE + 1 });
        const more = events.length > AUDIT_PAGE_SIZE;
        const shown = events.slice(0, AUDIT_PAGE_SIZE);
        const childIds = [...new Set(shown.flatMap((e) => (Array.isArray(e.details.childIds) ? e.details.childIds.map(String) : [])))];
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'audit.read',
          details: { filters: { ...filters, areaCode: undefined }, events: shown.length, childIds, basis: 'auditor of the area' },
        });
        return { events: shown, next: more ? shown[shown.length - 1]?.seq : undefined };
      });
    },
    actions: (areaCode: string) => repo.listAuditActions(db, areaCode),
  };
}

export type AuditTrailService = ReturnType<typeof auditTrailService>;

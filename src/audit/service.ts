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
    /** One page of an area's trail; `next` is the cursor for the page after, if any. */
    async page(areaCode: string, query: AuditQuery) {
      const events = await repo.listAuditEvents(db, {
        areaCode,
        action: blankToUndefined(query.action),
        actor: blankToUndefined(query.actor),
        subjectId: blankToUndefined(query.subjectId),
        beforeSeq: query.before,
        limit: AUDIT_PAGE_SIZE + 1,
      });
      const more = events.length > AUDIT_PAGE_SIZE;
      const shown = events.slice(0, AUDIT_PAGE_SIZE);
      return { events: shown, next: more ? shown[shown.length - 1]?.seq : undefined };
    },
    actions: (areaCode: string) => repo.listAuditActions(db, areaCode),
  };
}

export type AuditTrailService = ReturnType<typeof auditTrailService>;

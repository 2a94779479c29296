import { findChildNames, viewerOf, type ChildNameOf } from '../children/index.js';
import { auditWithClock, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Queryable } from '../platform/db.js';
import { actionChoices } from './actions.js';
import { trailCsvHeader, trailCsvLine } from './csv.js';
import { childIdsOf, describeEntry, type TrailEntry } from './entries.js';
import { checkTrailQuery, filtersRecorded, type TrailQuery } from './filters.js';
import * as repo from './repository.js';

export type { TrailQuery } from './filters.js';
export type { TrailEntry } from './entries.js';

/** Entries to a page of the trail. */
export const AUDIT_PAGE_SIZE = 50;
/** The most entries the JSON API gives in one page. */
export const AUDIT_API_PAGE_MAX = 200;
/** Entries read at a time while a CSV is written, so a trail of any length is exported in bounded memory. */
export const EXPORT_BATCH = 500;

const BASIS = 'auditor of the area';

export interface TrailPage {
  entries: TrailEntry[];
  total: number;
  page: number;
  pageSize: number;
  lastPage: number;
  /** The child filtered by, as the reader may see them; undefined when not filtering by a child. */
  child?: ChildNameOf | { id: string; hidden: true };
}

export function auditTrailService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);

  /** The area's users, by id (the person filter's choices, and the names shown for who acted). */
  const peopleOf = async (q: Queryable, areaCode: string) => new Map((await repo.listAreaPeople(q, areaCode)).map((p) => [p.id, p]));

  /** The children the entries mention, as the reader may see them. */
  const namesFor = (q: Queryable, user: User, events: readonly repo.AuditEventView[], extra: readonly string[] = []) =>
    findChildNames(q, user.areaCode, viewerOf(user), [...events.flatMap(childIdsOf), ...extra]);

  const namedIds = (names: ReadonlyMap<string, ChildNameOf>) => [...names.values()].filter((n) => !n.hidden).map((n) => n.id);

  return {
    /** The choices of the page's filters: the area's users, and the actions its trail holds in words. */
    async choices(user: User) {
      const [people, actions] = await Promise.all([repo.listAreaPeople(db, user.areaCode), repo.listAuditActions(db, user.areaCode)]);
      return { people, actions: actionChoices(actions) };
    },

    /**
     * One page of the area's trail, filtered, in plain words. Reading the trail is audited too: its
     * entries name children, so the read records every child its entries are about (and which of them it named), like a search.
     */
    async page(user: User, query: TrailQuery, ctx: RequestContext, pageSize = AUDIT_PAGE_SIZE): Promise<TrailPage> {
      return db.transaction(async (tx) => {
        const people = await peopleOf(tx, user.areaCode);
        const filter = checkTrailQuery(user.areaCode, query, [...people.values()]);
        const total = await repo.countAuditEvents(tx, filter);
        const lastPage = Math.max(1, Math.ceil(total / pageSize));
        const page = query.page !== undefined && Number.isInteger(query.page) && query.page >= 1 ? query.page : 1;
        const events = await repo.listAuditEvents(tx, filter, { offset: (page - 1) * pageSize, limit: pageSize });
        const names = await namesFor(tx, user, events, filter.childId ? [filter.childId] : []);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'audit.read',
          // Every child the page's entries are about, named or shown as a shielded record: the read is of their trail.
          details: {
            filters: filtersRecorded(filter),
            page,
            total,
            events: events.length,
            childIds: [...names.keys()],
            namedChildIds: namedIds(names),
            basis: BASIS,
          },
        });
        return {
          entries: events.map((e) => describeEntry(e, people, names)),
          total,
          page,
          pageSize,
          lastPage,
          child: filter.childId ? (names.get(filter.childId) ?? { id: filter.childId, hidden: true }) : undefined,
        };
      });
    },

    /**
     * The filtered trail as CSV lines, newest first, read EXPORT_BATCH entries at a time. The export
     * is audited before the first line, with its filters, its count and the last entry it covers
     * (`throughSeq`): the trail is append-only, so those say exactly which entries, and which
     * children, the file held.
     */
    async exportCsv(user: User, query: TrailQuery, ctx: RequestContext): Promise<{ total: number; lines: AsyncGenerator<string> }> {
      const { filter, total, throughSeq, people } = await db.transaction(async (tx) => {
        const known = await peopleOf(tx, user.areaCode);
        const checked = checkTrailQuery(user.areaCode, query, [...known.values()]);
        const [newest] = await repo.listAuditEventsBefore(tx, checked, null, 1);
        const count = await repo.countAuditEvents(tx, checked);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'audit.exported',
          details: {
            filters: filtersRecorded(checked),
            total: count,
            throughSeq: newest?.seq ?? null,
            format: 'csv',
            ...(checked.childId ? { childIds: [checked.childId] } : {}),
            basis: BASIS,
          },
        });
        return { filter: checked, total: count, throughSeq: newest?.seq ?? null, people: known };
      });
      async function* lines(): AsyncGenerator<string> {
        yield trailCsvHeader();
        // Keyset paging from just after the last entry counted: entries written while the file is read are not in it.
        let before = throughSeq === null ? null : throughSeq + 1;
        while (before !== null) {
          const batch = await repo.listAuditEventsBefore(db, filter, before, EXPORT_BATCH);
          const names = await namesFor(db, user, batch);
          for (const e of batch) yield trailCsvLine(describeEntry(e, people, names));
          before = batch.length === EXPORT_BATCH ? (batch.at(-1)?.seq ?? null) : null;
        }
      }
      return { total, lines: lines() };
    },
  };
}

export type AuditTrailService = ReturnType<typeof auditTrailService>;

import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db, Tx } from '../../platform/db.js';
import { notFound, validationFailed, type AppError } from '../../platform/errors.js';
import { childProblems } from '../errors.js';
import { isUuid } from '../../platform/ids.js';
import type { ChildMergeHook, MovedRows } from '../hooks.js';
import * as repo from '../records/repository.js';
import { showInvolvements, viewerOf } from '../search/service.js';
import { childRules } from '../subject-rules.js';
import type { ChildDetails, PendingDuplicatesPage, ShownChild } from '../types.js';
import * as duplicates from './repository.js';
import { MOVABLE_KINDS } from './repository.js';
import * as merges from './merges.js';
import type { MergeHistoryEntry } from './merges.js';

/**
 * The review queue of likely duplicates: a practice manager merges two records into one, or keeps
 * them apart. A merge moves names, carers, involvements and source links to the kept record, and
 * what other features keep about the child through their merge hooks (hooks.ts; the front line's
 * checklists, assessments and level of need), and remembers exactly what it moved, so it can be undone.
 */

export const DUPLICATES_PAGE_SIZE = 50;

/** A pair side by side for the decision, each record already masked for the caller. */
export interface ComparedPair {
  id: string;
  status: string;
  score: number;
  reasons: string;
  child: ShownChild;
  other: ShownChild;
}

/** What a merge moved (child_merge.moved): the index's own kinds, and each hook's kinds beside them. */
interface Moved {
  names: { id: string; kind: string }[];
  /** Records merged into the merged record before, which now lead to the kept one. */
  mergedEarlier: string[];
  own: Record<duplicates.MovableKind, string[]>;
  byHooks: MovedRows;
}

const isName = (v: unknown): v is { id: string; kind: string } =>
  typeof v === 'object' && v !== null && 'id' in v && 'kind' in v && typeof v.id === 'string' && typeof v.kind === 'string';
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A stored `moved`; merges recorded before a kind was moved lack its key, which means nothing of it moved. */
const readMoved = (stored: Record<string, unknown>): Moved => ({
  names: Array.isArray(stored['names']) ? stored['names'].filter(isName) : [],
  mergedEarlier: ids(stored['mergedEarlier']),
  own: { carers: ids(stored['carers']), involvements: ids(stored['involvements']), sourceRecords: ids(stored['sourceRecords']) },
  byHooks: Object.fromEntries(
    Object.entries(stored)
      .filter(([key]) => !['names', 'mergedEarlier', ...MOVABLE_KINDS].includes(key))
      .map(([key, value]) => [key, ids(value)]),
  ),
});

/** As child_merge.moved keeps it: one flat object, the hooks' kinds beside the index's own. */
const storedMoved = (moved: Moved): Record<string, unknown> => ({
  names: moved.names,
  ...moved.own,
  ...moved.byHooks,
  mergedEarlier: moved.mergedEarlier,
});

/** How many of each kind moved, leaving out kinds with none: what the audit entry lists. */
function movedCounts(moved: Moved): Record<string, number> {
  const counts: Record<string, number> = { names: moved.names.length, mergedEarlier: moved.mergedEarlier.length };
  for (const kind of MOVABLE_KINDS) counts[kind] = moved.own[kind].length;
  for (const [kind, moves] of Object.entries(moved.byHooks)) counts[kind] = moves.length;
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

const decided = (): AppError => childProblems.decided('Someone has already decided about this pair');

/** Moves everything of the merged record to the kept one; the merged record's current name becomes an alternative. */
async function moveToKept(tx: Tx, hooks: readonly ChildMergeHook[], mergedId: string, keptId: string): Promise<Moved> {
  const names = await duplicates.moveNamesToKept(tx, mergedId, keptId);
  const own: Moved['own'] = { carers: [], involvements: [], sourceRecords: [] };
  for (const kind of MOVABLE_KINDS) own[kind] = await duplicates.moveRowsToKept(tx, kind, mergedId, keptId);
  const byHooks: MovedRows = {};
  for (const hook of hooks) Object.assign(byHooks, await hook.moveToKept(tx, { keptId, mergedId }));
  const mergedEarlier = await duplicates.redirectEarlierMerges(tx, mergedId, keptId);
  return { names, mergedEarlier, own, byHooks };
}

/** Moves back exactly what a merge moved, each name with the kind it had. */
async function moveBack(tx: Tx, hooks: readonly ChildMergeHook[], moved: Moved, mergedId: string, keptId: string): Promise<void> {
  await duplicates.moveNamesBack(tx, mergedId, moved.names);
  // A name may have been removed from the kept record since: the merged record gets its current name back.
  await duplicates.restoreCurrentName(tx, mergedId);
  for (const kind of MOVABLE_KINDS) await duplicates.moveRowsBack(tx, kind, mergedId, moved.own[kind]);
  for (const hook of hooks) await hook.moveBack(tx, { keptId, mergedId }, moved.byHooks);
  await duplicates.restoreEarlierMerges(tx, mergedId, moved.mergedEarlier);
}

/** A page number as asked for: a whole number, 1 or more. */
function checkPage(page: number): number {
  if (!Number.isInteger(page) || page < 1) {
    throw validationFailed([{ field: 'page', rule: 'positive_integer', message: 'Page must be a whole number, 1 or more' }]);
  }
  return page;
}

export function duplicatesService({ db, clock, mergeHooks = [] }: { db: Db; clock: Clock; mergeHooks?: readonly ChildMergeHook[] }) {
  const recordAudit = auditWithClock(clock);
  async function pair(tx: Tx, user: User, id: string): Promise<duplicates.PossibleDuplicate> {
    const found = isUuid(id) ? await duplicates.lockPossibleDuplicate(tx, user.areaCode, id) : undefined;
    if (!found) throw notFound('possible duplicate');
    return found;
  }

  /** A hook's refusal for a database error met while moving (a race its refuse could not see), if any hook knows it. */
  const explained = (error: unknown): AppError | undefined => {
    for (const hook of mergeHooks) {
      const refusal = hook.explainFailure?.(error);
      if (refusal) return refusal;
    }
    return undefined;
  };

  return {
    /**
     * The area's merges, newest first (who merged which records when, and who undid it), named as the
     * queue names them; the read is audited with the records it names.
     */
    async listMerges(user: User, pageAsked: number, ctx: RequestContext) {
      const page = checkPage(pageAsked);
      const viewer = viewerOf(user);
      return db.transaction(async (tx) => {
        const total = await merges.countMerges(tx, user.areaCode);
        const items = await merges.listMerges(tx, user.areaCode, viewer, {
          limit: DUPLICATES_PAGE_SIZE,
          offset: (page - 1) * DUPLICATES_PAGE_SIZE,
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.merges_listed',
          details: {
            page,
            childIds: [...new Set(items.flatMap((m) => [m.kept, m.merged].filter((c) => c.name !== null).map((c) => c.id)))],
            basis: 'practice manager: merge history',
          },
        });
        return { items, total, page, pageSize: DUPLICATES_PAGE_SIZE };
      });
    },

    /** One merge as it stands now (for the banner after a merge: undo is offered only while it can be done); undefined when not found. */
    async mergeState(user: User, mergeId: string): Promise<MergeHistoryEntry | undefined> {
      return isUuid(mergeId) ? merges.findMerge(db, user.areaCode, viewerOf(user), mergeId) : undefined;
    },

    /** One page of pending pairs, most alike first, each named in the same query; and how many wait in all. */
    async listPending(user: User, pageAsked: number, ctx: RequestContext): Promise<PendingDuplicatesPage> {
      const page = checkPage(pageAsked);
      const viewer = viewerOf(user);
      return db.transaction(async (tx) => {
        const total = await duplicates.countPendingPairs(tx, user.areaCode, viewer);
        const items = await duplicates.listPendingPairs(tx, user.areaCode, viewer, {
          limit: DUPLICATES_PAGE_SIZE,
          offset: (page - 1) * DUPLICATES_PAGE_SIZE,
        });
        // Domain brief §3: every view is audited; the queue names both records of each pair.
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.duplicates_listed',
          details: {
            page,
            childIds: [...new Set(items.flatMap((r) => [r.child.id, r.other.id]))],
            basis: 'practice manager: duplicates queue',
          },
        });
        return { items, total, page, pageSize: DUPLICATES_PAGE_SIZE };
      });
    },

    /** Both records side by side, for the decision. Reading them is audited like any view. */
    async compare(user: User, id: string, ctx: RequestContext): Promise<ComparedPair> {
      return db.transaction(async (tx) => {
        const p = await pair(tx, user, id);
        const [child, other] = await Promise.all([
          repo.findChild(tx, user.areaCode, p.childId),
          repo.findChild(tx, user.areaCode, p.otherChildId),
        ]);
        const viewer = viewerOf(user);
        if (!child || !other || !childRules.permits(viewer, 'view', child) || !childRules.permits(viewer, 'view', other))
          throw notFound('possible duplicate');
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.duplicate_compared',
          subject: { type: 'possible_duplicate', id },
          reason: 'Reviewing a likely duplicate record',
          details: { childIds: [child.id, other.id] },
        });
        // Masked here, as the record page is, so no page has to hide what it should not have been given.
        const shown = (c: ChildDetails): ShownChild => ({ ...c, involvements: showInvolvements(c, viewer) });
        return { id: p.id, status: p.status, score: p.score, reasons: p.reasons, child: shown(child), other: shown(other) };
      });
    },

    async keepApart(user: User, id: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const p = await pair(tx, user, id);
        if (p.status !== 'pending') throw decided();
        await duplicates.markKeptApart(tx, id, user.id, clock.now());
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.kept_apart',
          subject: { type: 'possible_duplicate', id },
          details: { childIds: [p.childId, p.otherChildId] },
        });
      });
    },

    /**
     * Merges the other record of the pair into `keepId`. Returns the merge's id (to undo it).
     * Refused, changing nothing, when a merge hook refuses it (both records have an open common assessment).
     */
    async merge(user: User, id: string, keepId: string, ctx: RequestContext): Promise<string> {
      try {
        return await db.transaction(async (tx) => {
          const p = await pair(tx, user, id);
          if (p.status !== 'pending') throw decided();
          if (keepId !== p.childId && keepId !== p.otherChildId) {
            throw validationFailed([{ field: 'keep', rule: 'one_of', message: 'Choose which of the two records to keep' }]);
          }
          const mergedId = keepId === p.childId ? p.otherChildId : p.childId;
          const [kept, merged] = await Promise.all([
            repo.findChild(tx, user.areaCode, keepId),
            repo.findChild(tx, user.areaCode, mergedId),
          ]);
          const viewer = viewerOf(user);
          if (!kept || !merged || !childRules.permits(viewer, 'view', kept) || !childRules.permits(viewer, 'view', merged))
            throw notFound('possible duplicate');
          for (const hook of mergeHooks) await hook.refuse?.(tx, { keptId: keepId, mergedId });
          const moved = await moveToKept(tx, mergeHooks, mergedId, keepId);
          const at = clock.now();
          await duplicates.markChildMergedInto(tx, mergedId, keepId, at);
          await duplicates.bumpChildVersion(tx, keepId, at);
          await duplicates.markMerged(tx, id, user.id, at);
          const mergeId = await duplicates.insertMerge(tx, {
            areaCode: user.areaCode,
            keptId: keepId,
            mergedId,
            possibleDuplicateId: id,
            moved: storedMoved(moved),
            mergedBy: user.id,
            mergedAt: at,
          });
          await recordAudit(tx, actorOf(user), ctx, {
            action: 'child.merged',
            subject: { type: 'child', id: keepId },
            details: { childIds: [keepId, mergedId], mergeId, possibleDuplicateId: id, moved: movedCounts(moved) },
          });
          return mergeId;
        });
      } catch (error) {
        throw explained(error) ?? error;
      }
    },

    /** Puts both records back exactly as they were before the merge. */
    async undoMerge(user: User, mergeId: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const m = isUuid(mergeId) ? await duplicates.lockMerge(tx, user.areaCode, mergeId) : undefined;
        if (!m) throw notFound('merge');
        if (m.undoneAt) throw childProblems.alreadyUndone('This merge has already been undone');
        if (await duplicates.findMergedIntoId(tx, m.keptChildId))
          throw childProblems.mergedAgain('The kept record has since been merged into another: undo that merge first');
        const at = clock.now();
        await duplicates.markChildActiveAgain(tx, m.mergedChildId, at);
        await moveBack(tx, mergeHooks, readMoved(m.moved), m.mergedChildId, m.keptChildId);
        await duplicates.bumpChildVersion(tx, m.keptChildId, at);
        await duplicates.markMergeUndone(tx, mergeId, user.id, at);
        if (m.possibleDuplicateId) await duplicates.markPendingAgain(tx, m.possibleDuplicateId);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.merge_undone',
          subject: { type: 'child', id: m.keptChildId },
          details: { childIds: [m.keptChildId, m.mergedChildId], mergeId },
        });
      });
    },
  };
}

export type DuplicatesService = ReturnType<typeof duplicatesService>;

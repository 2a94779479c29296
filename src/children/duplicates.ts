import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db, Tx } from '../platform/db.js';
import { AppError, notFound } from '../platform/errors.js';
import * as repo from './repository.js';
import { viewerOf } from './service.js';
import type { ChildDetails } from './types.js';

/**
 * The review queue of likely duplicates: a practice manager merges two records into one, or keeps
 * them apart. A merge moves names, carers, involvements and source links to the kept record and
 * remembers exactly what it moved, so it can be undone.
 */

export interface PendingDuplicate {
  id: string;
  score: number;
  reasons: string;
  foundAt: Date;
  childId: string;
  otherChildId: string;
}

interface Moved {
  names: { id: string; kind: string }[];
  carers: string[];
  involvements: string[];
  sourceRecords: string[];
  mergedEarlier: string[];
}

const isUuid = (v: string): boolean => /^[0-9a-f-]{36}$/i.test(v);

const MOVE = {
  child_name: 'UPDATE child_name SET child_id = $1 WHERE id = ANY($2::uuid[])',
  carer: 'UPDATE carer SET child_id = $1 WHERE id = ANY($2::uuid[])',
  involvement: 'UPDATE involvement SET child_id = $1 WHERE id = ANY($2::uuid[])',
  child_source_record: 'UPDATE child_source_record SET child_id = $1 WHERE id = ANY($2::uuid[])',
} as const;

async function moveAll(tx: Tx, table: keyof typeof MOVE, ids: string[], childId: string): Promise<void> {
  if (ids.length > 0) await tx.query(MOVE[table], [childId, ids]);
}

export function duplicatesService({ db }: { db: Db }) {
  async function pair(tx: Tx, user: User, id: string) {
    if (!isUuid(id)) throw notFound('possible duplicate');
    const [row] = await tx.query<{ id: string; child_id: string; other_child_id: string; status: string; score: number; reasons: string }>(
      'SELECT id, child_id, other_child_id, status, score, reasons FROM possible_duplicate WHERE id = $1 AND area_code = $2 FOR UPDATE',
      [id, user.areaCode],
    );
    if (!row) throw notFound('possible duplicate');
    return row;
  }

  return {
    async listPending(user: User): Promise<(PendingDuplicate & { child: ChildDetails | undefined; other: ChildDetails | undefined })[]> {
      const rows = await db.query<PendingDuplicate>(
        `SELECT d.id, d.score, d.reasons, d.found_at AS "foundAt", d.child_id AS "childId", d.other_child_id AS "otherChildId"
           FROM possible_duplicate d
           JOIN child a ON a.id = d.child_id AND a.merged_into_id IS NULL
           JOIN child b ON b.id = d.other_child_id AND b.merged_into_id IS NULL
          WHERE d.area_code = $1 AND d.status = 'pending'
          ORDER BY d.found_at, d.id
          LIMIT 100`,
        [user.areaCode],
      );
      return Promise.all(
        rows.map(async (r) => ({
          ...r,
          child: await repo.findChild(db, user.areaCode, r.childId),
          other: await repo.findChild(db, user.areaCode, r.otherChildId),
        })),
      );
    },

    /** Both records side by side, for the decision. Reading them is audited like any view. */
    async compare(user: User, id: string, ctx: RequestContext) {
      return db.transaction(async (tx) => {
        const p = await pair(tx, user, id);
        const [child, other] = await Promise.all([
          repo.findChild(tx, user.areaCode, p.child_id),
          repo.findChild(tx, user.areaCode, p.other_child_id),
        ]);
        if (!child || !other || !repo.canSee(child, viewerOf(user)) || !repo.canSee(other, viewerOf(user)))
          throw notFound('possible duplicate');
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.duplicate_compared',
          subject: { type: 'possible_duplicate', id },
          reason: 'Reviewing a likely duplicate record',
          details: { childIds: [child.id, other.id] },
        });
        return { id: p.id, status: p.status, score: p.score, reasons: p.reasons, child, other };
      });
    },

    async keepApart(user: User, id: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const p = await pair(tx, user, id);
        if (p.status !== 'pending') throw new AppError(409, 'decided', 'Already decided', 'Someone has already decided about this pair');
        await tx.query(`UPDATE possible_duplicate SET status = 'kept apart', decided_by = $2, decided_at = now() WHERE id = $1`, [
          id,
          user.id,
        ]);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.kept_apart',
          subject: { type: 'possible_duplicate', id },
          details: { childIds: [p.child_id, p.other_child_id] },
        });
      });
    },

    /** Merges the other record of the pair into `keepId`. Returns the merge's id (to undo it). */
    async merge(user: User, id: string, keepId: string, ctx: RequestContext): Promise<string> {
      return db.transaction(async (tx) => {
        const p = await pair(tx, user, id);
        if (p.status !== 'pending') throw new AppError(409, 'decided', 'Already decided', 'Someone has already decided about this pair');
        if (keepId !== p.child_id && keepId !== p.other_child_id) {
          throw new AppError(400, 'validation_failed', 'There is a problem', 'Choose which record to keep', [
            { field: 'keep', rule: 'one_of', message: 'Choose which of the two records to keep' },
          ]);
        }
        const mergedId = keepId === p.child_id ? p.other_child_id : p.child_id;
        const [kept, merged] = await Promise.all([repo.findChild(tx, user.areaCode, keepId), repo.findChild(tx, user.areaCode, mergedId)]);
        if (!kept || !merged || !repo.canSee(kept, viewerOf(user)) || !repo.canSee(merged, viewerOf(user)))
          throw notFound('possible duplicate');
        const ids = async (sql: string) => (await tx.query<{ id: string }>(sql, [mergedId])).map((r) => r.id);
        const moved: Moved = {
          names: await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM child_name WHERE child_id = $1', [mergedId]),
          carers: await ids('SELECT id FROM carer WHERE child_id = $1'),
          involvements: await ids('SELECT id FROM involvement WHERE child_id = $1'),
          sourceRecords: await ids('SELECT id FROM child_source_record WHERE child_id = $1'),
          mergedEarlier: await ids('SELECT id FROM child WHERE merged_into_id = $1'),
        };
        await tx.query(`UPDATE child_name SET kind = 'alternative' WHERE child_id = $1 AND kind = 'current'`, [mergedId]);
        await moveAll(
          tx,
          'child_name',
          moved.names.map((n) => n.id),
          keepId,
        );
        await moveAll(tx, 'carer', moved.carers, keepId);
        await moveAll(tx, 'involvement', moved.involvements, keepId);
        await moveAll(tx, 'child_source_record', moved.sourceRecords, keepId);
        if (moved.mergedEarlier.length)
          await tx.query('UPDATE child SET merged_into_id = $1 WHERE id = ANY($2::uuid[])', [keepId, moved.mergedEarlier]);
        await tx.query('UPDATE child SET merged_into_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [mergedId, keepId]);
        await tx.query('UPDATE child SET version = version + 1, updated_at = now() WHERE id = $1', [keepId]);
        await tx.query(`UPDATE possible_duplicate SET status = 'merged', decided_by = $2, decided_at = now() WHERE id = $1`, [id, user.id]);
        const [merge] = await tx.query<{ id: string }>(
          'INSERT INTO child_merge (area_code, kept_child_id, merged_child_id, possible_duplicate_id, moved, merged_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [user.areaCode, keepId, mergedId, id, JSON.stringify(moved), user.id],
        );
        if (!merge) throw new Error('insert returned no row');
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.merged',
          subject: { type: 'child', id: keepId },
          details: { childIds: [keepId, mergedId], mergeId: merge.id, possibleDuplicateId: id },
        });
        return merge.id;
      });
    },

    /** Puts both records back exactly as they were before the merge. */
    async undoMerge(user: User, mergeId: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        if (!isUuid(mergeId)) throw notFound('merge');
        const [m] = await tx.query<{
          kept_child_id: string;
          merged_child_id: string;
          possible_duplicate_id: string | null;
          moved: Moved;
          undone_at: Date | null;
        }>(
          'SELECT kept_child_id, merged_child_id, possible_duplicate_id, moved, undone_at FROM child_merge WHERE id = $1 AND area_code = $2 FOR UPDATE',
          [mergeId, user.areaCode],
        );
        if (!m) throw notFound('merge');
        if (m.undone_at) throw new AppError(409, 'already_undone', 'Already undone', 'This merge has already been undone');
        const [kept] = await tx.query<{ merged_into_id: string | null }>('SELECT merged_into_id FROM child WHERE id = $1', [
          m.kept_child_id,
        ]);
        if (kept?.merged_into_id)
          throw new AppError(
            409,
            'merged_again',
            'Undo the later merge first',
            'The kept record has since been merged into another: undo that merge first',
          );
        await tx.query('UPDATE child SET merged_into_id = NULL, version = version + 1, updated_at = now() WHERE id = $1', [
          m.merged_child_id,
        ]);
        await moveAll(
          tx,
          'child_name',
          m.moved.names.map((n) => n.id),
          m.merged_child_id,
        );
        for (const n of m.moved.names) await tx.query('UPDATE child_name SET kind = $2 WHERE id = $1', [n.id, n.kind]);
        await moveAll(tx, 'carer', m.moved.carers, m.merged_child_id);
        await moveAll(tx, 'involvement', m.moved.involvements, m.merged_child_id);
        await moveAll(tx, 'child_source_record', m.moved.sourceRecords, m.merged_child_id);
        if (m.moved.mergedEarlier.length)
          await tx.query('UPDATE child SET merged_into_id = $1 WHERE id = ANY($2::uuid[])', [m.merged_child_id, m.moved.mergedEarlier]);
        await tx.query('UPDATE child SET version = version + 1, updated_at = now() WHERE id = $1', [m.kept_child_id]);
        await tx.query('UPDATE child_merge SET undone_by = $2, undone_at = now() WHERE id = $1', [mergeId, user.id]);
        if (m.possible_duplicate_id) {
          await tx.query(`UPDATE possible_duplicate SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = $1`, [
            m.possible_duplicate_id,
          ]);
        }
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.merge_undone',
          subject: { type: 'child', id: m.kept_child_id },
          details: { childIds: [m.kept_child_id, m.merged_child_id], mergeId },
        });
      });
    },
  };
}

export type DuplicatesService = ReturnType<typeof duplicatesService>;

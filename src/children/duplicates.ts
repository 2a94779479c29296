import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db, Tx } from '../platform/db.js';
import { notFound, validationFailed, type AppError } from '../platform/errors.js';
import { childProblems } from './errors.js';
import * as repo from './repository.js';
import { viewerOf } from './service.js';
import type { PendingDuplicatesPage } from './types.js';

/**
 * The review queue of likely duplicates: a practice manager merges two records into one, or keeps
 * them apart. A merge moves names, carers, involvements, source links and the front-line records
 * (pre-assessment checklists, common assessments with everything attached to them, the level of
 * need history) to the kept record, and remembers exactly what it moved, so it can be undone.
 */

export const DUPLICATES_PAGE_SIZE = 50;

/** The kinds of row a merge moves by their child_id. Names move apart from these: their kind changes too. */
type MovableKind = 'carers' | 'involvements' | 'sourceRecords' | 'preAssessmentChecks' | 'commonAssessments' | 'needLevelChanges';

/** What a merge moved (child_merge.moved), by kind: what undo moves back. */
type Moved = Record<MovableKind, string[]> & {
  names: { id: string; kind: string }[];
  /** Records merged into the merged record before, which now lead to the kept one. */
  mergedEarlier: string[];
};

/**
 * Each kind's move to the kept record ($1 merged, $2 kept; returns the ids moved) and back on undo
 * ($1 merged, $2 the ids). The kept record's level of need is then the latest change on either record.
 */
const MOVES: Record<MovableKind, { toKept: string; back: string }> = {
  carers: {
    toKept: 'UPDATE carer SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE carer SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  involvements: {
    toKept: 'UPDATE involvement SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE involvement SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  sourceRecords: {
    toKept: 'UPDATE child_source_record SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE child_source_record SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  preAssessmentChecks: {
    toKept: 'UPDATE pre_assessment_check SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE pre_assessment_check SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  commonAssessments: {
    toKept: 'UPDATE common_assessment SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE common_assessment SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
  needLevelChanges: {
    toKept: 'UPDATE need_level_change SET child_id = $2 WHERE child_id = $1 RETURNING id',
    back: 'UPDATE need_level_change SET child_id = $1 WHERE id = ANY($2::uuid[])',
  },
};
const MOVABLE_KINDS = Object.keys(MOVES) as MovableKind[];

/** A stored `moved`; merges recorded before a kind was moved lack its key, which means nothing of it moved. */
const readMoved = (stored: Partial<Moved>): Moved => ({
  names: stored.names ?? [],
  carers: stored.carers ?? [],
  involvements: stored.involvements ?? [],
  sourceRecords: stored.sourceRecords ?? [],
  preAssessmentChecks: stored.preAssessmentChecks ?? [],
  commonAssessments: stored.commonAssessments ?? [],
  needLevelChanges: stored.needLevelChanges ?? [],
  mergedEarlier: stored.mergedEarlier ?? [],
});

/** How many of each kind moved, leaving out kinds with none: what the audit entry lists. */
function movedCounts(moved: Moved): Record<string, number> {
  const counts: Record<string, number> = { names: moved.names.length, mergedEarlier: moved.mergedEarlier.length };
  for (const kind of MOVABLE_KINDS) counts[kind] = moved[kind].length;
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

const isUuid = (v: string): boolean => /^[0-9a-f-]{36}$/i.test(v);

const decided = (): AppError => childProblems.decided('Someone has already decided about this pair');

/** 004 para 198: a child has one open common assessment at most (index common_assessment_one_open). */
const bothOpenAssessments = (detail: string): AppError =>
  childProblems.bothOpenAssessments(
    `These records cannot be merged: both have an open common assessment (${detail}), and a child may have only one open common assessment. Close one of the assessments first, then merge the records.`,
  );

async function refuseTwoOpenAssessments(tx: Tx, keptId: string, mergedId: string): Promise<void> {
  const open = await tx.query<{ assessor_name: string; assessor_service: string }>(
    `SELECT assessor_name, assessor_service FROM common_assessment
      WHERE child_id = ANY($1::uuid[]) AND status = 'open'
      ORDER BY started_at`,
    [[keptId, mergedId]],
  );
  if (open.length > 1) throw bothOpenAssessments(open.map((a) => `started by ${a.assessor_name}, ${a.assessor_service}`).join('; '));
}

/** Moves everything of the merged record to the kept one; the merged record's current name becomes an alternative. */
async function moveToKept(tx: Tx, mergedId: string, keptId: string): Promise<Moved> {
  const names = await tx.query<{ id: string; kind: string }>('SELECT id, kind FROM child_name WHERE child_id = $1', [mergedId]);
  await tx.query(
    `UPDATE child_name SET child_id = $2, kind = CASE WHEN kind = 'current' THEN 'alternative' ELSE kind END
      WHERE id = ANY($1::uuid[])`,
    [names.map((n) => n.id), keptId],
  );
  const move = async (sql: string) => (await tx.query<{ id: string }>(sql, [mergedId, keptId])).map((r) => r.id);
  const moved = readMoved({ names });
  for (const kind of MOVABLE_KINDS) moved[kind] = await move(MOVES[kind].toKept);
  moved.mergedEarlier = await move('UPDATE child SET merged_into_id = $2 WHERE merged_into_id = $1 RETURNING id');
  return moved;
}

/** Moves back exactly what a merge moved, each name with the kind it had. */
async function moveBack(tx: Tx, moved: Moved, mergedId: string): Promise<void> {
  if (moved.names.length > 0) {
    await tx.query(
      `UPDATE child_name n SET child_id = $1, kind = m.kind FROM unnest($2::uuid[], $3::text[]) AS m(id, kind) WHERE n.id = m.id`,
      [mergedId, moved.names.map((n) => n.id), moved.names.map((n) => n.kind)],
    );
  }
  // A name may have been removed from the kept record since: the merged record gets its current name back.
  await tx.query(
    `INSERT INTO child_name (child_id, area_code, kind, given_name, family_name)
     SELECT c.id, c.area_code, 'current', c.given_name, c.family_name FROM child c
      WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM child_name n WHERE n.child_id = c.id AND n.kind = 'current')`,
    [mergedId],
  );
  for (const kind of MOVABLE_KINDS) {
    if (moved[kind].length > 0) await tx.query(MOVES[kind].back, [mergedId, moved[kind]]);
  }
  if (moved.mergedEarlier.length > 0) {
    await tx.query('UPDATE child SET merged_into_id = $1 WHERE id = ANY($2::uuid[])', [mergedId, moved.mergedEarlier]);
  }
}

/** A unique index said no while moving: two open assessments met (a race with starting one). */
function openAssessmentConflict(error: unknown): AppError | undefined {
  const message = error instanceof Error ? error.message : '';
  return message.includes('common_assessment_one_open') ? bothOpenAssessments('one was started while merging') : undefined;
}

interface PendingRow {
  id: string;
  score: number;
  reasons: string;
  found_at: Date;
  child_id: string;
  child_given_name: string;
  child_family_name: string;
  child_date_of_birth: string;
  other_id: string;
  other_given_name: string;
  other_family_name: string;
  other_date_of_birth: string;
}

/**
 * Pending pairs in the area whose records are both active and both visible to the viewer ($2
 * organisation, $3 designated safeguarding): a shielded record is not named to those who may not see it.
 */
const PENDING_PAIRS = `
  FROM possible_duplicate d
  JOIN child a ON a.id = d.child_id AND a.merged_into_id IS NULL
  JOIN child b ON b.id = d.other_child_id AND b.merged_into_id IS NULL
 WHERE d.area_code = $1 AND d.status = 'pending'
   AND ${repo.visibleSql('a')} AND ${repo.visibleSql('b')}`;

/** A page number as asked for: a whole number, 1 or more. */
function checkPage(page: number): number {
  if (!Number.isInteger(page) || page < 1) {
    throw validationFailed([{ field: 'page', rule: 'positive_integer', message: 'Page must be a whole number, 1 or more' }]);
  }
  return page;
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
    /** One page of pending pairs, oldest first, each named in the same query; and how many wait in all. */
    async listPending(user: User, pageAsked: number, ctx: RequestContext): Promise<PendingDuplicatesPage> {
      const page = checkPage(pageAsked);
      const viewer = viewerOf(user);
      const visibleTo = [user.areaCode, viewer.organisationId, viewer.designatedSafeguarding];
      return db.transaction(async (tx) => {
        const [counted] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total ${PENDING_PAIRS}`, visibleTo);
        const rows = await tx.query<PendingRow>(
          `SELECT d.id, d.score, d.reasons, d.found_at,
                a.id AS child_id, a.given_name AS child_given_name, a.family_name AS child_family_name,
                a.date_of_birth AS child_date_of_birth,
                b.id AS other_id, b.given_name AS other_given_name, b.family_name AS other_family_name,
                b.date_of_birth AS other_date_of_birth
         ${PENDING_PAIRS}
          ORDER BY d.found_at, d.id
          LIMIT $4 OFFSET $5`,
          [...visibleTo, DUPLICATES_PAGE_SIZE, (page - 1) * DUPLICATES_PAGE_SIZE],
        );
        const result = {
          items: rows.map((r) => ({
            id: r.id,
            score: r.score,
            reasons: r.reasons,
            foundAt: r.found_at,
            child: { id: r.child_id, givenName: r.child_given_name, familyName: r.child_family_name, dateOfBirth: r.child_date_of_birth },
            other: { id: r.other_id, givenName: r.other_given_name, familyName: r.other_family_name, dateOfBirth: r.other_date_of_birth },
          })),
          total: counted?.total ?? 0,
          page,
          pageSize: DUPLICATES_PAGE_SIZE,
        };
        // Domain brief §3: every view is audited; the queue names both records of each pair.
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.duplicates_listed',
          details: {
            page,
            childIds: [...new Set(rows.flatMap((r) => [r.child_id, r.other_id]))],
            basis: 'practice manager: duplicates queue',
          },
        });
        return result;
      });
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
        if (p.status !== 'pending') throw decided();
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

    /**
     * Merges the other record of the pair into `keepId`. Returns the merge's id (to undo it).
     * Refused, changing nothing, when both records have an open common assessment.
     */
    async merge(user: User, id: string, keepId: string, ctx: RequestContext): Promise<string> {
      try {
        return await db.transaction(async (tx) => {
          const p = await pair(tx, user, id);
          if (p.status !== 'pending') throw decided();
          if (keepId !== p.child_id && keepId !== p.other_child_id) {
            throw validationFailed([{ field: 'keep', rule: 'one_of', message: 'Choose which of the two records to keep' }]);
          }
          const mergedId = keepId === p.child_id ? p.other_child_id : p.child_id;
          const [kept, merged] = await Promise.all([
            repo.findChild(tx, user.areaCode, keepId),
            repo.findChild(tx, user.areaCode, mergedId),
          ]);
          if (!kept || !merged || !repo.canSee(kept, viewerOf(user)) || !repo.canSee(merged, viewerOf(user)))
            throw notFound('possible duplicate');
          await refuseTwoOpenAssessments(tx, keepId, mergedId);
          const moved = await moveToKept(tx, mergedId, keepId);
          await tx.query('UPDATE child SET merged_into_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [
            mergedId,
            keepId,
          ]);
          await tx.query('UPDATE child SET version = version + 1, updated_at = now() WHERE id = $1', [keepId]);
          await tx.query(`UPDATE possible_duplicate SET status = 'merged', decided_by = $2, decided_at = now() WHERE id = $1`, [
            id,
            user.id,
          ]);
          const [merge] = await tx.query<{ id: string }>(
            'INSERT INTO child_merge (area_code, kept_child_id, merged_child_id, possible_duplicate_id, moved, merged_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
            [user.areaCode, keepId, mergedId, id, JSON.stringify(moved), user.id],
          );
          if (!merge) throw new Error('insert returned no row');
          await recordAudit(tx, actorOf(user), ctx, {
            action: 'child.merged',
            subject: { type: 'child', id: keepId },
            details: { childIds: [keepId, mergedId], mergeId: merge.id, possibleDuplicateId: id, moved: movedCounts(moved) },
          });
          return merge.id;
        });
      } catch (error) {
        throw openAssessmentConflict(error) ?? error;
      }
    },

    /** Puts both records back exactly as they were before the merge. */
    async undoMerge(user: User, mergeId: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        if (!isUuid(mergeId)) throw notFound('merge');
        const [m] = await tx.query<{
          kept_child_id: string;
          merged_child_id: string;
          possible_duplicate_id: string | null;
          moved: Partial<Moved>;
          undone_at: Date | null;
        }>(
          'SELECT kept_child_id, merged_child_id, possible_duplicate_id, moved, undone_at FROM child_merge WHERE id = $1 AND area_code = $2 FOR UPDATE',
          [mergeId, user.areaCode],
        );
        if (!m) throw notFound('merge');
        if (m.undone_at) throw childProblems.alreadyUndone('This merge has already been undone');
        const [kept] = await tx.query<{ merged_into_id: string | null }>('SELECT merged_into_id FROM child WHERE id = $1', [
          m.kept_child_id,
        ]);
        if (kept?.merged_into_id)
          throw childProblems.mergedAgain('The kept record has since been merged into another: undo that merge first');
        await tx.query('UPDATE child SET merged_into_id = NULL, version = version + 1, updated_at = now() WHERE id = $1', [
          m.merged_child_id,
        ]);
        await moveBack(tx, readMoved(m.moved), m.merged_child_id);
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

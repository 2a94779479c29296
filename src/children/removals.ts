import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db, Tx } from '../platform/db.js';
import { AppError, notFound } from '../platform/errors.js';
import * as repo from './repository.js';
import { viewerOf } from './service.js';
import type { ChildDetails, ChildName } from './types.js';
import * as writes from './writes.js';

/**
 * Removing a parent or carer, or a previous or alternative name, from a record. Like an edit: based
 * on the version the person read (an older copy is refused), the version moves on, and it is audited.
 */

const stale = (): AppError =>
  new AppError(
    409,
    'stale',
    'This record has changed',
    'Someone else changed this record after you opened it. Nothing was removed: check the record as it is now before you remove anything.',
  );

/** The current name is changed by editing the basic details (the old one is kept as a previous name), never removed. */
export function refuseCurrentName(name: ChildName): void {
  if (name.kind === 'current') {
    throw new AppError(
      409,
      'current_name',
      'The current name cannot be removed',
      `${name.givenName} ${name.familyName} is the child’s current name, which cannot be removed. Change it by editing the basic details.`,
    );
  }
}

export function childRemovalsService({ db }: { db: Db }) {
  /** The record, if this user may change it: another area's, one shielded from them, or a merged one is not found. */
  async function editableChild(tx: Tx, user: User, childId: string): Promise<ChildDetails> {
    const child = /^[0-9a-f-]{36}$/i.test(childId) ? await repo.findChild(tx, user.areaCode, childId) : undefined;
    if (!child || !repo.canSee(child, viewerOf(user)) || child.mergedIntoId) throw notFound('record');
    return child;
  }

  async function takeVersion(tx: Tx, user: User, child: ChildDetails, version: number): Promise<void> {
    if (!(await writes.takeNextVersion(tx, user.areaCode, child.id, version))) throw stale();
  }

  return {
    async removeCarer(user: User, childId: string, carerId: string, version: number, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const child = await editableChild(tx, user, childId);
        await takeVersion(tx, user, child, version);
        const carer = child.carers.find((c) => c.id === carerId);
        if (!carer) throw notFound('parent or carer');
        await writes.deleteCarer(tx, child.id, carer.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.carer_removed',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], carerId: carer.id, relationship: carer.relationship, version: version + 1 },
        });
      });
    },

    async removeName(user: User, childId: string, nameId: string, version: number, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const child = await editableChild(tx, user, childId);
        await takeVersion(tx, user, child, version);
        const name = child.names.find((n) => n.id === nameId);
        if (!name) throw notFound('name');
        refuseCurrentName(name);
        await writes.deleteOtherName(tx, child.id, name.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.name_removed',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], nameId: name.id, kind: name.kind, version: version + 1 },
        });
      });
    },
  };
}

export type ChildRemovalsService = ReturnType<typeof childRemovalsService>;

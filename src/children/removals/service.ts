import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db, Tx } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { staleRecord, visibleChild } from '../records/service.js';
import type { Carer, ChildDetails, ChildName } from '../types.js';
import * as writes from '../records/writes.js';
import { childProblems } from '../errors.js';

/**
 * Removing a parent or carer, or a previous or alternative name, from a record. Like an edit: based
 * on the version the person read (an older copy is refused), the version moves on, and it is audited.
 */

/** The current name is changed by editing the basic details (the old one is kept as a previous name), never removed. */
export function refuseCurrentName(name: ChildName): void {
  if (name.kind === 'current') {
    throw childProblems.currentName(
      `${name.givenName} ${name.familyName} is the child’s current name, which cannot be removed. Change it by editing the basic details.`,
    );
  }
}

/** What can be removed from a record, and how. */
interface Removable<T extends { id: string }> {
  /** What the item is called in "not found". */
  what: string;
  find: (child: ChildDetails, id: string) => T | undefined;
  /** Refuses an item that may not be removed. */
  refuse?: (item: T) => void;
  remove: (tx: Tx, childId: string, id: string) => Promise<void>;
  action: string;
  /** What the audit entry says of the item, beyond its id. */
  details: (item: T) => Record<string, unknown>;
}

const CARER: Removable<Carer> = {
  what: 'parent or carer',
  find: (child, id) => child.carers.find((c) => c.id === id),
  remove: writes.deleteCarer,
  action: 'child.carer_removed',
  details: (carer) => ({ carerId: carer.id, relationship: carer.relationship }),
};

const NAME: Removable<ChildName> = {
  what: 'name',
  find: (child, id) => child.names.find((n) => n.id === id),
  refuse: refuseCurrentName,
  remove: writes.deleteOtherName,
  action: 'child.name_removed',
  details: (name) => ({ nameId: name.id, kind: name.kind }),
};

export function childRemovalsService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const remove =
    <T extends { id: string }>(kind: Removable<T>) =>
    async (user: User, childId: string, itemId: string, version: number, ctx: RequestContext): Promise<void> => {
      await db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        if (!(await writes.takeNextVersion(tx, user.areaCode, child.id, version, clock.now())))
          throw staleRecord('Nothing was removed: check the record as it is now before you remove anything.');
        const item = kind.find(child, itemId);
        if (!item) throw notFound(kind.what);
        kind.refuse?.(item);
        await kind.remove(tx, child.id, item.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: kind.action,
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], ...kind.details(item), version: version + 1 },
        });
      });
    };

  return { removeCarer: remove(CARER), removeName: remove(NAME) };
}

export type ChildRemovalsService = ReturnType<typeof childRemovalsService>;

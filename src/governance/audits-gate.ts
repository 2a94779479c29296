import type { User } from '../platform/auth/repository.js';
import type { Queryable } from '../platform/db.js';
import { businessAccess, managesMeetings } from './access.js';
import { listBodies } from './bodies/repository.js';

/**
 * What the self-assessment and the section 11 audits ask of the bodies (issue 16 items 7-8): which body
 * is the area's trust board or LSCB, and the caller's part in a body's business on a day. The answer
 * comes from the one body rule, governance/access.ts (ADR 0022); nothing here decides it.
 */
export interface BodyPart {
  /** Reads the body's business (a member, deputy, chair, secretariat or, except the LSCB's, the area administrator as observer). */
  read: boolean;
  /** Takes part: a member, deputy, chair or secretariat (an observer reads only). */
  member: boolean;
  /** The chair or the secretariat. */
  manage: boolean;
}

export interface BodyGate {
  trustBoard(db: Queryable, areaCode: string): Promise<{ id: string; name: string } | undefined>;
  lscb(db: Queryable, areaCode: string): Promise<{ id: string; name: string } | undefined>;
  access(db: Queryable, user: User, bodyId: string): Promise<BodyPart>;
}

/** The gate over governance/access.ts, seats counted on the clock's `today`. */
export function bodyGate(today: () => string): BodyGate {
  const ofKind = async (db: Queryable, areaCode: string, kind: 'trust_board' | 'lscb') => {
    const body = (await listBodies(db, areaCode)).find((b) => b.kind === kind);
    return body && { id: body.id, name: body.name };
  };
  return {
    trustBoard: (db, areaCode) => ofKind(db, areaCode, 'trust_board'),
    lscb: (db, areaCode) => ofKind(db, areaCode, 'lscb'),
    async access(db, user, bodyId) {
      const access = await businessAccess(db, { id: user.id, role: user.role, areaCode: user.areaCode }, bodyId, today());
      return { read: access !== 'none', member: access !== 'none' && access !== 'observer', manage: managesMeetings(access) };
    },
  };
}

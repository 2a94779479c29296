import type { Queryable } from '../platform/db.js';
import type { Role } from '../platform/policy.js';
import { findBody, findSeatsOfUser } from './bodies/repository.js';
import { governanceProblems } from './errors.js';
import type { Body, BusinessAccess } from './types.js';

/**
 * The one rule of who sees a body's business (ADR 0022; issue 16 item 10). The route's policy action
 * (governance.business, section11.oversee) lets a role in at all; this narrows it to the body:
 *
 * - its chair and its secretariat manage its meetings ('chair', 'secretariat');
 * - its other members, and the deputy named for a member, see and take part ('member');
 * - the area administrator, who sets bodies up, reads the business of the area's bodies ('observer'),
 *   except the LSCB's: the LSCB is independent of the trust (000 §2.7-2.10), so its business is its own
 *   members' and secretariat's only, the administrator included unless seated on it;
 * - anyone else: 'none'.
 *
 * Seats count on the day asked (`on`, 'YYYY-MM-DD'): a member whose seat has ended no longer sees new business.
 * Meetings, interests, accountability, self-assessment and section 11 call this; none writes its own rule.
 */

export interface BusinessViewer {
  id: string;
  role: Role;
  areaCode: string;
}

const STRENGTH: Record<BusinessAccess, number> = { none: 0, observer: 1, member: 2, chair: 3, secretariat: 3 };

/** The viewer's access to the business of a body of their area that exists (see requireBusinessAccess for a look-up by id). */
export async function accessToBody(db: Queryable, user: BusinessViewer, body: Body, on: string): Promise<BusinessAccess> {
  if (body.areaCode !== user.areaCode) return 'none';
  let best: BusinessAccess = 'none';
  for (const seat of await findSeatsOfUser(db, body.id, user.id, on)) {
    const access: BusinessAccess =
      seat.asDeputy ? 'member' : seat.memberRole === 'chair' ? 'chair' : seat.memberRole === 'secretariat' ? 'secretariat' : 'member';
    // The chair and the secretariat both manage; a chair who is also secretariat is still the chair.
    if (STRENGTH[access] > STRENGTH[best]) best = access;
  }
  if (best === 'none' && user.role === 'area_admin' && body.kind !== 'lscb') return 'observer';
  return best;
}

/** The viewer's access to a body's business by the body's id: 'none' when the body is not one of their area's. */
export async function businessAccess(db: Queryable, user: BusinessViewer, bodyId: string, on: string): Promise<BusinessAccess> {
  const body = await findBody(db, user.areaCode, bodyId);
  return body ? accessToBody(db, user, body, on) : 'none';
}

/** Whether an access lets its holder manage the body's meetings (schedule, attendance, minutes, decisions). */
export const managesMeetings = (access: BusinessAccess): boolean => access === 'chair' || access === 'secretariat';

/**
 * The body, when the viewer may see its business (need 'read') or manage it (need 'manage'); otherwise
 * the house's refusals: not found when the area has no such body, 403 not_in_body when it has but the
 * viewer is not in it. Routes and services call this before any of a body's business leaves.
 */
export async function requireBusinessAccess(
  db: Queryable,
  user: BusinessViewer,
  bodyId: string,
  on: string,
  need: 'read' | 'manage' = 'read',
): Promise<{ body: Body; access: BusinessAccess }> {
  const body = await findBody(db, user.areaCode, bodyId);
  if (!body) throw governanceProblems.notFound('The body you asked for does not exist in this area');
  const access = await accessToBody(db, user, body, on);
  const allowed = need === 'manage' ? managesMeetings(access) : access !== 'none';
  if (!allowed)
    throw governanceProblems.notInBody(
      need === 'manage'
        ? `Only the chair and the secretariat of ${body.name} manage its meetings`
        : `The business of ${body.name} is for its members and secretariat only`,
      { details: { bodyId: body.id } },
    );
  return { body, access };
}

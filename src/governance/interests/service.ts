import { organisationIsInArea } from '../../partnership/index.js';
import { auditWithClock } from '../../platform/audit.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { formatDate } from '../../platform/dates.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { requireBusinessAccess } from '../access.js';
import { governanceProblems } from '../errors.js';
import { readDay, requiredText, textOf } from '../meetings/input.js';
import type { BusinessCaller } from '../meetings/service.js';
import * as repo from './repository.js';

/**
 * Declarations of interest (issue 16 item 5; 000 §2.43: partners that both commission and provide). A
 * person keeps their own up to date with their sign-in, once for every seat they hold; the secretariat
 * of a body records one for a seat whose holder has no sign-in. Each names a partner organisation or a
 * service of the area's list, its nature and from when to when. Every change is audited.
 */

export interface DeclarationInput {
  organisationId?: unknown;
  serviceId?: unknown;
  nature?: unknown;
  fromOn?: unknown;
  toOn?: unknown;
}

export function interestsService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  async function checked(areaCode: string, input: DeclarationInput): Promise<repo.DeclarationFields> {
    const errors = new FieldErrors();
    const organisationId = textOf(input.organisationId);
    const serviceId = textOf(input.serviceId);
    if ((organisationId === '') === (serviceId === '')) errors.add('organisationId', 'one_of', 'Select the partner organisation or the service the interest is in (one of them)');
    else if (organisationId !== '' && !(isUuid(organisationId) && (await organisationIsInArea(db, organisationId, areaCode))))
      errors.add('organisationId', 'in_area', 'Select a partner organisation of this area');
    else if (serviceId !== '') {
      const [found] = isUuid(serviceId) ? await db.query('SELECT 1 FROM area_service WHERE id = $1 AND area_code = $2', [serviceId, areaCode]) : [];
      if (!found) errors.add('serviceId', 'known_service', 'Select a service from the area’s list');
    }
    const nature = requiredText(errors, 'nature', input.nature, 'the nature of the interest, like “Trustee” or “My partner is employed by it”', 1000);
    const fromOn = readDay(errors, 'fromOn', input.fromOn, 'the day the interest began');
    const toOn = readDay(errors, 'toOn', input.toOn, 'the day the interest ended', { optional: true });
    if (fromOn !== undefined && toOn !== undefined && toOn < fromOn)
      errors.add('toOn', 'date_order', `The day the interest ended must be on or after the day it began, ${formatDate(fromOn)}`);
    errors.throwIfAny();
    return { organisationId: organisationId || null, serviceId: serviceId || null, nature, fromOn: fromOn ?? '', toOn: toOn ?? null };
  }

  async function declarationFor(by: BusinessCaller, id: string) {
    const found = isUuid(id) ? await repo.findDeclaration(db, by.user.areaCode, id, today()) : undefined;
    if (!found) throw governanceProblems.notFound('The declaration you asked for does not exist');
    if (found.userId !== null) {
      if (found.userId !== by.user.id) throw governanceProblems.notFound('The declaration you asked for does not exist');
    } else {
      const [seat] = await db.query<{ bodyId: string }>('SELECT body_id AS "bodyId" FROM governance_member WHERE id = $1', [found.memberId]);
      if (!seat) throw governanceProblems.notFound('The declaration you asked for does not exist');
      await requireBusinessAccess(db, by.user, seat.bodyId, today(), 'manage');
    }
    return found;
  }

  return {
    /** The person's own declarations, newest first. */
    mine: (by: BusinessCaller) => repo.listDeclarationsOfUser(db, by.user.id, today()),

    /** A person declares an interest of their own. */
    async declare(by: BusinessCaller, input: DeclarationInput): Promise<string> {
      const fields = await checked(by.user.areaCode, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertDeclaration(tx, { ...fields, areaCode: by.user.areaCode, userId: by.user.id, memberId: null, declaredBy: by.user.id, at: clock.now() });
        await audit(tx, actorOf(by.user), by.ctx, { action: 'governance.interest_declared', subject: { type: 'governance_interest', id }, details: { ...fields } });
        return id;
      });
    },

    /** The secretariat records a declaration for a seat whose holder has no sign-in. */
    async declareForMember(by: BusinessCaller, memberId: string, input: DeclarationInput): Promise<string> {
      const [seat] = isUuid(memberId)
        ? await db.query<{ bodyId: string; userId: string | null }>('SELECT body_id AS "bodyId", user_id AS "userId" FROM governance_member WHERE id = $1 AND area_code = $2', [memberId, by.user.areaCode])
        : [];
      if (!seat) throw governanceProblems.notFound('The member you asked for does not exist in this area');
      await requireBusinessAccess(db, by.user, seat.bodyId, today(), 'manage');
      if (seat.userId !== null) {
        const message = 'This member signs in: they keep their own declarations up to date';
        throw governanceProblems.invalid(message, { fieldErrors: [{ field: 'memberId', rule: 'declares_own', message }] });
      }
      const fields = await checked(by.user.areaCode, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertDeclaration(tx, { ...fields, areaCode: by.user.areaCode, userId: null, memberId, declaredBy: by.user.id, at: clock.now() });
        await audit(tx, actorOf(by.user), by.ctx, { action: 'governance.interest_declared', subject: { type: 'governance_interest', id }, details: { ...fields, memberId } });
        return id;
      });
    },

    /** Ends a declaration on a day (the interest no longer stands): kept, so past decisions still read it. */
    async end(by: BusinessCaller, id: string, input: { toOn?: unknown }): Promise<void> {
      const found = await declarationFor(by, id);
      const errors = new FieldErrors();
      const toOn = readDay(errors, 'toOn', input.toOn, 'the day the interest ended');
      if (toOn !== undefined && toOn < found.fromOn) errors.add('toOn', 'date_order', `The day the interest ended must be on or after the day it began, ${formatDate(found.fromOn)}`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.setDeclarationEnd(tx, found.id, toOn ?? '', clock.now());
        await audit(tx, actorOf(by.user), by.ctx, { action: 'governance.interest_ended', subject: { type: 'governance_interest', id: found.id }, details: { before: found.toOn, toOn } });
      });
    },
  };
}

export type InterestsService = ReturnType<typeof interestsService>;

import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable, Tx } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { AppError, conflict, FieldErrors, notFound, platformProblems } from '../../platform/errors.js';
import { chooseServiceInto, openServiceNamed } from '../../directory/index.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { checkDateInput, requireValidChild, type ChildInput, type DateParts } from '../input.js';
import { childProblems } from '../errors.js';
import { findExtendedScopesUsed } from '../settings.js';
import * as repo from './repository.js';
import { childRules } from '../subject-rules.js';
import { requireWithinSectorAge } from '../sector-age.js';
import { findLikelyDuplicates } from '../duplicates/repository.js';
import { viewerOf } from '../search/service.js';
import type { ChildDetails } from '../types.js';
import * as writes from './writes.js';
import { grantAccessIn } from '../grants/service.js';

/** Recording and correcting a child's basic data and who is involved. All audited. */

/** The reason recorded for the creator's first view of a record they have just added. */
export const CREATOR_REASON = 'Added this child to the index';
/**
 * What the creator's involvement says when their job title names no service of the area's list
 * (migration 0029 leaves such involvements out of the list): joining the team around the child
 * later gives it a service (issue 14: one involvement each).
 */
const CREATOR_SERVICE = 'Added the child to the index';

/** Who is involved, as a form or the API names them: the service, its organisation and the practitioner's contact. */
export interface InvolvedPractitionerInput {
  service?: string;
  organisationId?: string;
  practitionerName?: string;
  role?: string;
  phone?: string;
  email?: string;
}

export interface InvolvementInput extends InvolvedPractitionerInput {
  sensitive?: boolean;
  startedOn?: string | DateParts;
  /** Record the signed-in user as the practitioner. */
  me?: boolean;
}

/** A date sent for an involvement: none, or one on or before `today` (the clock's date). */
function dateField(errors: FieldErrors, field: string, label: string, value: string | DateParts | undefined, today: string): string | null {
  const check = checkDateInput(value, label);
  if (!check) return null;
  if (!check.ok) {
    errors.add(field, check.rule, check.message);
    return null;
  }
  if (check.value > today) {
    errors.add(field, 'date_in_future', `${label} must be today or in the past`);
    return null;
  }
  return check.value;
}

/** A unique index said no: which identifier, in words for the person who typed it. */
function identifierConflict(error: unknown): AppError | undefined {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('child_nhs_number_unique'))
    return conflict('A child with this NHS number is already in the index: search for them instead', 'nhsNumber', 'unique');
  if (message.includes('child_upn_unique'))
    return conflict('A child with this Unique Pupil Number is already in the index: search for them instead', 'upn', 'unique');
  return undefined;
}

async function inTransactionMappingConflicts<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    throw identifierConflict(error) ?? error;
  }
}

/** Someone else changed the record after this person opened it: `outcome` says what did not happen ("Nothing was saved"). */
export const staleRecord = (outcome: string): AppError =>
  childProblems.stale(`Someone else changed this record after you opened it. ${outcome}`);

/**
 * A record this user may see or change: another area's, one shielded from them, or a merged one is
 * not found; a young person beyond the user's sector's age limit is refused with the reason.
 */
export async function visibleChild(tx: Tx, user: User, childId: string, now: Date): Promise<ChildDetails> {
  const child = isUuid(childId) ? await repo.findChild(tx, user.areaCode, childId) : undefined;
  const viewer = viewerOf(user);
  if (!child || !childRules.permits(viewer, 'view', child) || child.mergedIntoId) throw notFound('record');
  requireWithinSectorAge(viewer, child, now);
  return child;
}

/** A scope the area does not use is refused, unless the record already held it. */
async function refuseScopeNotUsed(q: Queryable, areaCode: string, scope: string | null, held: string | null, today: string): Promise<void> {
  if (scope === null || scope === held) return;
  const used = await findExtendedScopesUsed(q, areaCode, today);
  if (used.some((u) => u === scope)) return;
  const words = used.length === 0 ? 'the area holds children under 18 only' : `the area uses: ${used.join(', ')}`;
  throw platformProblems.validationFailed('This area does not use that extended scope', {
    fieldErrors: [{ field: 'extendedScope', rule: 'area_scope', message: `Extended scope ${scope} is not one this area uses (${words})` }],
  });
}

export function childRecordsService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const today = () => todayOf(clock);
  return {
    /** The extended scopes the area uses (its local settings). */
    extendedScopesUsed: (areaCode: string) => findExtendedScopesUsed(db, areaCode, today()),

    /**
     * Adds a child. Whoever adds the child is involved with them from today (issue 14, bug 5: an
     * involvement for their organisation, with them as the practitioner), so colleagues find them and
     * their own view is not flagged; and they may open the record at once (an access grant whose
     * reason is the adding, audited).
     */
    async create(user: User, input: ChildInput, ctx: RequestContext): Promise<{ id: string; possibleDuplicates: number }> {
      const child = requireValidChild(input, clock.now());
      await refuseScopeNotUsed(db, user.areaCode, child.extendedScope, null, today());
      return inTransactionMappingConflicts(db, async (tx) => {
        const id = await writes.insertChild(tx, user.areaCode, child, clock.now());
        const queued = await findLikelyDuplicates(tx, user.areaCode, id);
        const named = await openServiceNamed(tx, user.areaCode, user.jobTitle, today());
        const involvementId = await writes.insertInvolvement(
          tx,
          id,
          user.areaCode,
          user.id,
          {
            service: named?.name ?? CREATOR_SERVICE,
            serviceId: named?.id ?? null,
            organisationId: user.organisationId,
            practitionerUserId: user.id,
            practitionerName: user.displayName,
            role: user.jobTitle,
            phone: '',
            email: user.email,
            sensitive: false,
            startedOn: today(),
          },
          clock.now(),
        );
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.created',
          subject: { type: 'child', id },
          details: { childIds: [id], possibleDuplicates: queued, involvementId },
        });
        await grantAccessIn(tx, clock, user, ctx, { childId: id, reason: CREATOR_REASON, involved: true });
        return { id, possibleDuplicates: queued };
      });
    },

    /** Corrects basic data; refused if someone else changed the record since the editor opened it. */
    async update(user: User, childId: string, version: number, input: ChildInput, ctx: RequestContext): Promise<void> {
      const next = requireValidChild(input, clock.now());
      await inTransactionMappingConflicts(db, async (tx) => {
        const before = await visibleChild(tx, user, childId, clock.now());
        await refuseScopeNotUsed(tx, user.areaCode, next.extendedScope, before.extendedScope, today());
        if (!(await writes.updateChild(tx, user.areaCode, childId, version, next, clock.now()))) {
          throw staleRecord('Nothing was saved: open it again to see their changes.');
        }
        const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
          (k) =>
            k !== 'otherNames' &&
            k !== 'carer' &&
            JSON.stringify(next[k]) !== JSON.stringify((before as unknown as Record<string, unknown>)[k]),
        );
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.updated',
          subject: { type: 'child', id: childId },
          details: { childIds: [childId], fieldsChanged: changed },
        });
      });
    },

    async addInvolvement(user: User, childId: string, input: InvolvementInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      // Chosen from the area's list, so one service has one name (issue 14, bug 7).
      const service = await chooseServiceInto(errors, db, user.areaCode, input.service, today());
      const practitionerName = input.me ? user.displayName : (input.practitionerName ?? '').trim();
      if (practitionerName === '') errors.add('practitionerName', 'required', 'Enter the practitioner’s name');
      const organisationId = input.me ? user.organisationId : (input.organisationId ?? '').trim();
      if (organisationId === '') errors.add('organisationId', 'required', 'Select the organisation providing the service');
      else if (!(await organisationIsInArea(db, organisationId, user.areaCode))) {
        errors.add('organisationId', 'in_area', 'Select an organisation in this area');
      }
      const email = (input.me ? user.email : (input.email ?? '')).trim().toLowerCase();
      if (email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
        errors.add('email', 'email_format', 'Enter an email address in the correct format, like name@example.com');
      const phone = (input.phone ?? '').trim();
      if (phone !== '' && !/^[0-9+() -]{6,20}$/.test(phone))
        errors.add('phone', 'phone_format', 'Enter a telephone number, like 01632 960 001');
      const startedOn =
        dateField(errors, 'startedOn', 'Start date', input.startedOn, today()) ?? (errors.has('startedOn') ? null : today());
      errors.throwIfAny();
      if (!service) throw notFound('service');
      const chosen = service;
      // A sensitive service makes its involvements sensitive; a practitioner may mark one so besides.
      const sensitive = input.sensitive === true || chosen.sensitive;
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const id = await writes.insertInvolvement(
          tx,
          child.id,
          user.areaCode,
          user.id,
          {
            service: chosen.name,
            serviceId: chosen.id,
            organisationId,
            practitionerUserId: input.me ? user.id : null,
            practitionerName,
            role: ((input.role ?? '').trim() || (input.me ? user.jobTitle : '')).trim(),
            phone,
            email,
            sensitive,
            startedOn: startedOn ?? today(),
          },
          clock.now(),
        );
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.involvement_started',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], involvementId: id, organisationId, serviceId: chosen.id, sensitive },
        });
        return id;
      });
    },

    async endInvolvement(
      user: User,
      childId: string,
      involvementId: string,
      endedOnInput: string | DateParts | undefined,
      ctx: RequestContext,
    ): Promise<void> {
      const errors = new FieldErrors();
      const endedOn = dateField(errors, 'endedOn', 'End date', endedOnInput, today()) ?? today();
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const involvement = child.involvements.find((i) => i.id === involvementId);
        if (!involvement) throw notFound('involvement');
        if (involvement.endedOn) throw childProblems.alreadyEnded('This involvement has already ended');
        if (endedOn < involvement.startedOn) {
          throw platformProblems.validationFailed('End date must be on or after the start date', {
            fieldErrors: [
              { field: 'endedOn', rule: 'date_order', message: `End date must be on or after the start date (${involvement.startedOn})` },
            ],
          });
        }
        await writes.endInvolvement(tx, child.id, involvementId, endedOn);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.involvement_ended',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], involvementId, endedOn },
        });
      });
    },
  };
}

export type ChildRecordsService = ReturnType<typeof childRecordsService>;

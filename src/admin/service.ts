import { auditWithClock, type RequestContext } from '../platform/audit.js';
import { actorOf } from '../platform/auth/service.js';
import { findUserById, type User } from '../platform/auth/repository.js';
import type { TrainingDates } from '../platform/auth/sessions.js';
import { todayOf, type Clock } from '../platform/clock.js';
import { addDays, formatDate } from '../platform/dates.js';
import type { Db, Queryable } from '../platform/db.js';
import { FieldErrors, notFound } from '../platform/errors.js';
import type { DateParts } from '../platform/http/forms.js';
import { isUuid } from '../platform/ids.js';
import { can, type Role } from '../platform/policy.js';
import { readSetting } from '../platform/settings.js';
import * as repo from './repository.js';
import { INDEX_REQUIRES_TRAINING } from './settings.js';
import {
  DUE_WITHIN_DAYS,
  INDEX_REQUIREMENTS,
  TRAINING_KIND_LABELS,
  TRAINING_KINDS,
  type TrainingKind,
  type TrainingRecord,
  type TrainingStanding,
} from './training.js';

/**
 * Training and vetting per user (issue 13 item 3; 004 Box 6.1): recorded by the area's
 * administrators, and by a practice manager for their own organisation; each record audited.
 */

export interface TrainingInput {
  kind?: string;
  /** 'YYYY-MM-DD' (the API) or the three GOV.UK date boxes (the page). */
  completedOn?: string | DateParts;
  expiresOn?: string | DateParts;
}

const LABELS = { completedOn: 'Date completed', expiresOn: 'Expiry date' } as const;

/** A date as typed, checked as a real one; the field and the rule it broke go in `problems`. */
function readDate(problems: FieldErrors, field: keyof typeof LABELS, value: string | DateParts | undefined): string | undefined {
  const label = LABELS[field];
  let parts: DateParts;
  if (typeof value === 'object') parts = value;
  else {
    const text = (value ?? '').trim();
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (text !== '' && !m) {
      problems.add(field, 'date_format', `${label} must be a date in the format YYYY-MM-DD`);
      return undefined;
    }
    parts = { year: m?.[1] ?? '', month: m?.[2] ?? '', day: m?.[3] ?? '' };
  }
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (day === '' && month === '' && year === '') {
    problems.add(field, 'required', `Enter the ${label.toLowerCase()}`);
    return undefined;
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  const real = /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
  if (!real || Number(year) < 1900) {
    problems.add(field, 'real_date', `${label} must be a real date, like 27 3 2026`);
    return undefined;
  }
  return iso;
}

/** Whether a user's index training and vetting are in order, and if not what lapsed and whom to ask. */
export interface IndexStanding {
  lapsed: { kind: TrainingKind; label: string; expiresOn: string | null }[];
  contacts: { displayName: string; email: string; role: Role }[];
}

/**
 * The user's required index training and vetting not in date today, and whom they ask; nothing
 * lapsed when their area does not require it (INDEX_REQUIRES_TRAINING). The training dates come
 * with the signed-in request (the session read, ADR 0047); only a lapse costs a query, for the contacts.
 */
export async function indexStanding(db: Queryable, user: User, training: readonly TrainingDates[], today: string): Promise<IndexStanding> {
  if (!(await readSetting(db, user.areaCode, INDEX_REQUIRES_TRAINING, today))) return { lapsed: [], contacts: [] };
  const lapsed = lapsedKinds(training, INDEX_REQUIREMENTS, today);
  if (lapsed.length === 0) return { lapsed: [], contacts: [] };
  return {
    lapsed: lapsed.map((l) => ({ ...l, label: TRAINING_KIND_LABELS[l.kind] })),
    contacts: await repo.listTrainingContacts(db, user),
  };
}

/**
 * Of the kinds asked about, those with no record in date today (completed by today, expiring after
 * it), in the order asked, each with its latest expiry among records completed by today, or null
 * when none was ever recorded.
 */
export function lapsedKinds(
  training: readonly TrainingDates[],
  kinds: readonly TrainingKind[],
  today: string,
): { kind: TrainingKind; expiresOn: string | null }[] {
  return kinds.flatMap((kind) => {
    const latest = training
      .filter((t) => t.kind === kind && t.completedOn <= today)
      .reduce<string | null>((max, t) => (max === null || t.expiresOn > max ? t.expiresOn : max), null);
    return latest === null || latest <= today ? [{ kind, expiresOn: latest }] : [];
  });
}

/** How a lapse reads: "Child index training expired on 3 March 2026", "No enhanced DBS check is recorded". */
export const describeLapse = (l: IndexStanding['lapsed'][number]): string =>
  l.expiresOn ? `${l.label} expired on ${formatDate(l.expiresOn)}` : `No ${l.label.charAt(0).toLowerCase()}${l.label.slice(1)} is recorded`;

/** What pages and the API say of an account's state. */
export function statusOf(u: User): 'Active' | 'Suspended' | 'Closed' {
  return u.closed ? 'Closed' : u.disabled ? 'Suspended' : 'Active';
}

export function trainingService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  /** The user whose training the actor may record and see: their area's, or their own organisation's for a practice manager. */
  async function reachable(actor: User, userId: string): Promise<User> {
    const user = isUuid(userId) ? await findUserById(db, userId) : undefined;
    const allowed =
      user !== undefined &&
      can(actor, 'users.training', user.areaCode) &&
      (actor.role !== 'practice_manager' || actor.organisationId === user.organisationId);
    if (!allowed) throw notFound('user');
    return user;
  }

  return {
    find: reachable,

    async list(actor: User, userId: string): Promise<TrainingRecord[]> {
      return repo.listTrainingOfUser(db, (await reachable(actor, userId)).id);
    },

    /** Records a course done or a check passed; nothing is saved unless every field is right. */
    async record(actor: User, userId: string, input: TrainingInput, ctx: RequestContext): Promise<TrainingRecord> {
      const user = await reachable(actor, userId);
      const problems = new FieldErrors();
      const kind = TRAINING_KINDS.is(input.kind) ? input.kind : undefined;
      if (!kind) problems.add('kind', 'one_of', `Select the course or check: one of ${TRAINING_KINDS.values.join(', ')}`);
      const completedOn = readDate(problems, 'completedOn', input.completedOn);
      const expiresOn = readDate(problems, 'expiresOn', input.expiresOn);
      const today = todayOf(clock);
      if (completedOn && completedOn > today) problems.add('completedOn', 'not_future', 'Date completed must be today or in the past');
      if (completedOn && expiresOn && expiresOn <= completedOn)
        problems.add('expiresOn', 'after_completed', 'Expiry date must be after the date completed');
      problems.throwIfAny();
      if (!kind || !completedOn || !expiresOn) throw new Error('unreachable: checked above');
      return db.transaction(async (tx) => {
        const record = await repo.insertTraining(tx, {
          areaCode: user.areaCode,
          userId: user.id,
          kind,
          completedOn,
          expiresOn,
          recordedBy: actor.id,
          recordedAt: clock.now(),
        });
        await audit(tx, actorOf(actor), ctx, {
          action: 'user.training_recorded',
          areaCode: user.areaCode,
          subject: { type: 'user', id: user.id },
          details: { kind, completedOn, expiresOn },
        });
        return record;
      });
    },

    /**
     * Whose training or vetting is due (lapsing within 30 days) or lapsed, and on the front line who
     * never had the index's requirements recorded (when the area requires them): a practice manager
     * sees their organisation, an administrator the area.
     */
    async due(actor: User): Promise<TrainingStanding[]> {
      const today = todayOf(clock);
      const indexRequired = await readSetting(db, actor.areaCode, INDEX_REQUIRES_TRAINING, today);
      const rows = await repo.listTrainingDue(db, {
        areaCode: actor.areaCode,
        organisationId: actor.role === 'practice_manager' ? actor.organisationId : null,
        until: addDays(today, DUE_WITHIN_DAYS),
        required: indexRequired ? INDEX_REQUIREMENTS : [],
      });
      return rows.map((r) => ({
        ...r,
        kind: TRAINING_KINDS.parse(r.kind),
        status: r.expiresOn === null ? 'missing' : r.expiresOn <= today ? 'lapsed' : 'due',
      }));
    },
  };
}

export type TrainingService = ReturnType<typeof trainingService>;

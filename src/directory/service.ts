import { organisationIsInArea } from '../partnership/index.js';
import { auditWithClock, type Actor, type RequestContext } from '../platform/audit.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db, Queryable } from '../platform/db.js';
import { readEffectiveFrom } from '../platform/effective-from.js';
import { FieldErrors } from '../platform/errors.js';
import { formatDate } from '../platform/dates.js';
import { isUuid } from '../platform/ids.js';
import type { Caller } from '../platform/subject-policy.js';
import { checkEntry } from './entry.js';
import { directoryProblems } from './errors.js';
import * as repo from './repository.js';
import { entryRules } from './subject-rules.js';
import type { AreaService, ChosenService, ServiceInput } from './types.js';

/**
 * Who changes the list: the area administrator or a provider's staff on the pages or API (their
 * `caller`, whom the entry rule checks), or the operator at the command line (no caller).
 */
export interface DirectoryChangeBy {
  actor: Actor;
  ctx: RequestContext;
  caller?: Caller;
}

/** Refused unless the caller may keep this entry (subject-rules.ts); the operator at the command line always may. */
export function checkKeeper(by: DirectoryChangeBy, areaCode: string, service: AreaService): void {
  if (!by.caller) return;
  const verdict = entryRules.check(by.caller, 'keep', { ...service, areaCode });
  if (!verdict.allowed) throw directoryProblems.notKeeper(verdict.reason);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The service a record names, from what a form or the API sent: a service's id, or its name (case
 * and spaces aside). It must be on the area's list and open on `today`; otherwise a refusal naming
 * the field (issue 14, bug 7: services are chosen, never typed, so one service has one name).
 */
export async function chooseService(
  db: Queryable,
  areaCode: string,
  value: string | undefined,
  today: string,
  field = 'service',
): Promise<ChosenService> {
  const text = (value ?? '').trim();
  const refuse = (rule: string, message: string) => directoryProblems.invalid(message, { fieldErrors: [{ field, rule, message }] });
  if (text === '') throw refuse('required', 'Select the service');
  const found = isUuid(text)
    ? await repo.findAreaService(db, areaCode, text, today)
    : await repo.findAreaServiceByName(db, areaCode, text, today);
  if (!found) throw refuse('known_service', `Select a service from the area’s list: “${text}” is not on it`);
  if (!found.active)
    throw refuse('service_closed', `${found.name} closed on ${formatDate(found.closedFrom ?? today)}: select an open service`);
  return repo.chosenOf(found);
}

/**
 * `chooseService` for a form checked field by field: a refusal becomes the field's error among the
 * others (undefined then), so the person sees every fault at once.
 */
export async function chooseServiceInto(
  errors: FieldErrors,
  db: Queryable,
  areaCode: string,
  value: string | undefined,
  today: string,
  field = 'service',
): Promise<ChosenService | undefined> {
  try {
    return await chooseService(db, areaCode, value, today, field);
  } catch (error) {
    if (!directoryProblems.invalid.is(error)) throw error;
    for (const e of error.fieldErrors) errors.add(e.field, e.rule, e.message);
    return undefined;
  }
}

/** The open service of this name, if the area lists one (a job title that names a service, say). */
export async function openServiceNamed(db: Queryable, areaCode: string, name: string, today: string): Promise<ChosenService | undefined> {
  if (name.trim() === '') return undefined;
  const found = await repo.findAreaServiceByName(db, areaCode, name, today);
  return found?.active ? repo.chosenOf(found) : undefined;
}

export function directoryService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** Checks a service as sent; the same rules for adding and changing. */
  async function checked(areaCode: string, input: ServiceInput, exceptId?: string): Promise<repo.ServiceFields> {
    const errors = new FieldErrors();
    const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
    if (name === '') errors.add('name', 'required', 'Enter the name of the service, like Health visiting');
    else if (name.length > 200) errors.add('name', 'max_length', 'Name of the service must be 200 characters or fewer');
    const organisationId = (input.organisationId ?? '').trim();
    if (organisationId !== '' && !(isUuid(organisationId) && (await organisationIsInArea(db, organisationId, areaCode))))
      errors.add('organisationId', 'in_area', 'Select a partner organisation of this area, or none');
    const contactEmail = (input.contactEmail ?? '').trim().toLowerCase();
    if (contactEmail !== '' && (!EMAIL.test(contactEmail) || contactEmail.length > 254))
      errors.add('contactEmail', 'email_format', 'Enter a contact email address in the correct format, like team@example.org');
    const entry = await checkEntry(db, areaCode, input, errors, organisationId !== '');
    errors.throwIfAny();
    const same = await repo.findAreaServiceByName(db, areaCode, name, today());
    if (same && same.id !== exceptId) {
      const message = `The area already has a service named ${same.name}${same.active ? '' : ' (closed: reopen it instead)'}`;
      throw directoryProblems.nameTaken(message, { fieldErrors: [{ field: 'name', rule: 'unique', message }] });
    }
    const sensitive = input.sensitive === true || input.sensitive === 'true' || input.sensitive === 'yes';
    return { ...entry, name, organisationId: organisationId === '' ? null : organisationId, sensitive, contactEmail };
  }

  async function existing(areaCode: string, id: string): Promise<AreaService> {
    const found = isUuid(id) ? await repo.findAreaService(db, areaCode, id, today()) : undefined;
    if (!found) throw directoryProblems.notFound('The service you asked for does not exist in this area');
    return found;
  }

  return {
    /** Checks a service as sent (the same rules for adding and changing), for the provider's entry change (entries.ts). */
    checked,
    /** Every service of the area, open and closed, by name. */
    list: (areaCode: string) => repo.listAreaServices(db, areaCode, today()),

    /** The services a form offers today: the open ones. */
    offered: async (areaCode: string) => (await repo.listAreaServices(db, areaCode, today())).filter((s) => s.active),

    find: existing,

    /** The service named by id or name, refused naming the field when it is not an open service of the list. */
    choose: (areaCode: string, value: string | undefined, field?: string) => chooseService(db, areaCode, value, today(), field),

    async add(by: DirectoryChangeBy, areaCode: string, input: ServiceInput): Promise<string> {
      const fields = await checked(areaCode, input);
      return db.transaction(async (tx) => {
        const id = await repo.insertAreaService(tx, areaCode, fields, clock.now(), today());
        await audit(tx, by.actor, by.ctx, {
          action: 'directory.service_added',
          areaCode,
          subject: { type: 'area_service', id },
          details: { ...fields },
        });
        return id;
      });
    },

    /** Renames or changes a service; records that name it show its new name. */
    async change(by: DirectoryChangeBy, areaCode: string, id: string, input: ServiceInput): Promise<void> {
      const before = await existing(areaCode, id);
      checkKeeper(by, areaCode, before);
      const fields = await checked(areaCode, input, id);
      await db.transaction(async (tx) => {
        await repo.updateAreaService(tx, areaCode, id, fields, clock.now(), today());
        await audit(tx, by.actor, by.ctx, {
          action: 'directory.service_changed',
          areaCode,
          subject: { type: 'area_service', id },
          details: {
            before: {
              name: before.name,
              organisationId: before.organisationId,
              sensitive: before.sensitive,
              contactEmail: before.contactEmail,
            },
            after: { ...fields },
          },
        });
      });
    },

    /** Confirms the entry is still right: the twelve-month review flag clears. */
    async reviewed(by: DirectoryChangeBy, areaCode: string, id: string): Promise<string> {
      const service = await existing(areaCode, id);
      checkKeeper(by, areaCode, service);
      const day = today();
      await db.transaction(async (tx) => {
        await repo.markReviewed(tx, areaCode, id, day, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'directory.service_reviewed',
          areaCode,
          subject: { type: 'area_service', id },
          details: { name: service.name, reviewedOn: day },
        });
      });
      return day;
    },

    /** Closes a service from a day (blank: today): no longer offered, still named by the records made before. */
    async close(by: DirectoryChangeBy, areaCode: string, id: string, from: string | undefined): Promise<string> {
      const errors = new FieldErrors();
      const closedFrom = readEffectiveFrom(errors, from, today());
      errors.throwIfAny();
      const service = await existing(areaCode, id);
      if (!service.active) throw directoryProblems.closed(`${service.name} is already closed`);
      const day = closedFrom ?? today();
      await db.transaction(async (tx) => {
        await repo.setClosedFrom(tx, areaCode, id, day, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'directory.service_closed',
          areaCode,
          subject: { type: 'area_service', id },
          details: { name: service.name, closedFrom: day },
        });
      });
      return day;
    },

    /** Offers a closed service (or one waiting to close) again. */
    async reopen(by: DirectoryChangeBy, areaCode: string, id: string): Promise<void> {
      const service = await existing(areaCode, id);
      await db.transaction(async (tx) => {
        await repo.setClosedFrom(tx, areaCode, id, null, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'directory.service_reopened',
          areaCode,
          subject: { type: 'area_service', id },
          details: { name: service.name, closedFrom: service.closedFrom },
        });
      });
    },
  };
}

export type DirectoryService = ReturnType<typeof directoryService>;

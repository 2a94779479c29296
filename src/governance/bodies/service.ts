import { findOrganisation } from '../../partnership/index.js';
import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import { findUserById, listUsersInArea } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { addDays, formatDate } from '../../platform/dates.js';
import { FieldErrors } from '../../platform/errors.js';
import { governanceProblems } from '../errors.js';
import { VOTING_ROLES, type Body, type Member, type MembershipShape, type Terms } from '../types.js';
import { checkBody, checkLink, checkMember, checkNamedRole, checkTerms, readDay, type Loose } from './input.js';
import * as repo from './repository.js';
import * as writes from './writes.js';

/** Who changes the structure: the area administrator on the pages or API, or the demo loader. */
export interface GovernanceChangeBy {
  actor: Actor;
  ctx: RequestContext;
}

/**
 * The quorum of terms for a body with `votingMembers` seated on the day (ADR 0022): a count is itself;
 * a fraction of the voting members is rounded up, and never less than one.
 */
export function quorumNeeded(terms: Pick<Terms, 'quorumKind' | 'quorumCount' | 'quorumNumerator' | 'quorumDenominator'>, votingMembers: number): number {
  if (terms.quorumKind === 'count') return terms.quorumCount ?? 1;
  const numerator = terms.quorumNumerator ?? 1;
  const denominator = terms.quorumDenominator ?? 1;
  return Math.max(1, Math.ceil((votingMembers * numerator) / denominator));
}

/** Whether a seat votes: the chair, vice-chair and members do; advisers and the secretariat do not. */
export const votes = (m: Pick<Member, 'memberRole'>): boolean => VOTING_ROLES.includes(m.memberRole);

/** The terms in force for a body on a day, or undefined before its first version (G2's quorum and powers come from here). */
export const termsInForce = (db: Queryable, bodyId: string, on: string): Promise<Terms | undefined> => repo.findTermsInForce(db, bodyId, on);

/** The members seated on a body on a day, with their sign-ins and organisations. */
export const membersOn = (db: Queryable, bodyId: string, on: string): Promise<Member[]> => repo.listMembersOn(db, bodyId, on);

/** What the seat represents, in Table 2.5's words: the organisation's sector, or the constituency. */
export function representsOf(m: Pick<Member, 'organisationSector' | 'constituency'>): string {
  if (m.organisationSector !== null) return `${m.organisationSector[0]?.toUpperCase() ?? ''}${m.organisationSector.slice(1)}`;
  return m.constituency;
}

/** 004 Table 2.5: the sectors and constituencies seated on a body on a day and how many of each (the secretariat is not a member). */
export function shapeOf(bodyId: string, asAt: string, members: readonly Member[]): MembershipShape {
  const counts = new Map<string, number>();
  for (const m of members.filter((x) => x.memberRole !== 'secretariat')) counts.set(representsOf(m), (counts.get(representsOf(m)) ?? 0) + 1);
  const rows = [...counts].map(([represents, count]) => ({ represents, members: count })).sort((a, b) => b.members - a.members || a.represents.localeCompare(b.represents));
  return { bodyId, asAt, rows, total: rows.reduce((n, r) => n + r.members, 0) };
}

export function bodiesService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  async function existing(areaCode: string, id: string): Promise<Body> {
    const body = await repo.findBody(db, areaCode, id);
    if (!body) throw governanceProblems.notFound('The body you asked for does not exist in this area');
    return body;
  }

  /** Checks the references a body makes: its parent is another body of the area; only one board and one LSCB. */
  async function checkedBody(areaCode: string, input: Loose, exceptId?: string) {
    const fields = checkBody(input);
    if (fields.parentBodyId !== null) {
      const parent = await repo.findBody(db, areaCode, fields.parentBodyId);
      if (!parent || parent.id === exceptId || parent.kind === 'lscb')
        throw governanceProblems.invalid('Select a body of this area that the sub-group answers to', {
          fieldErrors: [{ field: 'parentBodyId', rule: 'in_area', message: 'Select the trust board or another group of this area (the LSCB keeps its own sub-groups apart)' }],
        });
    }
    if (await repo.bodyNameTaken(db, areaCode, fields.name, exceptId)) {
      const message = `The area already has a body named ${fields.name}`;
      throw governanceProblems.invalid(message, { fieldErrors: [{ field: 'name', rule: 'unique', message }] });
    }
    if (fields.kind === 'trust_board' || fields.kind === 'lscb') {
      const other = await repo.findBodyOfKind(db, areaCode, fields.kind);
      if (other && other.id !== exceptId) {
        const message = `The area already has its ${fields.kind === 'lscb' ? 'Local Safeguarding Children Board' : 'children’s trust board'}: ${other.name}`;
        throw governanceProblems.bodyExists(message, { fieldErrors: [{ field: 'kind', rule: 'one_per_area', message }] });
      }
    }
    return fields;
  }

  /** A user of the area, or a refusal naming the field. */
  async function userOfArea(errors: FieldErrors, areaCode: string, field: string, id: string | null): Promise<string | null> {
    if (id === null || errors.has(field)) return id;
    const user = await findUserById(db, id);
    if (!user || user.areaCode !== areaCode || user.closed) errors.add(field, 'known_user', 'Select a user of this area, or none');
    return user?.displayName ?? null;
  }

  async function checkedMember(areaCode: string, body: Body, input: Loose, exceptId?: string): Promise<writes.MemberFields> {
    const { fields, errors } = checkMember(input);
    const userName = await userOfArea(errors, areaCode, 'userId', fields.userId);
    await userOfArea(errors, areaCode, 'deputyUserId', fields.deputyUserId);
    if (fields.organisationId !== null && !errors.has('organisationId') && !(await findOrganisation(db, areaCode, fields.organisationId)))
      errors.add('organisationId', 'in_area', 'Select a partner organisation of this area');
    if (fields.fromDate !== '' && fields.fromDate < body.establishedOn)
      errors.add('fromDate', 'date_order', `The seat cannot start before ${body.name} was set up on ${formatDate(body.establishedOn)}`);
    errors.throwIfAny();
    const person = { ...fields, personName: fields.personName === '' ? (userName ?? '') : fields.personName };
    const overlapping = await repo.findOverlappingSeat(db, body.id, person, person.fromDate, person.toDate, exceptId);
    if (overlapping) {
      const message = `${overlapping.personName} already has a seat on ${body.name} from ${formatDate(overlapping.fromDate)}${
        overlapping.toDate ? ` to ${formatDate(overlapping.toDate)}` : ''
      }: a person is added once for the same days (change that seat instead)`;
      throw governanceProblems.alreadyMember(message, {
        fieldErrors: [{ field: fields.userId !== null ? 'userId' : 'personName', rule: 'member_once', message }],
        details: { memberId: overlapping.id },
      });
    }
    return person;
  }

  return {
    list: (areaCode: string) => repo.listBodies(db, areaCode),
    find: existing,
    /** Every version of a body's terms, newest first; superseded ones say when. */
    termsHistory: (bodyId: string) => repo.listTerms(db, bodyId),
    termsVersion: (bodyId: string, version: number) => repo.findTermsVersion(db, bodyId, version),
    termsInForce: (bodyId: string, on: string = today()) => termsInForce(db, bodyId, on),
    membersOn: (bodyId: string, on: string = today()) => membersOn(db, bodyId, on),
    allMembers: (bodyId: string) => repo.listAllMembers(db, bodyId),
    member: async (body: Body, memberId: string) => {
      const member = await repo.findMember(db, body.id, memberId);
      if (!member) throw governanceProblems.notFound('The member you asked for does not sit on this body');
      return member;
    },
    membershipShape: async (bodyId: string, asAt: string = today()) => shapeOf(bodyId, asAt, await membersOn(db, bodyId, asAt)),
    namedRoles: (areaCode: string) => repo.listNamedRoles(db, areaCode),
    /** The area's users who may be seated or named (not closed), for the forms' lists. */
    users: async (areaCode: string) => (await listUsersInArea(db, areaCode)).filter((u) => !u.closed),
    links: (areaCode: string, bodyId?: string) => repo.listLinks(db, areaCode, bodyId),
    today,
    /** A day asked for (`?asAt=`), or today when none: refused naming the field when not a real date. */
    readAsAt(value: string | undefined, field = 'asAt'): string {
      const errors = new FieldErrors();
      const day = readDay(errors, field, value, 'the day to show', false);
      errors.throwIfAny();
      return day ?? today();
    },

    async addBody(by: GovernanceChangeBy, areaCode: string, input: Loose): Promise<string> {
      const fields = await checkedBody(areaCode, input);
      return db.transaction(async (tx) => {
        const id = await writes.insertBody(tx, areaCode, fields, clock.now());
        await audit(tx, by.actor, by.ctx, { action: 'governance.body_added', areaCode, subject: { type: 'governance_body', id }, details: { ...fields } });
        return id;
      });
    },

    /** Changes a body's name, remit, parent or dates; its kind stays what it was set up as. */
    async changeBody(by: GovernanceChangeBy, areaCode: string, id: string, input: Loose): Promise<void> {
      const before = await existing(areaCode, id);
      const fields = await checkedBody(areaCode, { ...input, kind: before.kind }, id);
      await db.transaction(async (tx) => {
        await writes.updateBody(tx, areaCode, id, fields, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'governance.body_changed',
          areaCode,
          subject: { type: 'governance_body', id },
          details: { before: { name: before.name, remit: before.remit, parentBodyId: before.parentBodyId, focus: before.focus, establishedOn: before.establishedOn, closedOn: before.closedOn }, after: { ...fields } },
        });
      });
    },

    /** A new version of a body's terms of reference; the one before stays readable and is superseded from its day. */
    async addTerms(by: GovernanceChangeBy, areaCode: string, bodyId: string, input: Loose): Promise<{ id: string; version: number }> {
      const body = await existing(areaCode, bodyId);
      const fields = checkTerms(input);
      const history = await repo.listTerms(db, body.id);
      const clash = history.find((t) => t.effectiveFrom === fields.effectiveFrom);
      if (clash) {
        const message = `Version ${clash.version} already takes effect on ${formatDate(clash.effectiveFrom)}: choose another day`;
        throw governanceProblems.invalid(message, { fieldErrors: [{ field: 'effectiveFrom', rule: 'unique', message }] });
      }
      return db.transaction(async (tx) => {
        const made = await writes.insertTerms(tx, areaCode, body.id, fields, by.actor.userId, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'governance.terms_added',
          areaCode,
          subject: { type: 'governance_body', id: body.id },
          details: { termsId: made.id, version: made.version, ...fields },
        });
        return made;
      });
    },

    async addMember(by: GovernanceChangeBy, areaCode: string, bodyId: string, input: Loose): Promise<string> {
      const body = await existing(areaCode, bodyId);
      const fields = await checkedMember(areaCode, body, input);
      return db.transaction(async (tx) => {
        const id = await writes.insertMember(tx, areaCode, body.id, fields, clock.now());
        await audit(tx, by.actor, by.ctx, { action: 'governance.member_added', areaCode, subject: { type: 'governance_body', id: body.id }, details: { memberId: id, ...fields } });
        return id;
      });
    },

    /** Changes a seat (its role, deputy, reporting back, or its last day when the person leaves). */
    async changeMember(by: GovernanceChangeBy, areaCode: string, bodyId: string, memberId: string, input: Loose): Promise<void> {
      const body = await existing(areaCode, bodyId);
      const before = await repo.findMember(db, body.id, memberId);
      if (!before) throw governanceProblems.notFound('The member you asked for does not sit on this body');
      const fields = await checkedMember(areaCode, body, input, memberId);
      await db.transaction(async (tx) => {
        await writes.updateMember(tx, body.id, memberId, fields, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'governance.member_changed',
          areaCode,
          subject: { type: 'governance_body', id: body.id },
          details: { memberId, before: { ...before }, after: { ...fields } },
        });
      });
    },

    /** Records who holds a named role from a day; the holder before, if open, ends the day before. */
    async addNamedRole(by: GovernanceChangeBy, areaCode: string, input: Loose): Promise<string> {
      const { fields, errors } = checkNamedRole(input);
      const userName = await userOfArea(errors, areaCode, 'userId', fields.userId);
      errors.throwIfAny();
      const holder = { ...fields, personName: fields.personName === '' ? (userName ?? '') : fields.personName };
      const current = (await repo.listNamedRoles(db, areaCode)).find((r) => r.role === holder.role && r.toDate === null && r.fromDate < holder.fromDate);
      const endBefore = current ? addDays(holder.fromDate, -1) : null;
      const clash = await repo.findOverlappingHolder(db, areaCode, holder.role, holder.fromDate, holder.toDate);
      if (clash && clash.id !== current?.id) {
        const message = `${clash.personName} holds the role from ${formatDate(clash.fromDate)}${clash.toDate ? ` to ${formatDate(clash.toDate)}` : ''}: one holder at a time`;
        throw governanceProblems.roleHeld(message, { fieldErrors: [{ field: 'fromDate', rule: 'one_holder', message }] });
      }
      return db.transaction(async (tx) => {
        if (current && endBefore !== null) await writes.endNamedRole(tx, areaCode, current.id, endBefore);
        const id = await writes.insertNamedRole(tx, areaCode, holder, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'governance.named_role_recorded',
          areaCode,
          subject: { type: 'governance_named_role', id },
          details: { ...holder, endedHolder: current ? { id: current.id, toDate: endBefore } : null },
        });
        return id;
      });
    },

    async addLink(by: GovernanceChangeBy, areaCode: string, input: Loose): Promise<string> {
      const fields = checkLink(input);
      await existing(areaCode, fields.bodyId);
      return db.transaction(async (tx) => {
        const id = await writes.insertLink(tx, areaCode, fields, clock.now());
        await audit(tx, by.actor, by.ctx, { action: 'governance.link_added', areaCode, subject: { type: 'governance_body', id: fields.bodyId }, details: { linkId: id, ...fields } });
        return id;
      });
    },
  };
}

export type BodiesService = ReturnType<typeof bodiesService>;

import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { stripInvisible } from '../../platform/text.js';
import {
  BODY_KINDS,
  DECISION_METHODS,
  MEMBER_ROLES,
  NAMED_ROLES,
  PARTNERSHIP_KINDS,
  POWER_AUTHORITIES,
  POWER_LEVELS,
  QUORUM_KINDS,
  SUB_GROUP_FOCUSES,
} from '../types.js';
import type { BodyFields, LinkFields, MemberFields, NamedRoleFields, PowerFields, TermsFields } from './writes.js';

/**
 * Checking what an administrator sent for a body, its terms, a member, a named role or a link: every
 * fault at once, each naming its field and its rule. Nothing here touches the database; the service
 * checks what needs it (organisations and users of the area, seats that overlap).
 */

export type Loose = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? stripInvisible(v).trim().replace(/[ \t]+/g, ' ') : '');
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'yes' || v === 'on';

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A day as 'YYYY-MM-DD' (the API) or 'YYYY-M-D' (a GOV.UK date input's boxes joined); '' when blank. */
export function readDay(errors: FieldErrors, field: string, value: unknown, label: string, required: boolean): string | null {
  const raw = text(value);
  if (raw === '' || raw === '--') {
    if (required) errors.add(field, 'required', `Enter ${label}`);
    return null;
  }
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    errors.add(field, 'date_real', `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} must be a real date, like 1 4 2026`);
    return null;
  }
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

function bounded(errors: FieldErrors, field: string, value: unknown, max: number, required?: string): string {
  const v = text(value);
  if (required !== undefined && v === '') errors.add(field, 'required', required);
  else if (v.length > max) errors.add(field, 'max_length', `Must be ${max} characters or fewer`);
  return v;
}

/** Dates out of order: the end before the start (000 §2.54: a record says when, and the days must make sense). */
function inOrder(errors: FieldErrors, field: string, from: string | null, to: string | null, message: string): void {
  if (from !== null && to !== null && to < from) errors.add(field, 'date_order', message);
}

export function checkBody(input: Loose): BodyFields {
  const errors = new FieldErrors();
  const kind = BODY_KINDS.is(input.kind) ? input.kind : undefined;
  if (!kind) errors.add('kind', 'one_of', 'Select the kind of body');
  const name = bounded(errors, 'name', input.name, 200, 'Enter the name of the body');
  const subGroup = kind === 'sub_group';
  const parent = text(input.parentBodyId);
  if (subGroup && !isUuid(parent)) errors.add('parentBodyId', 'required', 'Select the body the sub-group answers to');
  const focus = SUB_GROUP_FOCUSES.is(input.focus) ? input.focus : undefined;
  if (subGroup && !focus) errors.add('focus', 'one_of', 'Select whether the sub-group is thematic or for a locality');
  const remit = bounded(errors, 'remit', input.remit, 2000);
  const establishedOn = readDay(errors, 'establishedOn', input.establishedOn, 'the day the body was set up', true);
  const closedOn = readDay(errors, 'closedOn', input.closedOn, 'the day the body stood down', false);
  inOrder(errors, 'closedOn', establishedOn, closedOn, 'The day the body stood down must be on or after the day it was set up');
  errors.throwIfAny();
  return {
    kind: kind ?? 'trust_board',
    name,
    parentBodyId: subGroup ? parent : null,
    focus: subGroup ? (focus ?? null) : null,
    remit,
    establishedOn: establishedOn ?? '',
    closedOn,
  };
}

function positiveInteger(errors: FieldErrors, field: string, value: unknown, label: string): number | null {
  const raw = typeof value === 'number' ? String(value) : text(value);
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) {
    errors.add(field, 'positive_integer', `${label} must be a whole number, 1 or more`);
    return null;
  }
  return Number(raw);
}

function checkPowers(errors: FieldErrors, raw: unknown): PowerFields[] {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [];
  const powers: PowerFields[] = [];
  list.forEach((item, i) => {
    const p = (item ?? {}) as Loose;
    const description = text(p.description);
    const field = (name: string) => `powers[${i}].${name}`;
    if (description === '') {
      // A blank row of the form is no power; from the API it is a fault.
      if (p.authority !== undefined || p.level !== undefined) errors.add(field('description'), 'required', `Describe power ${i + 1}`);
      return;
    }
    if (description.length > 1000) errors.add(field('description'), 'max_length', `Power ${i + 1} must be 1000 characters or fewer`);
    if (!POWER_AUTHORITIES.is(p.authority)) errors.add(field('authority'), 'one_of', `Select whether power ${i + 1} is advisory or delegated`);
    if (!POWER_LEVELS.is(p.level)) errors.add(field('level'), 'one_of', `Select whether power ${i + 1} is strategic or operational`);
    powers.push({
      description,
      authority: POWER_AUTHORITIES.is(p.authority) ? p.authority : 'advisory',
      level: POWER_LEVELS.is(p.level) ? p.level : 'strategic',
      referBack: truthy(p.referBack),
    });
  });
  return powers;
}

export function checkTerms(input: Loose): TermsFields {
  const errors = new FieldErrors();
  const effectiveFrom = readDay(errors, 'effectiveFrom', input.effectiveFrom, 'the day these terms take effect', true);
  const reviewOn = readDay(errors, 'reviewOn', input.reviewOn, 'the day these terms are to be reviewed', true);
  if (effectiveFrom !== null && reviewOn !== null && reviewOn <= effectiveFrom)
    errors.add('reviewOn', 'date_order', 'The review date must be after the day the terms take effect');
  const purpose = bounded(errors, 'purpose', input.purpose, 4000, 'Enter the purpose of the body');
  const membership = bounded(errors, 'membership', input.membership, 4000);
  const quorumKind = QUORUM_KINDS.is(input.quorumKind) ? input.quorumKind : undefined;
  if (!quorumKind) errors.add('quorumKind', 'one_of', 'Select how the quorum is set: a number of members or a fraction');
  let quorumCount: number | null = null;
  let quorumNumerator: number | null = null;
  let quorumDenominator: number | null = null;
  if (quorumKind === 'count') quorumCount = positiveInteger(errors, 'quorumCount', input.quorumCount, 'The quorum');
  if (quorumKind === 'fraction') {
    quorumNumerator = positiveInteger(errors, 'quorumNumerator', input.quorumNumerator, 'The top of the fraction');
    quorumDenominator = positiveInteger(errors, 'quorumDenominator', input.quorumDenominator, 'The bottom of the fraction');
    if (quorumNumerator !== null && quorumDenominator !== null && quorumNumerator > quorumDenominator)
      errors.add('quorumNumerator', 'fraction_at_most_one', 'The quorum cannot be more than all the members: the top must not exceed the bottom');
  }
  const decisionMethod = DECISION_METHODS.is(input.decisionMethod) ? input.decisionMethod : undefined;
  if (!decisionMethod) errors.add('decisionMethod', 'one_of', 'Select how the body makes decisions');
  const powers = checkPowers(errors, input.powers);
  errors.throwIfAny();
  return {
    effectiveFrom: effectiveFrom ?? '',
    reviewOn: reviewOn ?? '',
    purpose,
    membership,
    quorumKind: quorumKind ?? 'count',
    quorumCount,
    quorumNumerator,
    quorumDenominator,
    decisionMethod: decisionMethod ?? 'consensus',
    powers,
  };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[0-9 ()-]{6,30}$/;

/** A member as sent: the checks that need no database. `errors` is returned unthrown so the service can add its own. */
export function checkMember(input: Loose): { fields: MemberFields; errors: FieldErrors } {
  const errors = new FieldErrors();
  const userId = text(input.userId);
  if (userId !== '' && !isUuid(userId)) errors.add('userId', 'known_user', 'Select a user of the area, or none');
  const personName = bounded(errors, 'personName', input.personName, 200, userId === '' ? 'Enter the member’s name' : undefined);
  const positionTitle = bounded(errors, 'positionTitle', input.positionTitle, 200);
  const email = text(input.email).toLowerCase();
  if (email !== '' && (!EMAIL.test(email) || email.length > 254)) errors.add('email', 'email_format', 'Enter an email address in the correct format, like name@example.org');
  const phone = text(input.phone);
  if (phone !== '' && !PHONE.test(phone)) errors.add('phone', 'phone_format', 'Enter a telephone number, like 01632 960 001');
  const organisationId = text(input.organisationId);
  const constituency = bounded(errors, 'constituency', input.constituency, 200);
  // 000 §2.62-2.63: one or the other, never both: whom the seat speaks for must be plain.
  if (organisationId === '' && constituency === '')
    errors.add('organisationId', 'represents_one', 'Select the partner organisation the member represents, or name the constituency they speak for');
  else if (organisationId !== '' && constituency !== '')
    errors.add('constituency', 'represents_one', 'A member represents a partner organisation or a constituency, not both: clear one');
  else if (organisationId !== '' && !isUuid(organisationId)) errors.add('organisationId', 'in_area', 'Select a partner organisation of this area');
  const memberRole = MEMBER_ROLES.is(input.memberRole) ? input.memberRole : undefined;
  if (!memberRole) errors.add('memberRole', 'one_of', 'Select the member’s role in the body');
  const deputyUserId = text(input.deputyUserId);
  if (deputyUserId !== '' && !isUuid(deputyUserId)) errors.add('deputyUserId', 'known_user', 'Select a user of the area, or none');
  if (deputyUserId !== '' && deputyUserId === userId) errors.add('deputyUserId', 'not_self', 'A member cannot be their own deputy');
  const fromDate = readDay(errors, 'fromDate', input.fromDate, 'the first day of the seat', true);
  const toDate = readDay(errors, 'toDate', input.toDate, 'the last day of the seat', false);
  inOrder(errors, 'toDate', fromDate, toDate, 'The last day of the seat must be on or after its first day');
  return {
    errors,
    fields: {
      personName,
      userId: userId === '' ? null : userId,
      positionTitle,
      email,
      phone,
      organisationId: organisationId === '' ? null : organisationId,
      constituency: organisationId === '' ? constituency : '',
      memberRole: memberRole ?? 'member',
      canCommitResources: truthy(input.canCommitResources),
      deputyName: bounded(errors, 'deputyName', input.deputyName, 200),
      deputyUserId: deputyUserId === '' ? null : deputyUserId,
      reportsBack: bounded(errors, 'reportsBack', input.reportsBack, 2000),
      fromDate: fromDate ?? '',
      toDate,
    },
  };
}

export function checkNamedRole(input: Loose): { fields: NamedRoleFields; errors: FieldErrors } {
  const errors = new FieldErrors();
  const role = NAMED_ROLES.is(input.role) ? input.role : undefined;
  if (!role) errors.add('role', 'one_of', 'Select the role');
  const userId = text(input.userId);
  if (userId !== '' && !isUuid(userId)) errors.add('userId', 'known_user', 'Select a user of the area, or none');
  const personName = bounded(errors, 'personName', input.personName, 200, userId === '' ? 'Enter the name of the person who holds the role' : undefined);
  const fromDate = readDay(errors, 'fromDate', input.fromDate, 'the day they took up the role', true);
  const toDate = readDay(errors, 'toDate', input.toDate, 'the last day in the role', false);
  inOrder(errors, 'toDate', fromDate, toDate, 'The last day in the role must be on or after the first');
  return { errors, fields: { role: role ?? 'lead_member', personName, userId: userId === '' ? null : userId, fromDate: fromDate ?? '', toDate } };
}

export function checkLink(input: Loose): LinkFields {
  const errors = new FieldErrors();
  const bodyId = text(input.bodyId);
  if (!isUuid(bodyId)) errors.add('bodyId', 'required', 'Select the body that holds the link');
  const partnershipKind = PARTNERSHIP_KINDS.is(input.partnershipKind) ? input.partnershipKind : undefined;
  if (!partnershipKind) errors.add('partnershipKind', 'one_of', 'Select the kind of partnership');
  const partnershipName = bounded(errors, 'partnershipName', input.partnershipName, 200, 'Enter the name of the partnership');
  const sends = bounded(errors, 'sends', input.sends, 2000);
  const receives = bounded(errors, 'receives', input.receives, 2000);
  if (sends === '' && receives === '') errors.add('sends', 'says_what_passes', 'Say what passes between the two: what the body sends, receives, or both');
  const fromDate = readDay(errors, 'fromDate', input.fromDate, 'the day the link began', true);
  const toDate = readDay(errors, 'toDate', input.toDate, 'the day the link ended', false);
  inOrder(errors, 'toDate', fromDate, toDate, 'The day the link ended must be on or after the day it began');
  errors.throwIfAny();
  return { bodyId, partnershipKind: partnershipKind ?? 'other', partnershipName, sends, receives, fromDate: fromDate ?? '', toDate };
}

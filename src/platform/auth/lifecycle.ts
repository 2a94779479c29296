import { auditWithClock, type Actor, type RequestContext } from '../audit.js';
import type { Clock } from '../clock.js';
import type { Db, Tx } from '../db.js';
import { conflict, FieldErrors, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import { can, isRole, ROLES } from '../policy.js';
import { stripInvisible } from '../text.js';
import * as users from './repository.js';
import type { User } from './repository.js';
import { actorOf } from './service.js';
import * as sessions from './sessions.js';

/**
 * A user through their working life (issue 13 item 3): a change of role or organisation, suspension
 * and re-enabling, closing the account, and the designated safeguarding lead flag. Each change
 * carries the administrator's reason and is audited in its own transaction; suspending or closing
 * ends the account's sessions in that same transaction, so it is signed out at once. The actor is
 * null when an operator runs `ctp users ...` on the server itself.
 */

export interface AccountChange {
  role?: string;
  organisationId?: string;
  reason?: string;
}

const REASON_MAX = 500;

function checkReason(problems: FieldErrors, reason: string | undefined): string {
  const text = stripInvisible(reason ?? '').trim();
  if (text === '') problems.add('reason', 'required', 'Enter the reason for the change');
  else if (text.length > REASON_MAX) problems.add('reason', 'max_length', `The reason must be ${REASON_MAX} characters or fewer`);
  return text;
}

export function userLifecycleService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const who = (actor: User | null, areaCode: string): Actor =>
    actor ? actorOf(actor) : { userId: null, label: 'operator (command line)', role: null, areaCode };

  /** The account, if the actor administers its area (an operator administers every area). */
  async function reachable(actor: User | null, userId: string): Promise<User> {
    const user = isUuid(userId) ? await users.findUserById(db, userId) : undefined;
    if (!user || (actor && !can(actor, 'users.manage', user.areaCode))) throw notFound('user');
    return user;
  }

  /** One change: checked reason, the actor never acting on their own account, audited with the reason. */
  async function change<T>(
    actor: User | null,
    userId: string,
    reasonInput: string | undefined,
    ctx: RequestContext,
    work: (tx: Tx, user: User, reason: string) => Promise<{ action: string; details: Record<string, unknown>; result: T }>,
    more?: (problems: FieldErrors, user: User) => Promise<void>,
  ): Promise<T> {
    const user = await reachable(actor, userId);
    const problems = new FieldErrors();
    const reason = checkReason(problems, reasonInput);
    // An administrator who locks themselves out, or raises their own role, needs another to do it.
    if (actor?.id === user.id) problems.add('account', 'not_self', 'Ask another administrator to change your own account');
    if (more) await more(problems, user);
    problems.throwIfAny();
    return db.transaction(async (tx) => {
      const done = await work(tx, user, reason);
      await audit(tx, who(actor, user.areaCode), ctx, {
        action: done.action,
        areaCode: user.areaCode,
        subject: { type: 'user', id: user.id },
        reason,
        details: { email: user.email, ...done.details },
      });
      return done.result;
    });
  }

  const closedRefusal = (user: User) =>
    conflict(`The account ${user.email} is closed: a closed account cannot be changed`, 'account', 'not_closed');

  return {
    /** An account the actor administers. */
    find: reachable,

    /** The account with this email, for the operator's commands. */
    async findByEmail(emailInput: string): Promise<User> {
      const email = emailInput.trim().toLowerCase();
      const found = await users.findUserWithCredentialsByEmail(db, email);
      if (!found)
        throw validationFailed([{ field: 'email', rule: 'exists', message: `There is no account with the email address ${email}` }]);
      return found.user;
    },

    /** A new role or organisation (or both); a system administrator's role only by a system administrator. */
    changeAccount(actor: User | null, userId: string, input: AccountChange, ctx: RequestContext): Promise<void> {
      return change(
        actor,
        userId,
        input.reason,
        ctx,
        async (tx, user) => {
          const role = input.role ? ROLES.parse(input.role) : user.role;
          const organisationId = input.organisationId || user.organisationId;
          await users.updateRoleAndOrganisation(tx, user.id, role, organisationId);
          return {
            action: 'user.changed',
            details: { from: { role: user.role, organisationId: user.organisationId }, to: { role, organisationId } },
            result: undefined,
          };
        },
        async (problems, user) => {
          if (user.closed) throw closedRefusal(user);
          if (input.role !== undefined && input.role !== '') {
            if (!isRole(input.role)) problems.add('role', 'one_of', `Select a role: one of ${ROLES.values.join(', ')}`);
            else if ((input.role === 'system_admin') !== (user.role === 'system_admin') && actor && actor.role !== 'system_admin')
              problems.add('role', 'not_permitted', 'Only a system administrator can give or take away the system administrator role');
          }
          const org = input.organisationId;
          if (org !== undefined && org !== '' && (!isUuid(org) || !(await users.organisationInArea(db, org, user.areaCode))))
            problems.add('organisationId', 'in_area', 'Select an organisation in this area');
          if ((input.role ?? '') === '' && (org ?? '') === '') problems.add('role', 'required', 'Select a new role or a new organisation');
        },
      );
    },

    /** Suspends an account: it cannot sign in, and every session of it ends now. */
    suspend(actor: User | null, userId: string, reason: string | undefined, ctx: RequestContext): Promise<{ sessionsEnded: number }> {
      return change(actor, userId, reason, ctx, async (tx, user) => {
        if (!(await users.disableUser(tx, user.id, clock.now())))
          throw conflict(`The account ${user.email} is already suspended`, 'account', 'not_suspended');
        const sessionsEnded = await sessions.endAllSessions(tx, user.id);
        return { action: 'user.suspended', details: { sessionsEnded }, result: { sessionsEnded } };
      });
    },

    /** Lets a suspended account sign in again; a closed account stays closed. */
    reenable(actor: User | null, userId: string, reason: string | undefined, ctx: RequestContext): Promise<void> {
      return change(actor, userId, reason, ctx, async (tx, user) => {
        if (user.closed) throw closedRefusal(user);
        if (!(await users.enableUser(tx, user.id))) throw conflict(`The account ${user.email} is not suspended`, 'account', 'suspended');
        return { action: 'user.reenabled', details: {}, result: undefined };
      });
    },

    /** Closes an account for good (the person has left): it cannot sign in again, and its sessions end now. */
    close(actor: User | null, userId: string, reason: string | undefined, ctx: RequestContext): Promise<{ sessionsEnded: number }> {
      return change(actor, userId, reason, ctx, async (tx, user) => {
        if (!(await users.closeUser(tx, user.id, clock.now()))) throw closedRefusal(user);
        const sessionsEnded = await sessions.endAllSessions(tx, user.id);
        return { action: 'user.closed', details: { sessionsEnded }, result: { sessionsEnded } };
      });
    },

    /** Makes a practitioner or manager a designated safeguarding lead, or stops them being one. */
    setSafeguardingLead(actor: User | null, userId: string, designated: boolean, reason: string | undefined, ctx: RequestContext) {
      return change(
        actor,
        userId,
        reason,
        ctx,
        async (tx, user) => {
          await users.updateDesignatedSafeguarding(tx, user.id, designated);
          return { action: 'user.safeguarding_lead', details: { from: user.designatedSafeguarding, to: designated }, result: undefined };
        },
        async (problems, user) => {
          if (user.closed) throw closedRefusal(user);
          if (designated && user.role !== 'practitioner' && user.role !== 'practice_manager')
            problems.add('designated', 'front_line', 'Only a practitioner or practice manager can be a designated safeguarding lead');
        },
      );
    },
  };
}

export type UserLifecycleService = ReturnType<typeof userLifecycleService>;

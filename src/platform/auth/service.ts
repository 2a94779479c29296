import QRCode from 'qrcode';
import { recordAudit, type Actor, type RequestContext } from '../audit.js';
import type { Config } from '../config.js';
import type { Db, Queryable, Tx } from '../db.js';
import { isUuid } from '../ids.js';
import { FieldErrors, forbidden, platformProblems, type AppError } from '../errors.js';
import { can, isRole, requiresSecondFactor, ROLES } from '../policy.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './passwords.js';
import * as users from './repository.js';
import type { User } from './repository.js';
import * as sessions from './sessions.js';
import * as throttle from './throttle.js';
import { stripInvisible } from '../text.js';
import type { LiveSession, Session } from './sessions.js';
import { decryptSecret, encryptSecret, matchTotpStep, newTotpSecret, totpUri } from './totp.js';

/** Wrong security codes, counted per account across sign-ins, before each further one is delayed. */
export const FREE_CODE_FAILURES = 5;
const MAX_CODE_DELAY_MINUTES = 60;

export function actorOf(user: User): Actor {
  return { userId: user.id, label: user.email, role: user.role, areaCode: user.areaCode };
}

export type SignInNext = 'two-factor' | 'two-factor-set-up' | 'done';

export interface SignedIn {
  token: string;
  session: Session;
  user: User;
}

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function authService({ db, config }: { db: Db; config: Config }) {
  const wrongDetails = (): AppError =>
    platformProblems.signInFailed('Email address or password is not correct', {
      fieldErrors: [{ field: 'email', rule: 'credentials', message: 'Email address or password is not correct' }],
    });
  // Issue 11: the same words whether or not the email exists, is suspended or is throttled, so
  // the answer tells nobody which emails have accounts.
  const throttled = (until: Date): AppError =>
    platformProblems.throttled(
      `Too many attempts to sign in with these details from here. Wait until ${until.toISOString().slice(11, 16)} UTC and try again.`,
      {
        fieldErrors: [
          {
            field: 'email',
            rule: 'throttled',
            message: 'Too many attempts to sign in with these details: wait a few minutes and try again',
          },
        ],
      },
    );
  const codesThrottled = (until: Date): AppError =>
    platformProblems.throttled(`Too many wrong security codes. Wait until ${until.toISOString().slice(11, 16)} UTC and try again.`, {
      fieldErrors: [{ field: 'code', rule: 'throttled', message: 'Too many wrong security codes: wait a few minutes and try again' }],
    });

  /** Counts a wrong password for the email typed (known or not) and audits it; then the error to show. */
  async function failPassword(email: string, actor: Actor, ctx: RequestContext, reason: string): Promise<AppError> {
    const result = await db.transaction(async (tx) => {
      const counted = await throttle.recordPasswordFailure(tx, email, ctx.ip);
      await recordAudit(tx, actor, ctx, {
        action: 'auth.sign_in',
        outcome: 'failure',
        details: { reason, failuresFromAddress: counted.failures },
      });
      if (counted.until) {
        await recordAudit(tx, actor, ctx, {
          action: 'auth.sign_in_throttled',
          outcome: 'denied',
          details: { until: counted.until.toISOString() },
        });
      }
      return counted;
    });
    return result.until ? throttled(result.until) : wrongDetails();
  }

  /** Counts a wrong code against the account, across sign-ins, and audits it; then the error to show. */
  /** Counts a wrong or reused code against the account, inside the caller's transaction; when the next check may come. */
  async function recordCodeFailure(tx: Tx, user: User, ctx: RequestContext, reason: string): Promise<Date | null> {
    const result = await users.recordFailedCode(tx, user.id, FREE_CODE_FAILURES, MAX_CODE_DELAY_MINUTES);
    await recordAudit(tx, actorOf(user), ctx, {
      action: 'auth.second_factor',
      outcome: 'failure',
      details: { reason, failedCodes: result.failedCodes },
    });
    if (result.throttledUntil && result.failedCodes >= FREE_CODE_FAILURES) {
      await recordAudit(tx, actorOf(user), ctx, {
        action: 'auth.second_factor_throttled',
        outcome: 'denied',
        details: { until: result.throttledUntil.toISOString() },
      });
    }
    return result.throttledUntil;
  }

  const wrongCode = (): AppError =>
    platformProblems.codeIncorrect('The security code is not correct or has expired', {
      fieldErrors: [
        {
          field: 'code',
          rule: 'totp',
          message: 'The security code is not correct or has expired: enter the current code from your authenticator app',
        },
      ],
    });

  async function resolveSecret(user: User, from: Queryable = db): Promise<{ secret: string; lastStep: number | null }> {
    const credentials = await users.findCredentials(from, user.id);
    if (!credentials?.totpSecretEncrypted) throw platformProblems.noSecondFactor('Two-factor sign-in is not set up');
    return { secret: decryptSecret(credentials.totpSecretEncrypted, config.totpEncryptionKey), lastStep: credentials.totpLastUsedStep };
  }

  return {
    async signIn(emailInput: string, password: string, ctx: RequestContext): Promise<SignedIn & { next: SignInNext }> {
      const email = emailInput.trim().toLowerCase();
      const problems = new FieldErrors();
      if (email === '') problems.add('email', 'required', 'Enter your email address');
      else if (!EMAIL_SHAPE.test(email))
        problems.add('email', 'email_format', 'Enter an email address in the correct format, like name@example.org');
      if (password === '') problems.add('password', 'required', 'Enter your password');
      problems.throwIfAny();

      const found = await users.findUserWithCredentialsByEmail(db, email);
      const actor: Actor = found ? actorOf(found.user) : { userId: null, label: email.slice(0, 254), role: null, areaCode: null };
      const until = await throttle.throttledUntil(db, email, ctx.ip);
      if (until) {
        await db.transaction((tx) =>
          recordAudit(tx, actor, ctx, { action: 'auth.sign_in', outcome: 'denied', details: { reason: 'throttled' } }),
        );
        throw throttled(until);
      }
      if (!found || found.user.disabled) {
        await verifyAgainstDummy(password);
        throw await failPassword(email, actor, ctx, found ? 'account disabled' : 'unknown email');
      }
      const { user, credentials } = found;
      if (!(await verifyPassword(credentials.passwordHash, password))) {
        throw await failPassword(email, actor, ctx, 'wrong password');
      }
      const needsCode = requiresSecondFactor(user.role) || user.totpEnabled;
      const next: SignInNext = !needsCode ? 'done' : user.totpEnabled ? 'two-factor' : 'two-factor-set-up';
      const created = await db.transaction(async (tx) => {
        const result = await sessions.insertSession(tx, {
          userId: user.id,
          areaCode: user.areaCode,
          absoluteHours: config.sessionAbsoluteHours,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        });
        // Issue 11: only this address's count and the account-wide one; the code count stays (issue 11, point 2).
        await throttle.clearPasswordFailures(tx, email, ctx.ip);
        if (next === 'done') {
          await sessions.markSecondFactor(tx, result.session.id);
          await users.recordSignInComplete(tx, user.id, null);
        }
        await recordAudit(tx, actorOf(user), ctx, {
          action: next === 'done' ? 'auth.sign_in' : 'auth.password_accepted',
          details: { sessionId: result.session.id, next },
        });
        return result;
      });
      return { ...created, user, next };
    },

    /** The session and user behind a cookie token, if the session is still live. */
    async resolveSession(token: string): Promise<LiveSession | undefined> {
      return sessions.findLiveSession(db, token, config.sessionIdleMinutes);
    },

    /** The secret to enrol in an authenticator app; the same one until set-up is confirmed. */
    async twoFactorSetUp(user: User): Promise<{ secret: string; uri: string; qrSvg: string }> {
      if (user.totpEnabled) throw platformProblems.alreadySetUp('Two-factor sign-in is already set up for this account');
      const credentials = await users.findCredentials(db, user.id);
      let secret = credentials?.totpSecretEncrypted ? decryptSecret(credentials.totpSecretEncrypted, config.totpEncryptionKey) : undefined;
      if (!secret) {
        secret = newTotpSecret();
        await users.setPendingTotpSecret(db, user.id, encryptSecret(secret, config.totpEncryptionKey));
      }
      const uri = totpUri(secret, user.email);
      const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return { secret, uri, qrSvg };
    },

    /**
     * Checks a code for set-up or sign-in; on success the session is fully signed in under a new
     * token (returned), so a token obtained before the second factor is worth nothing after it.
     */
    async verifySecondFactor(session: Session, user: User, code: string, ctx: RequestContext): Promise<string> {
      if (code.trim() === '') {
        throw platformProblems.validationFailed('Enter the security code', {
          fieldErrors: [{ field: 'code', rule: 'required', message: 'Enter the 6-digit security code from your authenticator app' }],
        });
      }
      // One check at a time per account: the user's row is locked from reading the throttle to counting
      // a failure, so parallel guesses queue and each meets the count the one before it left (issue 11 §2).
      const outcome = await db.transaction(async (tx): Promise<{ token: string } | { refused: AppError }> => {
        await users.lockForCodeCheck(tx, user.id);
        const credentials = await users.findCredentials(tx, user.id);
        if (credentials?.codesThrottledUntil && credentials.codesThrottledUntil > new Date())
          return { refused: codesThrottled(credentials.codesThrottledUntil) };
        const { secret, lastStep } = await resolveSecret(user, tx);
        const step = matchTotpStep(secret, code);
        // A code is good once: refusing an already-used step stops replay of an overheard code.
        if (step === null || (lastStep !== null && step <= lastStep)) {
          const until = await recordCodeFailure(tx, user, ctx, step === null ? 'wrong code' : 'code reused');
          return { refused: until && until > new Date() ? codesThrottled(until) : wrongCode() };
        }
        if (!user.totpEnabled) await users.enableTotp(tx, user.id, step);
        await sessions.markSecondFactor(tx, session.id);
        await users.recordSignInComplete(tx, user.id, step);
        if (!user.totpEnabled) await recordAudit(tx, actorOf(user), ctx, { action: 'auth.second_factor_enrolled' });
        await recordAudit(tx, actorOf(user), ctx, { action: 'auth.sign_in', details: { sessionId: session.id, secondFactor: 'totp' } });
        return { token: await sessions.rotateToken(tx, session.id) };
      });
      // Thrown after the commit, so the counted failure stays counted.
      if ('refused' in outcome) throw outcome.refused;
      return outcome.token;
    },

    async signOut(session: Session, user: User, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        await sessions.endSession(tx, session.id);
        await recordAudit(tx, actorOf(user), ctx, { action: 'auth.sign_out', details: { sessionId: session.id } });
      });
    },

    async signOutEverywhere(user: User, ctx: RequestContext): Promise<number> {
      return db.transaction(async (tx) => {
        const ended = await sessions.endAllSessions(tx, user.id);
        await recordAudit(tx, actorOf(user), ctx, { action: 'auth.sign_out_everywhere', details: { sessionsEnded: ended } });
        return ended;
      });
    },

    listUsers(areaCode: string): Promise<User[]> {
      return users.listUsersInArea(db, areaCode);
    },

    listSessions(user: User): Promise<Session[]> {
      return sessions.listLiveSessions(db, user.id, config.sessionIdleMinutes);
    },

    /** Changes the password and ends every other session of the user (issue 11): a thief's session ends with the old password. */
    async changePassword(session: Session, user: User, current: string, next: string, confirm: string, ctx: RequestContext): Promise<void> {
      const problems = new FieldErrors();
      const credentials = await users.findCredentials(db, user.id);
      if (current === '') problems.add('currentPassword', 'required', 'Enter your current password');
      else if (!credentials || !(await verifyPassword(credentials.passwordHash, current))) {
        problems.add('currentPassword', 'credentials', 'Current password is not correct');
      }
      const problem = passwordProblem(next, { email: user.email, name: user.displayName });
      if (problem) problems.add('newPassword', problem.rule, problem.message);
      else if (next !== confirm) problems.add('confirmPassword', 'matches', 'The passwords do not match');
      problems.throwIfAny();
      const passwordHash = await hashPassword(next);
      await db.transaction(async (tx) => {
        await users.updatePasswordHash(tx, user.id, passwordHash);
        const ended = await sessions.endOtherSessions(tx, user.id, session.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'user.password_changed',
          subject: { type: 'user', id: user.id },
          details: { otherSessionsEnded: ended },
        });
      });
    },

    /**
     * Creates an account; the new user sets up two-factor sign-in at first sign-in. The actor is
     * null when an operator runs `ctp users create` on the server itself.
     */
    async createUser(actor: User | null, input: NewUserInput, ctx: RequestContext): Promise<string> {
      const areaCode = (input.areaCode ?? actor?.areaCode ?? '').trim();
      if (actor && !can(actor, 'users.create', areaCode)) throw forbidden('You cannot create accounts in that area.');
      const email = (input.email ?? '').trim().toLowerCase();
      const problems = new FieldErrors();
      if (email === '') problems.add('email', 'required', 'Enter an email address');
      else if (!EMAIL_SHAPE.test(email))
        problems.add('email', 'email_format', 'Enter an email address in the correct format, like name@example.org');
      else if (await users.emailExists(db, email)) problems.add('email', 'unique', 'An account with this email address already exists');
      // A name of only invisible characters (U+3164, U+200B) is a blank name (platform/text.ts).
      const displayName = stripInvisible(input.displayName ?? '').trim();
      if (displayName === '') problems.add('displayName', 'required', 'Enter the full name');
      else if (displayName.length > 200) problems.add('displayName', 'max_length', 'Full name must be 200 characters or fewer');
      if (!isRole(input.role)) problems.add('role', 'one_of', `Select a role: one of ${ROLES.values.join(', ')}`);
      else if (input.role === 'system_admin' && actor && actor.role !== 'system_admin') {
        problems.add('role', 'not_permitted', 'Only a system administrator can create a system administrator');
      }
      if (areaCode === '') problems.add('areaCode', 'required', 'Enter the area code');
      if (!input.organisationId) problems.add('organisationId', 'required', 'Select the organisation the person works for');
      else if (!isUuid(input.organisationId) || !(await users.organisationInArea(db, input.organisationId, areaCode))) {
        problems.add('organisationId', 'in_area', 'Select an organisation in this area');
      }
      const problem = passwordProblem(input.password ?? '', { email, name: displayName });
      if (problem) problems.add('password', problem.rule, problem.message);
      problems.throwIfAny();
      const passwordHash = await hashPassword(input.password ?? '');
      return db.transaction(async (tx) => {
        const id = await users.insertUser(tx, {
          areaCode,
          organisationId: input.organisationId ?? '',
          email,
          displayName,
          jobTitle: (input.jobTitle ?? '').trim(),
          role: ROLES.parse(input.role),
          passwordHash,
        });
        const who: Actor = actor ? actorOf(actor) : { userId: null, label: 'operator (command line)', role: null, areaCode };
        await recordAudit(tx, who, ctx, {
          action: 'user.created',
          areaCode,
          subject: { type: 'user', id },
          details: { email, role: input.role },
        });
        return id;
      });
    },
  };
}

export interface NewUserInput {
  email?: string;
  displayName?: string;
  jobTitle?: string;
  role?: string;
  organisationId?: string;
  password?: string;
  areaCode?: string;
}

export type AuthService = ReturnType<typeof authService>;

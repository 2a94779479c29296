import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { apiRoute } from '../http/api-route.js';
import { formOf, handleForm } from '../http/forms.js';
import { clearSessionCookie, setSessionCookie, signedIn } from '../http/plugin.js';
import { safeNextPath } from '../http/views.js';
import { paths } from '../paths.js';
import { policy, ROLE_LABELS } from '../policy.js';
import type { AuthService } from './service.js';

/** A text field of a form or query; '' when it was not sent. */
const field = (body: unknown, name: string): string => formOf(body)[name] ?? '';

const V = 'platform/auth/views';

/** Per address, on top of the per-account throttles: slows guessing across many accounts. */
const SIGN_IN_RATE = { max: 30, timeWindow: '1 minute' };

export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    jobTitle: Type.String(),
    role: Type.String(),
    roleLabel: Type.String(),
    areaCode: Type.String(),
    areaName: Type.String(),
    organisationId: Type.String({ format: 'uuid' }),
    organisationName: Type.String(),
    twoFactorEnabled: Type.Boolean(),
  },
  { $id: 'Me', description: 'The signed-in user' },
);

export async function authRoutes(app: FastifyInstance, { auth, config }: { auth: AuthService; config: Config }): Promise<void> {
  app.get(paths.signIn, { config: { policy: policy.public() }, schema: { hide: true } }, async (request, reply) => {
    if (request.auth?.session.secondFactorAt) return reply.redirect(paths.home, 303);
    return reply.render(`${V}/sign-in.njk`, { pageTitle: 'Sign in', next: safeNextPath(field(request.query, 'next')), values: {} });
  });

  app.post(
    paths.signIn,
    { config: { policy: policy.public(), rateLimit: SIGN_IN_RATE }, schema: { hide: true } },
    async (request, reply) => {
      const email = field(request.body, 'email');
      const next = safeNextPath(field(request.body, 'next'));
      const result = await handleForm(
        () => auth.signIn(email, field(request.body, 'password'), request.context),
        (errors, status) => reply.code(status).render(`${V}/sign-in.njk`, { pageTitle: 'Sign in', errors, next, values: { email } }),
      );
      if (!result.ok) return reply;
      setSessionCookie(reply, result.value.token, config);
      const target = {
        done: next,
        'two-factor': `${paths.twoFactor}?next=${encodeURIComponent(next)}`,
        'two-factor-set-up': paths.twoFactorSetUp,
      }[result.value.next];
      return reply.redirect(target, 303);
    },
  );

  app.get(paths.twoFactor, { config: { policy: policy.passwordOnly() }, schema: { hide: true } }, async (request, reply) => {
    if (request.auth && !request.auth.user.totpEnabled) return reply.redirect(paths.twoFactorSetUp, 303);
    return reply.render(`${V}/two-factor.njk`, { pageTitle: 'Enter your security code', next: safeNextPath(field(request.query, 'next')) });
  });

  app.post(
    paths.twoFactor,
    { config: { policy: policy.passwordOnly(), rateLimit: SIGN_IN_RATE }, schema: { hide: true } },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      const next = safeNextPath(field(request.body, 'next'));
      const result = await handleForm(
        () => auth.verifySecondFactor(session, user, field(request.body, 'code'), request.context),
        (errors, status) => reply.code(status).render(`${V}/two-factor.njk`, { pageTitle: 'Enter your security code', errors, next }),
        // Two-factor sign-in not set up (409) is no fault of the code typed: the error page, not this form.
        { refusals: [] },
      );
      if (!result.ok) return reply;
      setSessionCookie(reply, result.value, config);
      return reply.redirect(next, 303);
    },
  );

  const renderSetUp = async (request: FastifyRequest, errors?: unknown) => {
    const { user } = signedIn(request);
    const enrolment = await auth.twoFactorSetUp(user);
    return { pageTitle: 'Set up two-factor sign-in', enrolment, errors, mandatory: true };
  };

  app.get(paths.twoFactorSetUp, { config: { policy: policy.passwordOnly() }, schema: { hide: true } }, async (request, reply) => {
    if (request.auth?.user.totpEnabled) return reply.redirect(paths.twoFactor, 303);
    return reply.render(`${V}/two-factor-set-up.njk`, await renderSetUp(request));
  });

  app.post(
    paths.twoFactorSetUp,
    { config: { policy: policy.passwordOnly(), rateLimit: SIGN_IN_RATE }, schema: { hide: true } },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      const result = await handleForm(
        () => auth.verifySecondFactor(session, user, field(request.body, 'code'), request.context),
        async (errors, status) => reply.code(status).render(`${V}/two-factor-set-up.njk`, await renderSetUp(request, errors)),
        // Two-factor sign-in not set up (409) is no fault of the code typed: the error page, not this form.
        { refusals: [] },
      );
      if (!result.ok) return reply;
      setSessionCookie(reply, result.value, config);
      return reply.redirect(paths.home, 303);
    },
  );

  app.post(paths.signOut, { config: { policy: policy.anySession() }, schema: { hide: true } }, async (request, reply) => {
    if (request.auth) await auth.signOut(request.auth.session, request.auth.user, request.context);
    clearSessionCookie(reply);
    return reply.redirect(`${paths.signIn}?signedOut=1`, 303);
  });

  app.get(paths.account, { config: { policy: policy.allow('account.use') }, schema: { hide: true } }, async (request, reply) => {
    const { user, session } = signedIn(request);
    const sessions = await auth.listSessions(user);
    return reply.render(`${V}/account.njk`, {
      pageTitle: 'Your account',
      user,
      roleLabel: ROLE_LABELS[user.role],
      sessions: sessions.map((s) => ({ ...s, current: s.id === session.id })),
      passwordChanged: field(request.query, 'passwordChanged') === '1',
    });
  });

  app.get(paths.accountPassword, { config: { policy: policy.allow('account.use') }, schema: { hide: true } }, async (_request, reply) =>
    reply.render(`${V}/change-password.njk`, { pageTitle: 'Change your password' }),
  );

  app.post(paths.accountPassword, { config: { policy: policy.allow('account.use') }, schema: { hide: true } }, async (request, reply) => {
    const { session, user } = signedIn(request);
    const body = request.body;
    const result = await handleForm(
      () =>
        auth.changePassword(
          session,
          user,
          field(body, 'currentPassword'),
          field(body, 'newPassword'),
          field(body, 'confirmPassword'),
          request.context,
        ),
      (errors, status) => reply.code(status).render(`${V}/change-password.njk`, { pageTitle: 'Change your password', errors }),
    );
    return result.ok ? reply.redirect(`${paths.account}?passwordChanged=1`, 303) : reply;
  });

  app.post(
    paths.accountSignOutEverywhere,
    { config: { policy: policy.allow('account.use') }, schema: { hide: true } },
    async (request, reply) => {
      const { user } = signedIn(request);
      await auth.signOutEverywhere(user, request.context);
      clearSessionCookie(reply);
      return reply.redirect(`${paths.signIn}?signedOut=everywhere`, 303);
    },
  );

  apiRoute(app, {
    method: 'GET',
    url: '/api/me',
    policy: policy.allow('account.use'),
    summary: 'The signed-in user',
    tags: ['account'],
    schema: { response: { 200: MeSchema } },
    handler: async (request) => {
      const { user } = signedIn(request);
      return {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        jobTitle: user.jobTitle,
        role: user.role,
        roleLabel: ROLE_LABELS[user.role],
        areaCode: user.areaCode,
        areaName: user.areaName,
        organisationId: user.organisationId,
        organisationName: user.organisationName,
        twoFactorEnabled: user.totpEnabled,
      };
    },
  });
}

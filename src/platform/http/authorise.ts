import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit.js';
import type { Db } from '../db.js';
import { forbidden, platformProblems, unauthenticated } from '../errors.js';
import { paths } from '../paths.js';
import { markAudited } from './errors.js';
import { can } from '../policy.js';

function isPage(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/');
}

/**
 * Checks the route's declared policy before anything else runs. Deny by default: a route with
 * no policy is refused, as is anything the policy module does not allow. Refusals of signed-in
 * users are written to the audit trail.
 */
export const makeAuthorise =
  (auditDb: Db) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.is404) return;
    const declared = request.routeOptions.config.policy;
    if (!declared) {
      throw platformProblems.noPolicy(`Route ${request.routeOptions.url ?? ''} declares no policy, so it is refused`);
    }
    if (declared.kind === 'public') return;
    const auth = request.auth;
    if (!auth) {
      if (isPage(request) && request.method === 'GET') {
        const next = request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/';
        await reply.redirect(`${paths.signIn}?next=${encodeURIComponent(next)}`, 303);
        return;
      }
      throw unauthenticated();
    }
    if (declared.kind === 'any-session') return;
    const secondFactorDone = auth.session.secondFactorAt !== null;
    if (declared.kind === 'password-only') {
      if (secondFactorDone) {
        if (isPage(request)) await reply.redirect(paths.home, 303);
        else throw forbidden('Already signed in');
      }
      return;
    }
    if (!secondFactorDone) {
      if (isPage(request) && request.method === 'GET') {
        await reply.redirect(auth.user.totpEnabled ? paths.twoFactor : paths.twoFactorSetUp, 303);
        return;
      }
      throw platformProblems.secondFactorRequired('Finish signing in with your security code first');
    }
    const params = request.params as Record<string, string | undefined>;
    const areaCode = declared.areaParam ? params[declared.areaParam] : undefined;
    if (can(auth.user, declared.action, areaCode)) return;
    const { user } = auth;
    await auditDb.transaction((tx) =>
      recordAudit(tx, { userId: user.id, label: user.email, role: user.role, areaCode: user.areaCode }, request.context, {
        action: 'access.denied',
        outcome: 'denied',
        details: { method: request.method, route: request.routeOptions.url, policy: declared.action, areaCode },
      }),
    );
    throw markAudited(forbidden());
  };

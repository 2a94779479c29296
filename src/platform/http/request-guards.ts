import type { FastifyRequest } from 'fastify';
import { platformProblems, validationFailed, type FieldError } from '../errors.js';

/**
 * Guards every request passes before its route runs (issue 11).
 *
 * Cross-site requests: a state-changing request that carries a session cookie must come from this
 * service's own pages. Browsers send Origin on every cross-site POST (and, with our
 * Referrer-Policy of same-origin, the real origin on our own), so an Origin from elsewhere, or
 * "null", is refused; without Origin the Referer is checked the same way. A request with neither
 * comes from a program, not a browser page (a browser cannot be made to omit both on a cross-site
 * POST), so API clients that keep a cookie and send neither header keep working.
 */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameOrigin(claimed: string, request: FastifyRequest): boolean {
  try {
    const origin = new URL(claimed);
    // Read the request's host with the origin's scheme, so a default port (:80, :443) compares equal.
    return origin.host === new URL(`${origin.protocol}//${request.host}`).host;
  } catch {
    return false;
  }
}

export function refuseCrossSite(request: FastifyRequest, sessionCookie: string): void {
  if (!STATE_CHANGING.has(request.method) || request.cookies[sessionCookie] === undefined) return;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const claimed = typeof origin === 'string' ? origin : typeof referer === 'string' ? referer : undefined;
  if (claimed === undefined || sameOrigin(claimed, request)) return;
  throw platformProblems.crossSiteRequest(
    `This request came from another site (${typeof origin === 'string' ? 'Origin' : 'Referer'}: ${claimed.slice(0, 100)}), not from this service's own pages, so it was not carried out.`,
  );
}

/** Where in a value a NUL character sits, as a field path ('email', 'items.2.name'), or undefined. */
function nulPath(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at || 'body' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, at ? `${at}.${i}` : String(i));
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, at) ?? nulPath(item, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A NUL character cannot be stored in PostgreSQL text and is never meaningful input: refused with
 * the field named, before any route reads it, instead of failing deep in a query.
 */
export function refuseNulCharacters(request: FastifyRequest): void {
  const problems: FieldError[] = [];
  for (const part of [request.body, request.query, request.params]) {
    const field = nulPath(part, '');
    if (field) problems.push({ field, rule: 'no_nul', message: `${field} must not contain a NUL character (\\u0000)` });
  }
  if (problems.length > 0) throw validationFailed(problems);
}

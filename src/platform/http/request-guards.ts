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

/** Where in a value NUL characters sit, as field paths ('email', 'items.2.name'). */
function nulPaths(value: unknown, at: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(at || 'body');
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nulPaths(item, at ? `${at}.${i}` : String(i), found);
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push(at || 'body');
      else nulPaths(item, at ? `${at}.${key}` : key, found);
    }
  }
  return found;
}

/** 'familyName', 'otherNames.0.givenName', 'dateOfBirth-day': "Family name", "Given name", "Date of birth day". */
export function fieldWords(path: string): string {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? path;
  const words = last
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? 'This field' : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A NUL character cannot be stored in PostgreSQL text and is never meaningful input: refused with
 * the field named, before any route reads it, instead of failing deep in a query. In a page's form
 * (a POST that is not the API) the faults in the body are returned, not thrown: the form is shown
 * again with them (forms.ts `handleForm`), like any other field error. Anywhere else they are thrown.
 */
export function refuseNulCharacters(request: FastifyRequest, { pageForm }: { pageForm: boolean }): FieldError[] {
  const inBody = nulPaths(request.body, '');
  const elsewhere = [...nulPaths(request.query, ''), ...nulPaths(request.params, '')];
  if (elsewhere.length > 0 || (inBody.length > 0 && !pageForm)) {
    throw validationFailed(
      [...elsewhere, ...inBody].map((field) => ({ field, rule: 'no_nul', message: `${field} must not contain a NUL character (\\u0000)` })),
    );
  }
  return inBody.map((field) => ({ field, rule: 'no_nul', message: `${fieldWords(field)} must not contain control characters` }));
}

import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDateTime } from '../dates.js';
import { policy, type Action } from '../policy.js';

const require = createRequire(import.meta.url);
const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** Nunjucks with GOV.UK Frontend macros; templates are named by their path under src/. */
export function createViewEnvironment(): nunjucks.Environment {
  const env = nunjucks.configure([SRC_DIR, GOVUK_DIST], {
    autoescape: true,
    throwOnUndefined: false,
    noCache: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // One way of writing a moment on every page: "2 December 2026 at 3:39pm", UK time.
  env.addFilter('dateTime', (value: unknown) => (value instanceof Date ? formatDateTime(value) : ''));
  env.addFilter('json', (value: unknown) => JSON.stringify(value ?? null, null, 0));
  return env;
}

/** A same-site path to go back to after signing in; anything else becomes the home page. */
export function safeNextPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** A page route's options: the policy it declares, and hidden from the OpenAPI document (pages are not the API). */
export const pageRoute = (action: Action, schema: Record<string, unknown> = {}) => ({
  config: { policy: policy.allow(action) },
  schema: { hide: true, ...schema },
});

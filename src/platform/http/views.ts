import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { AppError, type FieldError } from '../errors.js';
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
  env.addFilter('dateTime', (value: unknown) =>
    value instanceof Date ? value.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }) : '',
  );
  env.addFilter('json', (value: unknown) => JSON.stringify(value ?? null, null, 0));
  return env;
}

export interface FormErrors {
  /** For govukErrorSummary's errorList. */
  summary: { text: string; href: string }[];
  /** For each component's errorMessage. */
  byField: Record<string, { text: string }>;
}

/** Turns field errors into the shapes the GOV.UK error summary and components expect. */
export function formErrors(errors: FieldError[]): FormErrors {
  return {
    summary: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
    byField: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
  };
}

/**
 * Runs a form's work; when it fails with field errors, re-renders the form with them (the GOV.UK
 * pattern: the same page, an error summary, each field's message, the user's input kept).
 */
export async function handleForm<T>(
  work: () => Promise<T>,
  rerender: (errors: FormErrors, status: number) => unknown,
): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors.length > 0) {
      await rerender(formErrors(error.fieldErrors), error.status);
      return { ok: false };
    }
    throw error;
  }
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

/** A form's fields as strings (a repeated field keeps its first value; files and other values are left out). */
export function formOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const value = Array.isArray(v) ? v[0] : v;
      if (typeof value === 'string') out[k] = value;
    }
  }
  return out;
}

/** All values a repeated field (checkboxes) was given: a form body holds a string or an array. */
export function allValues(body: unknown, field: string): string[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

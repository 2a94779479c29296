import type { FastifyReply } from 'fastify';
import { fmt } from '../children/routes-forms.js';
import { policy, type Action } from '../platform/policy.js';
import { ACTION_STATUSES, CLOSURE_OUTCOMES, NEED_LEVELS } from './form.js';

/** What front-line work's pages share. Form reading, dates and error summaries come from the child index's helpers. */

export { dateParts, dateValues, formOf, isUuid, runForm, type Form } from '../children/routes-forms.js';

/** Route options for a page: its policy, hidden from the OpenAPI document. */
export const allow = (action: Action) => ({ config: { policy: policy.allow(action) }, schema: { hide: true } });

/** Renders one of src/assessment/views/ with the helpers its templates use. */
export const show = (reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): FastifyReply =>
  reply.code(status).render(`assessment/views/${template}`, { fmt, ...data });

/** Radio or select items from a list of words, with the chosen one checked. */
export const choiceItems = (values: readonly string[], chosen: string | undefined): { value: string; text: string; checked: boolean }[] =>
  values.map((v) => ({ value: v, text: v.charAt(0).toUpperCase() + v.slice(1), checked: v === chosen }));

export const needLevelItems = (chosen?: string) => choiceItems(NEED_LEVELS, chosen);
export const closureOutcomeItems = (chosen?: string) => choiceItems(CLOSURE_OUTCOMES, chosen);
export const actionStatusItems = (chosen?: string) => choiceItems(ACTION_STATUSES, chosen);

/** All values a repeated form field was given (checkboxes): formbody gives a string or an array. */
export function allValues(body: unknown, field: string): string[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

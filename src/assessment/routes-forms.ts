import type { FastifyReply } from 'fastify';
import { fmt } from '../children/routes-forms.js';
import { ACTION_STATUSES, CLOSURE_OUTCOMES, NEED_LEVELS } from './form.js';

/** What front-line work's pages share. Form reading, dates and error summaries come from the child index's helpers. */

export { dateParts, dateValues, formOf, isUuid, runForm, type Form } from '../children/routes-forms.js';

export { pageRoute as allow, allValues } from '../platform/http/views.js';

/** Renders one of src/assessment/views/ with the helpers its templates use. */
export const show = (reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): FastifyReply =>
  reply.code(status).render(`assessment/views/${template}`, { fmt, ...data });

/** Radio or select items from a list of words, with the chosen one checked. */
export const choiceItems = (values: readonly string[], chosen: string | undefined): { value: string; text: string; checked: boolean }[] =>
  values.map((v) => ({ value: v, text: v.charAt(0).toUpperCase() + v.slice(1), checked: v === chosen }));

export const needLevelItems = (chosen?: string) => choiceItems(NEED_LEVELS, chosen);
export const closureOutcomeItems = (chosen?: string) => choiceItems(CLOSURE_OUTCOMES, chosen);
export const actionStatusItems = (chosen?: string) => choiceItems(ACTION_STATUSES, chosen);

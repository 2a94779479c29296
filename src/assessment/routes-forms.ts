import { childFormat } from '../children/index.js';
import { formatDateTime } from '../platform/dates.js';
import { ACTION_STATUSES, CLOSURE_OUTCOMES } from './form.js';
import type { NeedLevelDefinition } from './levels/types.js';

/** What front-line work's pages share. Forms are read with platform/http/forms; dates are shown as the child index shows them. */

export { isUuid } from '../platform/ids.js';

import { pageRenderer } from '../platform/http/forms.js';
export { pageRoute as allow } from '../platform/http/views.js';

/** The child index's helpers, and moments printed with the same dates (issue 14: one date format on a page). */
export const fmt = { ...childFormat, dateTime: formatDateTime };

/** Renders one of src/assessment/views/ with the helpers its templates use. */
export const show = pageRenderer('assessment/views', { fmt });

/** Radio or select items from a list of words, with the chosen one checked. */
export const choiceItems = (values: readonly string[], chosen: string | undefined): { value: string; text: string; checked: boolean }[] =>
  values.map((v) => ({ value: v, text: v.charAt(0).toUpperCase() + v.slice(1), checked: v === chosen }));

/** The area's levels of need as radios, each with its local description. */
export const needLevelItems = (levels: readonly NeedLevelDefinition[], chosen?: string) =>
  levels.map((l) => ({
    value: l.name,
    text: l.name.charAt(0).toUpperCase() + l.name.slice(1),
    hint: { text: l.description },
    checked: l.name === chosen,
  }));
export const closureOutcomeItems = (chosen?: string) => choiceItems(CLOSURE_OUTCOMES.values, chosen);
export const actionStatusItems = (chosen?: string) => choiceItems(ACTION_STATUSES.values, chosen);

import { childFormat as fmt } from '../children/index.js';
import { ACTION_STATUSES, CLOSURE_OUTCOMES, NEED_LEVELS } from './form.js';

/** What front-line work's pages share. Forms are read with platform/http/forms; dates are shown as the child index shows them. */

export { isUuid } from '../platform/ids.js';

import { pageRenderer } from '../platform/http/forms.js';
export { pageRoute as allow } from '../platform/http/views.js';

/** Renders one of src/assessment/views/ with the helpers its templates use. */
export const show = pageRenderer('assessment/views', { fmt });

/** Radio or select items from a list of words, with the chosen one checked. */
export const choiceItems = (values: readonly string[], chosen: string | undefined): { value: string; text: string; checked: boolean }[] =>
  values.map((v) => ({ value: v, text: v.charAt(0).toUpperCase() + v.slice(1), checked: v === chosen }));

export const needLevelItems = (chosen?: string) => choiceItems(NEED_LEVELS.values, chosen);
export const closureOutcomeItems = (chosen?: string) => choiceItems(CLOSURE_OUTCOMES.values, chosen);
export const actionStatusItems = (chosen?: string) => choiceItems(ACTION_STATUSES.values, chosen);

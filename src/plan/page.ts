import { formatDate } from '../platform/dates.js';
import { pageRenderer } from '../platform/http/forms.js';
import { formatMoney } from '../platform/money.js';
import { planPaths } from './paths.js';
import { ACTION_STATUS_LABELS, PLAN_OWNER_LABELS, PLAN_STATUS_LABELS, SECTION_KIND_INFO } from './types.js';

/** The plan's signed-in pages: GOV.UK views under plan/views, with money and days in words. */
export const page = pageRenderer('plan/views', {
  pp: planPaths,
  formatDate,
  formatMoney,
  ACTION_STATUS_LABELS,
  PLAN_OWNER_LABELS,
  PLAN_STATUS_LABELS,
  SECTION_KIND_INFO,
});

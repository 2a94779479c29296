import { formatDate } from '../platform/dates.js';
import { pageRenderer } from '../platform/http/forms.js';
import { financialYearLabel, formatMoney } from '../platform/money.js';
import { commissioningPaths as cp } from './paths.js';
import { COMMISSION_LEVEL_LABELS, COMMISSION_STAGE_LABELS, CONTRIBUTION_KIND_LABELS, ENTRY_KIND_LABELS, FUND_KIND_LABELS } from './types.js';

/** Commissioning's pages: GOV.UK views under commissioning/views, with money and days in words. */
export const page = pageRenderer('commissioning/views', {
  cp,
  formatDate,
  formatMoney,
  financialYearLabel,
  COMMISSION_LEVEL_LABELS,
  COMMISSION_STAGE_LABELS,
  CONTRIBUTION_KIND_LABELS,
  ENTRY_KIND_LABELS,
  FUND_KIND_LABELS,
});

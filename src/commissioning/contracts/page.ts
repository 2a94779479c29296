import { formatDate, formatDateTime } from '../../platform/dates.js';
import { pageRenderer } from '../../platform/http/forms.js';
import { formatMoney, moneyInputValue } from '../../platform/money.js';
import { commissioningPaths as cp } from '../paths.js';
import { PERIOD_EXAMPLE } from './periods.js';
import { CONTRACT_KIND_WORDS, CONTRACT_STATE_WORDS, MONITORING_WORDS } from './types.js';

/** Contracts' pages: GOV.UK views under commissioning/contracts/views, money and days in words. */
export const contractPage = pageRenderer('commissioning/contracts/views', {
  cp,
  formatDate,
  formatDateTime: (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : ''),
  formatMoney,
  moneyInputValue,
  CONTRACT_KIND_WORDS,
  CONTRACT_STATE_WORDS,
  MONITORING_WORDS,
  PERIOD_EXAMPLE,
  DIRECTION_WORDS: { at_least: 'at least', at_most: 'at most' },
});

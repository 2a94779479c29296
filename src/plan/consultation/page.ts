import { formatDate } from '../../platform/dates.js';
import { pageRenderer } from '../../platform/http/forms.js';
import { megabytes } from '../../platform/uploaded-files.js';
import { planPaths } from '../paths.js';
import { CHILD_AGE_GROUP_LABELS, LISTENED_LABELS, MATTERS_LABELS, QUOTATION_STATE_LABELS } from './children-questions.js';
import { CONSULTEE_KIND_LABELS, LANGUAGE_INFO, RESPONSE_OUTCOME_LABELS } from './types.js';

/** Consultation's pages: GOV.UK views under plan/consultation/views, with the lists' words. */
export const page = pageRenderer('plan/consultation/views', {
  pp: planPaths,
  formatDate,
  megabytes,
  CONSULTEE_KIND_LABELS,
  LANGUAGE_INFO,
  RESPONSE_OUTCOME_LABELS,
  MATTERS_LABELS,
  LISTENED_LABELS,
  CHILD_AGE_GROUP_LABELS,
  QUOTATION_STATE_LABELS,
});

import { formatDate } from '../../platform/dates.js';
import { pageRenderer } from '../../platform/http/forms.js';
import { planPaths } from '../paths.js';

/** Participation's pages: GOV.UK views under plan/participation/views. */
export const page = pageRenderer('plan/participation/views', { pp: planPaths, formatDate });

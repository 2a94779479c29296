import { ROLES } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/**
 * The authorisation matrix's rows for the annual report of partnership activity (issue 16 item 9): a
 * published report, read by everyone of the area (governance.view), as the page, its PDF and CSV and the JSON.
 */
export const ANNUAL_REPORT_ROWS: Record<string, Expectation> = {
  'GET /governance/annual-report': { roles: ROLES.values },
  'GET /governance/annual-report/pdf': { roles: ROLES.values },
  'GET /governance/annual-report/csv': { roles: ROLES.values },
  'GET /api/governance/annual-report': { roles: ROLES.values },
};

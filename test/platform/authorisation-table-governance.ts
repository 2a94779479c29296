import type { Expectation } from './authorisation-table.js';
import { SELF_ASSESSMENT_AND_SECTION11 } from './authorisation-table-audits.js';
import { BUSINESS_ROWS } from './authorisation-table-meetings.js';
import { ANNUAL_REPORT_ROWS } from './authorisation-table-report.js';

/** The matrix's rows for governance's parts beside the bodies (issue 16): each part keeps its own file. */
export const GOVERNANCE_PART_ROWS: Record<string, Expectation> = {
  ...BUSINESS_ROWS,
  ...SELF_ASSESSMENT_AND_SECTION11,
  ...ANNUAL_REPORT_ROWS,
};

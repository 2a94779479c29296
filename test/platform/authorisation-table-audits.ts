import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/** The authorisation matrix's rows for the board's self-assessment and section 11 audits (issue 16 items 7-8). */

/** Who may reach a body's business at all (governance.business); governance/access.ts narrows it to the body. */
const GOVERNANCE_BUSINESS: readonly Role[] = ['board_member', 'area_admin', 'planner', 'practitioner', 'practice_manager'];
/** Section 11: an agency's staff complete its own audit; the LSCB's roles oversee, narrowed to its members and secretariat. */
const SECTION11_COMPLETE: readonly Role[] = ['practitioner', 'practice_manager', 'board_member', 'planner', 'area_admin'];
const SECTION11_OVERSEE: readonly Role[] = ['board_member', 'area_admin', 'planner', 'practice_manager'];

export const SELF_ASSESSMENT_AND_SECTION11: Record<string, Expectation> = {
  // The board's self-assessment (issue 16 item 7): the board's business, narrowed to its members, chair and secretariat.
  'GET /governance/self-assessments': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/self-assessments/new': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/self-assessments/:selfAssessmentId': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/self-assessments/:selfAssessmentId': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/self-assessments/:selfAssessmentId/agree': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/self-assessments/:selfAssessmentId/compare': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/self-assessments': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/self-assessments': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/self-assessments/:selfAssessmentId': { roles: GOVERNANCE_BUSINESS },
  'PUT /api/governance/self-assessments/:selfAssessmentId': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/self-assessments/:selfAssessmentId/agree': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/self-assessments/:selfAssessmentId/compare': { roles: GOVERNANCE_BUSINESS },
  // Section 11 audits (issue 16 item 8): the LSCB's rounds and overview, and each agency's own audits.
  'GET /safeguarding/section-11/rounds': { roles: SECTION11_OVERSEE },
  'POST /safeguarding/section-11/rounds/new': { roles: SECTION11_OVERSEE },
  'GET /safeguarding/section-11/rounds/:roundId': { roles: SECTION11_OVERSEE },
  'GET /safeguarding/section-11/rounds/:roundId/audits/:auditId': { roles: SECTION11_OVERSEE },
  'POST /safeguarding/section-11/rounds/:roundId/audits/:auditId/chase': { roles: SECTION11_OVERSEE },
  'POST /safeguarding/section-11/rounds/:roundId/audits/:auditId/challenge': { roles: SECTION11_OVERSEE },
  'GET /safeguarding/section-11/audits': { roles: SECTION11_COMPLETE },
  'GET /safeguarding/section-11/audits/:auditId': { roles: SECTION11_COMPLETE },
  'POST /safeguarding/section-11/audits/:auditId': { roles: SECTION11_COMPLETE },
  'POST /safeguarding/section-11/audits/:auditId/response': { roles: SECTION11_COMPLETE },
  'GET /api/section-11/rounds': { roles: SECTION11_OVERSEE },
  'POST /api/section-11/rounds': { roles: SECTION11_OVERSEE },
  'GET /api/section-11/rounds/:roundId': { roles: SECTION11_OVERSEE },
  'GET /api/section-11/rounds/:roundId/audits/:auditId': { roles: SECTION11_OVERSEE },
  'POST /api/section-11/rounds/:roundId/audits/:auditId/chase': { roles: SECTION11_OVERSEE },
  'PUT /api/section-11/rounds/:roundId/audits/:auditId/challenge': { roles: SECTION11_OVERSEE },
  'GET /api/section-11/audits': { roles: SECTION11_COMPLETE },
  'GET /api/section-11/audits/:auditId': { roles: SECTION11_COMPLETE },
  'PUT /api/section-11/audits/:auditId': { roles: SECTION11_COMPLETE },
  'POST /api/section-11/audits/:auditId/submit': { roles: SECTION11_COMPLETE },
  'PUT /api/section-11/audits/:auditId/response': { roles: SECTION11_COMPLETE },
};

import type { Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/** The authorisation matrix's rows for a body's business (issue 16 items 4-6, ADR 0023): meetings, decisions, actions, interests, accountability. */

/** Who may reach a body's business at all (governance.business); governance/access.ts narrows it to the body. */
const GOVERNANCE_BUSINESS: readonly Role[] = ['board_member', 'area_admin', 'planner', 'practitioner', 'practice_manager'];
/** Who keeps declarations of interest of their own (governance.interests). */
const GOVERNANCE_INTERESTS: readonly Role[] = ['area_admin', 'board_member', 'planner', 'practitioner', 'practice_manager', 'auditor'];

export const BUSINESS_ROWS: Record<string, Expectation> = {
  // A body's business (issue 16 items 4-6, ADR 0023): meetings, decisions, actions, accountability; the
  // services narrow each to the body's members, chair and secretariat (an unknown id is not found).
  'GET /governance/bodies/:bodyId/meetings': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/bodies/:bodyId/meetings/new': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/bodies/:bodyId/meetings/new': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/bodies/:bodyId/actions': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/items/new': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/items/new': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/items/:itemId': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/items/:itemId/minutes': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/items/:itemId/move': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/items/:itemId/remove': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/items/:itemId/remove': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/items/:itemId/papers': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/items/:itemId/decisions/new': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/items/:itemId/decisions/new': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/papers/:paperId': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/attendance': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/attendance': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/meetings/:meetingId/actions/new': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/meetings/:meetingId/actions/new': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/actions/:actionId/status': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/accountability': { roles: GOVERNANCE_BUSINESS },
  'GET /governance/accountability/:organisationId': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/accountability/commitments': { roles: GOVERNANCE_BUSINESS },
  'POST /governance/commitments/:commitmentId/notes': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/bodies/:bodyId/meetings': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/bodies/:bodyId/meetings': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/meetings/:meetingId': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/meetings/:meetingId/items': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/meetings/:meetingId/items/:itemId/papers': { roles: GOVERNANCE_BUSINESS },
  'PUT /api/governance/meetings/:meetingId/items/:itemId/minutes': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/meetings/:meetingId/items/:itemId/move': { roles: GOVERNANCE_BUSINESS },
  'DELETE /api/governance/meetings/:meetingId/items/:itemId': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/meetings/:meetingId/attendance': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/meetings/:meetingId/items/:itemId/decisions': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/meetings/:meetingId/actions': { roles: GOVERNANCE_BUSINESS },
  'PUT /api/governance/actions/:actionId/status': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/members/:memberId/interests': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/accountability': { roles: GOVERNANCE_BUSINESS },
  'GET /api/governance/accountability/:organisationId': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/commitments': { roles: GOVERNANCE_BUSINESS },
  'POST /api/governance/commitments/:commitmentId/notes': { roles: GOVERNANCE_BUSINESS },
  // A person's own declarations of interest (000 §2.43).
  'GET /governance/interests': { roles: GOVERNANCE_INTERESTS },
  'POST /governance/interests': { roles: GOVERNANCE_INTERESTS },
  'POST /governance/interests/:interestId/end': { roles: GOVERNANCE_INTERESTS },
  'GET /api/governance/interests': { roles: GOVERNANCE_INTERESTS },
  'POST /api/governance/interests': { roles: GOVERNANCE_INTERESTS },
  'POST /api/governance/interests/:interestId/end': { roles: GOVERNANCE_INTERESTS },
};

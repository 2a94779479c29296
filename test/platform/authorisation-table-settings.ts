import { ROLES } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

/**
 * The authorisation matrix's rows for the area's local settings (issue 13 item 4; issue 16's section 11
 * defaults): the area's administrator, and the child index training switch for a system administrator too.
 */
export const LOCAL_SETTINGS_ROWS: Record<string, Expectation> = {
  'GET /settings': { roles: ['area_admin'] },
  'GET /settings/levels-of-need': { roles: ['area_admin'] },
  'POST /settings/levels-of-need': { roles: ['area_admin'] },
  'GET /settings/lead-professional-criteria': { roles: ['area_admin'] },
  'POST /settings/lead-professional-criteria': { roles: ['area_admin'] },
  'GET /settings/referral-acknowledgement': { roles: ['area_admin'] },
  'POST /settings/referral-acknowledgement': { roles: ['area_admin'] },
  'GET /settings/review-interval': { roles: ['area_admin'] },
  'POST /settings/review-interval': { roles: ['area_admin'] },
  'GET /settings/sibling-assessments': { roles: ['area_admin'] },
  'POST /settings/sibling-assessments': { roles: ['area_admin'] },
  'GET /settings/extended-scopes': { roles: ['area_admin'] },
  'POST /settings/extended-scopes': { roles: ['area_admin'] },
  'GET /api/levels-of-need': { roles: ROLES.values },
  'GET /api/settings/levels-of-need': { roles: ['area_admin'] },
  'POST /api/settings/levels-of-need': { roles: ['area_admin'] },
  'GET /api/settings': { roles: ['area_admin'] },
  'PUT /api/settings': { roles: ['area_admin'] },
  'DELETE /api/settings/changes/:changeId': { roles: ['area_admin'] },
  // The child index's training switch (004 Box 6.1) and cancelling a change before its day: the area's administrators.
  'GET /settings/child-index-training': { roles: ['area_admin', 'system_admin'] },
  'POST /settings/child-index-training': { roles: ['area_admin', 'system_admin'] },
  'POST /settings/changes/:changeId/cancel': { roles: ['area_admin', 'system_admin'] },
  // Section 11 rounds' defaults (issue 16): the months a round covers and the weeks agencies have to complete it.
  'GET /settings/section-11-period': { roles: ['area_admin'] },
  'POST /settings/section-11-period': { roles: ['area_admin'] },
  'GET /settings/section-11-weeks': { roles: ['area_admin'] },
  'POST /settings/section-11-weeks': { roles: ['area_admin'] },
  // The header's name and logo (issue 14).
  'GET /settings/header': { roles: ['area_admin'] },
  'POST /settings/header': { roles: ['area_admin'] },
  'POST /settings/header/remove-logo': { roles: ['area_admin'] },
};

/** Where an allowed answer differs from the usual one on these pages, and why. */
export const LOCAL_SETTINGS_EXCEPTIONS: Record<string, { status: number; reason: string }> = {
  'POST /settings/extended-scopes': { status: 303, reason: 'no box ticked is a valid answer: the area holds children under 18 only' },
  'PUT /api/settings': { status: 204, reason: 'each setting is optional: a body naming none changes nothing' },
  'POST /settings/header': { status: 303, reason: 'an empty name means the default name, and no file leaves the logo as it is' },
  'POST /settings/header/remove-logo': { status: 303, reason: 'the button has no fields: removing a logo the area does not have changes nothing' },
};

import { ROLES, type Role } from '../../src/platform/policy.js';
import type { Expectation } from './authorisation-table.js';

const ALL = ROLES.values;
const KEEPERS: readonly Role[] = ['area_admin', 'practitioner', 'practice_manager'];

/** The matrix's rows for the area's list of services and the directory of services (issues 14 and 17). */
export const DIRECTORY_ROWS: Record<string, Expectation> = {
  // The area's list of services (issue 14, bug 7): kept by its administrator, read by anyone of the area.
  'GET /settings/services': { roles: ['area_admin'] },
  'GET /settings/services/new': { roles: ['area_admin'] },
  'POST /settings/services/new': { roles: ['area_admin'] },
  'GET /settings/services/:serviceId': { roles: ['area_admin'] },
  'POST /settings/services/:serviceId': { roles: ['area_admin'] },
  'POST /settings/services/:serviceId/close': { roles: ['area_admin'] },
  'POST /settings/services/:serviceId/reopen': { roles: ['area_admin'] },
  'GET /api/services': { roles: ALL },
  'POST /api/services': { roles: ['area_admin'] },
  'PUT /api/services/:serviceId': { roles: ['area_admin'] },
  'POST /api/services/:serviceId/close': { roles: ['area_admin'] },
  'POST /api/services/:serviceId/reopen': { roles: ['area_admin'] },
  // Provider staff keep their own organisation's entries (issue 17 item 1): the route lets the front line ask;
  // directory/subject-rules.ts narrows them to their organisation's services (refusals: test/directory/provider-entries.test.ts).
  'POST /api/services/:serviceId/reviewed': { roles: KEEPERS },
  'GET /api/services/ours': { roles: KEEPERS },
  'PUT /api/services/:serviceId/entry': { roles: KEEPERS },
  'GET /services/ours': { roles: KEEPERS },
  'GET /services/ours/:serviceId': { roles: KEEPERS },
  'POST /services/ours/:serviceId': { roles: KEEPERS },
  'POST /services/ours/:serviceId/reviewed': { roles: KEEPERS },
  // The area's postcodes from the ONS Postcode Directory, for the directory's search by distance.
  'GET /settings/postcodes': { roles: ['area_admin'] },
  'POST /settings/postcodes': { roles: ['area_admin'] },
  // The directory of services (issue 17): public without signing in; practitioners signpost from it.
  'GET /services-directory/:areaCode': 'public',
  'GET /api/services-directory/:areaCode': 'public',
  'GET /signposting': { roles: ALL },
};

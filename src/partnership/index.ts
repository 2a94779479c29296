/**
 * Partnership's public face: the area and its partner organisations, as other features may use them.
 * Partnership owns area, district, organisation, organisation_district and statutory_duty; no other
 * feature's SQL writes them.
 */
export { findArea, listDistricts, findOrganisation, findOrganisationIdByName, organisationIsInArea, type Area, type District, type Organisation } from './repository.js';
export { partnershipService, type Caller, type PartnershipService, type AreaOverview } from './service.js';
export { NO_DUTY, type PartnerInput } from './input.js';
export { partnershipProblems } from './errors.js';
export { addAreaIfMissing, addDistrictIfMissing } from './writes.js';
export { partnershipRoutes } from './routes.js';
export { registerPartnershipCommands } from './commands.js';
export { COVERAGE_KINDS, DUTY_KINDS, SECTORS } from './types.js';

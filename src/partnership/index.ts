/**
 * Partnership's public face: the area and its partner organisations, as other features may use them.
 * Partnership owns area, district and organisation; no other feature's SQL writes them.
 */
export { findArea, findOrganisationIdByName, organisationIsInArea, type Area, type District, type Organisation } from './repository.js';
export { partnershipService, type PartnershipService } from './service.js';
export { addAreaIfMissing, addDistrictIfMissing, addOrganisationIfMissing } from './writes.js';
export { partnershipRoutes } from './routes.js';

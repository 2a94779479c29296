/**
 * Branding's public face (issue 14 item 10): the area's name and logo shown in the page header and
 * footer instead of the GOV.UK crown and the Royal Arms, which only services on GOV.UK may use. An area
 * administrator changes them under Local settings. Owns `area_branding`.
 */
export { brandingRoutes } from './routes.js';
export { brandingService, defaultHeaderName, type Brand, type BrandingService } from './service.js';

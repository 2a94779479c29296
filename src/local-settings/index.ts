/**
 * Local settings' public face: the pages and API on which an area administrator edits the settings
 * other features declare (levels of need, lead professional criteria, acknowledgement days, age
 * scopes). It owns no table: it writes through `services.settings` and assessment's levels service.
 */
export { localSettingsRoutes } from './routes.js';

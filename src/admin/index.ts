/** User administration's public face: its pages, mounted by app.ts. */
export { adminRoutes } from './routes.js';
export { localSettingsRoutes } from './settings/routes.js';

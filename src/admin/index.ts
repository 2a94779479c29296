/** User administration's public face: its pages, mounted by app.ts. */
export { adminRoutes } from './routes.js';

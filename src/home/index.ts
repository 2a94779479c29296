/** The home page's public face, mounted by app.ts. */
export { homeRoutes } from './routes.js';

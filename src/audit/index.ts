/** The audit trail viewer's public face: its service (wired in services.ts) and its pages (mounted by app.ts). */
export { auditRoutes } from './routes.js';
export { auditTrailService, type AuditTrailService } from './service.js';

/**
 * Notifications' public face (issue 13 item 7): `notify` for other features to call inside their
 * event's transaction, the service, pages and JSON API (wired by services.ts and app.ts), the periodic job and
 * the mail sender (`ctp serve`, `ctp mail send`).
 */
export { notify, type NotifyInput, type Recipients } from './notify.js';
export { CHANNELS, EVENT_TYPES, isEventType, type EventType } from './events.js';
export { MAIL_STATUSES } from './outbox-repository.js';
export { notificationService, type NotificationService } from './service.js';
export { notificationRoutes } from './routes.js';
export { notificationApiRoutes } from './api.js';
export { notifyDue, startNotificationJobs, type DueNotices, type NotificationJobs } from './due.js';
export { mailSender, smtpTransport, retryDelaySeconds, MAX_ATTEMPTS, type MailSender, type MailTransport } from './mailer.js';

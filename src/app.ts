import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { adminRoutes } from './admin/index.js';
import { assessmentChildPanel, assessmentRoutes } from './assessment/index.js';
import { auditRoutes } from './audit/index.js';
import { brandingRoutes } from './branding/index.js';
import { childRoutes } from './children/index.js';
import { commissioningPaths, commissioningRoutes } from './commissioning/index.js';
import { directoryRoutes } from './directory/index.js';
import { governancePaths, governanceRoutes } from './governance/index.js';
import { homeRoutes } from './home/index.js';
import { localSettingsRoutes } from './local-settings/index.js';
import { notificationApiRoutes, notificationRoutes } from './notifications/index.js';
import { outcomeRoutes } from './outcomes/index.js';
import { partnershipRoutes } from './partnership/index.js';
import { planPaths, planRoutes } from './plan/index.js';
import { authRoutes } from './platform/auth/routes.js';
import type { Config } from './platform/config.js';
import { apiDocsRoutes } from './platform/http/api-docs.js';
import { healthRoutes } from './platform/http/health.js';
import { genReqId, registerHttpPlatform, type NavItem } from './platform/http/plugin.js';
import { paths } from './platform/paths.js';
import type { Services } from './services.js';

/** The navigation, in order; each entry shows only to roles the policy allows its action. */
function navigation(services: Services): NavItem[] {
  return [
    { text: 'Home', action: 'account.use', href: () => paths.home },
    { text: 'Partnership', action: 'area.view', href: (user) => paths.area(user.areaCode) },
    { text: 'Outcomes', action: 'outcomes.view', href: () => paths.outcomes },
    { text: 'Governance', action: 'governance.view', href: () => governancePaths.home },
    { text: 'Commissioning', action: 'commissioning.view', href: () => commissioningPaths.home },
    { text: 'Plan', action: 'plan.view', href: () => planPaths.home },
    { text: 'Children', action: 'children.search', href: () => paths.children },
    { text: 'Duplicates', action: 'children.duplicates', href: () => paths.possibleDuplicates },
    { text: 'Access reviews', action: 'children.access_reviews', href: () => paths.accessReviews },
    { text: 'My children', action: 'assessments.work', href: () => paths.myChildren },
    { text: 'Caseload', action: 'assessments.caseload', href: () => paths.caseload },
    { text: 'Assessments', action: 'assessments.report', href: () => paths.assessmentReport },
    { text: 'Users', action: 'users.list', href: () => paths.adminUsers },
    { text: 'Local settings', action: 'settings.manage', href: () => paths.localSettings },
    { text: 'Training due', action: 'users.training', href: () => paths.trainingDue },
    { text: 'Audit trail', action: 'audit.read', href: () => paths.audit },
    { text: 'Record access', action: 'children.access_report', href: () => paths.childrenAccess },
    { text: 'Mail outbox', action: 'mail.outbox', href: () => paths.mailOutbox },
    {
      text: 'Notifications',
      action: 'notifications.use',
      href: () => paths.notifications,
      count: (user) => services.notifications.unreadCount(user.id),
    },
    { text: 'Your account', action: 'account.use', href: () => paths.account },
  ];
}

export interface BuildAppOptions {
  config: Config;
  services: Services;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole application without listening, so tests and benchmarks build the same thing. */
export async function buildApp({ config, services, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    genReqId,
    requestIdHeader: false,
    bodyLimit: 512 * 1024,
    // Only named proxies may set the client address (X-Forwarded-For): anyone else could forge it.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: "Children's Trust Platform API",
        version: '0.1.0',
        description:
          "JSON API of the Children's Trust Platform. Authenticate by signing in (session cookie). Errors are application/problem+json (RFC 9457) with a stable code and, for invalid input, the field and rule that failed.",
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ctp_session' } } },
      security: [{ session: [] }],
    },
  });
  await registerHttpPlatform(app, {
    config,
    db: services.db,
    auth: services.auth,
    navigation: navigation(services),
    brand: (areaCode) => services.branding.brandFor(areaCode),
  });
  await app.register(healthRoutes, { db: services.db });
  await app.register(apiDocsRoutes);
  await app.register(authRoutes, { auth: services.auth, config });
  // Each feature's waiting work, through its face (issue 14): the home page composes them.
  await app.register(homeRoutes, {
    waiting: [
      services.assessment.waitingFor,
      services.children.waitingFor,
      services.admin.waitingFor,
      services.outcomes.waitingFor,
      services.governance.business.waitingFor,
      services.governance.section11.waitingFor,
      services.commissioning.returnsWaitingFor,
    ],
  });
  await app.register(partnershipRoutes, { partnership: services.partnership });
  await app.register(adminRoutes, {
    auth: services.auth,
    users: services.users,
    training: services.training,
    partnership: services.partnership,
  });
  await app.register(localSettingsRoutes, { settings: services.settings, levels: services.assessment.levels });
  await app.register(brandingRoutes, { branding: services.branding });
  await app.register(directoryRoutes, {
    directory: services.directory,
    entries: services.directoryEntries,
    postcodes: services.postcodes,
    partnership: services.partnership,
    publicDirectory: services.publicDirectory,
  });
  await app.register(auditRoutes, { auditTrail: services.auditTrail });
  await app.register(childRoutes, {
    children: services.children,
    partnership: services.partnership,
    directory: services.directory,
    panels: [assessmentChildPanel(services.db)],
  });
  await app.register(assessmentRoutes, {
    assessment: services.assessment,
    children: services.children,
    partnership: services.partnership,
    directory: services.directory,
  });
  await app.register(outcomeRoutes, { outcomes: services.outcomes });
  await app.register(notificationRoutes, { notifications: services.notifications });
  await app.register(notificationApiRoutes, { notifications: services.notifications });
  await app.register(governanceRoutes, { governance: services.governance, partnership: services.partnership });
  await app.register(commissioningRoutes, { commissioning: services.commissioning, partnership: services.partnership });
  await app.register(planRoutes, { plan: services.plan, partnership: services.partnership });
  await app.ready();
  return app;
}

import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { databaseIsEmpty, DEMO_PASSWORD, DEMO_USERS, loadDemo } from './demo/index.js';
import { systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import { overdueActionNotices } from './governance/index.js';
import { mailSender, smtpTransport, startNotificationJobs } from './notifications/index.js';
import { loggerOptions } from './platform/logging.js';
import { sealAuditEntries, startAuditSealer } from './platform/audit-seal.js';
import { openMigratedDb, refreshStatistics } from './platform/migrate.js';
import { requiresSecondFactor } from './platform/policy.js';
import { buildServices } from './services.js';

export { APP_ROLE, openMigratedDb, refreshStatistics } from './platform/migrate.js';

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { demo: boolean; quiet?: boolean; progress?: (message: string) => void } = { demo: config.demoOnEmpty },
): Promise<Running> {
  let demoLoaded = false;
  const clock = systemClock;
  const progress = options.progress;
  const db = await openMigratedDb(
    config,
    async (owner) => {
      if (options.demo && (await databaseIsEmpty(owner))) {
        await loadDemo(owner, config, { clock, progress });
        await refreshStatistics(owner);
        demoLoaded = true;
      }
    },
    progress,
  );
  const app = await buildApp({
    config,
    services: buildServices(db, config, clock),
    logger: options.quiet ? false : loggerOptions(config.logLevel),
  });
  app.server.requestTimeout = 30_000;
  app.server.headersTimeout = 20_000;
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('://127.0.0.1', '://localhost');
  // Periodic notices and the mail outbox, in the background; without SMTP_URL mail waits in the outbox.
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
  const jobs = startNotificationJobs({
    db,
    clock,
    sender: mailSender({ db, transport, from: config.mailFrom, publicUrl: config.publicUrl, clock }),
    onError: (error) => app.log.error({ err: error }, 'notification jobs: a round failed'),
    sources: [overdueActionNotices],
  });
  // Audit entries are written with no lock and chained here, shortly after they commit (ADR 0042).
  const sealer = startAuditSealer({ db, onError: (error) => app.log.error({ err: error }, 'audit sealer: a round failed') });
  const running: Running = {
    app,
    db,
    url,
    // Stops taking requests, lets those in flight finish, then closes the database (embedded: its lock too).
    async close() {
      await jobs.stop();
      transport?.close();
      await app.close();
      // After the last request: its entries are chained before the database closes.
      await sealer.stop();
      await sealAuditEntries(db).catch((error: unknown) => app.log.error({ err: error }, 'audit sealer: the last round failed'));
      await db.close();
    },
  };
  if (!options.quiet) printBanner(config, url, demoLoaded || options.demo);
  return running;
}

function printBanner(config: Config, url: string, demo: boolean): void {
  const lines = [
    '',
    `  Children's Trust Platform is running at ${url}`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
  ];
  if (demo && !config.production) {
    lines.push(
      '',
      `  Demo area: Kestrelshire. Every demo user's password is ${DEMO_PASSWORD}`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(40)} ${u.role}${requiresSecondFactor(u.role) ? '' : ' (no code needed)'}`),
      '  Roles that see children need a security code: get the current one with',
      '    npx ctp demo totp health.visitor@kestrelshire.example',
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

import { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { ImportProgress, ImportReport } from './children/commands.js';
import { registerFormCommands } from './assessment/commands.js';
import { DEMO_AREA, demoUserCode, loadDemo } from './demo/index.js';
import { registerDirectoryCommands, registerPostcodeImport } from './directory/commands.js';
import { registerPartnershipCommands } from './partnership/commands.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { openDb, type Db } from './platform/db.js';
import { registerAuditCommands } from './platform/audit-commands.js';
import type { UserLifecycleService } from './platform/auth/lifecycle.js';
import type { User } from './platform/auth/repository.js';
import { AppError } from './platform/errors.js';
import { boundHeap } from './platform/heap.js';
import { redactDbMessage } from './platform/logging.js';
import type { Running } from './server.js';
import { sealAuditEntries } from './platform/audit-seal.js';
import { isAuditKeyMigration, migrate, openMigratedDb, prepareAuditTrail, refreshStatistics } from './platform/migrate.js';

/**
 * Operator commands. Each is a thin call into a service; errors end in one clear line. A command
 * loads what it uses when it runs (`await import`), so `ctp import children` does not carry the web
 * app, and no command on a PostgreSQL server carries the embedded engine.
 */

const OPERATOR = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };

async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>, options: { owner?: boolean; bulkLoad?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  if (options.bulkLoad) {
    // A bulk load runs as the schema owner, then refreshes the planner's statistics so searches
    // use their indexes at once (PGlite has no autovacuum; a server's would take a while). Its heap is
    // kept near what it holds (platform/heap.ts).
    const results: T[] = [];
    const unbound = boundHeap();
    try {
      const db = await openMigratedDb(config, async (owner) => {
        results.push(await fn(owner, config));
        await refreshStatistics(owner);
      });
      await sealAuditEntries(db).finally(() => db.close());
    } finally {
      unbound();
    }
    return results[0] as T;
  }
  const db = options.owner ? await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }) : await openMigratedDb(config);
  try {
    return await fn(db, config);
  } finally {
    // What the command recorded is chained before it ends (ADR 0042); the server's sealer would, but may not be running.
    if (!options.owner) await sealAuditEntries(db).catch(() => undefined);
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Progress on a stream (standard error): a bar by bytes read on a terminal, otherwise a plain
 * line every 100,000 rows (logs stay readable). Call stop() before printing anything else.
 */
function progressDisplay(stream: NodeJS.WriteStream): { update: (p: ImportProgress) => void; stop: () => void } {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'Importing [{bar}] {percentage}% | {lines} rows | {duration_formatted} (about {eta_formatted} to go)',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.totalBytes, 0, { lines: 0 });
        started = true;
        bar.update(p.bytesRead, { lines: p.lines.toLocaleString('en-GB') });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let reported = 0;
  return {
    update: (p) => {
      if (p.lines - reported < 100_000) return;
      reported = p.lines - (p.lines % 100_000);
      stream.write(`ctp: ${p.lines.toLocaleString('en-GB')} rows read (${Math.round((100 * p.bytesRead) / p.totalBytes)}% of the file)\n`);
    },
    stop: () => undefined,
  };
}

/** The report an operator reads at the end. */
function formatImportReport(r: ImportReport): string {
  const n = (v: number) => v.toLocaleString('en-GB').padStart(12);
  return [
    `Imported ${r.file} in ${r.elapsedSeconds.toFixed(1)} s (${Math.round(r.rowsPerSecond).toLocaleString('en-GB')} rows a second).`,
    `  created          ${n(r.created)}`,
    `  updated          ${n(r.updated)}`,
    `  matched          ${n(r.matched)}  (linked to a child already in the index by NHS number or UPN)`,
    `  queued for review${n(r.queued)}  (likely duplicates)`,
    `  rejected         ${n(r.rejected)}  (listed in ${r.errorsFile})`,
    `  lines            ${n(r.lines)}${r.resumedAfter ? `  (the first ${r.resumedAfter.toLocaleString('en-GB')} done by an earlier run)` : ''}`,
  ].join('\n');
}

/**
 * SIGTERM (a service manager, `npm start` stopped) or SIGINT (Ctrl-C): stop taking requests, finish
 * those in flight, close the database, exit 0. A second signal, or a close that hangs, exits at once.
 * The handlers are in place before the server starts, so a signal that comes while it is still
 * starting (or just as it says it is running) waits for the start and then stops it cleanly, rather
 * than killing the process with the database half-open.
 */
function stopOnSignals(): { started(running: Running): void } {
  let running: Running | undefined;
  let stopping = false;
  const stop = (server: Running) => {
    server.app.log.info('shutting down');
    setTimeout(() => {
      process.stderr.write('ctp: shutdown took longer than 10 s; exiting\n');
      process.exit(1);
    }, 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`ctp: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const onSignal = () => {
    if (stopping) process.exit(1);
    stopping = true;
    if (running) stop(running);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    started(server) {
      running = server;
      if (stopping) stop(server);
    },
  };
}

export function buildCli(): Command {
  const program = new Command('ctp').description("Children's Trust Platform: operator commands").showHelpAfterError();

  program
    .command('serve')
    .description('Run the web service (migrates first; loads the demo area into an empty database unless DEMO=false)')
    .option('--no-demo', 'do not load the demo area, even into an empty database')
    .action(async (opts: { demo: boolean }) => {
      const config = loadConfig();
      const started = Date.now();
      // A first start migrates and loads the demo for a while: say what is happening (issue 14).
      const progress = (message: string) => process.stdout.write(`ctp: ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      const signals = stopOnSignals();
      progress('starting');
      const { startServer } = await import('./server.js');
      signals.started(await startServer(config, { demo: opts.demo && config.demoOnEmpty, progress }));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrate(db);
        await prepareAuditTrail(db, config.auditKey, result.applied.some(isAuditKeyMigration));
        console.log(
          result.applied.length
            ? `Applied ${result.applied.join(', ')}`
            : `Up to date (${result.alreadyApplied} migrations applied before)`,
        );
      } finally {
        await db.close();
      }
    });

  const users = program.command('users').description('Manage user accounts');
  users
    .command('create')
    .description('Create a user. The password is read from standard input (one line).')
    .requiredOption('--email <email>', 'email address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', 'system_admin, area_admin, board_member, planner, practitioner, practice_manager or auditor')
    .requiredOption('--area <code>', 'ONS code of the area, e.g. E06000046')
    .requiredOption('--organisation <name>', 'name of the organisation in that area')
    .option('--job-title <title>', 'job title', '')
    .action(async (opts: { email: string; name: string; role: string; area: string; organisation: string; jobTitle: string }) => {
      const password = await readStdin();
      const { authService } = await import('./platform/auth/service.js');
      await withDb(async (db, config) => {
        const { findOrganisationIdByName } = await import('./partnership/index.js');
        const organisationId = await findOrganisationIdByName(db, opts.area, opts.organisation);
        const id = await authService({ db, config }).createUser(
          null,
          {
            email: opts.email,
            displayName: opts.name,
            role: opts.role,
            areaCode: opts.area,
            organisationId: organisationId ?? '',
            jobTitle: opts.jobTitle,
            password,
          },
          OPERATOR,
        );
        console.log(`Created user ${opts.email} (${id}). They set up two-factor sign-in at first sign-in.`);
      });
    });

  // A user's working life (issue 13 item 3): each change with the operator's reason, audited.
  const lifecycle = async <T>(run: (service: UserLifecycleService, user: User) => Promise<T>, email: string): Promise<T> => {
    const { userLifecycleService } = await import('./platform/auth/lifecycle.js');
    const { systemClock } = await import('./platform/clock.js');
    return withDb(async (db) => {
      const service = userLifecycleService({ db, clock: systemClock });
      return run(service, await service.findByEmail(email));
    });
  };
  users
    .command('suspend')
    .description('Suspend a user: they cannot sign in, and every session of theirs ends at once')
    .requiredOption('--email <email>', 'email address of the account')
    .requiredOption('--reason <reason>', 'why (recorded in the audit trail)')
    .action(async (opts: { email: string; reason: string }) => {
      const { sessionsEnded } = await lifecycle((s, u) => s.suspend(null, u.id, opts.reason, OPERATOR), opts.email);
      console.log(`Suspended ${opts.email.trim().toLowerCase()}: ${sessionsEnded} session(s) ended.`);
    });
  users
    .command('reenable')
    .description('Let a suspended user sign in again (a closed account stays closed)')
    .requiredOption('--email <email>', 'email address of the account')
    .requiredOption('--reason <reason>', 'why (recorded in the audit trail)')
    .action(async (opts: { email: string; reason: string }) => {
      await lifecycle((s, u) => s.reenable(null, u.id, opts.reason, OPERATOR), opts.email);
      console.log(`Re-enabled ${opts.email.trim().toLowerCase()}: they can sign in again.`);
    });
  users
    .command('close')
    .description('Close a user’s account for good (they have left): it cannot sign in again, and its sessions end at once')
    .requiredOption('--email <email>', 'email address of the account')
    .requiredOption('--reason <reason>', 'why (recorded in the audit trail)')
    .action(async (opts: { email: string; reason: string }) => {
      const { sessionsEnded } = await lifecycle((s, u) => s.close(null, u.id, opts.reason, OPERATOR), opts.email);
      console.log(`Closed ${opts.email.trim().toLowerCase()}: ${sessionsEnded} session(s) ended.`);
    });

  registerPartnershipCommands(program, withDb, OPERATOR);
  registerFormCommands(program, withDb, OPERATOR);
  registerDirectoryCommands(program, withDb, OPERATOR);
  registerAuditCommands(program);

  const mail = program.command('mail').description('Notification email');
  mail
    .command('send')
    .description(
      'Give the periodic notices (overdue referrals, actions due, partnership actions overdue), then try once to send what is due in the mail outbox (SMTP_URL)',
    )
    .action(async () => {
      const { mailSender, notifyDue, smtpTransport } = await import('./notifications/index.js');
      const { overdueActionNotices } = await import('./governance/index.js');
      const { systemClock } = await import('./platform/clock.js');
      await withDb(async (db, config) => {
        if (!config.smtpUrl) throw new ConfigError('SMTP_URL is not set: mail stays in the outbox (see /admin/mail-outbox)');
        const transport = smtpTransport(config.smtpUrl);
        try {
          const told = await notifyDue(db, systemClock.now(), [overdueActionNotices]);
          const sender = mailSender({ db, transport, from: config.mailFrom, publicUrl: config.publicUrl, clock: systemClock });
          const { sent, failed } = await sender.sendDue();
          console.log(`Notices given: ${told}. Mail sent: ${sent}; failed and kept for a later try: ${failed}.`);
        } finally {
          transport.close();
        }
      });
    });

  const imports = program.command('import').description('Bulk imports');
  imports
    .command('children')
    .argument('<file>', 'a CSV file in the format of docs/child-import-format.md')
    .requiredOption('--area <code>', 'ONS code of the area the children belong to, e.g. E06000046')
    .option('--errors <file>', 'where to list rejected rows (default: FILE.errors.csv beside the file)')
    .description('Import children into the child index. Running it again on a file whose import stopped resumes where it stopped.')
    .action(async (file: string, opts: { area: string; errors?: string }) => {
      const { importChildren } = await import('./children/commands.js');
      await withDb(
        async (db) => {
          const progress = progressDisplay(process.stderr);
          try {
            const report = await importChildren(db, { file, areaCode: opts.area, errorsFile: opts.errors, onProgress: progress.update });
            progress.stop();
            console.log(formatImportReport(report));
          } finally {
            progress.stop();
          }
        },
        { bulkLoad: true },
      );
    });

  imports
    .command('indicators')
    .argument(
      '<file>',
      "a file of indicator values (.csv, .csv.gz or .xlsx): our long or wide layout, or a publisher's file as downloaded " +
        '(LAIT, Explore Education Statistics, Fingertips), a data dictionary or statistical neighbours, told from its header ' +
        '(docs/indicator-import-formats.md)',
    )
    .option('--good-rows', 'import the rows without faults and list the others, instead of refusing the whole file')
    .option('--area <code>', 'ONS code of the area whose own (local) indicators the file may name')
    .option('--errors <file>', 'where to list faults (default: FILE.errors.csv beside the file)')
    .description('Import indicator values. A file with faults is refused with every fault listed and nothing imported.')
    .action(async (file: string, opts: { goodRows?: boolean; area?: string; errors?: string }) => {
      const { indicatorProgressBar, runIndicatorImport } = await import('./outcomes/index.js');
      await withDb(
        async (db) => {
          const progress = indicatorProgressBar(process.stderr);
          try {
            process.exitCode = await runIndicatorImport(db, file, { ...opts, onProgress: progress.update, beforeReport: progress.stop });
          } finally {
            progress.stop();
          }
        },
        { bulkLoad: true },
      );
    });

  imports
    .command('catalogue')
    .argument('<file>', 'a data dictionary CSV: the LAIT one (src/outcomes/catalogue/dictionary.ts)')
    .option('--errors <file>', 'where to list faults (default: FILE.errors.csv beside the file)')
    .description('Create or update national indicators from a data dictionary, all or nothing, keeping the publisher’s codes.')
    .action(async (file: string, opts: { errors?: string }) => {
      const { runCatalogueImport } = await import('./outcomes/index.js');
      await withDb(async (db) => {
        process.exitCode = await runCatalogueImport(db, file, opts);
      });
    });

  registerPostcodeImport(imports, withDb, OPERATOR);

  const demo = program.command('demo').description('The demo area (never in production)');
  demo
    .command('load')
    .description(`Load the demo area (${DEMO_AREA.name}); safe to run again`)
    .action(async () => {
      await withDb(
        async (db, config) => {
          const { created } = await loadDemo(db, config);
          console.log(created ? `Demo area loaded (${created} rows created).` : 'Demo area already loaded: nothing to do.');
        },
        { bulkLoad: true },
      );
    });
  demo
    .command('totp')
    .argument('<email>', 'a demo user')
    .description('Print the current two-factor code of a demo user')
    .action(async (email: string) => {
      console.log(await demoUserCode(email));
    });

  program
    .command('backup')
    .argument('<file>', 'file to write (gzip-compressed JSON lines)')
    .description('Back up the whole database, audit trail included, from one consistent snapshot')
    .action(async (file: string) => {
      const { backup } = await import('./platform/backup.js');
      await withDb(async (db) => {
        const counts = await backup(db, file);
        console.log(
          `Backed up ${Object.values(counts).reduce((a, b) => a + b, 0)} rows from ${Object.keys(counts).length} tables to ${file}`,
        );
      });
    });

  program
    .command('restore')
    .argument('<file>', 'a file written by ctp backup')
    .description('Replace the whole database with a backup (in one transaction: on failure nothing changes)')
    .action(async (file: string) => {
      const { restore } = await import('./platform/backup.js');
      await withDb(
        async (db) => {
          const counts = await restore(db, file);
          console.log(
            `Restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows into ${Object.keys(counts).length} tables from ${file}`,
          );
        },
        { owner: true },
      );
    });

  return program;
}

/**
 * A refusal in words: one line, or with several faults (a form definition's, each by its JSON
 * path) a line that counts them and one line for each, so none is lost at the end of a long line.
 */
export function refusalText(error: ConfigError | AppError): string {
  const faults = error instanceof AppError ? error.fieldErrors : [];
  const fault = (e: { field: string; rule: string; message: string }) =>
    e.field !== '' && e.message.startsWith(e.field) ? `${e.message} (${e.rule})` : `${e.field} (${e.rule}) ${e.message}`;
  if (faults.length > 1 && error instanceof AppError)
    return `ctp: ${error.title}: ${faults.length} faults\n${faults.map((e) => `  ${fault(e)}\n`).join('')}`;
  return `ctp: ${error.message}${faults.length ? `: ${faults.map(fault).join('; ')}` : ''}\n`;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError) {
      process.stderr.write(refusalText(error));
    } else {
      // A database error's message may quote the value it refused (personal data): not on a terminal or in a log.
      process.stderr.write(`ctp: ${redactDbMessage(error instanceof Error ? error.message : String(error))}\n`);
      if (process.env.DEBUG) console.error(error);
    }
    process.exitCode = 1;
  }
}

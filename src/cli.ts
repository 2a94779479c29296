import { Command } from 'commander';
import { DEMO_AREA } from './demo/area.js';
import { demoTotpCode, loadDemo } from './demo/load.js';
import { verifyAuditTrail } from './platform/audit.js';
import { authService } from './platform/auth/service.js';
import { backup, restore } from './platform/backup.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { openDb, type Db } from './platform/db.js';
import { AppError } from './platform/errors.js';
import { migrate } from './platform/migrate.js';
import { openMigratedDb, startServer } from './server.js';

/** Operator commands. Each is a thin call into a service; errors end in one clear line. */

const OPERATOR = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };

async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>, options: { owner?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const db = options.owner ? await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }) : await openMigratedDb(config);
  try {
    return await fn(db, config);
  } finally {
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

export function buildCli(): Command {
  const program = new Command('ctp').description("Children's Trust Platform: operator commands").showHelpAfterError();

  program
    .command('serve')
    .description('Run the web service (migrates first; loads the demo area into an empty database unless DEMO=false)')
    .option('--no-demo', 'do not load the demo area, even into an empty database')
    .action(async (opts: { demo: boolean }) => {
      const config = loadConfig();
      const running = await startServer(config, { demo: opts.demo && config.demoOnEmpty });
      const stop = async (signal: string) => {
        running.app.log.info({ signal }, 'shutting down');
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrate(db);
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
      await withDb(async (db, config) => {
        const [org] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 AND name = $2', [
          opts.area,
          opts.organisation,
        ]);
        const id = await authService({ db, config }).createUser(
          null,
          {
            email: opts.email,
            displayName: opts.name,
            role: opts.role,
            areaCode: opts.area,
            organisationId: org?.id ?? '',
            jobTitle: opts.jobTitle,
            password,
          },
          OPERATOR,
        );
        console.log(`Created user ${opts.email} (${id}). They set up two-factor sign-in at first sign-in.`);
      });
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Check every hash chain of the audit trail; exits non-zero at the first broken entry')
    .action(async () => {
      await withDb(async (db) => {
        const result = await verifyAuditTrail(db);
        if (result.ok) {
          console.log(`Audit trail intact: ${result.checked} entries in ${result.chains} chain(s) verified.`);
          return;
        }
        const b = result.firstBroken;
        console.error(
          `Audit trail BROKEN at entry seq ${b?.seq} (id ${b?.id}, chain ${b?.chain}): ${b?.problem}. ${result.checked} entries before it verified.`,
        );
        process.exitCode = 2;
      });
    });

  const demo = program.command('demo').description('The demo area (never in production)');
  demo
    .command('load')
    .description(`Load the demo area (${DEMO_AREA.name}); safe to run again`)
    .action(async () => {
      await withDb(async (db, config) => {
        const { created } = await loadDemo(db, config);
        console.log(created ? `Demo area loaded (${created} rows created).` : 'Demo area already loaded: nothing to do.');
      });
    });
  demo
    .command('totp')
    .argument('<email>', 'a demo user')
    .description('Print the current two-factor code of a demo user')
    .action(async (email: string) => {
      await withDb(async (db, config) => console.log(await demoTotpCode(db, config, email)));
    });

  program
    .command('backup')
    .argument('<file>', 'file to write (gzip-compressed JSON lines)')
    .description('Back up the whole database, audit trail included, from one consistent snapshot')
    .action(async (file: string) => {
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

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError) {
      const fields =
        error instanceof AppError && error.fieldErrors.length
          ? `: ${error.fieldErrors.map((e) => `${e.field} (${e.rule}) ${e.message}`).join('; ')}`
          : '';
      process.stderr.write(`ctp: ${error.message}${fields}\n`);
    } else {
      process.stderr.write(`ctp: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.DEBUG) console.error(error);
    }
    process.exitCode = 1;
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { useAuditKey, verifyAuditTrail } from './audit.js';
import { describeBreak, readCheckpoint, takeCheckpoint } from './audit-checkpoint.js';
import { SYSTEM_CHAIN } from './audit-hash.js';
import { sealAuditEntriesByChain, type ChainSealed } from './audit-seal.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDb, type Db } from './db.js';
import { migrate, openMigratedDb } from './migrate.js';

/**
 * `ctp audit verify` and `ctp audit checkpoint` never write the embedded database they check: they
 * open a private copy of it. So they work on a read-only copy of a data folder (an evidence copy),
 * and while the service holds the live folder (ADR 0004, "Verifying").
 */
async function openCopy(dataDir: string): Promise<{ db: Db; done: () => Promise<void> }> {
  const source = path.join(dataDir, 'pgdata');
  if (!fs.existsSync(source)) throw new ConfigError(`There is no embedded database in ${dataDir} (no pgdata folder)`);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-audit-'));
  const remove = () => fs.rmSync(temp, { recursive: true, force: true });
  try {
    const copy = path.join(temp, 'data');
    fs.cpSync(source, path.join(copy, 'pgdata'), { recursive: true });
    // A read-only evidence copy stays read-only; its private copy must be writable for the engine to open it.
    const writable = (dir: string): void => {
      fs.chmodSync(dir, 0o700);
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) writable(full);
        else fs.chmodSync(full, 0o600);
      }
    };
    writable(copy);
    const db = await openDb({ databaseUrl: undefined, dataDir: copy });
    return {
      db,
      done: async () => {
        await db.close().catch(() => undefined);
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

async function withAuditDb<T>(dataDirOption: string | undefined, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  useAuditKey(config.auditKey);
  const { db, done } = config.databaseUrl
    ? await openDb({ databaseUrl: config.databaseUrl, dataDir: '' }).then((d) => ({ db: d, done: () => d.close() }))
    : await openCopy(dataDirOption ? path.resolve(dataDirOption) : config.dataDir);
  try {
    // A copy made by an older release is brought to this schema (the copy only); never re-keyed here.
    await migrate(db);
    return await fn(db, config);
  } finally {
    await done();
  }
}

/** What `ctp audit seal` prints: the total, then one line per chain. */
export function sealReport(chains: ChainSealed[]): string {
  const total = chains.reduce((n, c) => n + c.sealed, 0);
  if (total === 0) return 'Nothing to seal: every committed audit entry is already sealed into its chain.';
  const line = (c: ChainSealed) =>
    `  ${c.chain === SYSTEM_CHAIN ? 'system (no area)' : `area ${c.areaCode ?? c.chain}`}: ${c.sealed} ${c.sealed === 1 ? 'entry' : 'entries'}`;
  return [`Sealed ${total} audit ${total === 1 ? 'entry' : 'entries'} into ${chains.length} chain(s):`, ...chains.map(line)].join('\n');
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Check every keyed hash chain of the audit trail; exits non-zero at the first broken entry')
    .option('--against <file>', 'a checkpoint from `ctp audit checkpoint`: also fail if entries it recorded are gone')
    .option('--data-dir <dir>', 'check this data folder (a copy, read-only is fine) instead of DATA_DIR')
    .action(async (opts: { against?: string; dataDir?: string }) => {
      await withAuditDb(opts.dataDir, async (_db, config) => {
        const checkpoint = opts.against ? readCheckpoint(opts.against, config.auditKey) : undefined;
        const result = await verifyAuditTrail(_db, { mustReach: checkpoint?.chains });
        if (result.ok) {
          const against = checkpoint ? `, and every entry of the checkpoint of ${checkpoint.createdAt} is present` : '';
          console.log(`Audit trail intact: ${result.checked} entries in ${result.chains} chain(s) verified${against}.`);
          const u = result.unsealed;
          // ADR 0042: said plainly, never counted as intact chain: the sealer chains entries shortly after they commit.
          if (u.count > 0) {
            console.log(
              `${u.count} of them (seq ${u.firstSeq} to ${u.lastSeq}) are not sealed into their chain yet: their content is verified, but the removal of one of them would not show until it is sealed.`,
            );
          }
          return;
        }
        console.error(describeBreak(result));
        process.exitCode = 2;
      });
    });
  // ADR 0042: the server seals every 250 ms and each command as it ends; this is for what a server
  // that stopped (a crash, a kill) left unsealed. It writes the live database, never a copy.
  audit
    .command('seal')
    .description('Seal every committed audit entry not yet chained (after a server stopped without sealing); prints how many per chain')
    .action(async () => {
      const db = await openMigratedDb(loadConfig());
      try {
        console.log(sealReport(await sealAuditEntriesByChain(db)));
      } finally {
        await db.close();
      }
    });
  audit
    .command('checkpoint')
    .description("Record each chain's newest entry, signed with AUDIT_KEY; keep the file away from the database")
    .option('--out <file>', 'write the checkpoint here (default: standard output)')
    .option('--data-dir <dir>', 'use this data folder instead of DATA_DIR')
    .action(async (opts: { out?: string; dataDir?: string }) => {
      await withAuditDb(opts.dataDir, async (db, config) => {
        const checkpoint = await takeCheckpoint(db, config.auditKey);
        const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
        if (!opts.out) {
          process.stdout.write(text);
          return;
        }
        fs.writeFileSync(opts.out, text, { mode: 0o600 });
        const entries = checkpoint.chains.reduce((n, c) => n + c.entries, 0);
        console.log(`Checkpoint of ${checkpoint.chains.length} chain(s), ${entries} sealed entries, written to ${opts.out}.`);
      });
    });
}

import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { startServer } from '../../src/server.js';
import { asAdmin, databaseUrl } from '../helpers/pg-admin.js';

/**
 * The browser tests' demo area, loaded once per run and copied for each test file, which then has a
 * demo of its own to change: loading it takes a minute of a slow machine's time, copying it a second.
 * The first file to need it loads it, under a lock (a folder made with mkdir, atomic between the
 * workers), exactly as a server starting on an empty database does; the others wait until it is ready.
 * Embedded, the copy is the data folder's files; on PostgreSQL (DATABASE_URL), a template database
 * (test/helpers/global-setup.ts names it and drops it after the run).
 */

/** Server settings for a test server on DATA_DIR, on the PostgreSQL database at url, or embedded without one. */
export function serverEnv(dataDir: string, url?: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    ...(url ? { DATABASE_URL: url } : {}),
  };
}

const demoFolder = (): string => path.join(inject('runFolder'), 'demo-data');

/** The name of the template database holding the demo area, once it is loaded (PostgreSQL only). */
export function demoTemplate(): string {
  const name = inject('demoTemplate');
  if (!/^ctp_demo_[0-9a-f]+$/.test(name)) throw new Error('no demo template name: run the tests through vitest.config.ts');
  return name;
}

/** Copies the loaded demo's embedded data folder into dataDir (an empty folder). */
export function copyDemoFolder(dataDir: string): void {
  fs.cpSync(demoFolder(), dataDir, { recursive: true });
}

/** Resolves once the demo area is loaded for this run, loading it when no other test file has begun to. */
export async function demoLoaded(): Promise<void> {
  const folder = inject('runFolder');
  const ready = path.join(folder, 'demo.ready');
  const failed = path.join(folder, 'demo.failed');
  for (;;) {
    if (fs.existsSync(ready)) return;
    if (fs.existsSync(failed)) throw new Error(`loading the demo area failed in another test file: ${fs.readFileSync(failed, 'utf8')}`);
    try {
      fs.mkdirSync(path.join(folder, 'demo.loading'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await loadDemo();
    fs.writeFileSync(ready, '');
  } catch (error) {
    fs.writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

async function loadDemo(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (base) await asAdmin(base, `CREATE DATABASE ${demoTemplate()}`);
  const running = await startServer(loadConfig(serverEnv(demoFolder(), base && databaseUrl(base, demoTemplate()))), {
    demo: true,
    quiet: true,
  });
  // Closed before any copy: a template must have no one connected, and the embedded files must be whole.
  await running.close();
}

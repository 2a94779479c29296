import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * Issue 14: stopping the server with SIGTERM (a service manager, `npm start` stopped) left it
 * running. `ctp serve` now stops taking requests, closes the database and exits 0.
 */

const CTP = path.resolve('bin/ctp.js');
let testDb: TestDb | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await testDb?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const refused = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('ctp serve', () => {
  const serve = async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', DEMO: 'false', LOG_LEVEL: 'silent' };
    if (process.env.DATABASE_URL) {
      testDb ??= await createTestDb();
      env.DATABASE_URL = testDb.url ?? '';
    } else {
      dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-shutdown-'));
      env.DATA_DIR = path.join(dataDir, 'data');
    }
    const child = spawn(process.execPath, [CTP, 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    /** Resolves once the output matches, with the match; rejects if the server exits first. */
    const printed = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const look = () => {
          const match = pattern.exec(output);
          if (match) resolve(match);
          return Boolean(match);
        };
        if (look()) return;
        const onData = () => {
          if (look()) child.stdout.off('data', onData);
        };
        child.stdout.on('data', onData);
        void exited.then(() => reject(new Error(`the server exited before printing ${pattern}:\n${output}`)));
      });
    /** SIGTERM, then the exit; 'hung' if none comes within `hungAfterMs`. */
    const terminate = async (hungAfterMs = 10_000) => {
      const sent = Date.now();
      child.kill('SIGTERM');
      const result = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), hungAfterMs))]);
      if (result === 'hung') child.kill('SIGKILL');
      return { result, took: Date.now() - sent, output: () => output };
    };
    return { printed, terminate };
  };

  it('shuts down gracefully on SIGTERM: exit code 0 within a few seconds, nothing left listening', async () => {
    const server = await serve();
    const port = Number((await server.printed(/running at http:\/\/localhost:(\d+)/))[1]);
    expect(await refused(port)).toBe(false);

    const { result, took, output } = await server.terminate();
    expect(result, output()).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(10_000);
    expect(await refused(port)).toBe(true);
  }, 240_000);

  it('stops cleanly when the signal comes while it is still starting', async () => {
    const server = await serve();
    await server.printed(/ctp: starting/);
    // It finishes starting first (a migration is never cut short): on a fresh database under load, that alone took 20 s.
    const { result, output } = await server.terminate(120_000);
    expect(result, output()).toEqual({ code: 0, signal: null });
  }, 240_000);
});

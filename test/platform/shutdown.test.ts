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
  it('shuts down gracefully on SIGTERM: exit code 0 within a few seconds, nothing left listening', async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', DEMO: 'false', LOG_LEVEL: 'silent' };
    if (process.env.DATABASE_URL) {
      testDb = await createTestDb();
      env.DATABASE_URL = testDb.url ?? '';
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-shutdown-'));
      env.DATA_DIR = path.join(dataDir, 'data');
    }
    const child = spawn(process.execPath, [CTP, 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at http:\/\/localhost:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      void exited.then(() => reject(new Error(`the server exited before it listened:\n${output}`)));
    });
    expect(await refused(port)).toBe(false);

    const sent = Date.now();
    child.kill('SIGTERM');
    const result = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000))]);
    if (result === 'hung') child.kill('SIGKILL');
    expect(result, output).toEqual({ code: 0, signal: null });
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(await refused(port)).toBe(true);
  }, 240_000);
});

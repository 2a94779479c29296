import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/platform/db.js';
import { LOCK_FILE } from '../../src/platform/folder-lock.js';

const run = promisify(execFile);
const CTP = path.resolve('bin/ctp.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-folder-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

async function ctp(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(process.execPath, [CTP, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    timeout: 60_000,
  });
  child.child.stdin?.end(input);
  try {
    return { code: 0, ...(await child) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const mode = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

// Issue 11 §3: two processes on one embedded database folder lost acknowledged writes silently.
describe.skipIf(!!process.env.DATABASE_URL)('the embedded database folder', () => {
  it('belongs to one process: every other ctp command is refused with one line naming the holder', async () => {
    const dataDir = tempDir();
    const holder = await openDb({ databaseUrl: undefined, dataDir });
    try {
      const env = { DATA_DIR: dataDir };
      const create = ['users', 'create', '--email', 'x@test.example', '--name', 'X', '--role', 'practitioner'];
      const attempts = [
        await ctp([...create, '--area', 'E10000099', '--organisation', 'Kestrelshire County Council'], env, 'copper-lantern-orchard-5\n'),
        await ctp(['migrate'], env),
        await ctp(['backup', path.join(path.dirname(dataDir), 'b.gz')], env),
      ];
      for (const result of attempts) {
        expect(result.code).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(
          new RegExp(
            `^ctp: The data folder .*data is in use by process ${process.pid} \\(.+, since \\d{4}-\\d\\d-\\d\\dT.+\\): stop that process first`,
          ),
        );
      }
    } finally {
      await holder.close();
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('is taken over when the process holding it has died', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(dataDir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const stale = { pid: Number(dead), host: os.hostname(), command: 'ctp.js serve', since: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(stale));
    const db = await openDb({ databaseUrl: undefined, dataDir });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await db.close();
  }, 60_000);

  // Issue 11 §8: personal data is readable by its owner only.
  it('is created readable by its owner only', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.chmodSync(dataDir, 0o755); // left open by an earlier release
    const db = await openDb({ databaseUrl: undefined, dataDir });
    try {
      expect(mode(dataDir)).toBe('700');
      expect(mode(path.join(dataDir, 'pgdata'))).toBe('700');
      expect(mode(path.join(dataDir, LOCK_FILE))).toBe('600');
    } finally {
      await db.close();
    }
  }, 60_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerPostcodeImport } from '../../src/directory/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';

/** `ctp import postcodes FILE --area CODE`: an ONSPD file read as a stream through the settings page's service, audited as the operator's. */

const CONTEXT = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'onspd-sample.csv');
let t: TestApp;
let area: string;

async function ctp(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerPostcodeImport(program.command('import'), (fn) => fn(t.testDb.db), CONTEXT);
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void printed.push(line.join(' ')));
  try {
    await program.parseAsync(['import', 'postcodes', ...args], { from: 'user' });
    return printed.join('\n');
  } finally {
    log.mockRestore();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
});
afterAll(async () => {
  process.exitCode = undefined;
  await t.close();
});

describe('ctp import postcodes', () => {
  it('loads the live postcodes of an ONSPD file, saying what it left out, audited as the operator', async () => {
    const said = await ctp([FIXTURE, '--area', area]);
    expect(said).toBe(
      `onspd-sample.csv: 5 rows; 3 live postcodes loaded; 1 terminated left out (0 removed); 1 without a grid reference left out. ${area} holds 3 postcodes.`,
    );
    const [audit] = await t.testDb.db.query<{ actor_label: string }>(
      "SELECT actor_label FROM audit_event WHERE action = 'directory.postcodes_loaded' AND area_code = $1",
      [area],
    );
    expect(audit?.actor_label).toBe('operator (command line)');
  });

  it('refuses a faulty file, listing its faults, with a failing exit code and nothing changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-postcodes-'));
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'pcds,doterm,lat,long\r\n"KS1 1AA","",52.4,-0.9\r\n"nonsense","",52.4,-0.9\r\n');
    const said = await ctp([file, '--area', area]);
    expect(said).toContain('nothing loaded');
    expect(said).toContain('line 3, pcds: “nonsense” is not a full UK postcode');
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    fs.rmSync(dir, { recursive: true });
  });
});

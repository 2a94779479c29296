import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerDirectoryCommands } from '../../src/directory/index.js';
import { AppError } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/** `ctp services` (issue 14, bug 7): an area's list of services through the same service as the pages, audited as the operator's. */

const CONTEXT = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };
let t: TestApp;
let area: string;

async function ctp(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerDirectoryCommands(program, (fn) => fn(t.testDb.db), CONTEXT);
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void printed.push(line.join(' ')));
  try {
    await program.parseAsync(['services', ...args], { from: 'user' });
    return printed.join('\n');
  } finally {
    log.mockRestore();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  await buildOrganisation(t.testDb.db, area, 'Fenshire Primary Care Trust');
});
afterAll(async () => t.close());

describe('ctp services', () => {
  it('adds with a partner, renames, closes and reopens, each audited as the operator', async () => {
    expect(await ctp(['add', '--area', area, '--name', 'Baby clinics', '--partner', 'Fenshire Primary Care Trust', '--sensitive'])).toMatch(
      /^Added Baby clinics/,
    );
    expect(await ctp(['rename', '--area', area, '--name', 'baby CLINICS', '--to', 'Baby and toddler clinics'])).toBe(
      'Renamed Baby clinics to Baby and toddler clinics.',
    );
    expect(await ctp(['close', '--area', area, '--name', 'Baby and toddler clinics'])).toMatch(/^Closed Baby and toddler clinics from \d{4}-/);
    expect(await ctp(['list', '--area', area])).toMatch(/Baby and toddler clinics \| Fenshire Primary Care Trust \| closed \d{4}-\d\d-\d\d \| sensitive/);
    expect(await ctp(['reopen', '--area', area, '--name', 'Baby and toddler clinics'])).toBe('Reopened Baby and toddler clinics.');
    const audit = await t.testDb.db.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_event WHERE action LIKE 'directory.%' AND area_code = $1 ORDER BY seq`,
      [area],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'directory.service_added',
      'directory.service_changed',
      'directory.service_closed',
      'directory.service_reopened',
    ]);
    expect(new Set(audit.map((a) => a.actor_label))).toEqual(new Set(['operator (command line)']));
  });

  it('refuses a name already listed, naming the field, and an unknown area or partner', async () => {
    const taken = await ctp(['add', '--area', area, '--name', 'SCHOOL nursing']).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(AppError);
    expect((taken as AppError).fieldErrors.map((f) => `${f.field}:${f.rule}`)).toEqual(['name:unique']);
    await expect(ctp(['list', '--area', 'E06999999'])).rejects.toThrow(/no area with the code E06999999/);
    await expect(ctp(['add', '--area', area, '--name', 'X', '--partner', 'Nobody'])).rejects.toThrow(/no partner named Nobody/);
  });
});

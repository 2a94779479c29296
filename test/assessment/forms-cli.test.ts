import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerFormCommands } from '../../src/assessment/index.js';
import { refusalText } from '../../src/cli.js';
import { AppError } from '../../src/platform/errors.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { recordChild, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * `ctp forms list | export | import` (issue 13 item 4): an area's local forms through the same
 * service as the pages, run as the command line registers them against this test's database.
 */

const CONTEXT = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };

let t: TestApp;
let area: string;
let practitioner: SignedIn;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ctp-forms-cli-'));
const file = (name: string, content: unknown) => {
  const at = path.join(dir, name);
  writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
  return at;
};

const definition = (overrides: Record<string, unknown> = {}) => ({
  format: 'ctp-assessment-form',
  formatVersion: 1,
  code: 'county-early-help',
  version: '1',
  title: 'County early help assessment',
  domains: [{ code: 'family', title: 'The family', elements: [{ code: 'home', title: 'Home and housing' }] }],
  ...overrides,
});

/** Runs `ctp forms ...`; what it printed, or the error it refused with. */
async function ctp(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerFormCommands(program, (fn) => fn(t.testDb.db), CONTEXT);
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void printed.push(line.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0);
  try {
    await program.parseAsync(['forms', ...args], { from: 'user' });
    return printed.join('\n');
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

const refusal = async (args: string[]): Promise<AppError> => {
  const error = await ctp(args).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
};

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, jobTitle: 'Family support worker' });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('ctp forms import', () => {
  it('refuses a definition with faults, listing every one by its JSON path on its own line, and saves nothing', async () => {
    const bad = file('bad.json', definition({ code: 'Bad Code', title: ' ', domains: [{ code: 'x', title: 'X', elements: [] }] }));
    const error = await refusal(['import', '--area', area, '--file', bad]);
    expect(error.fieldErrors.map((f) => `${f.field}:${f.rule}`)).toEqual(
      expect.arrayContaining(['/code:pattern', '/title:pattern', '/domains/0/elements:minItems']),
    );
    const text = refusalText(error).trimEnd().split('\n');
    expect(text[0]).toBe(`ctp: There is a problem: ${error.fieldErrors.length} faults`);
    expect(text).toContain('  /code is not in the right form (pattern)');
    expect(text).toHaveLength(error.fieldErrors.length + 1);

    expect((await refusal(['import', '--area', area, '--file', file('not.json', '{ nope')])).message).toContain('is not JSON');
    expect((await refusal(['import', '--area', 'E99999999', '--file', file('ok.json', definition())])).message).toBe(
      'There is no area with the code E99999999',
    );
    expect(await t.testDb.db.query('SELECT id FROM assessment_form WHERE area_code = $1', [area])).toEqual([]);
  });

  it('uploads a draft, then publishes a new version, as the operator; the area’s practitioners are offered it', async () => {
    expect(await ctp(['import', '--area', area, '--file', file('v1.json', definition())])).toMatch(
      /^Uploaded as a draft: County early help assessment, county-early-help version 1 \([0-9a-f-]{36}\)\.$/,
    );
    const v2 = file('v2.json', definition({ version: '2', title: 'County early help assessment (2)' }));
    expect(await ctp(['import', '--area', area, '--file', v2, '--publish'])).toMatch(/^Published: County early help assessment \(2\)/);

    const list = (await ctp(['list', '--area', area])).split('\n');
    expect(list[0]).toBe('caf-national | 2006.1 | national | Common Assessment Framework for children and young people');
    expect(list.slice(1).map((l) => l.split(' | ').slice(0, 3).join(' | '))).toEqual([
      'county-early-help | 2 | published',
      'county-early-help | 1 | draft',
    ]);
    // No user of the area did it: the versions name no person, and the audit trail names the operator.
    const rows = await t.testDb.db.query<{ uploaded_by: string | null; published_by: string | null; status: string }>(
      'SELECT uploaded_by, published_by, status FROM assessment_form WHERE area_code = $1 ORDER BY version',
      [area],
    );
    expect(rows).toEqual([
      { uploaded_by: null, published_by: null, status: 'draft' },
      { uploaded_by: null, published_by: null, status: 'published' },
    ]);
    const audit = await t.testDb.db.query<{ action: string; actor_label: string; area_code: string }>(
      `SELECT action, actor_label, area_code FROM audit_event WHERE subject_type = 'assessment_form' ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'assessment_form.uploaded', actor_label: 'operator (command line)', area_code: area },
      { action: 'assessment_form.uploaded', actor_label: 'operator (command line)', area_code: area },
      { action: 'assessment_form.published', actor_label: 'operator (command line)', area_code: area },
    ]);
    const start = await practitioner.get(paths.childAssessmentNew(await recordChild(practitioner, { givenName: 'Ivo' })));
    expect(start.body).toContain('County early help assessment (2)');

    // A published version never changes: importing it again is refused by name.
    const again = await refusal(['import', '--area', area, '--file', v2]);
    expect(again.code).toBe('form_published');
    expect(refusalText(again)).toContain('/version 2 of county-early-help is already published (published)');
  });
});

describe('ctp forms export', () => {
  it('writes the latest published version, or the one named, and the national form as a model', async () => {
    const out = path.join(dir, 'export.json');
    expect(await ctp(['export', '--area', area, '--form', 'county-early-help', '--out', out])).toBe(
      `Wrote county-early-help version 2 to ${out}.`,
    );
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(definition({ version: '2', title: 'County early help assessment (2)' }));
    expect(JSON.parse(await ctp(['export', '--area', area, '--form', 'county-early-help', '--version', '1']))).toEqual(definition());
    const national = JSON.parse(await ctp(['export', '--area', area, '--form', 'caf-national'])) as unknown;
    expect(national).toEqual(JSON.parse(readFileSync('schemas/forms/caf-national-2006.1.json', 'utf8')));

    expect((await refusal(['export', '--area', area, '--form', 'county-early-help', '--version', '9'])).message).toBe(
      `${area} has no version 9 of the local form county-early-help: it holds 2 (published), 1 (draft)`,
    );
    expect((await refusal(['export', '--area', area, '--form', 'nowhere'])).message).toBe(`${area} has no local form with the code nowhere`);
    const exported = await t.testDb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'assessment_form.exported' AND actor_label = 'operator (command line)'`,
    );
    expect(exported[0]?.n).toBe(2);
  });
});


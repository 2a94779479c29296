import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIndicatorImport } from '../../src/outcomes/import-cli.js';
import { runCatalogueImport } from '../../src/outcomes/catalogue/cli.js';
import { findIndicatorByCode } from '../../src/outcomes/repository.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';
import { afterImport, jobReport } from '../helpers/imports.js';

/**
 * Issue 15, tried as a planner would: the LAIT data dictionary and long file, unchanged, through the
 * import page, the API and the command; then a topic mapped to other aims through the page and the API.
 */

const dictionary = fs.readFileSync('test/fixtures/lait/data-dictionary.csv', 'utf8');
const laitLong = fs.readFileSync('test/fixtures/lait/long.csv', 'utf8');

let t: TestApp;
let planner: Agent;
let admin: Agent;
let practitioner: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  planner = await signedIn(t, 'planner', { areaCode: area });
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
}, 60_000);
afterAll(async () => t?.close());

const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });

describe('LAIT files through the page, the API and the command', () => {
  it('takes the data dictionary on the import page, found from its header, and says so', async () => {
    await planner.get(paths.outcomesImport);
    const page = await afterImport(t, planner, await planner.post(paths.outcomesImport, { csv: dictionary }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The file was read as the LAIT data dictionary (the catalogue of measures).');
    expect(page.body).toContain('5 values imported from 5 rows: 5 new, 0 replaced, 0 unchanged.');
    expect(await findIndicatorByCode(t.testDb.db, 'CLA_RATE (per 10k)', null)).toMatchObject({ unit: 'rate per 10,000', decimals: null });
  });

  it('takes the LAIT long file through the API, with the layout in words', async () => {
    const response = await afterImport(t, admin, await admin.postJson('/api/outcomes/imports', { csv: laitLong }));
    expect(response.statusCode).toBe(200);
    expect(jobReport(response)).toMatchObject({
      status: 'imported',
      layout: 'lait-long',
      layoutWords: expect.stringMatching(/^LAIT long file/),
      values: 14,
    });
  });

  it('imports the fixtures unchanged through ctp import catalogue and ctp import indicators', async () => {
    const log: string[] = [];
    const original = console.log;
    console.log = (line: string) => log.push(line);
    try {
      expect(await runCatalogueImport(t.testDb.db, 'test/fixtures/lait/data-dictionary.csv', {})).toBe(0);
      expect(await runIndicatorImport(t.testDb.db, 'test/fixtures/lait/long.csv', {})).toBe(0);
    } finally {
      console.log = original;
    }
    expect(log.join('\n')).toContain('indicators unchanged 5');
    expect(log.join('\n')).toMatch(/read as the LAIT long file .* values unchanged +14/s);
  });

  it('shows a LAIT indicator’s page and analysis: a code with brackets, rolling periods, decimals as published', async () => {
    for (const code of ['U18_CONC [rolling]', 'CLA_RATE (per 10k)', 'FSM_SHARE']) {
      const page = await planner.get(paths.outcomesIndicator(code));
      expect(page.statusCode, code).toBe(200);
      expect(page.body).toContain(code.replace('&', '&amp;'));
      expect((await planner.get(`/api/outcomes/indicators/${encodeURIComponent(code)}`)).statusCode, code).toBe(200);
    }
  });

  it('shows the topics, and lets a planner map a topic to other aims; its indicators follow', async () => {
    const list = await practitioner.get(paths.outcomesTopics);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Key stage 2');
    expect(list.body).not.toContain('Save the aims of this topic');
    const form = await planner.get(`${paths.outcomesTopics}?topic=key%20stage%202`);
    expect(form.body).toContain('The aims of Key stage 2');
    const saved = await planner.request({
      method: 'POST',
      url: paths.outcomesTopics,
      payload: [
        `_csrf=${encodeURIComponent(planner.csrf)}`,
        'topic=Key stage 2',
        'aimCodes=enjoy-and-achieve.2',
        'aimCodes=enjoy-and-achieve.3',
      ].join('&'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(saved.statusCode).toBe(303);
    expect((await findIndicatorByCode(t.testDb.db, 'KS2_RWM_EXP_PCT', null))?.aimCodes.sort()).toEqual([
      'enjoy-and-achieve.2',
      'enjoy-and-achieve.3',
    ]);
    const refused = await planner.request({
      method: 'POST',
      url: paths.outcomesTopics,
      payload: [`_csrf=${encodeURIComponent(planner.csrf)}`, 'topic=Key stage 2', 'aimCodes=no-such.9'].join('&'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('no-such.9 is not an aim of the outcomes framework');
  });

  it('maps a topic through the API, and refuses a practitioner', async () => {
    const response = await put(admin, '/api/outcomes/topics', { topic: 'Finance', aimCodes: ['stay-safe.5'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toContainEqual({ topic: 'Finance', aimCodes: ['stay-safe.5'], indicators: 1 });
    expect((await findIndicatorByCode(t.testDb.db, 'CLA_COST_WEEK', null))?.aimCodes).toEqual(['stay-safe.5']);
    expect((await put(practitioner, '/api/outcomes/topics', { topic: 'Finance', aimCodes: [] })).statusCode).toBe(403);
  });
});

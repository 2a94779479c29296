import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { afterImport, jobReport } from '../helpers/imports.js';
import { paths } from '../../src/platform/paths.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/** The mapping pages and API, and uploads of .csv.gz and .xlsx through the page (issue 15 item 1). */

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'outcomes', name);

let t: TestApp;
let planner: Agent;
let practitioner: Agent;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  planner = await signedIn(t, 'planner', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
}, 60_000);
afterAll(async () => t?.close());

/** Uploads a file on the import page as a browser does (multipart/form-data, with the page's CSRF token). */
async function upload(agent: Agent, file: { name: string; bytes: Buffer; type: string }) {
  await agent.get(paths.outcomesImport);
  const boundary = '----ctpTestBoundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: agent.csrf, csv: '' }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from('\r\n'),
  );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const posted = await agent.request({
    method: 'POST',
    url: paths.outcomesImport,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  // An import job (ADR 0018): its page once the runner has finished it.
  return afterImport(t, agent, posted);
}

describe('mapping a publication', () => {
  it('refuses an EES file with no mapping on the import page, with a link to the mapping page filled in', async () => {
    const csv = fs.readFileSync(fixture('ees-ks2-attainment.csv'));
    const response = await upload(planner, { name: 'ks2.csv.gz', bytes: zlib.gzipSync(csv), type: 'application/gzip' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The file was not imported');
    expect(response.body).toContain('Map the columns');
    const href = /href="(\/outcomes\/import\/mappings\/new\?[^"]+)"/.exec(response.body)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toContain('source=ees');
    const form = await planner.get(href ?? '');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('pt_rwm_met_expected_standard');
    expect(form.body).not.toContain('column-0" value="time_period');
  });

  it('saves a mapping from the page, shows the error beside its box first, and the import then reads the gzip upload', async () => {
    const fields = {
      source: 'ees',
      name: 'Key stage 2 attainment',
      'column-0': 'characteristic',
      'role-0': 'filter',
      'total-0': 'Total',
      'groups-0': 'FSM eligible = fsm',
      'column-1': 'sex',
      'role-1': 'filter',
      'total-1': 'Total',
      'groups-1': '',
      'column-2': 'pt_rwm_met_expected_standard',
      'role-2': 'measure',
      'indicator-2': 'NO SUCH',
      'column-3': 't_eligible_pupils',
      'role-3': 'ignore',
    };
    await planner.get(paths.outcomesMappingNew('ees', ['characteristic']));
    const refused = await planner.post(paths.outcomesMappings, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#indicator-2"');
    const saved = await planner.post(paths.outcomesMappings, { ...fields, 'indicator-2': 'ni 73' });
    expect(saved.statusCode).toBe(303);
    const list = await planner.get(paths.outcomesMappings);
    expect(list.body).toContain('pt_rwm_met_expected_standard → ni 73');
    const csv = fs.readFileSync(fixture('ees-ks2-attainment.csv'));
    const imported = await upload(planner, { name: 'ks2.csv.gz', bytes: zlib.gzipSync(csv), type: 'application/gzip' });
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('Rows left out by design');
    expect(imported.body).toContain('geographic level School');
  });

  it('gives a fault, never a 500, for a damaged gzip upload', async () => {
    const gz = zlib.gzipSync('indicator,area,period,value\n'.repeat(100));
    const response = await upload(planner, {
      name: 'broken.csv.gz',
      bytes: Buffer.concat([gz.subarray(0, 30), Buffer.from('xxxxxxxxxxxxxxxxxxxx')]),
      type: 'application/gzip',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The file was not imported');
    expect(response.body).toContain('cannot be decompressed');
  });

  it('imports our long layout from a spreadsheet (.xlsx) uploaded on the page', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Values');
    ws.addRow(['indicator', 'area', 'period', 'value']);
    ws.addRow(['NI 75', area, '2009-10', 51.5]);
    ws.addRow(['NI 75', 'E92000001', '2009-10', 50.25]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const response = await upload(planner, {
      name: 'values.xlsx',
      bytes,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 values imported from 2 rows');
  });

  it('saves and lists mappings through the API; a practitioner may not', async () => {
    const body = { name: 'Fingertips indicators', measures: [{ column: '90323', indicator: 'NI 56' }] };
    const put = (agent: Agent) =>
      agent.request({
        method: 'PUT',
        url: '/api/outcomes/import-mappings/fingertips/fingertips',
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    expect((await put(practitioner)).statusCode).toBe(403);
    const saved = await put(planner);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'fingertips', slug: 'fingertips', measures: [{ column: '90323', indicator: 'NI 56' }] });
    const list = await planner.get('/api/outcomes/import-mappings');
    expect((list.json() as { slug: string }[]).map((m) => m.slug)).toContain('fingertips');
    const bad = await planner.request({
      method: 'PUT',
      url: '/api/outcomes/import-mappings/ees/x',
      payload: JSON.stringify({ name: 'X', measures: [{ column: 'a', indicator: 'NOPE' }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows Fingertips’ confidence intervals as published on the indicator page and its chart; ours only where none is published', async () => {
    const header =
      'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note';
    const csv = [
      header,
      `90323,Year 6 obesity,,,${area},Test area,Counties & UAs (from Apr 2023),Persons,10-11 yrs,,,2022/23,23.1,21.8,24.4,21.2,25.1,900,3900,`,
      `90323,Year 6 obesity,,,${area},Test area,Counties & UAs (from Apr 2023),Persons,10-11 yrs,,,2021/22,24.0,,,,,930,3880,`,
      '90323,Year 6 obesity,,,E92000001,England,England,Persons,10-11 yrs,,,2022/23,22.7,22.6,22.8,22.5,22.9,140000,616000,',
    ].join('\n');
    await planner.request({
      method: 'PUT',
      url: '/api/outcomes/import-mappings/fingertips/fingertips',
      payload: JSON.stringify({ name: 'Fingertips indicators', measures: [{ column: '90323', indicator: 'NI 56' }] }),
      headers: { 'content-type': 'application/json' },
    });
    const unmapped = await afterImport(
      t,
      planner,
      await planner.postJson('/api/outcomes/imports', { csv: csv.replace(/^90323,/gm, '99999,') }),
    );
    expect(jobReport(unmapped)).toMatchObject({ status: 'rejected' });
    expect(jobReport<{ faults: { kind: string; href?: string }[] }>(unmapped).faults[0]).toMatchObject({
      kind: 'no_mapping',
      href: '/outcomes/import/mappings/new?source=fingertips&columns=99999',
    });
    const imported = await afterImport(t, planner, await planner.postJson('/api/outcomes/imports', { csv }));
    expect(jobReport(imported)).toMatchObject({ status: 'imported' });
    const page = await planner.get(paths.outcomesIndicator('NI 56'));
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/\s+/g, ' ');
    expect(text).toMatch(/21\.8%? to 24\.4%? \(published\)/);
    expect(text).toMatch(/21\.2%? to 25\.1%?/);
    expect(text).toContain('99.8% confidence interval (published)');
    // 2021-22 has no published interval: ours, from the count and denominator, and the page says so.
    expect(text).toMatch(/\(computed\)/);
    expect(text).toContain('those marked computed are computed here');
    expect(page.body).toContain('data-interval="published"');
    const api = await planner.get('/api/outcomes/indicators/NI%2056');
    const trend = (api.json() as { trend: { period: string; interval: { lower: number; method: string } | null }[] }).trend;
    expect(trend.find((p) => p.period === '2022-23')?.interval).toMatchObject({ lower: 21.8, method: 'as published' });
    expect(trend.find((p) => p.period === '2021-22')?.interval?.method).toBe('Wilson score');
  });
});

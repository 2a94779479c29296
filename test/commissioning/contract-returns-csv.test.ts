import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus } from '../helpers/builders.js';
import { postFile } from '../helpers/multipart.js';
import { aReturn, buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * Issue 17 item 6 (ADR 0030; docs/contract-returns-csv.md): monitoring returns from a CSV file. Each fault
 * by line, column and rule; all or nothing, so a bad file saves nothing and loses nothing saved; a row for
 * a period already returned replaces it; never a 500 whatever is sent.
 */

let t: TestApp;
let s: ContractScene;
let id: string;

interface Report {
  status: string;
  rows: number;
  saved: number;
  replaced: number;
  faults: { line: number; column: string; rule: string; message: string }[];
  faultSummary: { total: number };
}

const upload = async (csv: string, who = s.providerStaff) =>
  expectStatus<Report>(who.postJson(`/api/commissioning/contracts/${id}/returns/csv`, { csv, fileName: 'returns.csv' }), 200);
const saved = async () => (await t.testDb.db.query('SELECT 1 FROM contract_return WHERE contract_id = $1', [id])).length;

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
  id = await buildContract(s);
  await expectStatus(s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q1')));
});
afterAll(async () => t.close());

describe('a file of monitoring returns', () => {
  it('reports each fault with its line, column and rule, and saves nothing', async () => {
    const csv = [
      'Period,Spend,NI 50,ni56,Families supported,notes',
      '2025-26 Q2,15000.00,82,17.9,41,fine',
      '2025-26 Q3,15000.005,82,17.9,41,',
      '2025-26 Q9,15000,82,17.9,41,',
      '2025-26 Q4,15000,lots,17.9,4.5,',
      '2025-26 Q2,15000,82,17.9,41,again',
    ].join('\n');
    const report = await upload(csv);
    expect(report.status).toBe('rejected');
    expect(report.faults.map((f) => `${f.line}:${f.column}:${f.rule}`)).toEqual([
      '3:spend:two_decimals',
      '4:period:period_format',
      '5:NI 50:number',
      '5:Families supported:whole_number',
      '6:period:repeated_period',
    ]);
    expect(report.faultSummary.total).toBe(5);
    expect(await saved()).toBe(1);
  });

  it('names unknown, repeated and missing columns on the header line', async () => {
    const report = await upload('period,spend,NI 50,NI 50,colour\n2025-26 Q2,1,1,1,red\n');
    expect(report.faults.map((f) => `${f.line}:${f.column}:${f.rule}`)).toEqual([
      '1:NI 50:repeated_column',
      '1:colour:unknown_column',
      '1:NI 56:missing_column',
      '1:Families supported:missing_column',
    ]);
    expect(await saved()).toBe(1);
  });

  it('never answers a 500: empty, unreadable or header-only files are faults', async () => {
    expect((await upload('')).faults.map((f) => f.rule)).toEqual(['empty']);
    expect((await upload('period,spend\n"2025-26 Q2,1\n')).faults.map((f) => f.rule)).toEqual(['csv_format']);
    expect((await upload('period,spend,NI 50,NI 56,Families supported\n')).faults.map((f) => f.rule)).toEqual(['no_rows']);
    const page = await s.providerStaff.post(`/commissioning/contracts/${id}/returns/upload`, { csv: 'period,"spend\u0001binary' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('csv_format');
    expect(page.body, page.body.slice(page.body.indexOf('govuk-main-wrapper'), page.body.indexOf('govuk-main-wrapper') + 1200)).toContain(
      'nothing was saved',
    );
  });

  it('saves a good file, a row for a period already returned replacing it with history', async () => {
    const report = await upload(
      ['period,spend,NI 50,NI 56,Families supported', '2025-26 Q1,15500.50,70,17,45', '2025-26 Q2,"£15,000",81,18,40'].join('\r\n'),
    );
    expect(report.faults).toEqual([]);
    expect(report).toMatchObject({ status: 'imported', rows: 2, saved: 2, replaced: 1 });
    const history = (await s.planner.get(`/api/commissioning/contracts/${id}/returns/2025-04-01`)).json() as {
      version: number;
      spendPence: number;
      source: string;
    }[];
    expect(history.map((v) => [v.version, v.spendPence, v.source])).toEqual([
      [2, 1_550_050, 'csv'],
      [1, 1_500_000, 'api'],
    ]);
    const c = (await s.planner.get(`/api/commissioning/contracts/${id}`)).json() as { underTarget: boolean; spentPence: number };
    // The latest period (Q2) is on target; Q1's replacement is under (NI 50 at 70) and flagged on its row.
    expect(c.underTarget).toBe(false);
    expect(c.spentPence).toBe(1_550_050 + 1_500_000);
  });

  it('offers a template with the contract’s columns, to its provider’s staff only', async () => {
    const file = await s.providerStaff.get(`/commissioning/contracts/${id}/returns/template.csv`);
    expect(file.statusCode).toBe(200);
    expect(file.body.split('\r\n')[0]).toBe('period,spend,NI 50,NI 56,Families supported,notes');
    expect(file.body).toContain('2025-26 Q1,');
    expect((await s.otherStaff.get(`/commissioning/contracts/${id}/returns/template.csv`)).statusCode).toBe(403);
    expect((await s.otherStaff.postJson(`/api/commissioning/contracts/${id}/returns/csv`, { csv: 'period' })).statusCode).toBe(403);
  });

  it('takes a file uploaded on the page, and shows a bad file’s faults by line on the page with nothing saved', async () => {
    await s.providerStaff.get(`/commissioning/contracts/${id}/returns/upload`);
    const before = await saved();
    const bad = await postFile(
      s.providerStaff,
      `/commissioning/contracts/${id}/returns/upload`,
      { name: 'q3.csv', bytes: Buffer.from('period,spend,NI 50,NI 56,Families supported\n2025-26 Q3,12.345,80,18,40\n') },
      {},
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('two_decimals');
    expect(bad.body).toContain('Line 2, spend');
    expect(await saved()).toBe(before);
    const good = await postFile(
      s.providerStaff,
      `/commissioning/contracts/${id}/returns/upload`,
      { name: 'q3.csv', bytes: Buffer.from('\uFEFFperiod,spend,NI 50,NI 56,Families supported\n2025-26 Q3,12000.00,80,18,40\n') },
      {},
    );
    expect(good.statusCode, good.body.slice(0, 300)).toBe(303);
    expect(good.headers.location).toBe(`/commissioning/contracts/${id}/returns/new?done=imported`);
    expect(await saved()).toBe(before + 1);
  });

  it('keeps one current return for a period when two arrive at once', async () => {
    const [a, b] = await Promise.all([
      s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q4', { spend: '1.00' })),
      s.planner.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q4', { spend: '2.00' })),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const versions = (await s.planner.get(`/api/commissioning/contracts/${id}/returns/2026-01-01`)).json() as {
      version: number;
      replacedAt: string | null;
    }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.filter((v) => v.replacedAt === null)).toHaveLength(1);
  });
});

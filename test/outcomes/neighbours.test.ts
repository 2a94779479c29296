import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runIndicatorImport } from '../../src/outcomes/import-cli.js';
import { isNeighboursHeader } from '../../src/outcomes/neighbours-rows.js';
import { paths } from '../../src/platform/paths.js';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { afterImport, jobReport } from '../helpers/imports.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Issue 15 items 1 and 2, tried as a planner would: DfE's statistical neighbours file imported
 * unchanged sets every authority's neighbours at once; a planner in Kent then sees Kent ranked among
 * all eleven (itself and ten neighbours, West Northamptonshire included), its region and England; a
 * reorganised area and its predecessor can each be a comparator, shown apart; a region is a line.
 */

const FIXTURE = new URL('./fixtures/statistical-neighbours.csv', import.meta.url);
const fixture = fs.readFileSync(FIXTURE, 'utf8');
const KENT = 'E10000016';
const HEADER = fixture.split('\n')[0] ?? '';

let t: TestApp;
let planner: Agent;
const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const neighboursOf = (code: string) =>
  t.testDb.db.query<{ position: number; neighbour_code: string; band: string | null }>(
    'SELECT position, neighbour_code, band FROM statistical_neighbour WHERE reference_area_code = $1 ORDER BY position',
    [code],
  );

beforeAll(async () => {
  t = await createTestApp();
  await buildArea(t.testDb.db, { code: KENT, name: 'Kent' });
  planner = await signedIn(t, 'planner', { areaCode: KENT });
}, 60_000);
afterAll(async () => t?.close());

describe('importing DfE statistical neighbours', () => {
  it('knows the file by its header', () => {
    expect(isNeighboursHeader(HEADER.split(','))).toBe(true);
    expect(isNeighboursHeader(['indicator', 'area', 'period', 'value'])).toBe(false);
    expect(isNeighboursHeader(['la_name', 'sn1', 'sn2'])).toBe(true);
  });

  it('refuses a faulty file with each fault by line and column, and sets nothing', async () => {
    const bad = [
      HEADER,
      // line 2: an LA number no authority has
      `999,Atlantis,${'Essex,Close,'.repeat(9)}Kent,Close`,
      // line 3: Kent names itself (SN2) and Essex twice (SN3)
      `886,Kent,Essex,Extremely close,Kent,Close,Essex,Close,Hampshire,Close,Surrey,Close,${',,'.repeat(4)}Norfolk,Near`,
      // line 4: a neighbour no one knows
      `209,Lewisham,Narnia,Close,${',,'.repeat(9).slice(0, -1)}`,
    ].join('\n');
    const response = await afterImport(t, planner, await planner.postJson('/api/outcomes/imports', { csv: bad }));
    expect(response.statusCode).toBe(200);
    const body = jobReport(response) as {
      status: string;
      layout: string;
      faults: { line: number; column: string; kind: string; reason: string }[];
    };
    expect(body).toMatchObject({ status: 'rejected', layout: 'statistical-neighbours' });
    const at = (line: number, column: string) => body.faults.find((f) => f.line === line && f.column === column);
    expect(body.faults.map((f) => [f.line, f.column, f.kind]).sort()).toEqual([
      [2, 'LA number', 'unknown_area'],
      [3, 'SN10 band', 'bad_neighbour'],
      [3, 'SN2', 'bad_neighbour'],
      [3, 'SN3', 'bad_neighbour'],
      [4, 'SN1', 'unknown_area'],
    ]);
    expect(at(2, 'LA number')?.reason).toMatch(/"999" is not an English upper-tier authority/);
    expect(at(3, 'SN2')?.reason).toBe('Kent cannot be its own neighbour');
    expect(at(3, 'SN3')?.reason).toBe('Essex is already neighbour SN1 of Kent');
    expect(at(3, 'SN10 band')?.reason).toMatch(/"Near" is not a closeness band/);
    expect(at(4, 'SN1')?.reason).toBe('"Narnia" is not an English upper-tier authority');
    expect(await neighboursOf(KENT)).toEqual([]);
  });

  it('names an authority given twice, on its second line', async () => {
    const twice = [HEADER, `886,Kent,Essex,Close${',,'.repeat(9)}`, `886,Kent,Surrey,Close${',,'.repeat(9)}`].join('\n');
    const body = jobReport<{ faults: unknown[] }>(
      await afterImport(t, planner, await planner.postJson('/api/outcomes/imports', { csv: twice })),
    );
    expect(body.faults).toEqual([
      expect.objectContaining({ line: 3, column: 'LA number', kind: 'bad_neighbour', reason: 'Kent has a row already, on line 2' }),
    ]);
  });

  it('sets every authority of the file at once, through the command, audited with the file name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-sn-'));
    const file = path.join(dir, 'SN_2023.csv');
    fs.copyFileSync(FIXTURE, file);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await runIndicatorImport(t.testDb.db, file, {});
    expect(code).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain('Statistical neighbours set for 5 authorities (49 neighbours) from 5 rows.');
    log.mockRestore();

    const kent = await neighboursOf(KENT);
    expect(kent.map((n) => n.neighbour_code)).toEqual([
      'E10000012', // Essex
      'E10000014', // Hampshire
      'E10000032', // West Sussex
      'E10000017', // Lancashire, written as its DfE number 888
      'E10000028',
      'E10000024',
      'E10000007',
      'E10000020',
      'E06000062', // West Northamptonshire (since April 2021)
      'E10000029',
    ]);
    expect(kent.map((n) => n.band).slice(0, 4)).toEqual(['Extremely close', 'Very close', 'Very close', 'Close']);
    // Not only the importer's area: Lewisham (nine, SN10 blank), Leicestershire (the predecessor 928 beside its successor), Bristol.
    expect((await neighboursOf('E09000023')).length).toBe(9);
    expect((await neighboursOf('E10000018')).map((n) => n.neighbour_code).slice(1, 3)).toEqual(['E10000021', 'E06000061']);
    expect((await neighboursOf('E06000023')).length).toBe(10);
    expect((await neighboursOf('E06000062')).at(-1)?.neighbour_code).toBe(KENT);

    const [audit] = await t.testDb.db.query<{ details: { file: string; layout: string; areas: number } }>(
      `SELECT details FROM audit_event WHERE action = 'indicators.imported' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit?.details).toMatchObject({ file: 'SN_2023.csv', layout: 'statistical-neighbours', areas: 5 });
  });

  it('is read the same way from the import page, which says what it set', async () => {
    await planner.get(paths.outcomesImport);
    const page = await afterImport(t, planner, await planner.post(paths.outcomesImport, { csv: fixture }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Statistical neighbours set for 5 authorities (49 neighbours) from 5 rows.');
  });

  it('makes the neighbours the area’s comparator group until it chooses its own', async () => {
    const group = (await planner.get('/api/outcomes/comparators')).json() as { code: string; name: string }[];
    expect(group).toHaveLength(10);
    expect(group[8]).toMatchObject({ code: 'E06000062', name: 'West Northamptonshire' });
    const page = await planner.get(paths.outcomesComparators);
    expect(page.body).toContain('statistical neighbours as the Department for Education published them');
    expect(page.body).toMatch(/SN9<\/td>\s*<td[^>]*>West Northamptonshire<\/td>\s*<td[^>]*>Sometimes not close/);
  });
});

// NI 117 (NEET, lower is better). Kent 5.0 is 4th of 11: Essex 4.0, Hampshire 4.5 and West
// Northamptonshire 4.8 are better. Without West Northamptonshire Kent would read 3rd of 10.
const VALUES: [string, number][] = [
  [KENT, 5.0],
  ['E10000012', 4.0],
  ['E10000014', 4.5],
  ['E06000062', 4.8],
  ['E10000032', 5.5],
  ['E10000017', 6.0],
  ['E10000028', 6.1],
  ['E10000024', 6.2],
  ['E10000007', 6.3],
  ['E10000020', 6.4],
  ['E10000029', 6.5],
  ['E10000021', 5.2], // Northamptonshire, until March 2021: its own series
  ['E12000008', 5.1], // South East
  ['E12000007', 7.0], // London
  ['E92000001', 5.3],
];

describe('an area compared with its neighbours, its region and England', () => {
  beforeAll(async () => {
    const csv = ['indicator,area,period,value', ...VALUES.map(([code, v]) => `NI 117,${code},2022,${v}`)].join('\n');
    const response = await afterImport(t, planner, await planner.postJson('/api/outcomes/imports', { csv }));
    expect(jobReport(response)).toMatchObject({ status: 'imported' });
  });

  it('ranks the area among all eleven, itself and its ten neighbours', async () => {
    const a = (await planner.get('/api/outcomes/indicators/NI%20117')).json() as {
      comparison: { rank: number; rankedCount: number; ranked: { areaCode: string; rank: number }[] };
    };
    expect([a.comparison.rank, a.comparison.rankedCount]).toEqual([4, 11]);
    expect(a.comparison.ranked.slice(0, 4).map((r) => r.areaCode)).toEqual(['E10000012', 'E10000014', 'E06000062', KENT]);
    const page = await planner.get(paths.outcomesIndicator('NI 117'));
    expect(page.body).toContain('Kent ranked 4 of 11 among itself and its comparator areas');
    // Its region, South East, is a line of the trend beside England.
    expect(page.body).toContain('data-area-code="E12000008"');
  });

  it('takes a reorganised area and its predecessor as comparators, each its own series, and a region as a line only', async () => {
    const chosen = ['E06000062', 'E10000021', 'E10000012', 'E12000007'];
    const set = await put(planner, '/api/outcomes/comparators', { comparators: chosen });
    expect(set.statusCode).toBe(200);
    expect((set.json() as { name: string }[]).map((c) => c.name)).toEqual([
      'West Northamptonshire',
      'Northamptonshire (until March 2021)',
      'Essex',
      'London',
    ]);
    const a = (await planner.get('/api/outcomes/indicators/NI%20117')).json() as {
      comparison: { rank: number; rankedCount: number; ranked: { areaCode: string }[] };
    };
    // Kent, Essex, West Northamptonshire, Northamptonshire ranked; London is not.
    expect([a.comparison.rank, a.comparison.rankedCount]).toEqual([3, 4]);
    expect(a.comparison.ranked.map((r) => r.areaCode)).not.toContain('E12000007');
    const page = await planner.get(paths.outcomesIndicator('NI 117'));
    expect(page.body).toContain('Northamptonshire (until March 2021)');
    expect(page.body).toContain('data-area-code="E12000007"');
    expect(page.body).toContain('data-area-code="E10000021"');
    expect(page.body).toContain('data-area-code="E06000062"');
  });

  it('goes back to the statistical neighbours when the area chooses none', async () => {
    expect((await put(planner, '/api/outcomes/comparators', { comparators: [] })).statusCode).toBe(200);
    expect(((await planner.get('/api/outcomes/comparators')).json() as unknown[]).length).toBe(10);
  });

  it('refuses England and unknown codes as comparators, but not a region or an ended authority', async () => {
    expect((await put(planner, '/api/outcomes/comparators', { comparators: ['E92000001'] })).statusCode).toBe(400);
    expect((await put(planner, '/api/outcomes/comparators', { comparators: ['E10000090'] })).statusCode).toBe(400);
    expect((await put(planner, '/api/outcomes/comparators', { comparators: ['E12000001', 'E10000006'] })).statusCode).toBe(200);
    expect((await put(planner, '/api/outcomes/comparators', { comparators: [] })).statusCode).toBe(200);
  });
});

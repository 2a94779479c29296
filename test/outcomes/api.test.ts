import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';

/** The outcomes JSON API mirrors the pages: same services, same rules, problem+json on refusal. */

let t: TestApp;
let planner: Agent;
let admin: Agent;
let boardMember: Agent;
let practitioner: Agent;
let area: string;

const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });

// NI 75 (academic year, higher is better), long layout with numerators and denominators.
const longTable = (areaCode: string) =>
  [
    'indicator,area,group,period,value,numerator,denominator',
    `NI 75,${areaCode},,2006-07,45.0,900,2000`,
    `NI 75,${areaCode},,2007-08,..,,`,
    `NI 75,${areaCode},,2008-09,50.0,1000,2000`,
    `NI 75,${areaCode},fsm,2006-07,21.0,,`,
    `NI 75,${areaCode},fsm,2008-09,24.0,,`,
    'NI 75,E10000008,,2008-09,50.0,,',
    'NI 75,E10000013,,2008-09,52.0,,',
    'NI 75,E10000027,,2008-09,48.0,,',
    'NI 75,E92000001,,2006-07,46.0,,',
    'NI 75,E92000001,,2008-09,49.5,,',
  ].join('\n');

interface JobAnswer {
  url: string;
  state: string;
  report: {
    status: string;
    values: number;
    faults: { line: number; column: string; kind: string }[];
    faultsTotal: number;
    faultKinds: unknown[];
  };
}

/** Posts an import (202 and the job's URL), lets the background runner finish it, and gets the job. */
async function importAndWait(agent: Agent, json: unknown): Promise<{ answer: JobAnswer; body: string }> {
  const posted = await agent.postJson('/api/outcomes/imports', json);
  expect(posted.statusCode).toBe(202);
  const { url } = posted.json() as JobAnswer;
  expect(posted.headers.location).toBe(url);
  await t.services.outcomes.imports.runner.idle();
  const job = await agent.get(url);
  expect(job.statusCode).toBe(200);
  return { answer: job.json() as JobAnswer, body: job.body };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  planner = await signedIn(t, 'planner', { areaCode: area });
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  boardMember = await signedIn(t, 'board_member', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
}, 60_000);
afterAll(async () => t?.close());

describe('outcomes API', () => {
  it('gives the framework: five outcomes with six aims each', async () => {
    const response = await boardMember.get('/api/outcomes');
    expect(response.statusCode).toBe(200);
    const framework = response.json() as { aims: unknown[] }[];
    expect(framework).toHaveLength(5);
    expect(framework.every((o) => o.aims.length === 6)).toBe(true);
  });

  it('refuses a faulty file with every fault, then imports the good rows when asked', async () => {
    const csv = `${longTable(area)}\nNI 75,E10000008,,2008-09,zero,,\nNI 75,NOWHERE,,2008-09,1,,`;
    const { answer: refused } = await importAndWait(planner, { csv });
    expect(refused.state).toBe('refused');
    const report = refused.report;
    expect(report.status).toBe('rejected');
    expect(report.values).toBe(0);
    expect(report.faults.map((f) => f.line)).toEqual(expect.arrayContaining([12, 13]));
    const analysisBefore = (await planner.get('/api/outcomes/indicators/NI75')).json() as { trend: unknown[] };
    expect(analysisBefore.trend).toEqual([]);

    const { answer: imported } = await importAndWait(admin, { csv, importGoodRows: true });
    expect(imported.state).toBe('done');
    expect(imported.report.values).toBe(10);
    // The job is its importer's own: another planner of the area is told there is no such import.
    expect((await planner.get(imported.url)).statusCode).toBe(404);
  });

  it('answers a file with thousands of faults with the first of each kind and the counts, not every fault', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `NI 75,NOWHERE${i},,2008-09,1,,`);
    const { answer, body } = await importAndWait(planner, { csv: [longTable(area).split('\n')[0], ...rows].join('\n') });
    expect(answer.state).toBe('refused');
    expect(body.length).toBeLessThan(20 * 1024);
    const report = answer.report;
    expect(report.faultsTotal).toBe(5_000);
    expect(report.faultKinds).toEqual([{ kind: 'unknown_area', count: 5_000, more: 4_980 }]);
    expect(report.faults).toHaveLength(20);
  });

  it('refuses imports to a practitioner and to the board', async () => {
    expect((await practitioner.postJson('/api/outcomes/imports', { csv: longTable(area) })).statusCode).toBe(403);
    expect((await boardMember.postJson('/api/outcomes/imports', { csv: longTable(area) })).statusCode).toBe(403);
  });

  it('sets comparators, then analyses the indicator with rank, change, interval and gap', async () => {
    expect((await put(practitioner, '/api/outcomes/comparators', { comparators: ['E10000008'] })).statusCode).toBe(403);
    const unknown = await put(planner, '/api/outcomes/comparators', { comparators: ['E10000090'] });
    expect(unknown.statusCode).toBe(400);
    const set = await put(planner, '/api/outcomes/comparators', { comparators: ['E10000008', 'E10000013', 'E10000027'] });
    expect(set.statusCode).toBe(200);
    expect((set.json() as unknown[]).length).toBe(3);

    const response = await practitioner.get('/api/outcomes/indicators/NI%2075?from=2006-07&to=2008-09&group=fsm');
    expect(response.statusCode).toBe(200);
    const a = response.json() as {
      trend: { period: string; value: number | null; status: string; interval: { lower: number; upper: number } | null }[];
      comparison: { rank: number; rankedCount: number; ranked: { areaCode: string; rank: number }[] };
      change: { absolute: number; direction: string; england: { absolute: number }; sentence: string };
      gap: { movement: { movement: string; standing: string } };
      tables: Record<string, { rows: string[][] }>;
    };
    expect(a.trend.map((p) => [p.period, p.value, p.status])).toEqual([
      ['2006-07', 45, 'value'],
      ['2007-08', null, 'missing'],
      ['2008-09', 50, 'value'],
    ]);
    expect(a.trend[0]?.interval?.lower).toBeLessThan(45);
    expect(a.trend[0]?.interval?.upper).toBeGreaterThan(45);
    // Higher is better: Gloucestershire 52, then the area and Devon tied at 50 (both 2), Somerset 48 is 4th.
    expect(a.comparison.rank).toBe(2);
    expect(a.comparison.ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(a.change.absolute).toBe(5);
    expect(a.change.england.absolute).toBe(3.5);
    expect(a.change.direction).toBe('improved');
    expect(a.change.sentence).toContain('Rose from 45.0% in 2006-07 to 50.0% in 2008-09');
    // fsm 21 vs 45 (gap -24) to 24 vs 50 (gap -26): widened, behind.
    expect(a.gap.movement).toMatchObject({ movement: 'widened', standing: 'behind' });
    expect(a.tables.trend?.rows[0]?.slice(1)).toEqual(['45.0', 'no value', '50.0']);
  });

  it('sets a target, adds a local indicator, and writes the needs narrative (planners only)', async () => {
    const target = await planner.postJson('/api/outcomes/indicators/NI%2075/targets', { period: '2008-09', value: 55 });
    expect(target.statusCode).toBe(201);
    const dashboard = (await boardMember.get('/api/outcomes/dashboard')).json() as {
      outcomes: { rows: { code: string; rag: string | null; rank: number | null }[] }[];
    };
    const row = dashboard.outcomes.flatMap((o) => o.rows).find((r) => r.code === 'NI 75');
    expect(row).toMatchObject({ rag: 'red', rank: 2 });

    const local = await planner.postJson('/api/outcomes/indicators', {
      code: 'KES 2',
      title: 'Young carers known to services',
      unit: 'count',
      polarity: 'no judgement',
      frequency: 'annual',
      aimCodes: ['make-a-positive-contribution.4'],
    });
    expect(local.statusCode).toBe(201);
    expect((await practitioner.postJson('/api/outcomes/indicators', {})).statusCode).toBe(403);
    const list = (await practitioner.get('/api/outcomes/indicators')).json() as { code: string; scope: string }[];
    expect(list.find((i) => i.code === 'KES 2')?.scope).toBe('local');

    expect((await put(planner, '/api/outcomes/needs/stay-safe/narrative', { narrative: 'Placements are more stable.' })).statusCode).toBe(
      204,
    );
    expect((await put(planner, '/api/outcomes/needs/no-such-outcome/narrative', { narrative: 'x' })).statusCode).toBe(404);
    expect((await put(admin, '/api/outcomes/needs/stay-safe/narrative', { narrative: 'x' })).statusCode).toBe(403);

    const levels = await put(planner, '/api/outcomes/needs/levels', {
      yearLabel: '2008-09',
      levels: { universal: { children: 98_000, fundingPounds: 1_250_000 }, complex: { children: 300 } },
    });
    expect(levels.statusCode).toBe(204);
    expect((await put(planner, '/api/outcomes/needs/levels', { yearLabel: '2008-10', levels: {} })).statusCode).toBe(400);
    const needs = (await boardMember.get('/api/outcomes/needs')).json() as {
      narratives: { outcomeCode: string; narrative: string }[];
      levels: { level: string; children: number | null; fundingPounds: number | null }[];
    };
    expect(needs.narratives).toEqual([expect.objectContaining({ outcomeCode: 'stay-safe', narrative: 'Placements are more stable.' })]);
    expect(needs.levels.map((l) => [l.level, l.children, l.fundingPounds])).toEqual([
      ['universal', 98_000, 1_250_000],
      ['additional', null, null],
      ['complex', 300, null],
      ['acute/specialist', null, null],
    ]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await new Agent(t.app).get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/outcomes', '/api/outcomes/indicators/{indicatorCode}', '/api/outcomes/dashboard', '/api/outcomes/imports']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { governancePaths as gp } from '../../src/governance/index.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signInAsDemoUser } from '../helpers/demo.js';

/** Issue 16 item 11 (self-assessment and section 11): the demo's two years of self-assessment and its section 11 round. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 240_000);
afterAll(async () => t?.close());

async function demoAgent(email: string): Promise<Agent> {
  const agent = await signInAsDemoUser(t.app, email);
  await agent.get('/');
  return agent;
}

describe('the demo’s self-assessments and section 11 audits', () => {
  it('has the board’s self-assessments for two years, agreed, with ratings that changed', async () => {
    const member = await demoAgent('board.member@kestrelshire.example');
    const list = JSON.parse((await member.get('/api/governance/self-assessments')).body) as { id: string; year: number; status: string }[];
    expect(list).toHaveLength(2);
    expect(list.every((s) => s.status === 'agreed')).toBe(true);
    const latest = list[0];
    if (!latest) throw new Error('no self-assessment');
    const compared = await member.get(gp.selfAssessmentCompare(latest.id));
    expect(compared.statusCode).toBe(200);
    expect(compared.body).toContain('Improved from Developing to Established');
    expect(compared.body).toContain('Fell from Established to Developing');
  });

  it('has a section 11 round of every agency under the duty, one late and chased, one challenged and answered', async () => {
    const chair = await demoAgent('lscb.chair@kestrelshire.example');
    const [round] = JSON.parse((await chair.get('/api/section-11/rounds')).body) as { id: string }[];
    if (!round) throw new Error('no round');
    const overview = JSON.parse((await chair.get(`/api/section-11/rounds/${round.id}`)).body) as {
      agencies: { id: string; organisationName: string; status: string; late: boolean; timesChased: number; challenge: string; response: string }[];
    };
    const names = overview.agencies.map((a) => a.organisationName);
    expect(names).toContain('Kestrelshire Youth Offending Team');
    expect(names).toContain('Kestrelshire Hospitals NHS Trust');
    expect(names).not.toContain('Ashcombe Community College');
    expect(names).not.toContain('Jobcentre Plus, Kestrelshire district');
    const late = overview.agencies.filter((a) => a.late);
    expect(late.map((a) => [a.organisationName, a.timesChased])).toEqual([['Connexions Kestrelshire', 1]]);
    expect(overview.agencies.filter((a) => a.status === 'submitted')).toHaveLength(overview.agencies.length - 1);
    const challenged = overview.agencies.filter((a) => a.challenge !== '');
    expect(challenged).toHaveLength(1);
    expect(challenged[0]?.response).not.toBe('');
    const page = await chair.get(gp.section11Round(round.id));
    expect(page.body).toContain('Late');
    expect(page.body).toMatch(/Chased 1 time, last on/);
  });

  it('keeps the LSCB’s round from someone on the board but not on the LSCB', async () => {
    const rows = await t.testDb.db.query<{ id: string }>('SELECT id FROM section11_round');
    expect(rows).toHaveLength(1);
    // The board's planner sits on the board but not on the LSCB.
    const planner = await demoAgent('planner@kestrelshire.example');
    expect(JSON.parse((await planner.get('/api/section-11/rounds')).body)).toEqual([]);
    expect((await planner.get(gp.section11Round(rows[0]?.id ?? ''))).statusCode).toBe(404);
  });

  it('changes nothing when loaded again', async () => {
    const count = async () => (await t.testDb.db.query<{ n: number }>('SELECT ((SELECT count(*) FROM board_self_assessment) + (SELECT count(*) FROM section11_round))::int AS n'))[0]?.n;
    const before = await count();
    await loadDemo(t.testDb.db, t.config, { children: false });
    expect(await count()).toBe(before);
  }, 240_000);
});

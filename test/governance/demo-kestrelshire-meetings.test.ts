import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_PASSWORD } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 16 item 11 (meetings): Kestrelshire's board has a year of meetings with minutes and decisions, one
 * where a member with a declared interest withdrew, and an overdue action its vice-chair (the demo's board
 * member) sees on the home page; loading again adds none.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 180_000);
afterAll(async () => t?.close());

describe('the demo’s meetings', () => {
  it('has a year of the board’s meetings with minutes, decisions, a withdrawal and an overdue action the vice-chair is shown', async () => {
    const db = t.testDb.db;
    const [board] = await db.query<{ id: string }>(`SELECT id FROM governance_body WHERE area_code = $1 AND kind = 'trust_board'`, [DEMO_AREA.code]);
    const meetings = await db.query<{ held_on: string }>('SELECT held_on::text FROM governance_meeting WHERE body_id = $1 ORDER BY held_on', [board?.id]);
    expect(meetings).toHaveLength(4);
    const decisions = await db.query('SELECT 1 FROM governance_decision d JOIN governance_meeting m ON m.id = d.meeting_id WHERE m.body_id = $1', [board?.id]);
    expect(decisions.length).toBeGreaterThanOrEqual(4);
    const [withdrawal] = await db.query<{ person_name: string; interest_declared: string }>(
      `SELECT s.person_name, dm.interest_declared FROM governance_decision_member dm JOIN governance_member s ON s.id = dm.member_id WHERE dm.part = 'withdrew'`,
    );
    expect(withdrawal?.interest_declared).toContain('Trustee');

    const agent = new Agent(t.app);
    await agent.get(paths.signIn);
    await agent.post(paths.signIn, { email: 'board.member@kestrelshire.example', password: DEMO_PASSWORD, next: '/' });
    const home = await agent.get('/');
    expect(home.body).toContain('Actions of the bodies you chair or support, past their due date');
    const list = await agent.get(`/governance/bodies/${board?.id ?? ''}/meetings`);
    expect(list.statusCode).toBe(200);
    const before = meetings.length;
    await loadDemo(db, t.config, { children: false });
    expect(await db.query('SELECT 1 FROM governance_meeting WHERE body_id = $1', [board?.id])).toHaveLength(before);
  });
});

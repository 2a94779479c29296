import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoMeetings } from '../../src/demo/governance-meetings.js';
import { settableClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildScene, type Scene } from './scene.js';

/**
 * The demo's year of board meetings (issue 16 item 11), loaded through the real services on a board set
 * up as the bodies' demo sets one up: minutes, decisions, an overdue action, and one decision where a
 * member with a declared interest withdrew. A second load changes nothing.
 */

let t: TestApp;
let s: Scene;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
}, 300_000);
afterAll(async () => t?.close());

describe('demo meetings', () => {
  it('loads a year of meetings with minutes, decisions, a withdrawal for a declared interest and an overdue action, once', async () => {
    const db = t.testDb.db;
    const clock = settableClock(new Date());
    expect(await loadDemoMeetings(db, clock, s.area)).toBeGreaterThan(10);
    const meetings = await db.query<{ id: string }>('SELECT id FROM governance_meeting WHERE body_id = $1', [s.board]);
    expect(meetings).toHaveLength(4);
    const minutes = await db.query(`SELECT 1 FROM governance_agenda_item a JOIN governance_meeting m ON m.id = a.meeting_id WHERE m.body_id = $1 AND a.minutes <> ''`, [s.board]);
    expect(minutes.length).toBeGreaterThanOrEqual(12);
    const withdrawn = await db.query<{ interest_declared: string }>(`SELECT interest_declared FROM governance_decision_member WHERE part = 'withdrew'`);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]?.interest_declared).toContain('Trustee');
    const overdue = await db.query(`SELECT 1 FROM governance_action WHERE status IN ('open', 'in_progress') AND due_on < $1::date`, [new Date().toISOString().slice(0, 10)]);
    expect(overdue).toHaveLength(1);
    expect((await s.agents.chair.get('/')).body).toContain('Actions of the bodies you chair or support, past their due date');
    // A member sees the meetings and the withdrawal; the page of the meeting with the contract shows it.
    const list = await s.agents.m2.get(`/governance/bodies/${s.board}/meetings`);
    expect(list.statusCode).toBe(200);
    expect(await loadDemoMeetings(db, clock, s.area)).toBe(0);
  });
});

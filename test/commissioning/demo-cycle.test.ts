import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningServices } from '../../src/commissioning/index.js';
import { loadDemoCommissions } from '../../src/demo/commissioning-cycle.js';
import { loadDemoMeetings } from '../../src/demo/governance-meetings.js';
import { settableClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildAssessment, signedIn } from '../helpers/builders.js';
import { buildScene, type Scene } from '../governance/scene.js';

/**
 * The demo's commissions (issue 17 item 3), loaded through the real services on a board with a year of
 * meetings: a strategic one at monitoring, an operational one at sourcing resting on a board decision from
 * which the member with a declared interest withdrew, an individual one from a child's plan. Once only.
 */

let t: TestApp;
let s: Scene;
beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
}, 300_000);
afterAll(async () => t?.close());

describe('demo commissions', () => {
  it('loads the three levels through the cycle, the board decision with its withdrawal, once', async () => {
    const db = t.testDb.db;
    const clock = settableClock(new Date());
    expect(await loadDemoMeetings(db, clock, s.area)).toBeGreaterThan(10);
    const planner = await signedIn(t, 'planner', { areaCode: s.area, email: 'planner@kestrelshire.example' });
    const practitioner = await signedIn(t, 'practitioner', { areaCode: s.area });
    const colleague = await signedIn(t, 'practitioner', { areaCode: s.area });
    await buildAssessment(practitioner, { team: [{ userId: colleague.user.id, service: 'Primary school' }] });
    const demo = {
      db,
      clock,
      areaCode: s.area,
      commissioning: commissioningServices({ db, clock }),
      by: { actor: { userId: null, label: 'demo', role: null, areaCode: s.area }, ctx: { ip: 'local', userAgent: 'test', requestId: 'demo' } },
      userId: async (email: string) => (await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]))[0]?.id ?? '',
    };
    expect(await loadDemoCommissions(demo)).toBe(3);
    const rows = await db.query<{ level: string; stage: string; id: string }>('SELECT id, level, stage FROM commission WHERE area_code = $1 ORDER BY level', [s.area]);
    expect(rows.map((r) => [r.level, r.stage])).toEqual([
      ['individual', 'needs_analysis'],
      ['operational', 'sourcing'],
      ['strategic', 'monitoring'],
    ]);
    const operational = rows.find((r) => r.level === 'operational');
    const shown = JSON.parse((await s.agents.m2.get(`/api/commissioning/commissions/${operational?.id}`)).body) as { decisions: { withdrewCount: number; interests: { part: string }[] | null }[] };
    expect(shown.decisions[0]?.withdrewCount).toBe(1);
    expect(shown.decisions[0]?.interests?.map((i) => i.part)).toEqual(['withdrew']);
    expect((await planner.get('/commissioning/commissions')).statusCode).toBe(200);
    expect(await loadDemoCommissions(demo)).toBe(0);
  });
});

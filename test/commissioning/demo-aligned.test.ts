import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';

/** Issue 17 item 11: the demo's aligned budgets for parenting support (three partners), and a second load making nothing twice. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 240_000);
afterAll(async () => t?.close());

describe('the demo’s aligned budgets', () => {
  it('has parenting support aligned by three partners, their statements reconciling, and the resource map counting them', async () => {
    const planner = new Agent(t.app);
    await planner.get(paths.signIn);
    expect(
      (await planner.post(paths.signIn, { email: 'planner@kestrelshire.example', password: DEMO_PASSWORD, next: '/' })).headers.location,
    ).toBe('/');
    const funds = (await planner.get('/api/commissioning/aligned-budgets')).json() as { id: string; name: string }[];
    const parenting = funds.find((f) => f.name === 'Parenting support (aligned budgets)');
    if (!parenting) throw new Error('no aligned budgets in the demo');
    const { statement, entries } = (await planner.get(`/api/commissioning/aligned-budgets/${parenting.id}`)).json() as {
      statement: {
        total: { contributedPence: number; spentPence: number; remainingPence: number };
        partners: { total: { remainingPence: number } }[];
      };
      entries: unknown[];
    };
    expect(statement.partners).toHaveLength(3);
    expect(entries.length).toBeGreaterThan(0);
    expect(statement.partners.reduce((sum, p) => sum + p.total.remainingPence, 0)).toBe(statement.total.remainingPence);
    const map = (await planner.get('/api/commissioning/resource-map')).json() as {
      byPartner: { grandTotal: number };
      byOutcome: { grandTotal: number };
    };
    expect(map.byPartner.grandTotal).toBeGreaterThanOrEqual(statement.total.contributedPence);
    expect(map.byOutcome.grandTotal).toBe(map.byPartner.grandTotal);
    expect((await planner.get('/commissioning')).body).toContain('Resource map');
  });

  it('makes nothing twice when loaded again', async () => {
    const before = await t.testDb.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM fund_entry`, []);
    await loadDemo(t.testDb.db, t.config, { children: false });
    const after = await t.testDb.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM fund_entry`, []);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

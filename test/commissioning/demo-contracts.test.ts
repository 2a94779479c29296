import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_PASSWORD } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 17 item 11 (contracts; ADR 0030): Kestrelshire's contracts with a voluntary and a private provider,
 * a year of quarterly returns each (the private provider's under target), a corrected return with its
 * history, and a decommissioning whose money is reinvested in prevention.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 180_000);
afterAll(async () => t?.close());

async function planner(): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.get(paths.signIn);
  const r = await agent.post(paths.signIn, { email: 'planner@kestrelshire.example', password: DEMO_PASSWORD, next: '/' });
  expect(r.headers.location).toBe('/');
  return agent;
}

describe('the demo’s contracts', () => {
  it('has a voluntary and a private provider with a year of returns, one under target, and a decommissioning reinvested in prevention', async () => {
    const agent = await planner();
    const list = (await agent.get('/api/commissioning/contracts')).json() as {
      id: string;
      title: string;
      providerName: string;
      providerKind: string | null;
      returnsCount: number;
      underTarget: boolean;
      state: string;
    }[];
    expect(list).toHaveLength(3);
    const family = list.find((c) => c.title.startsWith('Family support'));
    const fostering = list.find((c) => c.title.startsWith('Independent fostering'));
    const residential = list.find((c) => c.title === 'Out-of-area residential placements');
    expect(family).toMatchObject({ providerName: 'Eastmoor Family Support', returnsCount: 4, underTarget: false });
    expect(fostering).toMatchObject({
      providerName: 'Brightpath Fostering Ltd',
      providerKind: 'private',
      returnsCount: 4,
      underTarget: true,
    });
    expect(residential?.state).toBe('decommissioned');
    const detail = (await agent.get(`/api/commissioning/contracts/${residential?.id ?? ''}`)).json() as {
      payingPartnerName: string | null;
      decommission: { reinvestments: { prevention: boolean; amountPence: number; destination: string; toFundId: string | null }[]; releasedPence: number };
    };
    const prevention = detail.decommission.reinvestments.filter((r) => r.prevention).reduce((sum, r) => sum + r.amountPence, 0);
    expect(prevention).toBe(45_000_000);
    // Each is paid outside funds, by a named partner; £30,000 went into the parenting support aligned budgets as the council's money.
    expect(detail.payingPartnerName).toBe('Kestrelshire County Council');
    const intoFund = detail.decommission.reinvestments.find((r) => r.destination === 'fund');
    const [contribution] = await t.testDb.db.query<{ name: string; amount_pence: string }>(
      `SELECT o.name, c.amount_pence::text FROM fund_contribution c JOIN organisation o ON o.id = c.organisation_id
        WHERE c.fund_id = $1 AND c.description LIKE 'Reinvested from the decommissioned contract%'`,
      [intoFund?.toFundId ?? null],
    );
    expect(contribution).toEqual({ name: 'Kestrelshire County Council', amount_pence: '3000000' });
    const map = (await agent.get('/api/commissioning/resource-map')).json() as { byPartner: { totals: number[] }; byOutcome: { totals: number[] } };
    expect(map.byOutcome.totals).toEqual(map.byPartner.totals);
    const familyDetail = (await agent.get(`/api/commissioning/contracts/${family?.id ?? ''}`)).json() as {
      returns: { periodStart: string; version: number }[];
    };
    const corrected = familyDetail.returns.find((r) => r.version > 1);
    expect(corrected?.version).toBe(3);
    const history = await agent.get(`/commissioning/contracts/${family?.id ?? ''}/returns/${corrected?.periodStart ?? ''}`);
    expect(history.body).toContain('replaced 2 times');
    const page = await agent.get('/commissioning/contracts');
    expect(page.body).toContain('Under target');
    expect((await agent.get('/commissioning')).body).toContain('/commissioning/contracts');
    expect(await t.testDb.db.query('SELECT 1 FROM commissioning_contract WHERE area_code = $1', [DEMO_AREA.code])).toHaveLength(3);
  });
});

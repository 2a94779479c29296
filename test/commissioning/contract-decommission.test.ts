import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, problemCode } from '../helpers/builders.js';
import { aReturn, buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * Issue 17 item 6 (ADR 0030; 004 §8.8): decommissioning a contract with its reasons and where the money
 * went (reinvested in prevention); the contract ends, takes no more returns, and the service stays in the
 * directory.
 */

let t: TestApp;
let s: ContractScene;

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
});
afterAll(async () => t.close());

const decommission = (id: string, over: Record<string, unknown> = {}) => ({
  decidedOn: '2026-01-14',
  endsOn: '2026-03-31',
  reasons: 'Expensive out-of-area placements replaced by local early help',
  released: '40000.00',
  reinvestments: [{ destination: 'service', toServiceId: s.preventionServiceId, amount: '30000', prevention: true }],
  ...over,
});

describe('decommissioning a contract', () => {
  it('records the reasons and where the money went; the contract ends; the service stays in the directory', async () => {
    const id = await buildContract(s);
    await expectStatus(s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q1')));
    await expectStatus(s.planner.postJson(`/api/commissioning/contracts/${id}/decommission`, decommission(id)), 200);
    const c = (await s.planner.get(`/api/commissioning/contracts/${id}`)).json() as {
      state: string;
      endsOn: string;
      agreedEndsOn: string;
      decommission: { releasedPence: number; reinvestments: { toName: string; amountPence: number; prevention: boolean }[] };
    };
    expect(c).toMatchObject({ state: 'decommissioned', endsOn: '2026-03-31', agreedEndsOn: '2027-03-31' });
    expect(c.decommission.releasedPence).toBe(4_000_000);
    expect(c.decommission.reinvestments).toEqual([
      expect.objectContaining({ toName: 'Early help prevention hub', amountPence: 3_000_000, prevention: true }),
    ]);
    const [service] = await t.testDb.db.query<{ closed_from: string | null }>('SELECT closed_from FROM area_service WHERE id = $1', [
      s.serviceId,
    ]);
    expect(service).toEqual({ closed_from: null });
    const page = await s.board.get(`/commissioning/contracts/${id}`);
    expect(page.body).toContain('Early help prevention hub');
    expect(page.body).toContain('The service stays in the directory');
    // No more returns, and no second decommissioning.
    const late = await s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q2'));
    expect(late.statusCode).toBe(409);
    expect(problemCode(late)).toBe('contract_decommissioned');
    expect((await s.planner.postJson(`/api/commissioning/contracts/${id}/decommission`, decommission(id))).statusCode).toBe(409);
    const [audited] = await t.testDb.db.query(
      "SELECT 1 FROM audit_event WHERE action = 'commissioning.contract_decommissioned' AND subject_id = $1",
      [id],
    );
    expect(audited).toBeDefined();
  });

  it('refuses more reinvested than released, bad money, no reasons and an end after the term, saving nothing', async () => {
    const id = await buildContract(s);
    const refused = await s.planner.postJson(
      `/api/commissioning/contracts/${id}/decommission`,
      decommission(id, {
        reasons: ' ',
        endsOn: '2027-06-30',
        released: '100.00',
        reinvestments: [{ destination: 'fund', toFundId: 'nope', amount: '200.001' }],
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused).sort()).toEqual(
      ['amount:two_decimals', 'endsOn:within_term', 'reasons:required', 'toFundId:in_area'].sort(),
    );
    const over = await s.planner.postJson(`/api/commissioning/contracts/${id}/decommission`, decommission(id, { released: '100.00' }));
    expect(faultRules(over)).toEqual(['amount:within_released']);
    expect(await t.testDb.db.query('SELECT 1 FROM contract_decommission WHERE contract_id = $1', [id])).toHaveLength(0);
  });

  it('is the commissioner’s alone, on the page too', async () => {
    const id = await buildContract(s);
    expect((await s.board.postJson(`/api/commissioning/contracts/${id}/decommission`, decommission(id))).statusCode).toBe(403);
    expect((await s.admin.get(`/commissioning/contracts/${id}/decommission`)).statusCode).toBe(403);
    const form = await s.planner.get(`/commissioning/contracts/${id}/decommission`);
    expect(form.statusCode).toBe(200);
    const kept = await s.planner.post(`/commissioning/contracts/${id}/decommission`, { reasons: 'Kept as typed', released: '5.123' });
    expect(kept.statusCode).toBe(400);
    expect(kept.body).toContain('Kept as typed');
    const done = await s.planner.post(`/commissioning/contracts/${id}/decommission`, {
      reasons: 'Moved to prevention',
      decidedOn: '14/1/2026',
      endsOn: '31/3/2026',
      released: '1000',
      destination: 'service',
      toServiceId: s.preventionServiceId,
      amount: '1000',
      prevention: 'yes',
    });
    expect(done.statusCode, done.body.slice(0, 400)).toBe(303);
  });
});

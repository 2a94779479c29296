import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, problemCode } from '../helpers/builders.js';
import { aReturn, buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * Issue 17 item 6 (ADR 0030): contracts with outcome and activity targets, monitoring returns flagged under
 * target, a return for a period already returned replacing it with its history kept, the provider-staff
 * rule, refusals by role, and money refused with more than two decimals naming the field.
 */

let t: TestApp;
let s: ContractScene;

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
});
afterAll(async () => t.close());

const contract = async (id: string) =>
  (await expectStatus<Record<string, unknown>>(s.planner.get(`/api/commissioning/contracts/${id}`), 200)) as {
    underTarget: boolean;
    returns: { period: string; version: number; underTarget: boolean; values: { underTarget: boolean }[] }[];
    targets: { direction: string; column: string }[];
    state: string;
  };

describe('a contract and its targets', () => {
  it('takes its direction from the indicator’s polarity and refuses an indicator with none', async () => {
    const id = await buildContract(s);
    const c = await contract(id);
    expect(c.targets.map((x) => `${x.column}:${x.direction}`)).toEqual(['NI 50:at_least', 'NI 56:at_most', 'Families supported:at_least']);
    const refused = await s.planner.postJson(`/api/commissioning/contracts/${id}/targets`, {
      kind: 'outcome',
      indicatorId: await s.indicator('CH39'),
      targetValue: '10',
    });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused)).toEqual(['indicatorId:has_polarity']);
  });

  it('refuses a value with more than two decimals naming the field, and saves nothing', async () => {
    const title = 'Refused for its pence';
    const refused = await s.planner.postJson('/api/commissioning/contracts', {
      kind: 'contract',
      title,
      service: s.serviceId,
      payingOrganisationId: s.payer,
      value: '1000.005',
      startsOn: '2025-04-01',
      endsOn: '2024-03-31',
      monitoring: 'quarterly',
    });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused).sort()).toEqual(['endsOn:after_start', 'value:two_decimals']);
    expect(await t.testDb.db.query('SELECT 1 FROM commissioning_contract WHERE title = $1', [title])).toHaveLength(0);
  });

  it('is set up only by the commissioner', async () => {
    const body = {
      kind: 'contract',
      title: 'Not mine',
      service: s.serviceId,
      value: '1',
      startsOn: '2025-04-01',
      endsOn: '2026-03-31',
      monitoring: 'monthly',
    };
    expect((await s.board.postJson('/api/commissioning/contracts', body)).statusCode).toBe(403);
    expect((await s.providerStaff.postJson('/api/commissioning/contracts', body)).statusCode).toBe(403);
    expect((await s.admin.post('/commissioning/contracts/new', body)).statusCode).toBe(403);
  });
});

describe('monitoring returns', () => {
  it('flags a return below target on the contract and in the list, and shows it on the pages', async () => {
    const id = await buildContract(s, { title: 'Under-performing family support' });
    // NI 50 below its at-least 80: under target. NI 56 above its at-most 18.5 would be too; the activity is met.
    await expectStatus(
      s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q1', {}, { 'NI 50': '72.5' })),
    );
    const c = await contract(id);
    expect(c.underTarget).toBe(true);
    expect(c.returns[0]?.values.map((v) => v.underTarget)).toEqual([true, false, false]);
    const list = (await s.planner.get('/api/commissioning/contracts?under=true')).json() as { id: string }[];
    expect(list.map((x) => x.id)).toContain(id);
    const page = await s.planner.get('/commissioning/contracts');
    expect(page.body).toContain('Under-performing family support');
    expect(page.body).toContain('Under target');
    expect((await s.board.get(`/commissioning/contracts/${id}`)).body).toContain('Under target');
  });

  it('replaces a return for a period already returned, keeping the earlier one as history, audited', async () => {
    const id = await buildContract(s);
    const first = await expectStatus<{ version: number; replaced: boolean }>(
      s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q2', {}, { 'NI 56': '19' })),
    );
    expect(first).toMatchObject({ version: 1, replaced: false });
    expect((await contract(id)).underTarget).toBe(true);
    const second = await expectStatus<{ version: number; replaced: boolean }>(
      s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-07-01', { spend: '16000' })),
    );
    expect(second).toMatchObject({ version: 2, replaced: true });
    const c = await contract(id);
    expect(c.returns).toHaveLength(1);
    expect(c.underTarget).toBe(false);
    const history = await expectStatus<{ version: number; replacedAt: string | null; spendPence: number }[]>(
      s.board.get(`/api/commissioning/contracts/${id}/returns/2025-07-01`),
      200,
    );
    expect(history.map((v) => [v.version, v.replacedAt !== null, v.spendPence])).toEqual([
      [2, false, 1_600_000],
      [1, true, 1_500_000],
    ]);
    const page = await s.providerStaff.get(`/commissioning/contracts/${id}/returns/2025-07-01`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('replaced 1 time');
    const [entry] = await t.testDb.db.query<{ details: { was: { spendPence: number } } }>(
      "SELECT details FROM audit_event WHERE action = 'commissioning.return_replaced' AND subject_id = $1",
      [id],
    );
    expect(entry?.details.was.spendPence).toBe(1_500_000);
  });

  it('refuses bad money, a period outside the term or not begun, and a missing value, naming each field', async () => {
    const id = await buildContract(s);
    const refused = await s.providerStaff.postJson(
      `/api/commissioning/contracts/${id}/returns`,
      aReturn('2024-25 Q4', { spend: '10.005' }, { 'Families supported': '4.5' }),
    );
    expect(refused.statusCode).toBe(400);
    const targets = (await contract(id)).targets;
    expect(faultRules(refused).map((r) => r.replace(/value-[0-9a-f-]+/, 'value'))).toEqual([
      'period:within_term',
      'spend:two_decimals',
      'value:whole_number',
    ]);
    expect(targets).toHaveLength(3);
    const later = await s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2026-27 Q4'));
    expect(faultRules(later)).toEqual(['period:not_begun']);
    const nonsense = await s.providerStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025 Q5', { spend: '' }));
    expect(faultRules(nonsense)).toEqual(['period:period_format', 'spend:required']);
    expect((await contract(id)).returns).toHaveLength(0);
  });

  it('keeps a provider’s returns to its own staff and the commissioner', async () => {
    const id = await buildContract(s);
    const other = await s.otherStaff.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q1'));
    expect(other.statusCode).toBe(403);
    expect(problemCode(other)).toBe('not_provider_staff');
    expect((await s.otherStaff.get(`/commissioning/contracts/${id}/returns/new`)).statusCode).toBe(403);
    const board = await s.board.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q1'));
    expect(board.statusCode).toBe(403);
    // The board reads them; a practitioner of another organisation does not even see the contracts.
    expect((await s.board.get(`/api/commissioning/contracts/${id}/returns`)).statusCode).toBe(200);
    expect((await s.otherStaff.get('/commissioning/contracts')).statusCode).toBe(403);
    await expectStatus(s.planner.postJson(`/api/commissioning/contracts/${id}/returns`, aReturn('2025-26 Q1')));
    const mine = await s.providerStaff.get('/commissioning/returns');
    expect(mine.body).toContain(`/commissioning/contracts/${id}/returns/new`);
    expect((await s.otherStaff.get('/commissioning/returns')).body).not.toContain(id);
    // A return entered on the page by the provider's staff lands back on the entry page.
    const form = await s.providerStaff.get(`/commissioning/contracts/${id}/returns/new`);
    expect(form.statusCode).toBe(200);
    const fields: Record<string, string> = { period: '2025-26 Q2', spend: '£14,000.50' };
    for (const [, targetId] of form.body.matchAll(/name="value-([0-9a-f-]+)"/g)) fields[`value-${targetId}`] = '50';
    const posted = await s.providerStaff.post(`/commissioning/contracts/${id}/returns/new`, fields);
    expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
    expect(posted.headers.location).toBe(`/commissioning/contracts/${id}/returns/new?done=return`);
  });
});

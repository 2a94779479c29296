import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, problemCode } from '../helpers/builders.js';
import { aReturn, buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * A contract's targets changed and removed (ADR 0038): in place while no return has been judged against a
 * target; once one has, a change retires it and adds its replacement (earlier periods keep their judgement),
 * and a removal retires it (kept with those returns, no longer asked for). Audited before and after; the
 * commissioner's alone; bad values refused naming the field and rule.
 */

let t: TestApp;
let s: ContractScene;

type Target = { id: string; kind: string; label: string; column: string; targetValue: number; retiredAt: string | null; judged: boolean };
type Contract = { targets: Target[]; returns: { period: string; underTarget: boolean; values: { targetId: string; underTarget: boolean }[] }[] };

const contract = async (id: string) => (await s.planner.get(cp.apiContract(id))).json() as Contract;
const target = (c: Contract, column: string) => c.targets.find((x) => x.column === column && x.retiredAt === null);
const api = (id: string, targetId: string) => cp.apiContractTarget(id, targetId);
type Agent = ContractScene['planner'];
const put = (agent: Agent, url: string, body: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const del = (agent: Agent, url: string) => agent.request({ method: 'DELETE', url });
const q = <T>(sql: string, params: unknown[]) => t.testDb.db.query<T>(sql, params);

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
}, 300_000);
afterAll(async () => t.close());

describe('changing a target', () => {
  it('changes one no return was judged against in place, audited with before and after', async () => {
    const id = await buildContract(s);
    const families = target(await contract(id), 'Families supported');
    const r = await put(s.planner, api(id, families?.id ?? ''), { targetValue: '45', label: 'Families helped' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ id: families?.id, replaced: false });
    const after = target(await contract(id), 'Families helped');
    expect(after).toMatchObject({ id: families?.id, targetValue: 45, retiredAt: null });
    const [audit] = await q<{ details: { before: unknown; after: unknown } }>(
      `SELECT details FROM audit_event WHERE action = 'commissioning.contract_target_changed' AND subject_id = $1`,
      [id],
    );
    expect(audit?.details).toMatchObject({ before: { targetValue: '40', label: 'Families supported' }, after: { targetValue: '45', label: 'Families helped' } });
  });

  it('retires one a return was judged against and adds its replacement, so the earlier period keeps its judgement', async () => {
    const id = await buildContract(s);
    // 44 families against at least 40: on target. Raised to 50, the first quarter must still read on target.
    await expectStatus(s.providerStaff.postJson(`${cp.apiContract(id)}/returns`, aReturn('2025-26 Q1')));
    const families = target(await contract(id), 'Families supported');
    expect(families?.judged).toBe(true);
    const r = (await put(s.planner, api(id, families?.id ?? ''), { targetValue: 50 })).json() as { id: string; replaced: boolean };
    expect(r.replaced).toBe(true);
    expect(r.id).not.toBe(families?.id);
    const c = await contract(id);
    expect(c.targets.find((x) => x.id === families?.id)?.retiredAt).not.toBeNull();
    expect(target(c, 'Families supported')).toMatchObject({ id: r.id, targetValue: 50 });
    expect(c.returns[0]?.underTarget).toBe(false);
    // The next quarter is judged against the new value: 44 is now under target.
    await expectStatus(s.providerStaff.postJson(`${cp.apiContract(id)}/returns`, aReturn('2025-26 Q2')));
    expect((await contract(id)).returns[0]).toMatchObject({ period: '2025-26 Q2', underTarget: true });
  });

  it('refuses bad values naming the field and rule, and an unchanged one', async () => {
    const id = await buildContract(s);
    const c = await contract(id);
    const families = target(c, 'Families supported')?.id ?? '';
    const ni50 = target(c, 'NI 50')?.id ?? '';
    expect(faultRules(await put(s.planner, api(id, ni50), { targetValue: 'lots' }))).toEqual(['targetValue:number']);
    expect(faultRules(await put(s.planner, api(id, families), { targetValue: '2.5' }))).toEqual(['targetValue:whole_number']);
    expect(faultRules(await put(s.planner, api(id, ni50), { targetValue: '80' }))).toEqual(['targetValue:changes']);
    expect(faultRules(await put(s.planner, api(id, families), { targetValue: '40', label: 'NI 50' }))).toEqual([]);
    const page = await s.planner.post(cp.contractTarget(id, ni50), { targetValue: '1.23456' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('no more than 4 decimal places');
    expect(target(await contract(id), 'NI 50')?.targetValue).toBe(80);
  });
});

describe('removing a target', () => {
  it('deletes one no return was judged against, and retires one that was, which new returns no longer ask for', async () => {
    const id = await buildContract(s);
    const c = await contract(id);
    const ni56 = target(c, 'NI 56')?.id ?? '';
    expect((await del(s.planner, api(id, ni56))).json()).toEqual({ outcome: 'deleted' });
    expect(await q('SELECT 1 FROM contract_target WHERE id = $1', [ni56])).toHaveLength(0);
    await expectStatus(s.providerStaff.postJson(`${cp.apiContract(id)}/returns`, aReturn('2025-26 Q1', {}, { 'NI 56': undefined })));
    const ni50 = target(c, 'NI 50')?.id ?? '';
    expect((await del(s.planner, api(id, ni50))).json()).toEqual({ outcome: 'retired' });
    // The next return leaves NI 50 out and is taken; the retired target stays on the contract with its judgements.
    await expectStatus(
      s.providerStaff.postJson(`${cp.apiContract(id)}/returns`, { period: '2025-26 Q2', spend: '100', values: { 'Families supported': '41' } }),
    );
    const after = await contract(id);
    expect(after.targets.find((x) => x.id === ni50)?.retiredAt).not.toBeNull();
    expect(after.returns.find((r) => r.period === '2025-26 Q1')?.values.some((v) => v.targetId === ni50)).toBe(true);
    const audits = await q<{ action: string }>(`SELECT action FROM audit_event WHERE subject_id = $1 AND action LIKE 'commissioning.contract_target_%' ORDER BY occurred_at`, [id]);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['commissioning.contract_target_removed', 'commissioning.contract_target_retired']));
  });

  it('works from the target’s page, and shows retired targets on the contract', async () => {
    const id = await buildContract(s);
    await expectStatus(s.providerStaff.postJson(`${cp.apiContract(id)}/returns`, aReturn('2025-26 Q1')));
    const families = target(await contract(id), 'Families supported')?.id ?? '';
    const page = await s.planner.get(cp.contractTarget(id, families));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Retire the target');
    const done = await s.planner.post(cp.contractTargetRemove(id, families), {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${cp.contract(id)}?done=target-retired`);
    expect((await s.planner.get(cp.contract(id))).body).toContain('Retired targets');
    expect((await s.planner.get(cp.contractTarget(id, families))).statusCode).toBe(404);
  });
});

describe('who may change targets', () => {
  it('is the commissioner alone; another’s target or a decommissioned contract’s is refused', async () => {
    const id = await buildContract(s);
    const ni50 = target(await contract(id), 'NI 50')?.id ?? '';
    expect((await put(s.board, api(id, ni50), { targetValue: '1' })).statusCode).toBe(403);
    expect((await del(s.providerStaff, api(id, ni50))).statusCode).toBe(403);
    expect((await s.admin.post(cp.contractTargetRemove(id, ni50), {})).statusCode).toBe(403);
    const other = await buildContract(s);
    expect((await put(s.planner, api(other, ni50), { targetValue: '1' })).statusCode).toBe(404);
    await expectStatus(
      s.planner.postJson(`${cp.apiContract(id)}/decommission`, { decidedOn: '2026-01-14', endsOn: '2026-03-31', reasons: 'Ended', released: '0' }),
      200,
    );
    const late = await put(s.planner, api(id, ni50), { targetValue: '1' });
    expect(late.statusCode).toBe(409);
    expect(problemCode(late)).toBe('contract_decommissioned');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { expectStatus, faultRules, problemCode } from '../helpers/builders.js';
import { buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * What ADR 0038 links to contracts: the paying partner (required when no fund pays, refused when one does),
 * the resource map counting contracts paid outside funds (by partner, outcome and level of need, spread over
 * the financial years by days, never a fund-paid one twice), and decommissioning that moves the commission
 * through the cycle's own rule and records money reinvested into a fund as the paying partner's contribution.
 */

let t: TestApp;
let s: ContractScene;

type Breakdown = { rows: { key: string; byYear: number[]; total: number }[]; totals: number[]; grandTotal: number };
type ResourceMap = { years: number[]; byPartner: Breakdown; byOutcome: Breakdown; byNeedLevel: Breakdown };

const q = <T>(sql: string, params: unknown[]) => t.testDb.db.query<T>(sql, params);
async function fund(name: string): Promise<string> {
  const [row] = await q<{ id: string }>(
    `INSERT INTO fund (area_code, kind, name, host_organisation_id, starts_on, created_at, changed_at) VALUES ($1, 'pooled', $2, $3, '2024-04-01', now(), now()) RETURNING id`,
    [s.area, name, s.payer],
  );
  return row?.id ?? '';
}
const contractBody = (over: Record<string, unknown> = {}) => ({
  kind: 'contract',
  title: `Contract ${Math.random().toString(36).slice(2, 7)}`,
  service: s.serviceId,
  value: '1000.00',
  startsOn: '2025-10-01',
  endsOn: '2026-09-30',
  monitoring: 'quarterly',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
  // The scene's service serves one outcome (be healthy) at two levels of need: universal and complex.
  await q(`UPDATE area_service SET need_levels = ARRAY['universal', 'complex'] WHERE id = $1`, [s.serviceId]);
  await q('INSERT INTO area_service_aim (service_id, area_code, aim_code) VALUES ($1, $2, $3)', [s.serviceId, s.area, 'be-healthy.1']);
}, 300_000);
afterAll(async () => t.close());

describe('the partner that pays a contract', () => {
  it('is required when no fund pays, refused when one does, and must be a partner of the area', async () => {
    const pool = await fund('A pool for the refusals');
    const otherArea = await buildOrganisation(t.testDb.db, await buildArea(t.testDb.db), 'Elsewhere Council');
    const none = await s.planner.postJson(cp.apiContracts, contractBody());
    expect(none.statusCode).toBe(400);
    expect(faultRules(none)).toEqual(['payingOrganisationId:required']);
    expect(faultRules(await s.planner.postJson(cp.apiContracts, contractBody({ fundId: pool, payingOrganisationId: s.payer })))).toEqual([
      'payingOrganisationId:one_payer',
    ]);
    expect(faultRules(await s.planner.postJson(cp.apiContracts, contractBody({ payingOrganisationId: otherArea })))).toEqual([
      'payingOrganisationId:in_area',
    ]);
    const page = await s.planner.post(cp.contractNew, contractBody());
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Select the partner that pays for the contract');
    // From a fund with no paying partner, it is taken.
    await expectStatus(s.planner.postJson(cp.apiContracts, contractBody({ fundId: pool })));
  });

  it('is shown on the contract, in the API and on its page', async () => {
    const id = await buildContract(s);
    const c = (await s.board.get(cp.apiContract(id))).json() as { payingOrganisationId: string; payingPartnerName: string };
    expect(c).toMatchObject({ payingOrganisationId: s.payer, payingPartnerName: 'Kestrel County Council' });
    expect((await s.board.get(cp.contract(id))).body).toContain('Kestrel County Council');
    expect((await s.planner.get(cp.contractNew)).body).toContain('Partner that pays for it');
  });
});

describe('the resource map and contracts paid outside funds', () => {
  it('counts one at its value spread over its financial years by days, by partner, outcome and level; a fund-paid one not again', async () => {
    const a = await contractScene(t);
    await q(`UPDATE area_service SET need_levels = ARRAY['universal', 'complex'] WHERE id = $1`, [a.serviceId]);
    await q('INSERT INTO area_service_aim (service_id, area_code, aim_code) VALUES ($1, $2, $3)', [a.serviceId, a.area, 'be-healthy.1']);
    // 1 October 2025 to 30 September 2026: 182 days in 2025-26, 183 in 2026-27. £1,000 is 49,863p and 50,137p.
    await expectStatus(a.planner.postJson(cp.apiContracts, { ...contractBody(), service: a.serviceId, payingOrganisationId: a.payer }));
    const [pool] = await q<{ id: string }>(
      `INSERT INTO fund (area_code, kind, name, host_organisation_id, starts_on, created_at, changed_at) VALUES ($1, 'pooled', 'Pool', $2, '2024-04-01', now(), now()) RETURNING id`,
      [a.area, a.payer],
    );
    await expectStatus(a.planner.postJson(cp.apiContracts, { ...contractBody({ value: '5000.00' }), service: a.serviceId, fundId: pool?.id }));
    const map = (await a.board.get(cp.apiResourceMap)).json() as ResourceMap;
    expect(map.years).toEqual([2025, 2026]);
    expect(map.byPartner.rows).toEqual([expect.objectContaining({ key: a.payer, byYear: [49_863, 50_137], total: 100_000 })]);
    const row = (b: Breakdown, key: string) => b.rows.find((r) => r.key === key)?.byYear;
    expect(row(map.byOutcome, 'be-healthy')).toEqual([49_863, 50_137]);
    expect(row(map.byNeedLevel, 'universal')).toEqual([24_932, 25_069]);
    expect(row(map.byNeedLevel, 'complex')).toEqual([24_931, 25_068]);
    for (const b of [map.byOutcome, map.byNeedLevel]) expect(b.totals).toEqual(map.byPartner.totals);
    expect(row(map.byOutcome, 'not-committed')).toEqual([0, 0]);
    const csv = await a.board.get(cp.resourceMapCsv);
    expect(csv.body).toContain('Kestrel County Council');
  });

  it('counts a decommissioned one at its value less the money released, and what went to another service on that service', async () => {
    const a = await contractScene(t);
    const id = (
      await expectStatus(
        a.planner.postJson(cp.apiContracts, {
          ...contractBody({ value: '3650.00', startsOn: '2025-04-01', endsOn: '2027-03-31' }),
          service: a.serviceId,
          payingOrganisationId: a.payer,
        }),
      )
    ).id;
    await expectStatus(
      a.planner.postJson(`${cp.apiContract(id)}/decommission`, {
        decidedOn: '2026-01-10',
        endsOn: '2026-03-31',
        reasons: 'Moved into early help',
        released: '1825.00',
        reinvestments: [{ destination: 'service', toServiceId: a.preventionServiceId, amount: '1000.00', prevention: true }],
      }),
      200,
    );
    const map = (await a.board.get(cp.apiResourceMap)).json() as ResourceMap;
    // 365,000 − 182,500 over 2025-26 alone; then 100,000 on the prevention hub over 2026-27.
    expect(map.byPartner.rows).toEqual([expect.objectContaining({ key: a.payer, byYear: [182_500, 100_000] })]);
  });
});

describe('decommissioning a contract, linked', () => {
  const decommission = (over: Record<string, unknown> = {}) => ({
    decidedOn: '2026-01-14',
    endsOn: '2026-03-31',
    reasons: 'Replaced by early help',
    released: '40000.00',
    ...over,
  });
  const commissionAt = async (stage: string) => {
    const { id } = await expectStatus(s.planner.postJson(cp.apiCommissions, { level: 'operational', title: `Family support ${stage}` }));
    await q('UPDATE commission SET stage = $2 WHERE id = $1', [id, stage]);
    return id;
  };

  it('moves the commission to decommissioning through the cycle and books money reinvested into a fund as the payer’s contribution', async () => {
    const commissionId = await commissionAt('review');
    const pool = await fund('Early help pool');
    const id = await buildContract(s, { commissionId });
    const r = await s.planner.postJson(
      `${cp.apiContract(id)}/decommission`,
      decommission({ reinvestments: [{ destination: 'fund', toFundId: pool, amount: '25000.00', prevention: true }] }),
    );
    expect(r.statusCode, r.body).toBe(200);
    const links = r.json() as { commissionMoved: boolean; contributionIds: string[] };
    expect(links.commissionMoved).toBe(true);
    expect(links.contributionIds).toHaveLength(1);
    const commission = (await s.planner.get(cp.apiCommission(commissionId))).json() as {
      commission: { stage: string };
      moves: { toStage: string; reason: string }[];
    };
    expect(commission.commission.stage).toBe('decommissioning');
    expect(commission.moves.find((m) => m.toStage === 'decommissioning')?.reason).toContain('Replaced by early help');
    // The fund records it as the paying partner's money for the year after the contract ends (1 April 2026: 2026-27).
    const contributions = await q<{ organisation_id: string; financial_year: number; kind: string; amount_pence: string }>(
      'SELECT organisation_id, financial_year, kind, amount_pence::text FROM fund_contribution WHERE fund_id = $1',
      [pool],
    );
    expect(contributions).toEqual([{ organisation_id: s.payer, financial_year: 2026, kind: 'money', amount_pence: '2500000' }]);
    const audited = await q<{ action: string }>(
      `SELECT action FROM audit_event WHERE subject_id IN ($1, $2, $3) ORDER BY action`,
      [id, commissionId, pool],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['commissioning.contract_decommissioned', 'commissioning.stage_moved', 'fund.contribution_recorded']),
    );
  });

  it('is refused, saving nothing, when the commission is not at review: the cycle’s own rule, named', async () => {
    const commissionId = await commissionAt('monitoring');
    const id = await buildContract(s, { commissionId });
    const r = await s.planner.postJson(`${cp.apiContract(id)}/decommission`, decommission());
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['commission:one_at_a_time']);
    expect(await q('SELECT 1 FROM contract_decommission WHERE contract_id = $1', [id])).toHaveLength(0);
    const page = await s.planner.post(cp.contractDecommission(id), decommission());
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('cannot move to decommissioning');
  });

  it('leaves the commission where it is while another of its contracts runs', async () => {
    const commissionId = await commissionAt('review');
    const first = await buildContract(s, { commissionId });
    await buildContract(s, { commissionId, endsOn: '2099-03-31' });
    const r = await s.planner.postJson(`${cp.apiContract(first)}/decommission`, decommission());
    expect(r.json()).toMatchObject({ commissionMoved: false, commissionStaysBecause: 'other_contracts_running' });
    const [row] = await q<{ stage: string }>('SELECT stage FROM commission WHERE id = $1', [commissionId]);
    expect(row?.stage).toBe('review');
  });

  it('refuses money from a fund-paid contract as a new contribution to a fund, naming the field and rule', async () => {
    const pool = await fund('Paying pool');
    const { id } = await expectStatus(s.planner.postJson(cp.apiContracts, contractBody({ fundId: pool, startsOn: '2025-04-01' })));
    const r = await s.planner.postJson(
      `${cp.apiContract(id)}/decommission`,
      decommission({ endsOn: '2026-03-31', released: '100.00', reinvestments: [{ destination: 'fund', toFundId: pool, amount: '100.00' }] }),
    );
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['toFundId:paid_outside_funds']);
    expect(problemCode(r)).toBe('validation_failed');
    expect(await q('SELECT 1 FROM fund_contribution WHERE fund_id = $1', [pool])).toHaveLength(0);
  });
});

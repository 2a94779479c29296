import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { expectStatus, faultRules, problemCode } from '../helpers/builders.js';
import { contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * ADR 0038: a contract set up before migration 0062 names no paying partner, so the resource map cannot count
 * it under one. The commissioner records it on the contract's paying partner page (or PUT in the API), under
 * the rules of setting one up, audited before and after; nobody else may, and a fund-paid contract names none.
 */

let t: TestApp;
let s: ContractScene;
let other: string;

const q = <T>(sql: string, params: unknown[]) => t.testDb.db.query<T>(sql, params);
const putJson = (agent: ContractScene['planner'], url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });

/** A contract paid outside any fund, as one set up before migration 0062 is: no paying partner. */
async function contractBefore0062(): Promise<string> {
  const { id } = await expectStatus(
    s.planner.postJson(cp.apiContracts, {
      kind: 'contract',
      title: `Older contract ${Math.random().toString(36).slice(2, 7)}`,
      service: s.serviceId,
      payingOrganisationId: s.payer,
      value: '1000.00',
      startsOn: '2025-10-01',
      endsOn: '2026-09-30',
      monitoring: 'quarterly',
    }),
  );
  await t.testDb.asOwner((owner) => owner.query('UPDATE commissioning_contract SET paying_organisation_id = NULL WHERE id = $1', [id]));
  return id;
}
const payerOf = async (id: string) =>
  (await q<{ paying_organisation_id: string | null }>('SELECT paying_organisation_id FROM commissioning_contract WHERE id = $1', [id]))[0]
    ?.paying_organisation_id;
const audits = (id: string) =>
  q<{ details: { before: { payingOrganisationId: string | null }; after: { payingOrganisationId: string } }; actor_user_id: string }>(
    `SELECT details, actor_user_id FROM audit_event WHERE action = 'commissioning.contract_payer_set' AND subject_id = $1 ORDER BY seq`,
    [id],
  );

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
  other = await buildOrganisation(t.testDb.db, s.area, 'Kestrel Health Trust');
}, 300_000);
afterAll(async () => t?.close());

describe('recording the partner that pays a contract set up before migration 0062', () => {
  it('is offered to the commissioner on the contract, and saved through the page with its audit entry', async () => {
    const id = await contractBefore0062();
    const contract = await s.planner.get(cp.contract(id));
    expect(contract.body).toContain('Not recorded');
    expect(contract.body).toContain(`href="${cp.contractPayer(id)}"`);
    expect((await s.board.get(cp.contract(id))).body).not.toContain(cp.contractPayer(id));

    const form = await s.planner.get(cp.contractPayer(id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('set up before the paying partner was asked for');
    const saved = await s.planner.postAndFollow(cp.contractPayer(id), { payingOrganisationId: s.payer });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Paying partner saved');
    expect(saved.body).toContain('Kestrel County Council');
    expect(await payerOf(id)).toBe(s.payer);
    expect(await audits(id)).toEqual([
      { details: { before: { payingOrganisationId: null }, after: { payingOrganisationId: s.payer } }, actor_user_id: s.planner.user.id },
    ]);
    // The resource map now counts it under that partner.
    const map = (await s.board.get(cp.apiResourceMap)).json() as { byPartner: { rows: { key: string; total: number }[] } };
    expect(map.byPartner.rows).toEqual(expect.arrayContaining([expect.objectContaining({ key: s.payer, total: 100_000 })]));
  });

  it('shows the form again naming the field and the rule for no partner or another area’s, changing nothing', async () => {
    const id = await contractBefore0062();
    await s.planner.get(cp.contractPayer(id));
    const none = await s.planner.post(cp.contractPayer(id), { payingOrganisationId: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<a href="#payingOrganisationId">Select the partner that pays for the contract</a>');
    expect(none.body).not.toContain('or the fund that pays for it');
    const elsewhere = await buildOrganisation(t.testDb.db, await buildArea(t.testDb.db), 'Elsewhere Council');
    const wrong = await s.planner.post(cp.contractPayer(id), { payingOrganisationId: elsewhere });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Select a partner organisation of this area');
    expect(faultRules(await putJson(s.planner, cp.apiContractPayer(id), { payingOrganisationId: 'not-an-id' }))).toEqual([
      'payingOrganisationId:in_area',
    ]);
    expect(await payerOf(id)).toBeNull();
    expect(await audits(id)).toEqual([]);
  });

  it('corrects a partner through the API, audited before and after; saving the same partner again records nothing', async () => {
    const id = await contractBefore0062();
    expect((await putJson(s.planner, cp.apiContractPayer(id), { payingOrganisationId: s.payer })).statusCode).toBe(204);
    expect((await putJson(s.planner, cp.apiContractPayer(id), { payingOrganisationId: other })).statusCode).toBe(204);
    expect((await putJson(s.planner, cp.apiContractPayer(id), { payingOrganisationId: other })).statusCode).toBe(204);
    expect(await payerOf(id)).toBe(other);
    expect((await audits(id)).map((a) => a.details)).toEqual([
      { before: { payingOrganisationId: null }, after: { payingOrganisationId: s.payer } },
      { before: { payingOrganisationId: s.payer }, after: { payingOrganisationId: other } },
    ]);
    const page = await s.planner.get(cp.contract(id));
    expect(page.body).toContain('Kestrel Health Trust');
    expect(page.body).toMatch(/Change<span class="govuk-visually-hidden"> the paying partner<\/span>/);
  });

  it('is the commissioner’s alone, and refused for a contract paid from a fund', async () => {
    const id = await contractBefore0062();
    for (const agent of [s.board, s.providerStaff, s.admin]) {
      expect((await agent.get(cp.contractPayer(id))).statusCode).toBe(403);
      expect((await putJson(agent, cp.apiContractPayer(id), { payingOrganisationId: s.payer })).statusCode).toBe(403);
    }
    // Another area's commissioner finds no such contract.
    const elsewhere = await contractScene(t);
    const foreign = await putJson(elsewhere.planner, cp.apiContractPayer(id), { payingOrganisationId: s.payer });
    expect([foreign.statusCode, problemCode(foreign)]).toEqual([404, 'not_found']);
    expect(await payerOf(id)).toBeNull();

    const [pool] = await q<{ id: string }>(
      `INSERT INTO fund (area_code, kind, name, host_organisation_id, starts_on, created_at, changed_at)
       VALUES ($1, 'pooled', 'The CAMHS pool', $2, '2024-04-01', now(), now()) RETURNING id`,
      [s.area, s.payer],
    );
    const { id: funded } = await expectStatus(
      s.planner.postJson(cp.apiContracts, {
        kind: 'contract',
        title: 'Paid from the pool',
        service: s.serviceId,
        fundId: pool?.id,
        value: '500.00',
        startsOn: '2025-10-01',
        endsOn: '2026-09-30',
        monitoring: 'quarterly',
      }),
    );
    expect(faultRules(await putJson(s.planner, cp.apiContractPayer(funded), { payingOrganisationId: s.payer }))).toEqual([
      'payingOrganisationId:one_payer',
    ]);
    const page = await s.planner.get(cp.contractPayer(funded));
    expect(page.body).toContain('This contract is paid from The CAMHS pool');
    expect(page.body).not.toContain('name="payingOrganisationId"');
    expect((await s.planner.get(cp.contract(funded))).body).not.toContain(cp.contractPayer(funded));
    expect(await payerOf(funded)).toBeNull();
  });
});

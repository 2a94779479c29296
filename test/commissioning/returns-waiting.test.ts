import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { returnsDue } from '../../src/commissioning/contracts/waiting.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, type SignedIn } from '../helpers/builders.js';
import { aReturn, buildContract, contractScene, type ContractScene } from './contracts-fixture.js';

/**
 * The home page points a provider's staff to /commissioning/returns with the number of monitoring returns
 * due from their organisation (ADR 0038): periods ended within the term with no return, none on a
 * decommissioned contract; nobody else is pointed there.
 */

let t: TestApp;
let s: ContractScene;

async function waitingOn(agent: SignedIn): Promise<string[]> {
  const page = await agent.get(paths.home);
  expect(page.statusCode).toBe(200);
  return [
    ...page.body.matchAll(/<dt class="govuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*(\d+)/g),
  ].map((m) => `${m[1]}: ${m[2]}`);
}

beforeAll(async () => {
  t = await createTestApp();
  s = await contractScene(t);
}, 300_000);
afterAll(async () => t.close());

describe('returns due, on the home page', () => {
  it('counts the ended periods of the term with no return, for the provider’s own staff only, linking to their returns', async () => {
    // A year's contract long past: four quarters due, one returned.
    const id = await buildContract(s, { startsOn: '2020-04-01', endsOn: '2021-03-31' });
    await expectStatus(s.providerStaff.postJson(`${cp.apiContract(id)}/returns`, aReturn('2020-21 Q2')));
    expect(await waitingOn(s.providerStaff)).toContain('Monitoring returns due from your organisation: 3');
    const home = await s.providerStaff.get(paths.home);
    expect(home.body).toContain(`href="${cp.providerReturns}"`);
    for (const agent of [s.otherStaff, s.planner, s.board]) expect((await waitingOn(agent)).join()).not.toContain('Monitoring returns due');
    // Decommissioned, it takes no more returns: none is due.
    await expectStatus(
      s.planner.postJson(`${cp.apiContract(id)}/decommission`, { decidedOn: '2021-01-10', endsOn: '2021-03-31', reasons: 'Ended', released: '0' }),
      200,
    );
    expect((await waitingOn(s.providerStaff)).join()).not.toContain('Monitoring returns due');
  });
});

describe('the count of returns due', () => {
  it('takes periods ended before today within the term, monthly or quarterly, less those returned', () => {
    const quarterly = { monitoring: 'quarterly' as const, starts_on: '2025-04-01', ends_on: '2027-03-31', returned: ['2025-04-01'] };
    // On 4 December 2026: 2025-26 Q1 to 2026-27 Q2 have ended (6), one returned; 2026-27 Q3 ends on 31 December.
    expect(returnsDue([quarterly], '2026-12-04')).toBe(5);
    expect(returnsDue([quarterly], '2026-10-01')).toBe(5);
    expect(returnsDue([quarterly], '2026-09-30')).toBe(4);
    expect(returnsDue([{ monitoring: 'monthly', starts_on: '2026-01-15', ends_on: '2026-03-31', returned: null }], '2026-12-04')).toBe(3);
    expect(returnsDue([{ ...quarterly, starts_on: '2027-01-01' }], '2026-12-04')).toBe(0);
  });
});

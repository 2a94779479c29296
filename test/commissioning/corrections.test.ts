import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp, type Entry, type Fund, type FundStatement } from '../../src/commissioning/index.js';
import type { Contribution } from '../../src/commissioning/funds/types.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildOrganisation } from '../helpers/factories.js';
import { buildScene, type Scene } from '../governance/scene.js';
import { boardDecision } from './board-decision.js';

/**
 * The rest of funds (ADR 0033): corrections by reversing entries (whole or part, with a reason, audited, once
 * only, never a reversal of a reversal, never more than the original or than a commitment awaits), statements
 * and the resource map netting them to the penny; a pool's agreement agreed by citing the board's decision,
 * with the members' declared interests in the services in scope named only to those who see the board's
 * business; aligned budgets' holders added and removed on their page.
 */

let t: TestApp;
let s: Scene;
let planner: SignedIn;
let holder: SignedIn;
let pct = '';
let fundId = '';
let decisionId = '';
let youthWork = '';

const statement = async (id = fundId) => expectStatus<FundStatement>(planner.get(cp.apiFundStatement(id)), 200);
const entries = async (id = fundId) => expectStatus<Entry[]>(planner.get(cp.apiFundEntries(id)), 200);
const book = (body: Record<string, unknown>) => planner.postJson(cp.apiFundEntries(fundId), { kind: 'spend', serviceId: s.familySupport, onDay: '2025-06-01', ...body });
const reverse = (entryId: string, body: Record<string, unknown> = { reason: 'Booked in error' }, id = fundId) => planner.postJson(cp.apiFundEntryReversal(id, entryId), body);
const audits = async (action: string) =>
  t.testDb.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_event WHERE action = $1 AND subject_id = $2 ORDER BY seq`, [action, fundId]);

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  pct = await buildOrganisation(t.testDb.db, s.area, `PCT ${s.area}`);
  planner = await signedIn(t, 'planner', { areaCode: s.area, organisationId: s.orgB });
  holder = await signedIn(t, 'practice_manager', { areaCode: s.area, organisationId: pct });
  youthWork = (await t.testDb.db.query<{ id: string }>(`SELECT id FROM area_service WHERE area_code = $1 AND name = 'Youth work'`, [s.area]))[0]?.id ?? '';
  // The board agrees the pool on an item naming Family support, provided by organisation A; Morgan One, its
  // trustee, withdraws.
  created(await s.agents.m1.postJson('/api/governance/interests', { organisationId: s.orgA, nature: 'Trustee', fromOn: '2024-06-01' }));
  decisionId = await boardDecision(s, { heldOn: '2025-03-12', title: 'CAMHS pool: the agreement', serviceIds: [s.familySupport], withdrew: [s.seats.m1] });
  ({ id: fundId } = await expectStatus(planner.postJson(cp.apiFunds, { kind: 'pooled', name: 'CAMHS pool', hostOrganisationId: s.orgB, startsOn: '2025-04-01', endsOn: '2028-03-31' })));
  await expectStatus(
    planner.postJson(cp.apiFundAgreements(fundId), {
      purpose: 'Emotional health',
      serviceIds: [s.familySupport, youthWork],
      startsOn: '2025-04-01',
      endsOn: '2028-03-31',
      exitTerms: 'A year’s notice',
      governance: 'The trust board',
    }),
  );
}, 300_000);
afterAll(async () => t?.close());

function created(r: { statusCode: number; body: string }): string {
  expect(r.statusCode, r.body).toBe(201);
  return (JSON.parse(r.body) as { id: string }).id;
}

describe('a pool’s agreement tied to the board’s decision', () => {
  it('is agreed only citing a decision of one of the area’s bodies', async () => {
    expect(faultRules(await planner.postJson(cp.apiFundAgreementAgree(fundId, 1), {}))).toEqual(['decisionId:required']);
    expect(faultRules(await planner.postJson(cp.apiFundAgreementAgree(fundId, 1), { decisionId: '00000000-0000-4000-8000-000000000000' }))).toEqual([
      'decisionId:known_decision',
    ]);
    await expectStatus(planner.postJson(cp.apiFundAgreementAgree(fundId, 1), { agreedOn: '2025-03-20', decisionId }), 204);
    const fund = await expectStatus<Fund>(planner.get(cp.apiFund(fundId)), 200);
    expect(fund.agreements[0]).toMatchObject({ status: 'in_force', decisionId });
    const [audit] = await audits('fund.agreement_agreed');
    expect(audit?.details).toMatchObject({ version: 1, decisionId });
  });

  it('names the members with an interest in the services in scope, and whether they withdrew, only to those who see the board’s business', async () => {
    const member = await expectStatus<{ interests: { personName: string; part: string }[] | null; withdrewCount: number }>(
      s.agents.m2.get(cp.apiFundAgreementDecision(fundId, 1)),
      200,
    );
    // Max Two sits on the board (and board members read commissioning): the names are theirs to see.
    expect(member?.interests).toEqual([expect.objectContaining({ personName: 'Morgan One', part: 'withdrew' })]);
    const outsider = await expectStatus<{ interests: unknown; interestedCount: number; withdrewCount: number }>(planner.get(cp.apiFundAgreementDecision(fundId, 1)), 200);
    expect(outsider).toMatchObject({ interests: null, interestedCount: 1, withdrewCount: 1 });
    const page = await s.agents.m2.get(cp.fund(fundId));
    expect(page.body).toContain('Members with a declared interest in the services in the fund’s scope and their providers');
    expect(page.body).toContain('Morgan One');
    const plannerPage = await planner.get(cp.fund(fundId));
    expect(plannerPage.body).not.toContain('Morgan One');
    expect(plannerPage.body).toContain('1 member had a declared interest');
  });
});

describe('reversing bookings', () => {
  beforeAll(async () => {
    for (const [organisationId, amount] of [[s.orgB, '1000'], [pct, '500']] as const)
      created(await planner.postJson(cp.apiFundContributions(fundId), { organisationId, financialYear: 2025, kind: 'money', amount }));
  });

  it('reverses a spend whole with its reason, once, audited, and the statement nets it to the penny', async () => {
    const spend = created(await book({ amount: '123.45' }));
    expect(faultRules(await reverse(spend, {}))).toEqual(['reason:required']);
    expect(faultRules(await reverse(spend, { reason: 'Wrong fund', amount: '123.46' }))).toEqual(['amount:exceeds_original']);
    const reversal = created(await reverse(spend, { reason: 'Booked to the wrong fund' }));
    const again = await reverse(spend);
    expect(again.statusCode).toBe(409);
    expect(faultRules(again)).toEqual(['entryId:reversed_once']);
    expect(faultRules(await reverse(reversal))).toEqual(['entryId:reversal_not_reversed']);
    const rows = await entries();
    expect(rows.find((e) => e.id === reversal)).toMatchObject({ amountPence: -12_345, reversesEntryId: spend, reversalReason: 'Booked to the wrong fund' });
    expect(rows.find((e) => e.id === spend)?.reversedById).toBe(reversal);
    expect((await statement()).total).toMatchObject({ contributedPence: 150_000, spentPence: 0, committedPence: 0, remainingPence: 150_000 });
    const [audit] = await audits('fund.entry_reversed');
    expect(audit?.details).toMatchObject({ entryId: spend, reversalId: reversal, amountPence: 12_345, reason: 'Booked to the wrong fund' });
  });

  it('releases what a commitment still awaits, never what was paid, and a reversed payment makes the commitment await it again', async () => {
    const commitment = created(await book({ kind: 'commitment', amount: '300' }));
    const payment = created(await book({ amount: '100', settlesEntryId: commitment }));
    expect(faultRules(await reverse(commitment, { reason: 'Contract ended early', amount: '250' }))).toEqual(['amount:exceeds_original']);
    created(await reverse(payment, { reason: 'The invoice was cancelled' }));
    // The payment reversed: the commitment awaits all £300 again.
    expect((await statement()).total).toMatchObject({ committedPence: 30_000, spentPence: 0 });
    created(await reverse(commitment, { reason: 'Contract ended early', amount: '200' }));
    expect((await statement()).total).toMatchObject({ committedPence: 10_000, spentPence: 0, remainingPence: 140_000 });
    // A later payment may draw only on what the commitment still awaits.
    const over = await book({ amount: '100.01', settlesEntryId: commitment });
    expect(faultRules(over)).toEqual(['amount:more_than_committed']);
  });

  it('lets the fund’s budget holders reverse bookings, and refuses a reversal to those who may not book', async () => {
    await planner.request({ method: 'PUT', url: cp.apiFundBudgetHolders(fundId), payload: JSON.stringify({ userIds: [holder.user.id] }), headers: { 'content-type': 'application/json' } });
    const spend = created(await book({ amount: '1' }));
    created(await holder.postJson(cp.apiFundEntryReversal(fundId, spend), { reason: 'Duplicate' }));
    const other = await signedIn(t, 'practice_manager', { areaCode: s.area });
    expect((await other.postJson(cp.apiFundEntryReversal(fundId, spend), { reason: 'x' })).statusCode).toBe(403);
    expect((await s.agents.m2.postJson(cp.apiFundEntryReversal(fundId, spend), { reason: 'x' })).statusCode).toBe(403);
  });

  it('reverses through the page, keeping what was typed when refused, and shows the reversal beside the original', async () => {
    const spend = created(await book({ amount: '42', description: 'Drop-in sessions' }));
    expect((await planner.get(cp.fundEntryReverse(fundId, spend))).statusCode).toBe(200);
    const refused = await planner.post(cp.fundEntryReverse(fundId, spend), { amount: '42.001', reason: 'Typed twice' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Typed twice');
    const done = await planner.post(cp.fundEntryReverse(fundId, spend), { amount: '', reason: 'Typed twice' });
    expect(done.statusCode).toBe(303);
    const page = await planner.get(cp.fund(fundId));
    expect(page.body).toContain('Reversal: Typed twice');
    expect(page.body).toContain('-£42.00');
    // Each row not yet reversed offers its reversal; a reversed one and a reversal say so.
    expect(page.body).toContain('Reverse<span class="govuk-visually-hidden">');
    expect(page.body).not.toContain(`href="${cp.fundEntryReverse(fundId, spend)}"`);
    expect(page.body).toContain('A reversal');
    expect(page.body).toContain(`href="${cp.fund(fundId)}/contributions/`);
  });
});

describe('reversing contributions', () => {
  it('reverses money not yet booked, refuses what is committed or spent, and counts an unvalued contribution in kind out', async () => {
    const contributions = await expectStatus<Contribution[]>(planner.get(cp.apiFundContributions(fundId)), 200);
    const pctMoney = contributions.find((c) => c.organisationId === pct && c.kind === 'money')?.id ?? '';
    // £1,500 put in; £100 still committed, nothing spent once the reversals net: the PCT's £500 can go.
    created(await planner.postJson(cp.apiFundContributionReversal(fundId, pctMoney), { reason: 'The PCT withdrew its money before it was used' }));
    expect((await statement()).total).toMatchObject({ contributedPence: 100_000, committedPence: 10_000, remainingPence: 90_000 });
    expect(faultRules(await planner.postJson(cp.apiFundContributionReversal(fundId, pctMoney), { reason: 'Again' }))).toEqual(['contributionId:reversed_once']);
    const rooms = created(await planner.postJson(cp.apiFundContributions(fundId), { organisationId: s.orgA, financialYear: 2025, kind: 'accommodation', description: 'Rooms' }));
    expect((await statement()).total.inKindUnvalued).toBe(1);
    expect(faultRules(await planner.postJson(cp.apiFundContributionReversal(fundId, rooms), { reason: 'Never given', amount: '10' }))).toEqual(['amount:unvalued']);
    created(await planner.postJson(cp.apiFundContributionReversal(fundId, rooms), { reason: 'Never given' }));
    expect((await statement()).total.inKindUnvalued).toBe(0);
    expect((await holder.postJson(cp.apiFundContributionReversal(fundId, rooms), { reason: 'x' })).statusCode).toBe(403);
    // The council's £1,000 while £100 is committed: reversing it all is refused, naming what is left.
    const council = contributions.find((c) => c.organisationId === s.orgB && c.kind === 'money')?.id ?? '';
    const refused = await planner.postJson(cp.apiFundContributionReversal(fundId, council), { reason: 'Withdrawn' });
    expect(refused.statusCode).toBe(409);
    expect(faultRules(refused)).toEqual(['amount:already_booked']);
  });
});

describe('aligned budgets: one booking path, holders on the page', () => {
  let aligned = '';
  beforeAll(async () => {
    ({ id: aligned } = await expectStatus(planner.postJson('/api/commissioning/aligned-budgets', { name: 'Parenting', purpose: 'Parenting support', startsOn: '2025-04-01' })));
    await expectStatus(planner.postJson(`/api/commissioning/aligned-budgets/${aligned}/budgets`, { organisationId: pct, financialYear: 2025, amountPence: 10_000 }));
  });

  it('books through funds’ booking with its rules and audit, and reverses on the partner’s line', async () => {
    const id = created(await planner.postJson(`/api/commissioning/aligned-budgets/${aligned}/entries`, { organisationId: pct, serviceId: youthWork, amountPence: 6_000, onDay: '2025-05-01' }));
    const [audit] = await t.testDb.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE subject_id = $1 AND details->>'entryId' = $2`, [aligned, id]);
    expect(audit?.action).toBe('fund.spend_booked');
    const over = await planner.postJson(cp.apiFundEntries(aligned), { kind: 'spend', organisationId: pct, serviceId: youthWork, amountPence: 4_001, onDay: '2025-05-02' });
    expect(over.statusCode).toBe(409);
    expect(faultRules(over)).toEqual(['amount:exceeds_remaining']);
    created(await reverse(id, { reason: 'Wrong partner' }, aligned));
    created(await planner.postJson(cp.apiFundEntries(aligned), { kind: 'spend', organisationId: pct, serviceId: youthWork, amountPence: 10_000, onDay: '2025-05-02' }));
    const st = await statement(aligned);
    expect(st.partners[0]?.total).toMatchObject({ contributedPence: 10_000, spentPence: 10_000, remainingPence: 0 });
    const list = await planner.get(cp.funds);
    expect(list.body).toContain(`href="${cp.alignedBudget(aligned)}"`);
  });

  it('adds and removes budget holders on the page, audited, and the holder books only while named', async () => {
    const manager = await signedIn(t, 'practice_manager', { areaCode: s.area, displayName: 'Robin Holder' });
    const bookAs = () => manager.postJson(`/api/commissioning/aligned-budgets/${aligned}/entries`, { organisationId: pct, serviceId: youthWork, amountPence: 1, onDay: '2025-05-03' });
    expect((await bookAs()).statusCode).toBe(403);
    const refused = await planner.post(cp.alignedBudgetHolders(aligned), { userId: '' });
    expect(refused.statusCode).toBe(400);
    expect((await planner.post(cp.alignedBudgetHolders(aligned), { userId: manager.user.id })).statusCode).toBe(303);
    const page = await planner.get(cp.alignedBudget(aligned));
    expect(page.body).toContain('Robin Holder');
    expect((await bookAs()).statusCode).toBe(409); // now a holder: refused only because the line is spent
    expect((await planner.post(cp.alignedBudgetHolderRemove(aligned, manager.user.id), {})).statusCode).toBe(303);
    expect((await bookAs()).statusCode).toBe(403);
    const actions = await t.testDb.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE subject_id = $1 AND action LIKE 'fund.budget_holder_%' ORDER BY seq`, [aligned]);
    expect(actions.map((a) => a.action)).toEqual(['fund.budget_holder_added', 'fund.budget_holder_removed']);
    expect((await holder.post(cp.alignedBudgetHolders(aligned), { userId: manager.user.id })).statusCode).toBe(403);
  });
});

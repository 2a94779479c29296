import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp, type FundStatement } from '../../src/commissioning/index.js';
import type { Fund } from '../../src/commissioning/funds/types.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { faultRules, problemCode, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { buildScene } from '../governance/scene.js';
import { boardDecision } from './board-decision.js';

/**
 * Pooled funds (issue 17 item 4; ADR 0028) through the API and pages, as a commissioner sets one up: a fund hosted
 * by the council with the PCT's money and a voluntary partner's staff and rooms in kind, its agreement's scope
 * enforced (000 §2.49), its term, amounts typed with too many decimals or negative, the YOT head's approval
 * (000 §2.51), a variation keeping the history, budget holders, statements to the penny, refusals by role.
 */

let t: TestApp;
let area: string;
let planner: SignedIn;
let holder: SignedIn;
let otherManager: SignedIn;
let board: SignedIn;
let practitioner: SignedIn;
const org: Record<'la' | 'pct' | 'vol' | 'yot', string> = { la: '', pct: '', vol: '', yot: '' };
const service: Record<'family' | 'salt' | 'youthWork' | 'yotService', string> = { family: '', salt: '', youthWork: '', yotService: '' };
let fundId = '';
let decisionId = '';

const json = <T>(r: { statusCode: number; body: string }, status: number): T => {
  expect(r.statusCode, r.body).toBe(status);
  return (r.body ? JSON.parse(r.body) : undefined) as T;
};
const put = (agent: SignedIn, url: string, body: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const messages = (r: { json(): unknown }): string[] => ((r.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const scene = await buildScene(t);
  area = scene.area;
  decisionId = await boardDecision(scene, { serviceIds: [] });
  org.la = await buildOrganisation(db, area, `Council ${area}`);
  org.pct = await buildOrganisation(db, area, `PCT ${area}`);
  org.vol = await buildOrganisation(db, area, `Voluntary Action ${area}`);
  org.yot = await buildOrganisation(db, area, `Youth Offending Service ${area}`);
  await t.testDb.asOwner((o) => o.query(`UPDATE organisation SET sector = 'youth offending' WHERE id = $1`, [org.yot]));
  const id = async (name: string) => (await db.query<{ id: string }>('SELECT id FROM area_service WHERE area_code = $1 AND name = $2', [area, name]))[0]?.id ?? '';
  service.family = await id('Family support');
  service.salt = await id('Speech and language therapy');
  service.youthWork = await id('Youth work');
  service.yotService = await id('Youth Crime Prevention');
  await t.testDb.asOwner((o) => o.query(`UPDATE area_service SET service_type = 'youth_offending' WHERE id = $1`, [service.yotService]));
  planner = await signedIn(t, 'planner', { areaCode: area, organisationId: org.la });
  holder = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: org.pct });
  otherManager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: org.pct });
  board = await signedIn(t, 'board_member', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
}, 120_000);
afterAll(async () => t?.close());

const book = (agent: SignedIn, body: Record<string, unknown>) => agent.postJson(cp.apiFundEntries(fundId), { kind: 'spend', serviceId: service.family, onDay: '2025-06-01', ...body });
const statementOf = async (): Promise<FundStatement> => json<FundStatement>(await planner.get(cp.apiFundStatement(fundId)), 200);

describe('setting up a pooled fund and its agreement', () => {
  it('refuses a pooled fund without a host partner, then sets one up', async () => {
    const bad = await planner.postJson(cp.apiFunds, { kind: 'pooled', name: 'CAMHS pool', startsOn: '2025-04-01' });
    expect(bad.statusCode).toBe(400);
    expect(faultRules(bad)).toContain('hostOrganisationId:required');
    fundId = json<{ id: string }>(await planner.postJson(cp.apiFunds, { kind: 'pooled', name: 'CAMHS pool', hostOrganisationId: org.la, startsOn: '2025-04-01', endsOn: '2028-03-31' }), 201).id;
  });

  it('refuses bookings before any agreement is in force', async () => {
    const r = await book(planner, { amount: '10' });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toContain('agreement:agreement_in_force');
  });

  it('proposes and agrees version 1: purpose, scope, term, exit terms, governance', async () => {
    const missing = await planner.postJson(cp.apiFundAgreements(fundId), { purpose: 'Emotional health' });
    expect(faultRules(missing)).toEqual(expect.arrayContaining(['serviceIds:required', 'exitTerms:required', 'governance:required', 'startsOn:required']));
    const v = json<{ version: number }>(
      await planner.postJson(cp.apiFundAgreements(fundId), {
        purpose: 'Child and adolescent mental health: early help in schools and families',
        serviceIds: [service.family, service.salt],
        startsOn: '2025-04-01',
        endsOn: '2028-03-31',
        exitTerms: 'Twelve months’ notice; money left returns in proportion to contributions',
        governance: 'The CAMHS partnership group reports to the trust board each quarter',
      }),
      201,
    );
    expect(v.version).toBe(1);
    const again = await planner.postJson(cp.apiFundAgreements(fundId), { purpose: 'x' });
    expect(again.statusCode).toBe(409);
    json(await planner.postJson(cp.apiFundAgreementAgree(fundId, 1), { agreedOn: '2025-03-20', decisionId }), 204);
    const fund = json<Fund>(await board.get(cp.apiFund(fundId)), 200);
    expect(fund.agreements.map((a) => [a.version, a.status])).toEqual([[1, 'in_force']]);
  });
});

describe('contributions in money and in kind', () => {
  const contribute = (body: Record<string, unknown>) => planner.postJson(cp.apiFundContributions(fundId), { financialYear: 2025, kind: 'money', ...body });

  it('refuses more than two decimals, negatives and a money contribution with no amount, naming the field and rule', async () => {
    expect(faultRules(await contribute({ organisationId: org.pct, amount: '50000.005' }))).toEqual(['amount:two_decimals']);
    expect(faultRules(await contribute({ organisationId: org.pct, amount: '-5.00' }))).toEqual(['amount:not_negative']);
    expect(faultRules(await contribute({ organisationId: org.pct, amountPence: -500 }))).toEqual(['amountPence:not_negative']);
    expect(faultRules(await contribute({ organisationId: org.pct }))).toEqual(['amount:required']);
    expect(faultRules(await contribute({ organisationId: org.pct, kind: 'staff', amount: '10' }))).toEqual(['description:required']);
    expect(faultRules(await contribute({ organisationId: org.pct, amount: '10', financialYear: 1999 }))).toEqual(['financialYear:year']);
  });

  it('records money, staff valued and accommodation unvalued', async () => {
    json(await contribute({ organisationId: org.la, amount: '£100,000.01' }), 201);
    json(await contribute({ organisationId: org.pct, amountPence: 50_000_00 }), 201);
    json(await contribute({ organisationId: org.vol, kind: 'staff', amount: '12000', description: 'A primary mental health worker, two days a week' }), 201);
    json(await contribute({ organisationId: org.vol, kind: 'accommodation', description: 'Rooms at the Eastmoor children’s centre' }), 201);
    const s = await statementOf();
    expect(s.lines[0]).toMatchObject({ year: 2025, contributedPence: 150_000_01, inKindValuedPence: 12_000_00, inKindUnvalued: 1 });
  });
});

describe('booking under the agreement', () => {
  it('refuses spend outside the scope with the clause it breaks', async () => {
    const r = await book(planner, { serviceId: service.youthWork, amount: '100' });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['serviceId:outside_scope']);
    expect(messages(r)[0]).toMatch(/Youth work is outside the fund’s scope: it pays only for Family support and Speech and language therapy \(agreement version 1, .*clause “Scope”\)/);
  });

  it('refuses spend before the agreement starts or after it ends; the first and last days are in', async () => {
    expect(faultRules(await book(planner, { amount: '1', onDay: '2025-03-31' }))).toEqual(['onDay:before_term']);
    expect(faultRules(await book(planner, { amount: '1', onDay: '2028-04-01' }))).toEqual(['onDay:after_term']);
    json(await book(planner, { amount: '1', onDay: '2025-04-01' }), 201);
    json(await book(planner, { amount: '1', onDay: '2028-03-31' }), 201);
  });

  it('refuses amounts with more than two decimals, zero and negatives', async () => {
    expect(faultRules(await book(planner, { amount: '10.001' }))).toEqual(['amount:two_decimals']);
    expect(faultRules(await book(planner, { amount: '0' }))).toEqual(['amount:positive']);
    expect(faultRules(await book(planner, { amount: '-3' }))).toEqual(['amount:not_negative']);
    expect(faultRules(await book(planner, { amount: '10', organisationId: org.la }))).toEqual(['organisationId:pooled_no_owner']);
  });

  it('puts 31 March and 1 April in their own financial years', async () => {
    json(await book(planner, { amount: '0.10', onDay: '2026-03-31' }), 201);
    json(await book(planner, { amount: '0.20', onDay: '2026-04-01' }), 201);
    const s = await statementOf();
    const year = (y: number) => s.lines.find((l) => l.year === y);
    expect(year(2025)?.spentPence).toBe(100 + 10);
    expect(year(2026)?.spentPence).toBe(20);
    expect(year(2027)?.spentPence).toBe(100);
  });

  it('pays a commitment from a later spend, and never more than it', async () => {
    const c = json<{ id: string }>(await book(planner, { kind: 'commitment', serviceId: service.salt, amount: '3000', onDay: '2025-09-01' }), 201);
    expect(faultRules(await book(planner, { serviceId: service.salt, amount: '3000.01', settlesEntryId: c.id }))).toEqual(['amount:more_than_committed']);
    expect(faultRules(await book(planner, { serviceId: service.family, amount: '1', settlesEntryId: c.id }))).toEqual(['settlesEntryId:same_service']);
    json(await book(planner, { serviceId: service.salt, amount: '1000', onDay: '2026-05-01', settlesEntryId: c.id }), 201);
    const s = await statementOf();
    expect(s.lines.find((l) => l.year === 2025)?.committedPence).toBe(2000_00);
    expect(s.byService.find((x) => x.serviceName === 'Speech and language therapy')).toMatchObject({ committedPence: 2000_00, spentPence: 1000_00 });
  });

  it('refuses more than the fund has left', async () => {
    const s = await statementOf();
    const left = s.total.remainingPence;
    const r = await book(planner, { amountPence: left + 1 });
    expect(r.statusCode).toBe(409);
    expect(problemCode(r)).toBe('fund_overspend');
    expect(faultRules(r)).toEqual(['amount:exceeds_remaining']);
    expect((r.json() as { leftPence: number }).leftPence).toBe(left);
  });

  it('reconciles to the penny: each year, the total and the partners’ shares', async () => {
    const s = await statementOf();
    const sum = (key: 'contributedPence' | 'committedPence' | 'spentPence' | 'remainingPence') => s.lines.reduce((a, l) => a + l[key], 0);
    expect(s.total.contributedPence).toBe(150_000_01);
    expect(s.total.spentPence).toBe(sum('spentPence'));
    expect(s.total.committedPence).toBe(sum('committedPence'));
    expect(s.total.remainingPence).toBe(s.total.contributedPence - s.total.committedPence - s.total.spentPence);
    expect(s.total.remainingPence).toBe(sum('remainingPence'));
    // Spent: £1 + £1 + 10p + 20p + £1,000; committed and not yet paid: £2,000.
    expect(s.total.remainingPence).toBe(150_000_01 - 2000_00 - 1002_30);
    for (const key of ['contributedPence', 'committedPence', 'spentPence', 'remainingPence'] as const)
      expect(s.partners.reduce((a, p) => a + p.total[key], 0)).toBe(s.total[key]);
    expect(s.partners.find((p) => p.organisationId === org.vol)?.total).toMatchObject({ contributedPence: 0, spentPence: 0, inKindValuedPence: 12_000_00, inKindUnvalued: 1 });
    const csv = await planner.get(cp.fundStatementCsv(fundId));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`CAMHS pool,All partners,fund,Total,150000.01,12000.00,1,2000.00,`);
    const page = await board.get(cp.fundStatement(fundId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('£150,000.01');
  });
});

describe('budget holders and roles', () => {
  it('lets only the fund’s budget holders and the commissioner book on it', async () => {
    const refused = await book(otherManager, { amount: '5' });
    expect(refused.statusCode).toBe(403);
    expect(problemCode(refused)).toBe('not_budget_holder');
    expect((await otherManager.get(cp.fundBookingNew(fundId))).statusCode).toBe(403);
    json(await put(planner, cp.apiFundBudgetHolders(fundId), { userIds: [holder.user.id] }), 204);
    json(await book(holder, { amount: '5' }), 201);
    expect((await book(otherManager, { amount: '5' })).statusCode).toBe(403);
    expect(faultRules(await put(planner, cp.apiFundBudgetHolders(fundId), { userIds: [practitioner.user.id] }))).toEqual(['userIds:budget_holder']);
  });

  it('refuses roles without commissioning rights', async () => {
    expect((await book(board, { amount: '5' })).statusCode).toBe(403);
    expect((await board.postJson(cp.apiFundContributions(fundId), { organisationId: org.la, financialYear: 2025, kind: 'money', amount: '1' })).statusCode).toBe(403);
    expect((await holder.postJson(cp.apiFundAgreements(fundId), {})).statusCode).toBe(403);
    expect((await practitioner.get(cp.home)).statusCode).toBe(403);
    expect((await practitioner.get(cp.apiFund(fundId))).statusCode).toBe(403);
    expect((await board.get(cp.fund(fundId))).statusCode).toBe(200);
  });

  it('keeps another area’s fund out of sight', async () => {
    const away = await signedIn(t, 'planner', { areaCode: await buildArea(t.testDb.db) });
    expect((await away.get(cp.apiFund(fundId))).statusCode).toBe(404);
    expect((await away.postJson(cp.apiFundEntries(fundId), { amount: '1' })).statusCode).toBe(404);
  });
});

describe('a variation bringing in a youth offending service', () => {
  it('is agreed only once the YOT head of service’s approval is recorded, and keeps the history', async () => {
    const noReason = await planner.postJson(cp.apiFundAgreements(fundId), {
      purpose: 'CAMHS and youth justice mental health',
      serviceIds: [service.family, service.salt, service.yotService],
      startsOn: '2025-04-01',
      endsOn: '2029-03-31',
      exitTerms: 'Twelve months’ notice',
      governance: 'The CAMHS partnership group',
    });
    expect(faultRules(noReason)).toEqual(['variationReason:required']);
    json(
      await planner.postJson(cp.apiFundAgreements(fundId), {
        purpose: 'CAMHS and youth justice mental health',
        serviceIds: [service.family, service.salt, service.yotService],
        startsOn: '2025-04-01',
        endsOn: '2029-03-31',
        exitTerms: 'Twelve months’ notice',
        governance: 'The CAMHS partnership group',
        variationReason: 'The YOT joins the pool for its young people’s mental health',
      }),
      201,
    );
    const refused = await planner.postJson(cp.apiFundAgreementAgree(fundId, 2), { decisionId });
    expect(faultRules(refused)).toEqual(['yotApproval:yot_head_approval']);
    expect(messages(refused)[0]).toContain('Youth Crime Prevention');
    const wrongPartner = await planner.postJson(cp.apiFundAgreementYotApproval(fundId, 2), { approverName: 'Pat Reid', approverTitle: 'Head of Youth Offending Service', organisationId: org.la, approvedOn: '2026-01-10' });
    expect(faultRules(wrongPartner)).toEqual(['organisationId:youth_offending_partner']);
    // While version 2 waits, version 1 rules: the youth offending service is still outside the scope.
    expect(faultRules(await book(planner, { serviceId: service.yotService, amount: '1' }))).toEqual(['serviceId:outside_scope']);
    json(await planner.postJson(cp.apiFundAgreementYotApproval(fundId, 2), { approverName: 'Pat Reid', approverTitle: 'Head of Youth Offending Service', organisationId: org.yot, approvedOn: '2026-01-10' }), 204);
    json(await planner.postJson(cp.apiFundAgreementAgree(fundId, 2), { agreedOn: '2026-01-15', decisionId }), 204);
    const fund = json<Fund>(await planner.get(cp.apiFund(fundId)), 200);
    expect(fund.agreements.map((a) => [a.version, a.status])).toEqual([[2, 'in_force'], [1, 'superseded']]);
    expect(fund.agreements[0]?.yotApproval).toMatchObject({ approverName: 'Pat Reid', organisationName: `Youth Offending Service ${area}` });
    expect(fund.endsOn).toBe('2029-03-31');
    json(await book(planner, { serviceId: service.yotService, amount: '1', onDay: '2028-06-01' }), 201);
    const v1 = await board.get(cp.fundAgreement(fundId, 1));
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('Superseded');
    const v2 = await board.get(cp.fundAgreement(fundId, 2));
    expect(v2.body).toContain('adds Youth Crime Prevention to the scope');
  });
});

describe('the pages', () => {
  it('sets up a fund and books through the forms, keeping what was typed when refused', async () => {
    await planner.get(cp.fundNew);
    const refused = await planner.post(cp.fundNew, { kind: 'pooled', name: 'Parenting pool', startsOn: '1/4/2026' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose the partner that hosts the pooled fund');
    expect(refused.body).toContain('value="Parenting pool"');
    const made = await planner.post(cp.fundNew, { kind: 'pooled', name: 'Parenting pool', startsOn: '1/4/2026', hostOrganisationId: org.la });
    expect(made.statusCode).toBe(303);
    const bookingPage = await planner.get(cp.fundBookingNew(fundId));
    expect(bookingPage.statusCode).toBe(200);
    const out = await planner.post(cp.fundBookingNew(fundId), { kind: 'spend', serviceId: service.youthWork, amount: '12.345', onDay: '1/6/2026' });
    expect(out.statusCode).toBe(400);
    expect(out.body).toContain('no more than two decimal places');
    const home = await board.get(cp.home);
    expect(home.body).toContain('CAMHS pool');
    expect(home.body).toContain('Parenting pool');
  });
});

describe('aligned budgets', () => {
  it('books each partner’s money against its own budget, with no agreement', async () => {
    const aligned = json<{ id: string }>(await planner.postJson(cp.apiFunds, { kind: 'aligned', name: 'Parenting support', startsOn: '2026-04-01' }), 201).id;
    // Aligned budgets have no agreement (ADR 0033): proposing one is refused, naming the rule.
    const agreement = await planner.postJson(cp.apiFundAgreements(aligned), { purpose: 'Parenting', serviceIds: [service.family], startsOn: '2026-04-01', endsOn: '2027-03-31', exitTerms: 'x', governance: 'y' });
    expect(agreement.statusCode).toBe(409);
    expect(faultRules(agreement)).toEqual(['kind:aligned_no_agreement']);
    json(await planner.postJson(cp.apiFundContributions(aligned), { organisationId: org.la, financialYear: 2026, kind: 'money', amount: '1000' }), 201);
    json(await planner.postJson(cp.apiFundContributions(aligned), { organisationId: org.pct, financialYear: 2026, kind: 'money', amount: '500' }), 201);
    const entry = (body: Record<string, unknown>) => planner.postJson(cp.apiFundEntries(aligned), { kind: 'spend', serviceId: service.family, onDay: '2026-06-01', ...body });
    expect(faultRules(await entry({ amount: '10' }))).toEqual(['organisationId:required']);
    expect(faultRules(await entry({ amount: '600', organisationId: org.pct }))).toEqual(['amount:exceeds_remaining']);
    json(await entry({ amount: '500', organisationId: org.pct }), 201);
    const s = json<FundStatement>(await planner.get(cp.apiFundStatement(aligned)), 200);
    expect(s.partners.map((p) => [p.basis, p.total.spentPence, p.total.remainingPence])).toEqual([
      ['own', 0, 1000_00],
      ['own', 500_00, 0],
    ]);
  });
});

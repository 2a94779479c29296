import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp, type FundStatement } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { faultRules, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildOrganisation } from '../helpers/factories.js';
import { buildScene } from '../governance/scene.js';
import { boardDecision } from './board-decision.js';

/**
 * Concurrent bookings against the last of a fund's money cannot overspend it (issue 17, ADR 0028): the booking
 * locks the fund's row (SELECT ... FOR UPDATE) and checks what is left inside the same transaction. Proven on a
 * PostgreSQL server, where requests run on separate connections at once (the embedded database has one
 * connection, so there requests never overlap): run with DATABASE_URL set.
 */

let t: TestApp;
let planner: SignedIn;
let holder: SignedIn;
let family = '';
let host = '';
let rounds = 0;
let decisionId = '';
beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  t = await createTestApp();
  const db = t.testDb.db;
  const scene = await buildScene(t);
  const area = scene.area;
  decisionId = await boardDecision(scene);
  host = await buildOrganisation(db, area, `Council ${area}`);
  planner = await signedIn(t, 'planner', { areaCode: area, organisationId: host });
  holder = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: host });
  family = (await db.query<{ id: string }>(`SELECT id FROM area_service WHERE area_code = $1 AND name = 'Family support'`, [area]))[0]?.id ?? '';
}, 120_000);
afterAll(async () => t?.close());

async function fundWith(pounds: string): Promise<string> {
  const made = await planner.postJson(cp.apiFunds, { kind: 'pooled', name: `Last money ${(rounds += 1)}`, hostOrganisationId: host, startsOn: '2025-04-01' });
  expect(made.statusCode, made.body).toBe(201);
  const { id } = made.json() as { id: string };
  const agreed = await planner.postJson(cp.apiFundAgreements(id), {
    purpose: 'Family support',
    serviceIds: [family],
    startsOn: '2025-04-01',
    endsOn: '2028-03-31',
    exitTerms: 'Notice of a year',
    governance: 'The trust board',
  });
  expect(agreed.statusCode, agreed.body).toBe(201);
  expect((await planner.postJson(cp.apiFundAgreementAgree(id, 1), { decisionId })).statusCode).toBe(204);
  const paid = await planner.postJson(cp.apiFundContributions(id), { organisationId: host, financialYear: 2025, kind: 'money', amount: pounds });
  expect(paid.statusCode, paid.body).toBe(201);
  await planner.request({ method: 'PUT', url: cp.apiFundBudgetHolders(id), payload: JSON.stringify({ userIds: [holder.user.id] }), headers: { 'content-type': 'application/json' } });
  return id;
}

describe.skipIf(!process.env.DATABASE_URL)('concurrent bookings on PostgreSQL', () => {
  it('lets only one of two simultaneous £60 spends through a fund holding £100', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await fundWith('100');
      const spend = (agent: SignedIn) => agent.postJson(cp.apiFundEntries(id), { kind: 'spend', serviceId: family, amount: '60', onDay: '2025-06-01' });
      const answers = await Promise.all([spend(planner), spend(holder)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const refused = answers.find((r) => r.statusCode === 409);
      expect(refused && faultRules(refused)).toEqual(['amount:exceeds_remaining']);
      const s = (await planner.get(cp.apiFundStatement(id))).json() as FundStatement;
      expect(s.total).toMatchObject({ contributedPence: 100_00, spentPence: 60_00, remainingPence: 40_00 });
    }
  });

  it('books exactly as many of eight simultaneous £30 commitments as £100 covers', async () => {
    const id = await fundWith('100');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? planner : holder).postJson(cp.apiFundEntries(id), { kind: 'commitment', serviceId: family, amount: '30', onDay: '2025-06-01' }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(5);
    const s = (await planner.get(cp.apiFundStatement(id))).json() as FundStatement;
    expect(s.total).toMatchObject({ committedPence: 90_00, remainingPence: 10_00 });
  });

  it('reverses a booking once when two reversals of it arrive at once (ADR 0033)', async () => {
    const id = await fundWith('100');
    const made = await planner.postJson(cp.apiFundEntries(id), { kind: 'spend', serviceId: family, amount: '60', onDay: '2025-06-01' });
    expect(made.statusCode, made.body).toBe(201);
    const { id: entryId } = made.json() as { id: string };
    const answers = await Promise.all([planner, holder].map((agent) => agent.postJson(cp.apiFundEntryReversal(id, entryId), { reason: 'Entered twice' })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const s = (await planner.get(cp.apiFundStatement(id))).json() as FundStatement;
    expect(s.total).toMatchObject({ spentPence: 0, remainingPence: 100_00 });
  });
});

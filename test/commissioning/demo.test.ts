import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp, type Fund, type FundStatement } from '../../src/commissioning/index.js';
import { loadDemo } from '../../src/demo/load.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signInAsDemoUser } from '../helpers/demo.js';

/** The demo's pooled fund for child and adolescent mental health (issue 17 item 11), as the planner and the board see it. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 300_000);
afterAll(async () => t?.close());

const demoAgent = (email: string): Promise<Agent> => signInAsDemoUser(t.app, email);

describe('the demo’s pooled fund', () => {
  it('has three contributing partners (one in kind), spend on agreed services, a variation, and reconciles to the penny', async () => {
    const planner = await demoAgent('planner@kestrelshire.example');
    const list = (await planner.get(cp.apiFunds)).json() as { id: string; name: string }[];
    const camhs = list.find((f) => f.name === 'Child and adolescent mental health pooled fund');
    expect(camhs).toBeDefined();
    const id = camhs?.id ?? '';
    const fund = (await planner.get(cp.apiFund(id))).json() as Fund;
    expect(fund.agreements.map((a) => [a.version, a.status])).toEqual([[2, 'in_force'], [1, 'superseded']]);
    expect(fund.agreements[0]?.yotApproval?.approverTitle).toBe('Head of Youth Offending Service');
    // Each version cites the trust board's decision; one duplicated booking is reversed with its reason (ADR 0033).
    expect(fund.agreements.every((a) => a.decisionId !== null)).toBe(true);
    const decision = (await planner.get(cp.apiFundAgreementDecision(id, 2))).json() as { bodyName: string; decision: string };
    expect(decision.decision).toContain('youth offending');
    const entries = (await planner.get(cp.apiFundEntries(id))).json() as { reversesEntryId: string | null; reversalReason: string }[];
    expect(entries.filter((e) => e.reversesEntryId !== null).map((e) => e.reversalReason)).toEqual(['The same invoice was booked twice: this reverses the second booking']);
    const s = (await planner.get(cp.apiFundStatement(id))).json() as FundStatement;
    expect(s.partners).toHaveLength(3);
    expect(s.partners.filter((p) => p.total.contributedPence === 0 && p.total.inKindValuedPence > 0)).toHaveLength(1);
    expect(s.total.contributedPence).toBe(2 * (240_000_00 + 185_500_50));
    expect(s.total.remainingPence).toBe(s.total.contributedPence - s.total.committedPence - s.total.spentPence);
    for (const key of ['committedPence', 'spentPence', 'remainingPence'] as const) expect(s.partners.reduce((a, p) => a + p.total[key], 0)).toBe(s.total[key]);
    expect(s.byService.map((x) => x.serviceName).sort()).toEqual(['Child and adolescent mental health service', 'Family support', 'School nursing']);
    const board = await demoAgent('board.member@kestrelshire.example');
    for (const url of [cp.home, cp.funds, cp.fund(id), cp.fundAgreement(id, 1), cp.fundAgreement(id, 2), cp.fundStatement(id)]) expect((await board.get(url)).statusCode, url).toBe(200);
  });

  it('loads once: a second load adds no fund', async () => {
    await loadDemo(t.testDb.db, t.config, { children: false });
    const [row] = await t.testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM fund WHERE kind = 'pooled'`);
    expect(row?.n).toBe(1);
  });
});

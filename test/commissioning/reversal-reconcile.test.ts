import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp, type FundStatement } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn, type SignedIn } from '../helpers/builders.js';
import { buildOrganisation } from '../helpers/factories.js';
import { buildScene, type Scene } from '../governance/scene.js';
import { boardDecision } from './board-decision.js';

/**
 * Reversals reconcile to the penny (ADR 0033), as a property over random funds on the real database: random
 * contributions, commitments, spending (some paying commitments) and reversals of bookings and contributions,
 * whole or in part, go through the API; whatever was accepted, the fund's statement equals a model of the
 * accepted operations year by year, and the resource map moves by exactly the same money (its partners'
 * total by what was put in net of reversals, its "not yet committed" row by what remains), with its outcome
 * and need-level breakdowns still adding up to its partners' total.
 */

let t: TestApp;
let s: Scene;
let planner: SignedIn;
let orgs: string[] = [];
let services: string[] = [];
let decisionId = '';
let round = 0;

type Breakdown = { rows: { key: string; byYear: number[]; total: number }[]; totals: number[]; grandTotal: number };
type MapJson = { years: number[]; byPartner: Breakdown; byOutcome: Breakdown; byNeedLevel: Breakdown };

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  planner = await signedIn(t, 'planner', { areaCode: s.area, organisationId: s.orgB });
  orgs = [s.orgB, await buildOrganisation(t.testDb.db, s.area, `PCT ${s.area}`)];
  const youthWork = (await t.testDb.db.query<{ id: string }>(`SELECT id FROM area_service WHERE area_code = $1 AND name = 'Youth work'`, [s.area]))[0]?.id ?? '';
  services = [s.familySupport, youthWork];
  decisionId = await boardDecision(s, { serviceIds: services });
}, 300_000);
afterAll(async () => t?.close());

const YEARS = [2025, 2026] as const;
const map = async () => (await planner.get(cp.apiResourceMap)).json() as MapJson;
const notCommitted = (m: MapJson, year: number) => m.byOutcome.rows.find((r) => r.key === 'not-committed')?.byYear[m.years.indexOf(year)] ?? 0;
const partnersIn = (m: MapJson, year: number) => m.byPartner.totals[m.years.indexOf(year)] ?? 0;
const idOf = (r: { statusCode: number; body: string }) => (r.statusCode === 201 ? (JSON.parse(r.body) as { id: string }).id : undefined);

interface Booked {
  id: string;
  kind: 'commitment' | 'spend';
  year: number;
  pence: number;
  settles?: Booked;
  reversed: number;
}

describe('reversals reconcile', () => {
  it('keeps statements and the resource map equal to the accepted operations, to the penny', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ org: fc.nat(1), year: fc.constantFrom(...YEARS), pence: fc.integer({ min: 1, max: 500_000 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({ commitment: fc.boolean(), service: fc.nat(1), year: fc.constantFrom(...YEARS), pence: fc.integer({ min: 1, max: 300_000 }), settles: fc.option(fc.nat(5)) }),
          { maxLength: 6 },
        ),
        fc.array(fc.record({ target: fc.nat(9), part: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })) }), { maxLength: 4 }),
        fc.array(fc.record({ target: fc.nat(3), part: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })) }), { maxLength: 2 }),
        async (contributions, bookings, reversals, contributionReversals) => {
          const before = await map();
          round += 1;
          const fund = idOf(await planner.postJson(cp.apiFunds, { kind: 'pooled', name: `Random pool ${round}`, hostOrganisationId: orgs[0], startsOn: '2025-04-01', endsOn: '2027-03-31' }));
          if (!fund) return false;
          await planner.postJson(cp.apiFundAgreements(fund), { purpose: 'x', serviceIds: services, startsOn: '2025-04-01', endsOn: '2027-03-31', exitTerms: 'x', governance: 'x' });
          if ((await planner.postJson(cp.apiFundAgreementAgree(fund, 1), { agreedOn: '2025-03-20', decisionId })).statusCode !== 204) return false;

          const put: { id: string; year: number; pence: number; reversed: number }[] = [];
          for (const c of contributions) {
            const id = idOf(await planner.postJson(cp.apiFundContributions(fund), { organisationId: orgs[c.org], financialYear: c.year, kind: 'money', amountPence: c.pence }));
            if (id) put.push({ id, year: c.year, pence: c.pence, reversed: 0 });
          }
          const booked: Booked[] = [];
          const paidOf = (c: Booked) => booked.filter((b) => b.settles === c).reduce((a, b) => a + b.pence - b.reversed, 0);
          const awaits = (c: Booked) => Math.max(0, c.pence - c.reversed - paidOf(c));
          for (const b of bookings) {
            const commitments = booked.filter((x) => x.kind === 'commitment');
            const settles = !b.commitment && b.settles !== null && commitments.length ? commitments[b.settles % commitments.length] : undefined;
            const year = settles?.year ?? b.year;
            const service = settles ? (settles as Booked & { service: number }).service : b.service;
            const id = idOf(
              await planner.postJson(cp.apiFundEntries(fund), {
                kind: b.commitment ? 'commitment' : 'spend',
                serviceId: services[service],
                amountPence: b.pence,
                onDay: `${year}-06-01`,
                settlesEntryId: settles?.id,
              }),
            );
            if (id) booked.push(Object.assign({ id, kind: b.commitment ? ('commitment' as const) : ('spend' as const), year, pence: b.pence, settles, reversed: 0 }, { service }));
          }
          for (const r of reversals) {
            const target = booked[r.target % Math.max(1, booked.length)];
            if (!target) continue;
            const whole = target.kind === 'commitment' ? awaits(target) : target.pence;
            const amountPence = r.part === null ? undefined : Math.max(1, Math.floor(whole * r.part));
            const answer = await planner.postJson(cp.apiFundEntryReversal(fund, target.id), { reason: 'Property test', amountPence });
            if (answer.statusCode === 201) target.reversed = amountPence ?? whole;
            else if (target.reversed === 0 && whole > 0 && (amountPence ?? whole) <= whole && answer.statusCode !== 201) return false;
          }
          for (const r of contributionReversals) {
            const target = put[r.target % put.length];
            if (!target) continue;
            const amountPence = r.part === null ? undefined : Math.max(1, Math.floor(target.pence * r.part));
            const answer = await planner.postJson(cp.apiFundContributionReversal(fund, target.id), { reason: 'Property test', amountPence });
            if (answer.statusCode === 201) target.reversed = amountPence ?? target.pence;
          }

          const statement = (await planner.get(cp.apiFundStatement(fund))).json() as FundStatement;
          const after = await map();
          for (const year of YEARS) {
            const contributed = put.filter((c) => c.year === year).reduce((a, c) => a + c.pence - c.reversed, 0);
            const committed = booked.filter((b) => b.year === year && b.kind === 'commitment').reduce((a, b) => a + awaits(b), 0);
            const spent = booked.filter((b) => b.year === year && b.kind === 'spend').reduce((a, b) => a + b.pence - b.reversed, 0);
            const line = statement.lines.find((l) => l.year === year);
            if (!line || line.contributedPence !== contributed || line.committedPence !== committed || line.spentPence !== spent) return false;
            if (line.remainingPence !== contributed - committed - spent) return false;
            if (partnersIn(after, year) - partnersIn(before, year) !== contributed) return false;
            if (notCommitted(after, year) - notCommitted(before, year) !== contributed - committed - spent) return false;
          }
          const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
          return same(after.byOutcome.totals, after.byPartner.totals) && same(after.byNeedLevel.totals, after.byPartner.totals);
        },
      ),
      { numRuns: 12 },
    );
    expect(round).toBeGreaterThan(0);
  }, 600_000);
});

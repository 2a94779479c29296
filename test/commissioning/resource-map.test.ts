import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apportion, resourceMapOf } from '../../src/commissioning/resource-map/compute.js';
import { spreadOverFinancialYears } from '../../src/commissioning/resource-map/spread.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { expectStatus, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * Issue 17 items 7-9 (ADR 0032): the resource map by partner, outcome and level of need reconciles to the
 * penny with the partners' contributions; a service serving several outcomes is split equally; unvalued in-kind
 * contributions are counted, not summed; the share on levels 1-2 by year; the Table 4.3 and 4.4 shapes; CSV.
 */

let t: TestApp;
let area: string;
let planner: SignedIn;
const ids: Record<string, string> = {};

type Breakdown = { rows: { key: string; label: string; byYear: number[]; total: number }[]; totals: number[]; grandTotal: number };
type Map = {
  years: number[];
  byPartner: Breakdown;
  byOutcome: Breakdown;
  byNeedLevel: Breakdown;
  unvalued: { label: string; total: number }[];
  prevention: { financialYear: number; preventionPence: number; withLevelPence: number; sharePercent: number | null }[];
};

async function q<T>(sql: string, params: unknown[]): Promise<T[]> {
  return t.testDb.db.query<T>(sql, params);
}
async function organisation(name: string, sector: string): Promise<string> {
  const [row] = await q<{ id: string }>(
    `INSERT INTO organisation (area_code, name, sector, duty_code, inclusion_reason) VALUES ($1, $2, $3, NULL, 'A partner in the tests') RETURNING id`,
    [area, name, sector],
  );
  return row?.id ?? '';
}
async function service(name: string, type: string | null, levels: string[], aims: string[]): Promise<string> {
  const [row] = await q<{ id: string }>(
    `INSERT INTO area_service (area_code, name, service_type, need_levels, created_at, changed_at) VALUES ($1, $2, $3, $4, now(), now()) RETURNING id`,
    [area, name, type, levels],
  );
  for (const aim of aims)
    await q('INSERT INTO area_service_aim (service_id, area_code, aim_code) VALUES ($1, $2, $3)', [row?.id, area, aim]);
  return row?.id ?? '';
}

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  planner = await signedIn(t, 'planner', { areaCode: area });
  ids.council = await organisation('Council', 'local authority');
  ids.pct = await organisation('Primary Care Trust', 'health');
  ids.police = await organisation('Police', 'police');
  // Three outcomes, one level (complex): 1001p splits 334 + 334 + 333.
  ids.camhs = await service('CAMHS', 'health', ['complex'], ['be-healthy.1', 'stay-safe.2', 'enjoy-and-achieve.1']);
  // One outcome, two levels (universal, additional): prevention.
  ids.parenting = await service('Parenting', 'early_years', ['universal', 'additional'], ['be-healthy.3']);
  // Nothing recorded.
  ids.bare = await service('Bare', null, [], []);
  const [pooled] = await q<{ id: string }>(
    `INSERT INTO fund (area_code, kind, name, host_organisation_id, starts_on, created_at, changed_at) VALUES ($1, 'pooled', 'CAMHS pool', $2, '2024-04-01', now(), now()) RETURNING id`,
    [area, ids.council],
  );
  ids.pool = pooled?.id ?? '';
  const contribute = (org: string, year: number, kind: string, pence: number | null, description = '') =>
    q(
      `INSERT INTO fund_contribution (fund_id, area_code, organisation_id, financial_year, kind, amount_pence, description, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [ids.pool, area, org, year, kind, pence, description],
    );
  await contribute(ids.council, 2024, 'money', 500_000);
  await contribute(ids.pct, 2024, 'money', 300_001);
  await contribute(ids.police, 2024, 'staff', null, 'A police officer one day a week');
  await contribute(ids.pct, 2025, 'accommodation', 20_000, 'Clinic rooms');
  await contribute(ids.council, 2025, 'money', 100_000);
  const book = (serviceId: string, pence: number, day: string, kind = 'spend') =>
    q(
      `INSERT INTO fund_entry (fund_id, area_code, service_id, kind, amount_pence, on_day, financial_year, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6::date, CASE WHEN extract(month FROM $6::date) >= 4 THEN extract(year FROM $6::date)::int ELSE extract(year FROM $6::date)::int - 1 END, $7, now())`,
      [ids.pool, area, serviceId, kind, pence, day, planner.user.id],
    );
  await book(ids.camhs, 1001, '2024-05-01');
  await book(ids.parenting, 3000, '2025-03-31');
  await book(ids.bare, 500, '2024-06-01', 'commitment');
  await book(ids.parenting, 1000, '2025-04-01');
  // Aligned budgets through the API count too.
  const { id: aligned } = await expectStatus(
    planner.postJson('/api/commissioning/aligned-budgets', {
      name: 'Parenting aligned',
      purpose: 'Parenting support',
      startsOn: '2024-04-01',
    }),
  );
  await expectStatus(
    planner.postJson(`/api/commissioning/aligned-budgets/${aligned}/budgets`, {
      organisationId: ids.pct,
      financialYear: 2025,
      amountPence: 9_999,
    }),
  );
  await expectStatus(
    planner.postJson(`/api/commissioning/aligned-budgets/${aligned}/entries`, {
      organisationId: ids.pct,
      serviceId: ids.parenting,
      amountPence: 2_001,
      onDay: '2025-10-10',
    }),
  );
});
afterAll(async () => t.close());

describe('the resource map', () => {
  it('sums by partner, by outcome and by level of need each to the grand total, year by year, to the penny', async () => {
    const map = (await planner.get('/api/commissioning/resource-map')).json() as Map;
    expect(map.years).toEqual([2024, 2025]);
    // Money and valued in kind: 500,000 + 300,001 in 2024; 20,000 + 100,000 + 9,999 in 2025.
    expect(map.byPartner.totals).toEqual([800_001, 129_999]);
    for (const b of [map.byOutcome, map.byNeedLevel]) {
      expect(b.totals).toEqual(map.byPartner.totals);
      expect(b.grandTotal).toBe(map.byPartner.grandTotal);
      for (const [i, total] of b.totals.entries()) expect(b.rows.reduce((sum, r) => sum + (r.byYear[i] ?? 0), 0)).toBe(total);
    }
    const outcome = (key: string) => map.byOutcome.rows.find((r) => r.key === key)?.byYear;
    expect(outcome('be-healthy')).toEqual([334 + 3000, 1000 + 2001]);
    expect(outcome('stay-safe')).toEqual([334, 0]);
    expect(outcome('enjoy-and-achieve')).toEqual([333, 0]);
    expect(outcome('no-outcome')).toEqual([500, 0]);
    expect(outcome('not-committed')).toEqual([800_001 - 1001 - 3000 - 500, 129_999 - 1000 - 2001]);
    const level = (key: string) => map.byNeedLevel.rows.find((r) => r.key === key)?.byYear;
    expect(level('universal')).toEqual([1500, 1501]);
    expect(level('additional')).toEqual([1500, 1500]);
    expect(level('complex')).toEqual([1001, 0]);
    expect(map.unvalued).toEqual([expect.objectContaining({ label: 'Police', total: 1 })]);
    expect(map.prevention.map((p) => p.sharePercent)).toEqual([75, 100]);
  });

  it('shows the chart with its table, and downloads as CSV', async () => {
    const page = await planner.get('/commissioning/resource-map');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('£8,000.01');
    const csv = await planner.get('/commissioning/resource-map/csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('By partner,Council,2024-25,500000,5000.00');
    expect(csv.body).toContain('"In kind, not valued",Police,2024-25,,,1,');
  });

  it('gives contributions to pooled funds by sector (Table 4.3) and services funded from pools by type with counts (Table 4.4)', async () => {
    const figures = (await planner.get('/api/commissioning/resource-map/published-figures')).json() as {
      bySector: { yearLabels: string[]; rows: { sector: string; byYear: number[]; unvaluedByYear: number[] }[] };
      byType: { total: number; rows: { label: string; count: number; examples: string[] }[] };
    };
    expect(figures.bySector.yearLabels).toEqual(['2024-25', '2025-26']);
    expect(figures.bySector.rows.find((r) => r.sector === 'health')?.byYear).toEqual([300_001, 20_000]);
    expect(figures.bySector.rows.find((r) => r.sector === 'police')?.unvaluedByYear).toEqual([1, 0]);
    expect(figures.byType.total).toBe(3);
    expect(figures.byType.rows.map((r) => [r.label, r.count])).toEqual(
      expect.arrayContaining([
        ['Health', 1],
        ['Early years', 1],
        ['Main type not recorded', 1],
      ]),
    );
    const page = await planner.get('/commissioning/resource-map/published-figures');
    expect(page.body).toContain('Main type of service');
    expect(page.body).toContain('1/3');
    const csv = await planner.get('/commissioning/resource-map/published-figures/csv');
    expect(csv.body).toContain('Contributions to pooled funds by sector,Health,2024-25,300001,3000.01');
  });

  it('is read by board members and refused to practitioners', async () => {
    const board = await signedIn(t, 'board_member', { areaCode: area });
    expect((await board.get('/commissioning/resource-map')).statusCode).toBe(200);
    const practitioner = await signedIn(t, 'practitioner', { areaCode: area });
    expect((await practitioner.get('/api/commissioning/resource-map')).statusCode).toBe(403);
  });
});

describe('the map’s arithmetic', () => {
  it('splits pence equally with the odd pennies first, never losing one', () => {
    expect(apportion(1001, 3)).toEqual([334, 334, 333]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 9 }), (amount, parts) => {
        const shares = apportion(amount, parts);
        return shares.reduce((a, b) => a + b, 0) === amount && Math.max(...shares) - Math.min(...shares) <= 1;
      }),
    );
  });

  it('reconciles any contributions, bookings and contracts paid outside funds: each breakdown’s totals equal the partners’', () => {
    const outcomes = ['a', 'b', 'c'].map((code) => ({ code, name: code }));
    const services = [0, 1, 2, 3].map((i) => ({
      id: `s${i}`,
      name: `s${i}`,
      serviceType: null,
      needLevels: [['universal'], ['universal', 'complex', 'additional'], [], ['acute/specialist']][i] ?? [],
      outcomeCodes: [['a'], ['a', 'b', 'c'], [], ['b', 'c']][i] ?? [],
    }));
    const day = fc.integer({ min: 0, max: 4 * 365 }).map((n) => new Date(Date.UTC(2020, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            org: fc.constantFrom('x', 'y'),
            year: fc.integer({ min: 2020, max: 2023 }),
            pence: fc.integer({ min: 0, max: 1e9 }),
          }),
        ),
        fc.array(
          fc.record({
            service: fc.constantFrom('s0', 's1', 's2', 's3'),
            year: fc.integer({ min: 2020, max: 2023 }),
            pence: fc.integer({ min: 1, max: 1e9 }),
          }),
        ),
        fc.array(
          fc.record({
            service: fc.constantFrom('s0', 's1', 's2', 's3'),
            org: fc.constantFrom('x', 'z', null),
            pence: fc.integer({ min: 0, max: 1e12 }),
            days: fc.tuple(day, day),
          }),
          { maxLength: 6 },
        ),
        (contributions, deployed, contracts) => {
          const map = resourceMapOf({
            contributions: contributions.map((c) => ({
              organisationId: c.org,
              organisationName: c.org,
              sector: 'health',
              fundKind: 'pooled',
              financialYear: c.year,
              valuedPence: c.pence,
              unvaluedCount: 0,
            })),
            deployed: deployed.map((d) => ({ serviceId: d.service, financialYear: d.year, pence: d.pence })),
            services,
            outcomes,
            contracts: contracts.map((c) => {
              const [from, to] = [...c.days].sort();
              return { serviceId: c.service, organisationId: c.org, organisationName: c.org, pence: c.pence, from: from ?? '', to: to ?? '' };
            }),
          });
          const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
          const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
          // Contracts add their whole value, once: to the partners' total and, on their services, to outcomes and levels.
          const expected = sum(contributions.map((c) => c.pence)) + sum(contracts.map((c) => c.pence));
          // What is not yet committed is the funds' alone: a contract is deployed on its service as it is paid.
          const notCommitted = map.byOutcome.rows.find((r) => r.key === 'not-committed')?.total ?? 0;
          return (
            same(map.byOutcome.totals, map.byPartner.totals) &&
            same(map.byNeedLevel.totals, map.byPartner.totals) &&
            map.byOutcome.grandTotal === map.byPartner.grandTotal &&
            map.byPartner.grandTotal === expected &&
            notCommitted === sum(contributions.map((c) => c.pence)) - sum(deployed.filter((d) => map.years.includes(d.year)).map((d) => d.pence))
          );
        },
      ),
    );
  });

  it('spreads a contract over its financial years by days, exact to the penny, the odd pence to the largest remainders', () => {
    // 1 October 2025 to 30 September 2026: 182 days in 2025-26, 183 in 2026-27; £1,000.00 leaves one penny, which the larger remainder takes.
    expect(spreadOverFinancialYears(100_000, '2025-10-01', '2026-09-30')).toEqual([
      { financialYear: 2025, pence: 49_863 },
      { financialYear: 2026, pence: 50_137 },
    ]);
    // A leap year's 29 February is a day like any other; a tie goes to the earlier year.
    expect(spreadOverFinancialYears(1, '2024-03-31', '2024-04-01')).toEqual([
      { financialYear: 2023, pence: 1 },
      { financialYear: 2024, pence: 0 },
    ]);
    const day = fc.integer({ min: 0, max: 20 * 365 }).map((n) => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), day, day, (pence, a, b) => {
        const [from, to] = [a, b].sort() as [string, string];
        const shares = spreadOverFinancialYears(pence, from, to);
        const totalDays = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
        return (
          shares.reduce((sum, s) => sum + s.pence, 0) === pence &&
          shares.every((s) => s.pence >= 0 && Number.isSafeInteger(s.pence)) &&
          shares.every((s, i) => i === 0 || s.financialYear === (shares[i - 1]?.financialYear ?? 0) + 1) &&
          // Each share is within a penny of its exact share by days (checked in BigInt-safe terms for small amounts).
          (pence > 1e9 ||
            shares.every((s) => {
              const start = `${s.financialYear}-04-01` > from ? `${s.financialYear}-04-01` : from;
              const end = `${s.financialYear + 1}-03-31` < to ? `${s.financialYear + 1}-03-31` : to;
              const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
              return Math.abs(s.pence - (pence * days) / totalDays) < 1;
            }))
        );
      }),
    );
  });
});

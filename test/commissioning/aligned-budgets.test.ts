import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { expectStatus, faultRules, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * Issue 17 item 5 (ADR 0032): aligned budgets, partners' budgets side by side with no host and no legal pool,
 * spending booked on each partner's own line and never beyond it, with the same statements as pooled funds;
 * refusals naming field and rule; year boundaries; two bookings at once against the last of a line.
 */

let t: TestApp;
let area: string;
let planner: SignedIn;
let board: SignedIn;
let practitioner: SignedIn;
let manager: SignedIn;
const partners: Record<string, string> = {};
let service: string;
let fund: string;

const api = '/api/commissioning/aligned-budgets';
const organisation = async (name: string, sector: string) => {
  const [row] = await t.testDb.db.query<{ id: string }>(
    `INSERT INTO organisation (area_code, name, sector, duty_code, inclusion_reason) VALUES ($1, $2, $3, NULL, 'A partner in the tests') RETURNING id`,
    [area, name, sector],
  );
  if (!row) throw new Error('no organisation');
  return row.id;
};
type Year = {
  year: number | null;
  contributedPence: number;
  committedPence: number;
  spentPence: number;
  remainingPence: number;
  inKindUnvalued: number;
};
type Detail = {
  statement: { lines: Year[]; total: Year; partners: { organisationName: string; lines: Year[]; total: Year }[] };
  entries: { kind: string }[];
};
const detail = async () => (await planner.get(`${api}/${fund}`)).json() as Detail;

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  partners.council = await organisation('Kestrel County Council', 'local authority');
  partners.pct = await organisation('Kestrel Primary Care Trust', 'health');
  partners.connexions = await organisation('Kestrel Connexions', 'connexions');
  const [s] = await t.testDb.db.query<{ id: string }>(`SELECT id FROM area_service WHERE area_code = $1 ORDER BY name LIMIT 1`, [area]);
  service = s?.id ?? '';
  planner = await signedIn(t, 'planner', { areaCode: area });
  board = await signedIn(t, 'board_member', { areaCode: area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: area });
  manager = await signedIn(t, 'practice_manager', { areaCode: area });
  ({ id: fund } = await expectStatus(
    planner.postJson(api, {
      name: 'Parenting support',
      purpose: 'Parenting education and support',
      startsOn: '2025-04-01',
      endsOn: '2027-03-31',
    }),
  ));
  for (const [key, pence] of [
    ['council', 5_000_000],
    ['pct', 3_000_000],
    ['connexions', 1_000_001],
  ] as const)
    await expectStatus(
      planner.postJson(`${api}/${fund}/budgets`, { organisationId: partners[key], financialYear: 2025, amountPence: pence }),
    );
});
afterAll(async () => t.close());

describe('aligned budgets', () => {
  it('keep each partner’s budget and bookings on its own line, and the statements reconcile to the penny', async () => {
    await expectStatus(
      planner.postJson(`${api}/${fund}/budgets`, {
        organisationId: partners.pct,
        financialYear: 2025,
        kind: 'staff',
        description: 'A clinical psychologist two days a week',
      }),
    );
    await expectStatus(
      planner.postJson(`${api}/${fund}/entries`, {
        organisationId: partners.council,
        serviceId: service,
        amountPence: 1_234_567,
        onDay: '2025-06-30',
      }),
    );
    const { id: commitment } = await expectStatus(
      planner.postJson(`${api}/${fund}/entries`, {
        organisationId: partners.pct,
        serviceId: service,
        kind: 'commitment',
        amountPence: 100_000,
        onDay: '2025-07-01',
      }),
    );
    await expectStatus(
      planner.postJson(`${api}/${fund}/entries`, {
        organisationId: partners.pct,
        serviceId: service,
        amountPence: 60_000,
        onDay: '2025-09-01',
        settlesEntryId: commitment,
      }),
    );
    const { statement } = await detail();
    const year = statement.lines.find((y) => y.year === 2025);
    expect(year).toMatchObject({ contributedPence: 9_000_001, committedPence: 40_000, spentPence: 1_294_567, inKindUnvalued: 1 });
    expect(year?.remainingPence).toBe(9_000_001 - 40_000 - 1_294_567);
    const pct = statement.partners.find((p) => p.organisationName === 'Kestrel Primary Care Trust');
    expect(pct?.total).toMatchObject({
      contributedPence: 3_000_000,
      committedPence: 40_000,
      spentPence: 60_000,
      remainingPence: 2_900_000,
    });
    const sum = (k: keyof Year) => statement.partners.reduce((a, p) => a + Number(p.total[k]), 0);
    for (const k of ['contributedPence', 'committedPence', 'spentPence', 'remainingPence'] as const)
      expect(sum(k)).toBe(statement.total[k]);
  });

  it('puts 31 March in the year before and 1 April in the next, and refuses a partner with no budget that year', async () => {
    await expectStatus(
      planner.postJson(`${api}/${fund}/entries`, {
        organisationId: partners.connexions,
        serviceId: service,
        amountPence: 1,
        onDay: '2026-03-31',
      }),
    );
    const refused = await planner.postJson(`${api}/${fund}/entries`, {
      organisationId: partners.connexions,
      serviceId: service,
      amountPence: 1,
      onDay: '2026-04-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused)).toEqual(['organisationId:contributor']);
    const { statement } = await detail();
    expect(
      statement.partners.find((p) => p.organisationName === 'Kestrel Connexions')?.lines.find((y) => y.year === 2025)?.spentPence,
    ).toBe(1);
  });

  it('refuses more than two decimals, a negative, a day outside the term, more than the line has left, naming field and rule', async () => {
    const page = await planner.get(`/commissioning/aligned-budgets/${fund}`);
    expect(page.statusCode).toBe(200);
    const typed = await planner.post(`/commissioning/aligned-budgets/${fund}/entries`, {
      organisationId: partners.council ?? '',
      serviceId: service,
      kind: 'spend',
      amount: '12.345',
      onDay: '1/5/2025',
    });
    expect(typed.statusCode).toBe(400);
    expect(typed.body).toContain('no more than two decimal places');
    expect(typed.body).toContain('12.345');
    const negative = await planner.postJson(`${api}/${fund}/budgets`, {
      organisationId: partners.council,
      financialYear: 2026,
      amountPence: -100,
    });
    expect(faultRules(negative)).toEqual(['amount:not_negative']);
    const early = await planner.postJson(`${api}/${fund}/entries`, {
      organisationId: partners.council,
      serviceId: service,
      amountPence: 100,
      onDay: '2025-03-31',
    });
    expect(faultRules(early)).toEqual(['onDay:before_term']);
    const late = await planner.postJson(`${api}/${fund}/entries`, {
      organisationId: partners.council,
      serviceId: service,
      amountPence: 100,
      onDay: '2027-04-01',
    });
    expect(faultRules(late)).toEqual(['onDay:after_term']);
    const outside = await planner.postJson(`${api}/${fund}/budgets`, {
      organisationId: partners.council,
      financialYear: 2027,
      amountPence: 100,
    });
    expect(faultRules(outside)).toEqual(['financialYear:outside_term']);
    const inKind = await planner.postJson(`${api}/${fund}/budgets`, {
      organisationId: partners.council,
      financialYear: 2025,
      kind: 'goods',
    });
    expect(faultRules(inKind)).toEqual(['description:required']);
    const over = await planner.postJson(`${api}/${fund}/entries`, {
      organisationId: partners.connexions,
      serviceId: service,
      amountPence: 1_000_001,
      onDay: '2025-05-01',
    });
    expect(faultRules(over)).toEqual(['amount:exceeds_remaining']);
  });

  it('lets two bookings at once against the last of a line spend it only once', async () => {
    const { id } = await expectStatus(planner.postJson(api, { name: 'Race', purpose: 'Two at once', startsOn: '2025-04-01' }));
    await expectStatus(
      planner.postJson(`${api}/${id}/budgets`, { organisationId: partners.council, financialYear: 2025, amountPence: 1000 }),
    );
    const book = () =>
      planner.postJson(`${api}/${id}/entries`, {
        organisationId: partners.council,
        serviceId: service,
        amountPence: 700,
        onDay: '2025-05-01',
      });
    const results = await Promise.all([book(), book()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const [row] = await t.testDb.db.query<{ spent: string }>(`SELECT sum(amount_pence)::text AS spent FROM fund_entry WHERE fund_id = $1`, [
      id,
    ]);
    expect(row?.spent).toBe('700');
  });

  it('is read by the board and practice managers, changed only by the commissioner and booked only by budget holders', async () => {
    expect((await board.get(`${api}/${fund}`)).statusCode).toBe(200);
    expect((await board.get(`/commissioning/aligned-budgets/${fund}`)).body).not.toContain('Add the budget');
    expect(
      (await board.postJson(`${api}/${fund}/budgets`, { organisationId: partners.council, financialYear: 2025, amountPence: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await practitioner.get(`${api}/${fund}`)).statusCode).toBe(403);
    const notHolder = await manager.postJson(`${api}/${fund}/entries`, {
      organisationId: partners.council,
      serviceId: service,
      amountPence: 1,
      onDay: '2025-05-01',
    });
    expect(notHolder.statusCode).toBe(403);
    const other = await signedIn(t, 'planner', { areaCode: await buildArea(t.testDb.db) });
    expect((await other.get(`${api}/${fund}`)).statusCode).toBe(404);
  });
});

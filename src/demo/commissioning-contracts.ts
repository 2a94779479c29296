import { commissioningServices } from '../commissioning/index.js';
import { directoryService } from '../directory/index.js';
import { actorOf } from '../platform/auth/service.js';
import { listUsersInArea } from '../platform/auth/repository.js';
import { settableClock, todayOf } from '../platform/clock.js';
import { financialYearOf, financialYearLabel } from '../platform/money.js';
import type { DemoCommissioning } from './commissioning.js';

/**
 * Kestrelshire's contracts (issue 17 item 11; ADR 0030), made as the commissioner (the planner) through the
 * contracts services on a settable clock, so each return carries the day it came in: family support from a
 * voluntary provider (Eastmoor Family Support, a partner) on target all year, one return corrected; fostering
 * placements from a private provider outside the partnership under target in the second half of the year;
 * and out-of-area residential placements decommissioned, the money reinvested in prevention and early
 * intervention (004 §8.8: savings from expensive interventions reinvested in preventative services), part
 * of it into the parenting support aligned budgets as the council's contribution (ADR 0038). None is paid
 * from a fund, so each names the partner that pays it: the council, and the PCT for family support.
 */

const PRIVATE_SERVICES = [
  {
    name: 'Independent fostering placements',
    providerName: 'Brightpath Fostering Ltd',
    serviceType: 'social_care',
    description: 'Foster placements for looked-after children from an independent fostering agency',
  },
  {
    name: 'Out-of-area residential placements',
    providerName: 'Highmoor Residential Care Ltd',
    serviceType: 'social_care',
    description: 'Residential placements for looked-after children outside the county',
  },
] as const;

const at = (day: string) => new Date(`${day}T10:00:00Z`);

export async function loadDemoContracts(demo: DemoCommissioning): Promise<number> {
  const { db, areaCode } = demo;
  if ((await db.query('SELECT 1 FROM commissioning_contract WHERE area_code = $1 LIMIT 1', [areaCode])).length > 0) return 0;
  const planner = (await listUsersInArea(db, areaCode)).find((u) => u.email === 'planner@kestrelshire.example');
  if (!planner) throw new Error('demo contracts: no planner');
  // The story: a contract year from April of the last financial year that has ended, set up the March before.
  const fy = financialYearOf(todayOf(demo.clock)) - 1;
  const clock = settableClock(at(`${fy}-03-15`));
  const { contracts, contractReturns, contractTargets, contractDecommission } = commissioningServices({ db, clock });
  const partner = async (name: string): Promise<string> => {
    const [row] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 AND name = $2', [areaCode, name]);
    if (!row) throw new Error(`demo contracts: no partner ${name}`);
    return row.id;
  };
  const council = await partner('Kestrelshire County Council');
  // The providers' entries are listed as of today (their review is today's), though the contracts' story is last year's.
  const directory = directoryService({ db, clock: demo.clock });
  const by = { user: planner, actor: actorOf(planner), ctx: demo.by.ctx };

  const serviceId = async (name: string): Promise<string> => {
    const found = (await directory.list(areaCode)).find((s) => s.name === name);
    if (found) return found.id;
    const entry = PRIVATE_SERVICES.find((s) => s.name === name);
    if (!entry) throw new Error(`demo contracts: no service ${name}`);
    return directory.add(demo.by, areaCode, { ...entry, providerKind: 'private' });
  };
  const indicator = async (code: string) => {
    const [row] = await db.query<{ id: string }>('SELECT id FROM indicator WHERE code = $1 AND area_code IS NULL', [code]);
    if (!row) throw new Error(`demo contracts: no indicator ${code}`);
    return row.id;
  };
  const term = { startsOn: `${fy}-04-01`, endsOn: `${fy + 2}-03-31`, monitoring: 'quarterly' };
  const quarter = (q: number) => `${financialYearLabel(fy)} Q${q}`;
  /** The day a quarter's return comes in: three weeks after it ends. */
  const dueDay = (q: number) => [`${fy}-07-21`, `${fy}-10-21`, `${fy + 1}-01-21`, `${fy + 1}-04-21`][q - 1] ?? `${fy + 1}-04-21`;
  let created = 0;

  // Family support from the voluntary sector: on target every quarter; the second quarter's return corrected.
  const family = await contracts.create(by, {
    kind: 'contract',
    title: `Family support in Eastmoor ${financialYearLabel(fy)} to ${financialYearLabel(fy + 1)}`,
    service: await serviceId('Family support'),
    payingOrganisationId: await partner('Kestrelshire Primary Care Trust'),
    value: '360000.00',
    ...term,
  });
  await contractTargets.add(by, family, { kind: 'activity', label: 'Families supported', targetValue: '30' });
  await contractTargets.add(by, family, { kind: 'outcome', indicatorId: await indicator('NI 65'), targetValue: '15' });
  const familyReturns = [
    ['44500.00', '34', '12.5'],
    ['45120.40', '31', '13.0'],
    ['44980.00', '38', '11.8'],
    ['46010.75', '36', '12.2'],
  ];
  for (const [i, [spend, families, repeat]] of familyReturns.entries()) {
    clock.set(at(dueDay(i + 1)));
    await contractReturns.enter(by, family, { period: quarter(i + 1), spend, values: { 'Families supported': families, 'NI 65': repeat } });
    created += 1;
  }
  clock.set(at(`${fy}-11-03`));
  await contractReturns.enter(by, family, {
    period: quarter(2),
    spend: '45120.40',
    notes: 'Corrected: three families counted twice in the first return',
    values: { 'Families supported': '28', 'NI 65': '13.0' },
  });
  clock.set(at(`${fy}-11-10`));
  await contractReturns.enter(by, family, {
    period: quarter(2),
    spend: '45120.40',
    notes: 'Corrected again: two families supported by the outreach worker were missed',
    values: { 'Families supported': '30', 'NI 65': '13.0' },
  });

  // Fostering from a private provider outside the partnership: under target from the third quarter.
  clock.set(at(`${fy}-03-20`));
  const fostering = await contracts.create(by, {
    kind: 'contract',
    title: `Independent fostering placements ${financialYearLabel(fy)} to ${financialYearLabel(fy + 1)}`,
    service: await serviceId('Independent fostering placements'),
    payingOrganisationId: council,
    value: '1250000.00',
    ...term,
  });
  await contractTargets.add(by, fostering, { kind: 'activity', label: 'Placements provided', targetValue: '12' });
  await contractTargets.add(by, fostering, { kind: 'outcome', indicatorId: await indicator('NI 62'), targetValue: '10' });
  const fosteringReturns = [
    ['152000.00', '13', '8.5'],
    ['156400.00', '12', '9.6'],
    ['149800.00', '11', '12.4'],
    ['151250.00', '10', '13.1'],
  ];
  for (const [i, [spend, placements, moves]] of fosteringReturns.entries()) {
    clock.set(at(dueDay(i + 1)));
    await contractReturns.enter(by, fostering, {
      period: quarter(i + 1),
      spend,
      values: { 'Placements provided': placements, 'NI 62': moves },
    });
    created += 1;
  }

  // Out-of-area residential placements: decommissioned at the year's end, the money reinvested in prevention.
  clock.set(at(`${fy}-03-25`));
  const residential = await contracts.create(by, {
    kind: 'service_level_agreement',
    title: 'Out-of-area residential placements',
    service: await serviceId('Out-of-area residential placements'),
    payingOrganisationId: council,
    value: '900000.00',
    ...term,
  });
  await contractTargets.add(by, residential, { kind: 'activity', label: 'Placements provided', targetValue: '4' });
  for (const [q, spend, placements] of [
    [1, '112500.00', '5'],
    [2, '112500.00', '4'],
    [3, '98000.00', '3'],
  ] as const) {
    clock.set(at(dueDay(q)));
    await contractReturns.enter(by, residential, { period: quarter(q), spend, values: { 'Placements provided': placements } });
    created += 1;
  }
  clock.set(at(`${fy + 1}-02-12`));
  const [aligned] = await db.query<{ id: string }>("SELECT id FROM fund WHERE area_code = $1 AND kind = 'aligned' ORDER BY name LIMIT 1", [areaCode]);
  await contractDecommission.decommission(by, residential, {
    decidedOn: `${fy + 1}-02-12`,
    endsOn: `${fy + 1}-03-31`,
    reasons:
      'Fewer children need placements out of the county now that local foster carers and the family centre’s outreach work support them nearer home; the trust board agreed to move the money into prevention and early intervention.',
    released: '450000.00',
    reinvestments: [
      {
        destination: 'service',
        toServiceId: await serviceId('Social Services Family Centre: outreach parenting support'),
        amount: '300000.00',
        prevention: true,
        description: 'Outreach parenting support',
      },
      {
        destination: 'service',
        toServiceId: await serviceId('School and Behaviour Support Team'),
        amount: '120000.00',
        prevention: true,
        description: 'Support to school clusters',
      },
      aligned
        ? { destination: 'fund', toFundId: aligned.id, amount: '30000.00', prevention: true, description: 'Added to the council’s parenting support budget' }
        : { destination: 'other', amount: '30000.00', prevention: false, description: 'Returned to the council’s children’s services budget' },
    ],
  });
  return created + 3;
}

import { fundBy } from '../commissioning/index.js';
import { findOrganisationIdByName } from '../partnership/index.js';
import { findUserById } from '../platform/auth/repository.js';
import { todayOf } from '../platform/clock.js';
import { financialYearOf } from '../platform/money.js';
import type { DemoCommissioningPart } from './commissioning.js';

/**
 * Kestrelshire's aligned budgets for parenting support (issue 17 item 11; 004 para 142: education, social care,
 * CAMHS and Connexions aligning small streams for parenting education and support without a legal pool): three
 * partners' budgets for last year and this, and a year of spending on each partner's own line, booked by the
 * commissioner through funds' one booking, which the pages use (ADR 0033).
 */

const NAME = 'Parenting support (aligned budgets)';
const BUDGETS: [partner: string, lastYear: number, thisYear: number][] = [
  ['Kestrelshire County Council', 120_000_00, 125_000_00],
  ['Kestrelshire Primary Care Trust', 45_000_00, 47_500_00],
  ['Connexions Kestrelshire', 18_000_00, 18_000_00],
];
/** [partner, service, pence, months after the year's April, kind] */
const BOOKINGS: [string, string, number, number, 'spend' | 'commitment'][] = [
  ['Kestrelshire County Council', 'Social Services Family Centre: outreach parenting support', 58_250_00, 2, 'spend'],
  ['Kestrelshire County Council', 'Family support', 41_300_50, 7, 'spend'],
  ['Kestrelshire Primary Care Trust', 'Health visiting', 30_000_00, 4, 'spend'],
  ['Kestrelshire Primary Care Trust', 'Family support', 9_999_99, 10, 'commitment'],
  ['Connexions Kestrelshire', 'Family support', 12_480_00, 6, 'spend'],
];

export const loadDemoAlignedBudgets: DemoCommissioningPart = async ({ db, clock, areaCode, commissioning, by, userId }) => {
  const planner = await findUserById(db, await userId('planner@kestrelshire.example'));
  if (!planner) throw new Error('demo aligned budgets: no planner');
  if ((await commissioning.aligned.list(planner)).some((f) => f.name === NAME)) return 0;
  const thisYear = financialYearOf(todayOf(clock));
  const lastYear = thisYear - 1;
  const fundId = await commissioning.aligned.create(planner, by.ctx, {
    name: NAME,
    purpose:
      'Parenting education and support: each partner’s own budget aligned to one plan, so services are not duplicated (004 para 142)',
    startsOn: `${lastYear}-04-01`,
  });
  let created = 1;
  const partnerIds = new Map<string, string>();
  for (const [partner, last, current] of BUDGETS) {
    const organisationId = await findOrganisationIdByName(db, areaCode, partner);
    if (!organisationId) throw new Error(`demo aligned budgets: no partner ${partner}`);
    partnerIds.set(partner, organisationId);
    await commissioning.aligned.addBudget(planner, by.ctx, fundId, { organisationId, financialYear: lastYear, amount: last });
    await commissioning.aligned.addBudget(planner, by.ctx, fundId, { organisationId, financialYear: thisYear, amount: current });
    created += 2;
  }
  await commissioning.aligned.addBudget(planner, by.ctx, fundId, {
    organisationId: partnerIds.get('Kestrelshire Primary Care Trust'),
    financialYear: lastYear,
    kind: 'staff',
    description: 'A CAMHS primary mental health worker, one day a week, to the parenting groups',
  });
  created += 1;
  const services = await commissioning.openServices(areaCode);
  for (const [partner, serviceName, pence, months, kind] of BOOKINGS) {
    const serviceId = services.find((s) => s.name === serviceName)?.id;
    if (!serviceId) continue;
    const month = 4 + months;
    const onDay = `${month > 12 ? lastYear + 1 : lastYear}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-15`;
    await commissioning.funds.book(fundBy(planner, by.ctx), fundId, {
      organisationId: partnerIds.get(partner),
      serviceId,
      amountPence: pence,
      onDay,
      kind,
    });
    created += 1;
  }
  return created;
};

import type { TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { expectStatus, signedIn, type SignedIn } from '../helpers/builders.js';

/** An area with a voluntary provider (a partner) running a service, the people who meet a contract, and the indicators used. */
export interface ContractScene {
  area: string;
  provider: string;
  /** The partner that pays the contracts (paid outside funds): the council. */
  payer: string;
  serviceId: string;
  preventionServiceId: string;
  planner: SignedIn;
  providerStaff: SignedIn;
  otherStaff: SignedIn;
  board: SignedIn;
  admin: SignedIn;
  indicator: (code: string) => Promise<string>;
}

export async function contractScene(t: TestApp): Promise<ContractScene> {
  const area = await buildArea(t.testDb.db);
  const provider = await buildOrganisation(t.testDb.db, area, 'Kestrel Family Action');
  const other = await buildOrganisation(t.testDb.db, area, 'Another Charity');
  const payer = await buildOrganisation(t.testDb.db, area, 'Kestrel County Council');
  const admin = await signedIn(t, 'area_admin', { areaCode: area });
  const service = (name: string, over: Record<string, unknown> = {}) =>
    expectStatus(admin.postJson('/api/services', { name, providerKind: 'voluntary_community', organisationId: provider, ...over }));
  const { id: serviceId } = await service('Family Action family support');
  const { id: preventionServiceId } = await service('Early help prevention hub', { organisationId: null, providerKind: 'in_house' });
  return {
    area,
    provider,
    payer,
    serviceId,
    preventionServiceId,
    admin,
    planner: await signedIn(t, 'planner', { areaCode: area }),
    providerStaff: await signedIn(t, 'practitioner', { areaCode: area, organisationId: provider }),
    otherStaff: await signedIn(t, 'practitioner', { areaCode: area, organisationId: other }),
    board: await signedIn(t, 'board_member', { areaCode: area }),
    indicator: async (code) => {
      const [row] = await t.testDb.db.query<{ id: string }>('SELECT id FROM indicator WHERE code = $1 AND area_code IS NULL', [code]);
      if (!row) throw new Error(`no indicator ${code}`);
      return row.id;
    },
  };
}

/** A contract from April 2025 to March 2027 with quarterly returns, an outcome target on each of two indicators and an activity target. */
export async function buildContract(s: ContractScene, over: Record<string, unknown> = {}): Promise<string> {
  const { id } = await expectStatus(
    s.planner.postJson('/api/commissioning/contracts', {
      kind: 'contract',
      title: `Family support ${Math.random().toString(36).slice(2, 7)}`,
      service: s.serviceId,
      payingOrganisationId: s.payer,
      value: '120000.00',
      startsOn: '2025-04-01',
      endsOn: '2027-03-31',
      monitoring: 'quarterly',
      ...over,
    }),
  );
  // NI 50 (higher is better): at least 80; NI 56 (lower is better): at most 18.5; families supported: at least 40.
  await expectStatus(
    s.planner.postJson(`/api/commissioning/contracts/${id}/targets`, {
      kind: 'outcome',
      indicatorId: await s.indicator('NI 50'),
      targetValue: '80',
    }),
  );
  await expectStatus(
    s.planner.postJson(`/api/commissioning/contracts/${id}/targets`, {
      kind: 'outcome',
      indicatorId: await s.indicator('NI 56'),
      targetValue: '18.5',
    }),
  );
  await expectStatus(
    s.planner.postJson(`/api/commissioning/contracts/${id}/targets`, { kind: 'activity', label: 'Families supported', targetValue: 40 }),
  );
  return id;
}

/** A return's body: on target unless told otherwise. */
export const aReturn = (period: string, over: Record<string, unknown> = {}, values: Record<string, unknown> = {}) => ({
  period,
  spend: '15000.00',
  values: { 'NI 50': '85', 'NI 56': '17.2', 'Families supported': '44', ...values },
  ...over,
});

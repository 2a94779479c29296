import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { expectStatus, problemCode, signedIn, type SignedIn } from '../helpers/builders.js';

/**
 * Issue 17 item 1: provider staff keep their own entries up to date, through the same service and
 * form as the area administrator, on a subject rule (ADR 0009, ADR 0026): a practitioner or practice
 * manager whose organisation provides the service may change and confirm its entry; anyone else is
 * refused with a reason, another area's entries too; every change is audited with what changed.
 */

let t: TestApp;
let area: string;
let provider: string;
let admin: SignedIn;
let staff: SignedIn;
let manager: SignedIn;
let stranger: SignedIn;
let board: SignedIn;
let outsider: SignedIn;
let ours: string;
let partnerless: string;
let otherAreaService: string;

const put = (agent: SignedIn, id: string, body: unknown) =>
  agent.request({ method: 'PUT', url: `/api/services/${id}/entry`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  const otherArea = await buildArea(t.testDb.db);
  provider = await buildOrganisation(t.testDb.db, area, 'Northam Family Action');
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  staff = await signedIn(t, 'practitioner', { areaCode: area, organisationId: provider });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: provider });
  stranger = await signedIn(t, 'practitioner', { areaCode: area });
  board = await signedIn(t, 'board_member', { areaCode: area, organisationId: provider });
  outsider = await signedIn(t, 'practitioner', { areaCode: otherArea, organisationId: await buildOrganisation(t.testDb.db, otherArea) });
  ours = (
    await expectStatus(
      admin.postJson('/api/services', {
        name: 'Parenting together',
        organisationId: provider,
        serviceType: 'early_years',
        providerKind: 'voluntary_community',
        description: 'Groups for parents',
      }),
    )
  ).id;
  partnerless = (await expectStatus(admin.postJson('/api/services', { name: 'Little Acorns', providerName: 'Little Acorns Ltd' }))).id;
  const otherAdmin = await signedIn(t, 'area_admin', { areaCode: otherArea });
  otherAreaService = (await expectStatus(otherAdmin.postJson('/api/services', { name: 'Elsewhere', organisationId: null }))).id;
});
afterAll(async () => t.close());

describe('provider staff', () => {
  it('list their organisation’s services and change the entry’s own fields, not what is the area’s', async () => {
    const listed = (await staff.get('/api/services/ours')).json() as { id: string }[];
    expect(listed.map((s) => s.id)).toEqual([ours]);
    expect(((await stranger.get('/api/services/ours')).json() as unknown[]).length).toBe(0);
    await expectStatus(
      put(staff, ours, { description: 'Weekly groups for parents of under-fives', postcode: 'ks1 1aa', ageTo: 5, name: 'Renamed', serviceType: 'health' }),
      204,
    );
    const [row] = await t.testDb.db.query<Record<string, unknown>>(
      'SELECT name, description, postcode, age_to, service_type FROM area_service WHERE id = $1',
      [ours],
    );
    expect(row).toEqual({ name: 'Parenting together', description: 'Weekly groups for parents of under-fives', postcode: 'KS1 1AA', age_to: 5, service_type: 'early_years' });
    const [audit] = await t.testDb.db.query<{ actor_user_id: string; details: { changed: Record<string, unknown>; onBehalfOfProvider: boolean } }>(
      "SELECT actor_user_id, details FROM audit_event WHERE action = 'directory.entry_changed' AND subject_id = $1 ORDER BY seq DESC LIMIT 1",
      [ours],
    );
    expect(audit?.actor_user_id).toBe(staff.user.id);
    expect(Object.keys(audit?.details.changed ?? {}).sort()).toEqual(['ageTo', 'description', 'postcode']);
    expect(audit?.details.changed.description).toEqual({ before: 'Groups for parents', after: 'Weekly groups for parents of under-fives' });
    expect(audit?.details.onBehalfOfProvider).toBe(false);
  });

  it('change it on the page and confirm it is still right; a bad field is named', async () => {
    const list = await manager.get(paths.ourServices);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Parenting together');
    const form = await manager.get(paths.ourService(ours));
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="name"');
    expect(form.body).not.toContain('name="sensitive"');
    const refused = await manager.post(paths.ourService(ours), { description: 'x', ageFrom: '30' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Youngest age must be a whole number of years from 0 to 25');
    const saved = await manager.postAndFollow(paths.ourService(ours), { description: 'Groups and home visits', openingTimes: 'Mondays' });
    expect(saved.body).toContain('Entry saved');
    const reviewed = await manager.postAndFollow(paths.ourServiceReviewed(ours), {});
    expect(reviewed.body).toContain('Entry confirmed as still right');
    expect(((await manager.postJson(`/api/services/${ours}/reviewed`, {})).json() as { reviewedOn: string }).reviewedOn).toMatch(/^\d{4}-/);
  });

  it('are refused another organisation’s entry, an entry with no partner, and another area’s, saying why', async () => {
    const theirs = await put(stranger, ours, { description: 'Not mine' });
    expect(theirs.statusCode).toBe(403);
    expect(problemCode(theirs)).toBe('not_provider');
    expect(JSON.stringify(theirs.json())).toContain('Parenting together is provided by Northam Family Action');
    expect((await stranger.get(paths.ourService(ours))).statusCode).toBe(403);
    expect((await stranger.post(paths.ourServiceReviewed(ours), {})).statusCode).toBe(403);
    expect((await stranger.postJson(`/api/services/${ours}/reviewed`, {})).statusCode).toBe(403);
    const none = await put(staff, partnerless, { description: 'x' });
    expect(none.statusCode).toBe(403);
    expect(JSON.stringify(none.json())).toContain('not provided by a partner organisation, so only the area administrator keeps its entry');
    const elsewhere = await put(outsider, ours, { description: 'x' });
    expect(elsewhere.statusCode).toBe(403);
    expect(JSON.stringify(elsewhere.json())).toContain('another area’s directory');
    const adminElsewhere = await put(admin, otherAreaService, { description: 'x' });
    expect(adminElsewhere.statusCode).toBe(403);
    expect((await put(staff, '00000000-0000-4000-8000-000000000000', { description: 'x' })).statusCode).toBe(404);
    // A board member of the provider has no part in keeping entries: refused by the route policy.
    expect((await put(board, ours, { description: 'x' })).statusCode).toBe(403);
    expect((await board.get(paths.ourServices)).statusCode).toBe(403);
    const [row] = await t.testDb.db.query<{ description: string }>('SELECT description FROM area_service WHERE id = $1', [ours]);
    expect(row?.description).toBe('Groups and home visits');
  });

  it('the area administrator keeps any entry of the area on the provider’s behalf, audited so', async () => {
    await expectStatus(put(admin, partnerless, { description: 'Childminders across the county' }), 204);
    await expectStatus(put(admin, ours, { contactPhone: '01632 960 002' }), 204);
    const [audit] = await t.testDb.db.query<{ details: { onBehalfOfProvider: boolean } }>(
      "SELECT details FROM audit_event WHERE action = 'directory.entry_changed' AND subject_id = $1 ORDER BY seq DESC LIMIT 1",
      [ours],
    );
    expect(audit?.details.onBehalfOfProvider).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interestsTouching } from '../../src/governance/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildScene, created, type Scene } from './scene.js';

/**
 * Declarations of interest (issue 16 item 5) kept by the member, the one rule the commissioning issue will
 * call, and accountability (item 6): partners' commitments, their open actions, and overdue actions shown
 * to the chair on the home page.
 */

let t: TestApp;
let s: Scene;
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type Problem = { errors?: { field: string; rule: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
}, 300_000);
afterAll(async () => t?.close());

describe('declarations of interest', () => {
  it('are kept by the member: dates out of order and a declaration in nothing are refused, nothing saved', async () => {
    const m2 = s.agents.m2;
    const backwards = await m2.postJson('/api/governance/interests', { organisationId: s.orgA, nature: 'Volunteer', fromOn: '2026-05-01', toOn: '2026-04-01' });
    expect(backwards.statusCode).toBe(400);
    expect(json<Problem>(backwards).errors).toContainEqual(expect.objectContaining({ field: 'toOn', rule: 'date_order' }));
    const nothing = await m2.postJson('/api/governance/interests', { nature: 'Volunteer', fromOn: '2026-05-01' });
    expect(json<Problem>(nothing).errors).toContainEqual(expect.objectContaining({ field: 'organisationId', rule: 'one_of' }));
    expect(json<unknown[]>(await m2.get('/api/governance/interests'))).toEqual([]);

    // On the page: declared, then ended.
    await m2.get('/governance/interests');
    const page = await m2.postAndFollow('/governance/interests', { organisationId: s.orgA, nature: 'Volunteer', fromOn: '1/5/2025' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Interest declared');
    const [mine] = json<{ id: string; current: boolean; fromOn: string }[]>(await m2.get('/api/governance/interests'));
    expect(mine).toMatchObject({ current: true, fromOn: '2025-05-01' });
    const early = await m2.post(`/governance/interests/${mine?.id ?? ''}/end`, { toOn: '1/1/2025' });
    expect(early.statusCode).toBe(400);
    expect((await m2.post(`/governance/interests/${mine?.id ?? ''}/end`, { toOn: '2025-12-31' })).statusCode).toBe(303);
    expect(json<{ current: boolean }[]>(await m2.get('/api/governance/interests'))[0]?.current).toBe(false);
    // Another person's declaration is not theirs to end.
    expect((await s.agents.m1.postJson(`/api/governance/interests/${mine?.id ?? ''}/end`, { toOn: '2026-01-01' })).statusCode).toBe(404);
  });

  it('are read through one rule, by day: seats and declarations in force, an organisation covering its services', async () => {
    const db = t.testDb.db;
    created(await s.agents.m1.postJson('/api/governance/interests', { organisationId: s.orgA, nature: 'Trustee', fromOn: '2025-06-01', toOn: '2026-06-30' }));
    // The secretariat records one for the seat whose holder has no sign-in; a member who signs in keeps their own.
    created(await s.agents.secretariat.postJson(`/api/governance/members/${s.seats.m3}/interests`, { serviceId: s.familySupport, nature: 'Uses the service', fromOn: '2025-01-01' }));
    const own = await s.agents.secretariat.postJson(`/api/governance/members/${s.seats.m1}/interests`, { serviceId: s.familySupport, nature: 'x', fromOn: '2025-01-01' });
    expect(json<Problem>(own).errors).toContainEqual(expect.objectContaining({ field: 'memberId', rule: 'declares_own' }));
    expect((await s.agents.m2.postJson(`/api/governance/members/${s.seats.m3}/interests`, { serviceId: s.familySupport, nature: 'x', fromOn: '2025-01-01' })).statusCode).toBe(403);

    const names = async (on: string, touches: { organisationIds?: string[]; serviceIds?: string[] }) =>
      (await interestsTouching(db, s.board, on, { organisationIds: touches.organisationIds ?? [], serviceIds: touches.serviceIds ?? [] })).map((i) => i.personName);
    expect(await names('2026-03-01', { organisationIds: [s.orgA] })).toEqual(['Morgan One']);
    expect(await names('2026-03-01', { serviceIds: [s.familySupport] })).toEqual(['Morgan One', 'Young Three']);
    expect(await names('2026-03-01', { organisationIds: [s.orgB] })).toEqual([]);
    expect(await names('2026-07-01', { organisationIds: [s.orgA] })).toEqual([]);
    // Before Morgan's began, Max's (declared and ended in the test above) stood.
    expect(await names('2025-05-01', { organisationIds: [s.orgA] })).toEqual(['Max Two']);
    expect(await names('2026-03-01', {})).toEqual([]);
    // The LSCB's members are other people: the rule reads the body asked about.
    expect(await interestsTouching(db, s.lscb, '2026-03-01', { organisationIds: [s.orgA], serviceIds: [] })).toEqual([]);
  });
});

describe('accountability', () => {
  it('records a partner’s commitments with progress, refuses dates out of order, and shows its open actions', async () => {
    const sec = s.agents.secretariat;
    const backwards = await sec.postJson('/api/governance/commitments', { bodyId: s.board, organisationId: s.orgA, description: 'Open two family centres', agreedOn: '2026-04-01', dueOn: '2026-03-01' });
    expect(backwards.statusCode).toBe(400);
    expect(json<Problem>(backwards).errors).toContainEqual(expect.objectContaining({ field: 'dueOn', rule: 'date_order' }));
    expect((await s.agents.m2.postJson('/api/governance/commitments', { bodyId: s.board, organisationId: s.orgA, description: 'x', agreedOn: '2026-04-01', dueOn: '2026-05-01' })).statusCode).toBe(403);
    const commitment = created(await sec.postJson('/api/governance/commitments', { bodyId: s.board, organisationId: s.orgA, description: 'Open two family centres', agreedOn: '2026-04-01', dueOn: '2026-09-30' }));
    // The partner's own member notes progress; a member for another partner may not.
    expect((await s.agents.m2.postJson(`/api/governance/commitments/${commitment}/notes`, { note: 'x', status: 'met' })).statusCode).toBe(403);
    created(await s.agents.m1.postJson(`/api/governance/commitments/${commitment}/notes`, { note: 'One centre open', status: 'at_risk' }));

    const meeting = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2026-05-01', place: 'County Hall' }));
    const badDue = await sec.postJson(`/api/governance/meetings/${meeting}/actions`, { description: 'Report', ownerMemberId: s.seats.m1, dueOn: '2026-04-01' });
    expect(json<Problem>(badDue).errors).toContainEqual(expect.objectContaining({ field: 'dueOn', rule: 'date_order' }));
    const action = created(await sec.postJson(`/api/governance/meetings/${meeting}/actions`, { description: 'Report on the second centre', ownerMemberId: s.seats.m1, dueOn: '2026-06-01' }));

    const view = json<{ commitments: { status: string; overdue: boolean; notes: { note: string }[] }[]; actions: { id: string; overdue: boolean }[] }>(
      await s.agents.m2.get(`/api/governance/accountability/${s.orgA}`),
    );
    expect(view.commitments).toEqual([expect.objectContaining({ status: 'at_risk', overdue: true, notes: [expect.objectContaining({ note: 'One centre open' })] })]);
    expect(view.actions).toEqual([expect.objectContaining({ id: action, overdue: true })]);
    const page = await s.agents.m2.get(`/governance/accountability/${s.orgA}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Open two family centres');
    expect(page.body).toContain('Report on the second centre');

    // 001 §3.4: the chair sees the board's overdue actions on the home page; a member does not.
    expect((await s.agents.chair.get('/')).body).toContain('Actions of the bodies you chair or support, past their due date');
    expect((await s.agents.m2.get('/')).body).not.toContain('Actions of the bodies you chair or support');
    // The owner marks it done; it no longer counts.
    expect((await s.agents.m1.request({ method: 'PUT', url: `/api/governance/actions/${action}/status`, payload: { status: 'done' } })).statusCode).toBe(204);
    expect((await s.agents.m2.request({ method: 'PUT', url: `/api/governance/actions/${action}/status`, payload: { status: 'open' } })).statusCode).toBe(403);
    expect((await s.agents.chair.get('/')).body).not.toContain('Actions of the bodies you chair or support, past their due date');
    expect((await s.agents.chair.get(`/governance/bodies/${s.board}/actions`)).statusCode).toBe(200);
  });
});

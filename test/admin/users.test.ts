import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyDue } from '../../src/notifications/index.js';
import { addDays, todayIso } from '../../src/platform/dates.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, problemCode, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';

/** Issue 13 item 3: users through their working life, and their training and vetting (004 Box 6.1). */

let t: TestApp;
let area: string;
let org: string;
let admin: SignedIn;
let manager: SignedIn;

const count = async (sql: string, params: unknown[]) =>
  Number((await t.testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]?.n);

/** Posts the sign-in form from a given client address. */
async function passwordFrom(app: TestApp['app'], email: string, password: string, remoteAddress: string) {
  const agent = new Agent(app);
  await agent.request({ method: 'GET', url: '/sign-in', remoteAddress });
  const response = await agent.request({
    method: 'POST',
    url: '/sign-in',
    remoteAddress,
    payload: new URLSearchParams({ _csrf: agent.csrf, email, password, next: '/' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { agent, response };
}

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  org = await buildOrganisation(t.testDb.db, area);
  admin = await signedIn(t, 'area_admin', { areaCode: area });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: org, displayName: 'Priya Manager' });
}, 120_000);
afterAll(async () => t?.close());

describe('an account through its working life', () => {
  it('refuses a suspension without a reason, naming the field and rule, and changes nothing', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const r = await admin.postJson(`/api/users/${user.id}/suspension`, { reason: '   ' });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['reason:required']);
    expect(await count('app_user WHERE id = $1 AND disabled_at IS NOT NULL', [user.id])).toBe(0);
    expect(await count(`audit_event WHERE action = 'user.suspended' AND subject_id = $1`, [user.id])).toBe(0);
  });

  it('suspends: the sessions end at once and sign-in is refused; re-enabled, they sign in again', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const agent = await signIn(t.app, user);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    const suspended = await expectStatus<{ status: string }>(
      admin.postJson(`/api/users/${user.id}/suspension`, { reason: 'On long-term leave' }),
      200,
    );
    expect(suspended.status).toBe('Suspended');
    expect((await agent.get('/api/me')).statusCode).toBe(401);
    expect((await passwordFrom(t.app, user.email, user.password, '198.51.100.71')).response.statusCode).toBe(401);
    expect(
      await count(`audit_event WHERE action = 'user.suspended' AND subject_id = $1 AND reason = 'On long-term leave'`, [user.id]),
    ).toBe(1);

    // The page: re-enable with a reason, through the form, POST-redirect-GET.
    await admin.get(`/admin/users/${user.id}/reenable`);
    const back = await admin.post(`/admin/users/${user.id}/reenable`, { reason: 'Back from leave' });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`/admin/users/${user.id}?done=reenabled`);
    expect((await passwordFrom(t.app, user.email, user.password, '198.51.100.72')).response.statusCode).toBe(303);
  });

  it('closes an account for good: it cannot be re-enabled', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    await admin.get(`/admin/users/${user.id}/close`);
    const missing = await admin.post(`/admin/users/${user.id}/close`, { reason: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the reason for the change');
    expect(missing.body).toContain('href="#reason"');
    expect((await admin.post(`/admin/users/${user.id}/close`, { reason: 'Left the service' })).statusCode).toBe(303);
    const again = await admin.postJson(`/api/users/${user.id}/reenable`, { reason: 'Came back' });
    expect(again.statusCode).toBe(409);
    expect((await passwordFrom(t.app, user.email, user.password, '198.51.100.73')).response.statusCode).toBe(401);
  });

  it('changes role and organisation, and refuses an organisation outside the area by name', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const elsewhere = await buildOrganisation(t.testDb.db, await buildArea(t.testDb.db));
    const refused = await admin.request({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      payload: { organisationId: elsewhere, reason: 'Moved team' },
    });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused)).toEqual(['organisationId:in_area']);
    const changed = await admin.request({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      payload: { role: 'practice_manager', organisationId: org, reason: 'Promoted' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'practice_manager', organisationId: org });
  });

  it('sets and clears the designated safeguarding lead flag, only for the front line', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const put = (body: unknown) =>
      admin.request({ method: 'PUT', url: `/api/users/${user.id}/safeguarding-lead`, payload: body as object });
    expect((await put({ designated: true, reason: 'Named by the LSCB' })).json()).toMatchObject({ designatedSafeguarding: true });
    expect((await put({ designated: false, reason: 'Stepped down' })).json()).toMatchObject({ designatedSafeguarding: false });
    const planner = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const refused = await admin.request({
      method: 'PUT',
      url: `/api/users/${planner.id}/safeguarding-lead`,
      payload: { designated: true, reason: 'x' },
    });
    expect(faultRules(refused)).toEqual(['designated:front_line']);
  });

  it('refuses an administrator acting on their own account', async () => {
    const r = await admin.postJson(`/api/users/${admin.user.id}/suspension`, { reason: 'test' });
    expect(faultRules(r)).toEqual(['account:not_self']);
  });
});

describe('training and vetting', () => {
  it('refuses a record with bad dates and an unknown kind, naming each field and rule, and saves nothing', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area, organisationId: org, training: false });
    const r = await manager.postJson(`/api/users/${user.id}/training`, {
      kind: 'first aid',
      completedOn: '2026-02-30',
      expiresOn: '2020-01-01',
    });
    expect(r.statusCode).toBe(400);
    expect(faultRules(r)).toEqual(['kind:one_of', 'completedOn:real_date']);
    const order = await manager.postJson(`/api/users/${user.id}/training`, {
      kind: 'enhanced_dbs_check',
      completedOn: '2024-05-01',
      expiresOn: '2024-04-01',
    });
    expect(faultRules(order)).toEqual(['expiresOn:after_completed']);
    expect(await count('user_training WHERE user_id = $1', [user.id])).toBe(0);
  });

  it('a manager records training only for their own organisation', async () => {
    const outsider = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const r = await manager.postJson(`/api/users/${outsider.id}/training`, {
      kind: 'enhanced_dbs_check',
      completedOn: '2024-05-01',
      expiresOn: '2027-05-01',
    });
    expect(r.statusCode).toBe(404);
  });

  it('refuses the child index to a practitioner whose vetting lapsed, saying why and whom to ask; recorded again, they are let in', async () => {
    const today = todayIso();
    const practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: org, training: false });
    await expectStatus(
      manager.postJson(`/api/users/${practitioner.user.id}/training`, {
        kind: 'child_index_training',
        completedOn: addDays(today, -100),
        expiresOn: addDays(today, 600),
      }),
    );
    await expectStatus(
      manager.postJson(`/api/users/${practitioner.user.id}/training`, {
        kind: 'enhanced_dbs_check',
        completedOn: addDays(today, -1200),
        expiresOn: addDays(today, -3),
      }),
    );
    const api = await practitioner.get('/api/children?reason=x&givenName=A&familyName=B');
    expect(api.statusCode).toBe(403);
    expect(problemCode(api)).toBe('training_lapsed');
    expect(api.json()).toMatchObject({ lapsed: [{ kind: 'enhanced_dbs_check', expiresOn: addDays(today, -3) }] });
    expect(String((api.json() as { whomToAsk: string[] }).whomToAsk)).toContain('Priya Manager');

    const page = await practitioner.get('/children');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Enhanced DBS check expired on');
    expect(page.body).toContain('Whom to ask');
    expect(page.body).toContain('Priya Manager');

    await expectStatus(
      manager.postJson(`/api/users/${practitioner.user.id}/training`, {
        kind: 'enhanced_dbs_check',
        completedOn: addDays(today, -2),
        expiresOn: addDays(today, 1000),
      }),
    );
    expect((await practitioner.get('/children')).statusCode).toBe(200);
  });

  it('refuses a practitioner who never had training recorded, unless the area does not require it', async () => {
    const practitioner = await signedIn(t, 'practitioner', { areaCode: area, training: false });
    const refused = await practitioner.get('/children');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('No child index training is recorded');
    const { INDEX_REQUIRES_TRAINING } = await import('../../src/admin/index.js');
    const otherArea = await buildArea(t.testDb.db);
    const relaxed = await signedIn(t, 'practitioner', { areaCode: otherArea, training: false });
    await t.services.settings.change(
      {
        actor: { userId: null, label: 'test', role: null, areaCode: otherArea },
        ctx: { ip: 'local', userAgent: 'test', requestId: 'test' },
      },
      otherArea,
      INDEX_REQUIRES_TRAINING,
      false,
    );
    expect((await relaxed.get('/children')).statusCode).toBe(200);
  });

  it('lists for the manager their organisation’s people who are due, lapsed or never recorded, and no one else', async () => {
    const today = todayIso();
    const due = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area, organisationId: org, training: false });
    const fine = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area, organisationId: org });
    const other = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area, training: false });
    await expectStatus(
      manager.postJson(`/api/users/${due.id}/training`, {
        kind: 'child_index_training',
        completedOn: addDays(today, -700),
        expiresOn: addDays(today, 10),
      }),
    );
    const list = await expectStatus<{ userId: string; kind: string; status: string }[]>(manager.get('/api/training-due'), 200);
    const mine = list.filter((r) => r.userId === due.id).map((r) => [r.kind, r.status]);
    expect(mine).toEqual([
      ['enhanced_dbs_check', 'missing'],
      ['child_index_training', 'due'],
    ]);
    expect(list.some((r) => r.userId === fine.id)).toBe(false);
    expect(list.some((r) => r.userId === other.id)).toBe(false);
    const page = await manager.get('/admin/training-due');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Never recorded');
  });

  it('tells the holder once, in the service, when their training or check lapses within 30 days', async () => {
    const today = todayIso();
    const holder = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area, organisationId: org });
    await expectStatus(
      manager.postJson(`/api/users/${holder.id}/training`, {
        kind: 'safeguarding_training',
        completedOn: addDays(today, -700),
        expiresOn: addDays(today, 20),
      }),
    );
    await notifyDue(t.testDb.db, new Date());
    await notifyDue(t.testDb.db, new Date());
    const user = await t.services.users.find(null, holder.id);
    const notices = (await t.services.notifications.list(user)).filter((n) => n.event === 'training.lapsing');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.title).not.toContain(holder.email);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES_PER_ADDRESS } from '../../src/platform/auth/throttle.js';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { Agent, createTestApp, freshTotpCode, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';

let t: TestApp;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
});
afterAll(async () => t?.close());

async function auditActions(userId: string): Promise<{ action: string; outcome: string }[]> {
  return t.testDb.db.query('SELECT action, outcome FROM audit_event WHERE actor_user_id = $1 ORDER BY seq', [userId]);
}

async function startSignIn(email: string, password: string): Promise<{ agent: Agent; status: number; body: string; location: string }> {
  const agent = new Agent(t.app);
  await agent.get('/sign-in');
  const response = await agent.post('/sign-in', { email, password, next: '/' });
  return { agent, status: response.statusCode, body: response.body, location: String(response.headers.location ?? '') };
}

describe('sign-in', () => {
  it('names the empty fields in an error summary', async () => {
    const { status, body } = await startSignIn('', '');
    expect(status).toBe(400);
    expect(body).toContain('<title>Error: Sign in');
    expect(body).toContain('href="#email"');
    expect(body).toContain('Enter your email address');
    expect(body).toContain('Enter your password');
  });

  it('refuses a malformed email address by rule', async () => {
    const { status, body } = await startSignIn('not-an-email', 'whatever-password');
    expect(status).toBe(400);
    expect(body).toContain('Enter an email address in the correct format');
  });

  it('refuses a wrong password, keeps the email typed, and audits the failure', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area });
    const { status, body } = await startSignIn(user.email, 'not-the-password-at-all');
    expect(status).toBe(401);
    expect(body).toContain('Email address or password is not correct');
    expect(body).toContain(`value="${user.email}"`);
    expect(await auditActions(user.id)).toEqual([{ action: 'auth.sign_in', outcome: 'failure' }]);
  });

  it('gives an unknown email the same answer as a wrong password', async () => {
    const { status, body } = await startSignIn('nobody@test.example', 'not-the-password-at-all');
    expect(status).toBe(401);
    expect(body).toContain('Email address or password is not correct');
    const [row] = await t.testDb.db.query<{ outcome: string }>(`SELECT outcome FROM audit_event WHERE actor_label = 'nobody@test.example'`);
    expect(row?.outcome).toBe('failure');
  });

  it(`throttles an email from one address after ${FREE_FAILURES_PER_ADDRESS} failures, audited, even for the right password`, async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'board_member', areaCode: area });
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i += 1) await startSignIn(user.email, `wrong-password-number-${i}`);
    const { status, body } = await startSignIn(user.email, user.password);
    expect(status).toBe(429);
    expect(body).toContain('Too many attempts to sign in with these details');
    expect(body).not.toContain('locked');
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a.action === 'auth.sign_in_throttled')).toHaveLength(1);
    expect(actions.at(-1)).toEqual({ action: 'auth.sign_in', outcome: 'denied' });
  });

  it('signs in a role without children’s data with the password alone', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'board_member', areaCode: area, totp: false });
    const { status, location, agent } = await startSignIn(user.email, user.password);
    expect(status).toBe(303);
    expect(location).toBe('/');
    expect((await agent.get('/api/me')).json()).toMatchObject({ email: user.email, role: 'board_member' });
  });

  it('only returns to a same-site path after sign-in', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post('/sign-in', { email: user.email, password: user.password, next: '//evil.example/' });
    expect(response.headers.location).toBe('/');
  });
});

describe('two-factor sign-in', () => {
  it('requires the code before anything else, refuses a wrong code, accepts the right one once', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const { agent, location } = await startSignIn(user.email, user.password);
    expect(location).toMatch(/^\/two-factor/);
    expect((await agent.get('/')).headers.location).toBe('/two-factor');
    expect((await agent.get('/api/me')).statusCode).toBe(401);

    await agent.get('/two-factor');
    const wrong = await agent.post('/two-factor', { code: '000000', next: '/' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('href="#code"');

    const secret = user.totpSecret ?? '';
    const code = freshTotpCode(secret);
    expect((await agent.post('/two-factor', { code, next: '/' })).statusCode).toBe(303);
    expect((await agent.get('/api/me')).statusCode).toBe(200);

    // The same code again, in a new session, is a replay.
    const second = await startSignIn(user.email, user.password);
    await second.agent.get('/two-factor');
    expect((await second.agent.post('/two-factor', { code, next: '/' })).statusCode).toBe(401);
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a.action === 'auth.second_factor' && a.outcome === 'failure')).toHaveLength(2);
  });

  it('makes a new practitioner set up an authenticator app at first sign-in', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practice_manager', areaCode: area, totp: false });
    const { agent, location } = await startSignIn(user.email, user.password);
    expect(location).toBe('/two-factor/set-up');
    const page = await agent.get('/two-factor/set-up');
    expect(page.body).toContain('<svg');
    const secret = /id="setup-key">([A-Z2-7]+)</.exec(page.body)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading shows the same secret until set-up is confirmed.
    expect((await agent.get('/two-factor/set-up')).body).toContain(secret);
    expect((await agent.post('/two-factor/set-up', { code: '123456' })).statusCode).toBe(401);
    expect((await agent.post('/two-factor/set-up', { code: currentTotpCode(secret) })).statusCode).toBe(303);
    expect((await agent.get('/api/me')).json()).toMatchObject({ twoFactorEnabled: true });
    expect((await auditActions(user.id)).map((a) => a.action)).toContain('auth.second_factor_enrolled');
  });
});

describe('sessions', () => {
  it('ends a session left idle too long', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'auditor', areaCode: area });
    const agent = await signIn(t.app, user);
    await t.testDb.asOwner((db) =>
      db.query(`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]),
    );
    expect((await agent.get('/api/me')).statusCode).toBe(401);
    expect((await agent.get('/account')).headers.location).toBe('/sign-in?next=%2Faccount');
  });

  it('ends a session at its absolute lifetime however active', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'auditor', areaCode: area });
    const agent = await signIn(t.app, user);
    await t.testDb.asOwner((db) =>
      db.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]),
    );
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });

  it('sets the session cookie HttpOnly and SameSite, and Secure when configured', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', { email: user.email, password: user.password });
    const cookie = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('ctp_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const secure = await createTestApp({ COOKIE_SECURE: 'true' });
    try {
      const secureArea = await buildArea(secure.testDb.db);
      const other = await buildUser(secure.testDb.db, secure.config, { role: 'planner', areaCode: secureArea, totp: false });
      const client = new Agent(secure.app);
      await client.get('/sign-in');
      const answer = await client.post('/sign-in', { email: other.email, password: other.password });
      expect([answer.headers['set-cookie']].flat().find((c) => String(c).startsWith('ctp_session='))).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('stores only a hash of the session token', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const agent = (await startSignIn(user.email, user.password)).agent;
    const signedToken = agent.cookies.get('ctp_session') ?? '';
    const token = decodeURIComponent(signedToken).split('.')[0] ?? '';
    const rows = await t.testDb.db.query<{ token_hash: string }>('SELECT token_hash FROM user_session WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token);
  });
});

describe('forms', () => {
  it('refuses a form without its CSRF token and changes nothing', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: area });
    const agent = await signIn(t.app, user);
    const before = await t.testDb.db.query('SELECT count(*)::int AS n FROM app_user');
    const response = await agent.post(
      '/admin/users/new',
      { email: 'new.person@test.example', displayName: 'New Person', role: 'planner', password: 'quite-long-enough-password-1' },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('security token');
    expect(await t.testDb.db.query('SELECT count(*)::int AS n FROM app_user')).toEqual(before);
  });

  it('creates a user from the admin form, with field errors first and nothing saved on error', async () => {
    const admin = await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: area });
    const organisationId = await buildOrganisation(t.testDb.db, area);
    const agent = await signIn(t.app, admin);
    await agent.get('/admin/users/new');
    const bad = await agent.post('/admin/users/new', {
      email: 'bad',
      displayName: '',
      role: 'wizard',
      organisationId,
      password: 'password1234',
    });
    expect(bad.statusCode).toBe(400);
    for (const field of ['email', 'displayName', 'role', 'password']) expect(bad.body).toContain(`href="#${field}"`);
    expect(bad.body).toContain('too common');
    expect(await t.testDb.db.query(`SELECT 1 FROM app_user WHERE email = 'bad'`)).toHaveLength(0);

    const good = await agent.post('/admin/users/new', {
      email: 'Amira.Khan@Test.Example',
      displayName: 'Amira Khan',
      role: 'practitioner',
      organisationId,
      password: 'violet-harbour-tunnel-9',
    });
    expect(good.statusCode).toBe(303);
    const list = await agent.get(String(good.headers.location));
    expect(list.body).toContain('Account created for Amira Khan');
    const [audit] = await t.testDb.db.query<{ subject_id: string; actor_user_id: string }>(
      `SELECT subject_id, actor_user_id FROM audit_event WHERE action = 'user.created' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit?.actor_user_id).toBe(admin.id);
  });

  it('lets an area administrator create no system administrator, nor users in another area', async () => {
    const admin = await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: area });
    const organisationId = await buildOrganisation(t.testDb.db, area);
    const agent = await signIn(t.app, admin);
    const response = await agent.postJson('/api/users', {
      email: 'root@test.example',
      displayName: 'Root',
      role: 'system_admin',
      organisationId,
      password: 'violet-harbour-tunnel-9',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'role', rule: 'not_permitted' })]);
  });

  it('changes a password only with the current one', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const agent = await signIn(t.app, user);
    const wrong = await agent.post('/account/password', {
      currentPassword: 'nope',
      newPassword: 'amber-falcon-meadow-3',
      confirmPassword: 'amber-falcon-meadow-3',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Current password is not correct');
    const ok = await agent.post('/account/password', {
      currentPassword: user.password,
      newPassword: 'amber-falcon-meadow-3',
      confirmPassword: 'amber-falcon-meadow-3',
    });
    expect(ok.headers.location).toBe('/account?passwordChanged=1');
    expect((await startSignIn(user.email, 'amber-falcon-meadow-3')).status).toBe(303);
  });
});

describe('throttling', () => {
  it('slows sign-in attempts from one address across many accounts', async () => {
    const own = await createTestApp();
    try {
      const visitor = new Agent(own.app);
      await visitor.get('/sign-in');
      const statuses: number[] = [];
      for (let i = 0; i < 32; i += 1) {
        statuses.push((await visitor.post('/sign-in', { email: `guess${i}@test.example`, password: 'guessing-password-1' })).statusCode);
      }
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
    } finally {
      await own.close();
    }
  });
});

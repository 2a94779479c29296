import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/area.js';
import { FREE_CODE_FAILURES } from '../../src/platform/auth/service.js';
import { FREE_FAILURES_ALL_ADDRESSES, FREE_FAILURES_PER_ADDRESS } from '../../src/platform/auth/throttle.js';
import { Agent, createTestApp, freshTotpCode, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser, type TestUser } from '../helpers/factories.js';

// Issue 11: the second factor, throttling, sessions after a change, published passwords, idle clock.

let t: TestApp;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
});
afterAll(async () => t?.close());

/** Posts the sign-in form from a given client address. */
async function passwordFrom(app: TestApp['app'], email: string, password: string, remoteAddress = '127.0.0.1') {
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

async function wrongCodes(agent: Agent, n: number): Promise<number[]> {
  await agent.get('/two-factor');
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await agent.post('/two-factor', { code: '000000', next: '/' })).statusCode);
  return statuses;
}

describe('the second factor cannot be guessed without limit', () => {
  it('counts wrong codes per account across sign-ins: a correct password does not reset them', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const first = await passwordFrom(t.app, user.email, user.password);
    expect(await wrongCodes(first.agent, FREE_CODE_FAILURES - 1)).toEqual(Array(FREE_CODE_FAILURES - 1).fill(401));
    const second = await passwordFrom(t.app, user.email, user.password);
    expect(second.response.statusCode).toBe(303);
    expect(await wrongCodes(second.agent, 1)).toEqual([429]);
    // Throttled: even the right code is not checked now.
    const refused = await second.agent.post('/two-factor', { code: freshTotpCode(user.totpSecret ?? ''), next: '/' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many wrong security codes');

    // Once the delay has passed, the right code signs in and clears the count.
    await t.testDb.asOwner((db) =>
      db.query(`UPDATE app_user SET codes_throttled_until = now() - interval '1 second' WHERE id = $1`, [user.id]),
    );
    const ok = await second.agent.post('/two-factor', { code: freshTotpCode(user.totpSecret ?? ''), next: '/' });
    expect(ok.statusCode).toBe(303);
    const [row] = await t.testDb.db.query<{ failed_codes: number }>('SELECT failed_codes FROM app_user WHERE id = $1', [user.id]);
    expect(row?.failed_codes).toBe(0);
  });

  it('counts guesses sent side by side one at a time: none slips past the throttle', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const { agent } = await passwordFrom(t.app, user.email, user.password);
    await agent.get('/two-factor');
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => agent.post('/two-factor', { code: '000000', next: '/' }).then((r) => r.statusCode)),
    );
    // Each check waits for the one before it: the free failures are answered 401, every later one 429.
    expect(statuses.filter((s) => s === 401)).toHaveLength(FREE_CODE_FAILURES - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - (FREE_CODE_FAILURES - 1));
    const [row] = await t.testDb.db.query<{ failed_codes: number }>('SELECT failed_codes FROM app_user WHERE id = $1', [user.id]);
    expect(row?.failed_codes).toBe(FREE_CODE_FAILURES);
  });

  it('gives the session a new token when the second factor succeeds; the old one is worthless', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area });
    const { agent } = await passwordFrom(t.app, user.email, user.password);
    const before = agent.cookies.get('ctp_session') ?? '';
    await agent.get('/two-factor');
    expect((await agent.post('/two-factor', { code: freshTotpCode(user.totpSecret ?? ''), next: '/' })).statusCode).toBe(303);
    const after = agent.cookies.get('ctp_session') ?? '';
    expect(after).not.toBe(before);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
    const planted = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `ctp_session=${before}` } });
    expect(planted.statusCode).toBe(401);
  });
});

describe('client addresses come only from named proxies', () => {
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'a-test-session-secret-of-at-least-32-chars',
    TOTP_ENCRYPTION_KEY: 'a-test-totp-encryption-key-of-32-chars-or-more',
    AUDIT_KEY: 'a-test-audit-key-of-at-least-32-characters',
  };

  it('in production ignores a forged X-Forwarded-For: the audit keeps the real address and the throttle holds', async () => {
    const own = await createTestApp(production);
    try {
      const ownArea = await buildArea(own.testDb.db);
      const user = await buildUser(own.testDb.db, own.config, { role: 'planner', areaCode: ownArea, totp: false });
      const statuses: number[] = [];
      for (let i = 0; i <= FREE_FAILURES_PER_ADDRESS; i += 1) {
        const agent = new Agent(own.app);
        await agent.get('/sign-in');
        const response = await agent.request({
          method: 'POST',
          url: '/sign-in',
          payload: new URLSearchParams({ _csrf: agent.csrf, email: user.email, password: `wrong-${i}-password` }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i + 1}` },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, FREE_FAILURES_PER_ADDRESS - 1).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(FREE_FAILURES_PER_ADDRESS - 1)).toEqual([429, 429]);
      const addresses = await own.testDb.db.query<{ ip: string }>('SELECT DISTINCT ip FROM audit_event WHERE actor_user_id = $1', [
        user.id,
      ]);
      expect(addresses).toEqual([{ ip: '127.0.0.1' }]);
    } finally {
      await own.close();
    }
  });

  it('believes X-Forwarded-For from a proxy TRUST_PROXY names', async () => {
    const own = await createTestApp({ ...production, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    try {
      const agent = new Agent(own.app);
      await agent.get('/sign-in');
      await agent.request({
        method: 'POST',
        url: '/sign-in',
        payload: new URLSearchParams({ _csrf: agent.csrf, email: 'someone@test.example', password: 'whatever-password' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.7' },
      });
      const rows = await own.testDb.db.query<{ ip: string }>(`SELECT ip FROM audit_event ORDER BY seq DESC LIMIT 1`);
      expect(rows).toEqual([{ ip: '198.51.100.7' }]);
    } finally {
      await own.close();
    }
  });
});

describe('throttling cannot keep a named person out', () => {
  it('throttles the guessing address only: the real person signs in from elsewhere', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS + 2; i += 1) await passwordFrom(t.app, user.email, `wrong-${i}-password`, '192.0.2.66');
    expect((await passwordFrom(t.app, user.email, user.password, '192.0.2.66')).response.statusCode).toBe(429);
    const real = await passwordFrom(t.app, user.email, user.password, '198.51.100.20');
    expect(real.response.statusCode).toBe(303);
    expect((await real.agent.get('/api/me')).statusCode).toBe(200);
  });

  it('answers a throttled account and an unknown email alike', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const unknown = 'nobody.here@test.example';
    const last = async (email: string) => {
      let response = (await passwordFrom(t.app, email, 'wrong-password-0', '192.0.2.70')).response;
      for (let i = 1; i < FREE_FAILURES_PER_ADDRESS + 1; i += 1)
        response = (await passwordFrom(t.app, email, `wrong-password-${i}`, '192.0.2.70')).response;
      return response;
    };
    const [known, nobody] = [await last(user.email), await last(unknown)];
    expect(known.statusCode).toBe(429);
    expect(nobody.statusCode).toBe(429);
    const text = (body: string, email: string) =>
      body
        .replaceAll(email, 'EMAIL')
        .replace(/value="[^"]*"/g, '')
        .replace(/\d\d:\d\d UTC/g, 'TIME');
    expect(text(known.body, user.email)).toBe(text(nobody.body, unknown));
  });

  it('throttles an email across all addresses only briefly', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    for (let i = 0; i < FREE_FAILURES_ALL_ADDRESSES; i += 1)
      await passwordFrom(t.app, user.email, `wrong-${i}-password`, `192.0.2.${100 + i}`);
    expect((await passwordFrom(t.app, user.email, user.password, '198.51.100.30')).response.statusCode).toBe(429);
    const [row] = await t.testDb.db.query<{ seconds: number }>(
      `SELECT extract(epoch FROM throttled_until - now())::int AS seconds FROM sign_in_throttle WHERE email = $1 AND address = '*'`,
      [user.email],
    );
    expect(row?.seconds).toBeLessThanOrEqual(60);
  });
});

describe('sessions after a change', () => {
  it('ends every other session when the password changes', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const here = await signIn(t.app, user);
    const elsewhere = await signIn(t.app, user);
    await here.get('/account/password');
    const changed = await here.post('/account/password', {
      currentPassword: user.password,
      newPassword: 'amber-falcon-meadow-3',
      confirmPassword: 'amber-falcon-meadow-3',
    });
    expect(changed.statusCode).toBe(303);
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/me')).statusCode).toBe(401);
  });

  it('ends a suspended user’s sessions at once and refuses their sign-in', async () => {
    const user: TestUser = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const agent = await signIn(t.app, user);
    const result = await t.services.users.suspend(null, user.id, 'left the service', { ip: 'local', userAgent: 'test', requestId: 'test' });
    expect(result.sessionsEnded).toBe(1);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
    expect((await passwordFrom(t.app, user.email, user.password, '198.51.100.40')).response.statusCode).toBe(401);
    const [ended] = await t.testDb.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM user_session WHERE user_id = $1 AND ended_at IS NULL',
      [user.id],
    );
    expect(ended?.n).toBe(0);
  });
});

describe('published passwords', () => {
  it('refuses the demo password and the service’s name as a new password', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    const agent = await signIn(t.app, user);
    for (const password of [DEMO_PASSWORD, "Children's Trust Platform", 'childrens-trust-platform-2026']) {
      await agent.get('/account/password');
      const response = await agent.post('/account/password', {
        currentPassword: user.password,
        newPassword: password,
        confirmPassword: password,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('must not contain the name of this service or the published demo password');
    }
  });
});

describe('the idle clock', () => {
  it('keeps an active session alive with SESSION_IDLE_MINUTES=1', async () => {
    const own = await createTestApp({ SESSION_IDLE_MINUTES: '1' });
    try {
      const ownArea = await buildArea(own.testDb.db);
      const user = await buildUser(own.testDb.db, own.config, { role: 'planner', areaCode: ownArea, totp: false });
      const agent = await signIn(own.app, user);
      // Active every 40 seconds for two minutes: each request must push the idle clock on.
      for (let i = 0; i < 3; i += 1) {
        await own.testDb.asOwner((db) =>
          db.query(`UPDATE user_session SET last_seen_at = last_seen_at - interval '40 seconds' WHERE user_id = $1`, [user.id]),
        );
        expect((await agent.get('/api/me')).statusCode).toBe(200);
      }
    } finally {
      await own.close();
    }
  });
});

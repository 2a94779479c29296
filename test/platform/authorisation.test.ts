import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/platform/policy.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { ALLOWED_EXCEPTIONS, EXPECTED } from './authorisation-table.js';

/**
 * The authorisation matrix: every registered route against every role, in the user's own area
 * and from another area, and signed out. Written out by hand so it checks the policy module
 * rather than repeating it. A new route without a row here fails the first test.
 */

const STATIC = /^\/(assets|govuk|public)\//;
const SESSION_ENDING = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere']);

let t: TestApp;
let home: string;
let away: string;
const agents = new Map<string, Agent>();

function routes(): { key: string; method: string; url: string }[] {
  return t.app.registeredRoutes
    .filter((r) => r.method !== 'HEAD' && !STATIC.test(r.url))
    .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url }));
}

// Ids that exist nowhere: an allowed role gets past the policy to a 400 or 404, a refused one gets 403.
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A path parameter other than the area (which the matrix fills with the user's own). */
const HAS_ID = /:(?!areaCode\b)[a-zA-Z]+/;


/**
 * What an allowed role gets, with ids and codes that exist nowhere and an empty body: a page or
 * list with nothing to look up is 200; a GET of something that does not exist is 404; a write is
 * 400 or 404, whichever comes first of validating the empty body and looking up what it writes to.
 * Never a 5xx: an allowed call that fails on the server is a fault, whatever else this says.
 */
function allowedStatuses(key: string): readonly number[] {
  const exception = ALLOWED_EXCEPTIONS[key];
  if (exception) return [exception.status];
  const [method = '', url = ''] = key.split(' ');
  if (method === 'GET') return HAS_ID.test(url) ? [404] : [200];
  return [400, 404];
}

async function call(agent: Agent, method: string, url: string) {
  const concrete = url
    .replace(':areaCode', home)
    .replace(':version', '1')
    // Outcomes: codes that exist nowhere, and a chart that does exist (the indicator is then not found).
    .replace(/:(indicatorCode|outcomeCode)\b/g, 'NO-SUCH-CODE')
    .replace(':chart', 'trend')
    .replace(':format', 'csv')
    .replace(/:([a-zA-Z]+Id|id)\b/g, NO_SUCH_ID);
  if (method === 'GET') return agent.get(concrete);
  if (method === 'DELETE') return agent.request({ method: 'DELETE', url: concrete });
  if (concrete.startsWith('/api/'))
    return agent.request({
      method: method as 'POST' | 'PUT',
      url: concrete,
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
  return agent.post(concrete, {});
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  home = await buildArea(db);
  away = await buildArea(db);
  for (const role of ROLES.values) {
    for (const [label, area] of [
      ['home', home],
      ['away', away],
    ] as const) {
      const user = await buildUser(db, t.config, { role, areaCode: area });
      agents.set(`${role}:${label}`, await signIn(t.app, user));
    }
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('every route declares a policy', () => {
  it('lists no exception for a route that no longer exists', () => {
    expect(Object.keys(ALLOWED_EXCEPTIONS).filter((key) => !(key in EXPECTED))).toEqual([]);
  });

  it('has no route without a policy, and every route is in the matrix', () => {
    const all = t.app.registeredRoutes.filter((r) => r.method !== 'HEAD');
    expect(all.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(
      routes()
        .map((r) => r.key)
        .filter((k) => !(k in EXPECTED)),
    ).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !routes().some((r) => r.key === k))).toEqual([]);
  });

  it('serves static files to anyone', async () => {
    const response = await new Agent(t.app).get('/govuk/govuk-frontend.min.css');
    expect(response.statusCode).toBe(200);
  });
});

describe('signed out', () => {
  it.each(Object.entries(EXPECTED))('%s', async (key, expectation) => {
    const [method = '', url = ''] = key.split(' ');
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in'); // a browser has the form's CSRF token before it posts
    const response = await call(visitor, method, url);
    if (expectation === 'public') {
      expect(response.statusCode, `a server error: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      expect(response.statusCode).not.toBe(401);
      expect(response.statusCode).not.toBe(403);
    } else if (method === 'GET' && !url.startsWith('/api/')) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/sign-in/);
    } else {
      expect(response.statusCode).toBe(401);
    }
  });
});

describe.each(ROLES.values)('role %s', (role) => {
  const cases = Object.entries(EXPECTED).filter(([key, e]) => typeof e === 'object' && !SESSION_ENDING.has(key));

  it.each(cases)('%s in their own area', async (key, expectation) => {
    const [method = '', url = ''] = key.split(' ');
    const agent = agents.get(`${role}:home`) as Agent;
    const response = await call(agent, method, url);
    const allowed = typeof expectation === 'object' && expectation.roles.includes(role);
    if (allowed) {
      expect(response.statusCode, `a server error: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      expect(allowedStatuses(key), `answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
    } else expect(response.statusCode).toBe(403);
  });

  it.each(cases.filter(([key]) => key.includes(':areaCode')))('%s from another area', async (key, expectation) => {
    const [method = '', url = ''] = key.split(' ');
    const response = await call(agents.get(`${role}:away`) as Agent, method, url);
    const allowed = typeof expectation === 'object' && (expectation.anyArea ?? []).includes(role);
    if (allowed)
      expect(allowedStatuses(key), `answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
    else expect(response.statusCode).toBe(403);
  });

  it('password-only routes send a fully signed-in user home', async () => {
    const response = await agents.get(`${role}:home`)?.get('/two-factor');
    expect(response?.statusCode).toBe(303);
    expect(response?.headers.location).toBe('/');
  });

  it('can sign out everywhere, then sign out, and is signed out after', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role, areaCode: home });
    const first = await signIn(t.app, user);
    const everywhere = await first.post('/account/sign-out-everywhere');
    expect(everywhere.statusCode).toBe(303);
    expect((await first.get('/api/me')).statusCode).toBe(401);
    const agent = agents.get(`${role}:home`) as Agent;
    expect((await agent.post('/sign-out')).statusCode).toBe(303);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });
});

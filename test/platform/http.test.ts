import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { handleError } from '../../src/platform/http/errors.js';
import { loggerOptions } from '../../src/platform/logging.js';
import { buildServices } from '../../src/services.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';

let t: TestApp;
let agent: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  agent = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: area }));
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('sends a strict Content-Security-Policy with no inline scripts, on every page', async () => {
    const response = await new Agent(t.app).get('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.headers['referrer-policy']).toBe('same-origin');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    // An answer made by the error handler carries them too.
    const missing = await new Agent(t.app).get('/no-such-page');
    expect(missing.statusCode).toBe(404);
    expect(String(missing.headers['content-security-policy'])).toBe(csp);
  });

  it('gives each response a request id, keeping a well-formed one from the caller', async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/livez', headers: { 'x-request-id': 'trace-1234abcd' } });
    expect(mine.headers['x-request-id']).toBe('trace-1234abcd');
    const forged = await t.app.inject({ method: 'GET', url: '/livez', headers: { 'x-request-id': '<script>' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('faults get a clear answer with the right status', () => {
  it('unknown page: a GOV.UK 404 page', async () => {
    const response = await agent.get('/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
  });

  it('unknown API route: problem+json 404', async () => {
    const response = await agent.get('/api/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, title: 'Page not found' });
  });

  it('malformed JSON: problem+json 400, nothing written', async () => {
    const before = await t.testDb.db.query('SELECT count(*)::int AS n FROM app_user');
    const response = await agent.request({
      method: 'POST',
      url: '/api/users',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, title: 'Malformed JSON' });
    expect(await t.testDb.db.query('SELECT count(*)::int AS n FROM app_user')).toEqual(before);
  });

  it('oversized body: 413', async () => {
    const response = await agent.request({
      method: 'POST',
      url: '/api/users',
      payload: JSON.stringify({ email: 'x'.repeat(600 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ status: 413 });
  });

  it('API request with a form body: 415', async () => {
    const response = await agent.request({
      method: 'POST',
      url: '/api/users',
      payload: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
  });

  it('invalid API input names each field and rule', async () => {
    const response = await agent.postJson('/api/users', { email: 'a@b.example', role: 'planner' });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['displayName:required', 'organisationId:required', 'password:required']));
  });

  it('anonymous API call: 401 problem+json', async () => {
    const response = await new Agent(t.app).get('/api/me');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: 'about:blank#unauthenticated', status: 401 });
  });
});

describe('operations and documentation', () => {
  it('reports the database reachable', async () => {
    const response = await new Agent(t.app).get('/healthz');
    expect(response.json()).toEqual({ status: 'ok', database: 'writable' });
  });

  // Issue 11 §17: a SELECT answers on a full disk; readiness needs a write that commits.
  it('answers 503 with a reason when a write cannot be committed', async () => {
    await t.testDb.asOwner((owner) => owner.exec('REVOKE UPDATE ON health_probe FROM ctp_app'));
    try {
      const response = await new Agent(t.app).get('/healthz');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', database: 'not writable', reason: 'a write could not be committed' });
    } finally {
      await t.testDb.asOwner((owner) => owner.exec('GRANT UPDATE ON health_probe TO ctp_app'));
    }
    expect((await new Agent(t.app).get('/healthz')).statusCode).toBe(200);
  });

  it('serves an OpenAPI 3 document of every API route, and a readable page of it', async () => {
    const doc = (await new Agent(t.app).get('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    const apiRoutes = t.app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.includes('openapi') && !r.url.includes('docs'),
    );
    for (const route of apiRoutes) expect(Object.keys(doc.paths)).toContain(route.url.replace(/:(\w+)/g, '{$1}'));
    const page = await new Agent(t.app).get('/api/docs');
    expect(page.body).toContain('GET /api/me');
  });

  it('logs no cookies, passwords or query strings', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      config: t.config,
      services: buildServices(t.testDb.db, t.config),
      logger: { ...(loggerOptions('info') as object), stream },
    });
    const visitor = new Agent(app);
    await visitor.get('/sign-in?next=/children?surname=Smith');
    await visitor.post('/sign-in', { email: 'someone@test.example', password: 'secret-password-value' });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('"path":"/sign-in"');
    expect(log).not.toContain('Smith');
    expect(log).not.toContain('secret-password-value');
    expect(log).not.toContain('ctp_csrf=');
  });

  // Issue 11 §8: a failed query's parameters, DETAIL ("Failing row contains ...") and quoted values stay out of the log.
  it('logs a failed query without the personal data it carried', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The platform's logger options and error handler, on routes whose queries fail.
    const app = Fastify({ logger: { ...(loggerOptions('info') as object), stream } });
    app.setErrorHandler(handleError);
    const db = t.testDb.db;
    const failing: Record<string, () => Promise<unknown>> = {
      notNull: () => db.query('INSERT INTO area (code, name) VALUES ($1, NULL)', ['Jane Private-Person']),
      unique: async () => {
        const [row] = await db.query<{ code: string; name: string }>('SELECT code, name FROM area LIMIT 1');
        return db.query(`INSERT INTO area (code, name, kind) VALUES ($1, $2, 'county')`, [row?.code, 'Jane Private-Person']);
      },
      syntax: () => db.query('SELECT $1::uuid', ['jane.private@home.example']),
    };
    for (const [name, run] of Object.entries(failing)) {
      app.get(`/api/test-failure/${name}`, async () => run());
    }
    for (const name of Object.keys(failing))
      expect((await app.inject({ method: 'GET', url: `/api/test-failure/${name}` })).statusCode).toBe(500);
    await app.close();
    const log = lines.join('');
    expect(log).toMatch(/"sqlState":"23502"/);
    expect(log).toMatch(/"sqlState":"23505"/);
    expect(log).toMatch(/"sqlState":"22P02"/);
    expect(log).not.toMatch(/Jane|Private|jane\.private|Failing row|"params"/);
  });
});

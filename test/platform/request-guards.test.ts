import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';
import { paths } from '../../src/platform/paths.js';

// Issue 11: NUL characters and broken multipart bodies are the caller's fault (400, not 500); a
// state-changing request with a session cookie from another site is refused; a server error page
// shows its support reference.

let t: TestApp;
let admin: Agent;
let organisationId: string;

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  organisationId = await buildOrganisation(t.testDb.db, area);
  admin = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: area }));
});
afterAll(async () => t?.close());

describe('a NUL character or a broken multipart body is a 400 naming the field', () => {
  it('on the sign-in page, before anyone is signed in', async () => {
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', { email: 'some\u0000one@test.example', password: 'whatever-password' });
    // The sign-in form again, with the error at its field (issue 11; a NUL is a field error like any other).
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#email">Email must not contain control characters</a>');
    expect(response.body).toMatch(/<form[^>]*action="\/sign-in"/);
  });

  it('on an API route', async () => {
    const response = await admin.postJson('/api/users', {
      email: 'nul@test.example',
      displayName: 'Nul\u0000Person',
      role: 'planner',
      organisationId,
      password: 'violet-harbour-tunnel-9',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ field: 'displayName', rule: 'no_nul' }] });
    const query = await admin.get('/api/me?x=a%00b');
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ errors: [{ field: 'x', rule: 'no_nul' }] });
  });

  it('on a page form: the form again, the field named as its label reads, what was typed kept, nothing saved', async () => {
    await admin.get('/admin/users/new');
    const response = await admin.post('/admin/users/new', {
      email: 'nul.form@test.example',
      displayName: 'Nul\u0000Form',
      role: 'planner',
      organisationId,
      password: 'violet-harbour-tunnel-9',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('<a href="#displayName">Display name must not contain control characters</a>');
    expect(response.body).toMatch(/id="displayName-error"[^]*Display name must not contain control characters/);
    expect(response.body).toContain('value="nul.form@test.example"');
    expect(await t.testDb.db.query(`SELECT 1 FROM app_user WHERE email = 'nul.form@test.example'`)).toHaveLength(0);
  });

  it('on another feature’s form (adding a child): each field with a NUL named, nothing saved and nothing audited', async () => {
    const area = await buildArea(t.testDb.db);
    const org = await buildOrganisation(t.testDb.db, area);
    const practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: org });
    await practitioner.get(paths.childrenNew);
    const response = await practitioner.post(paths.childrenNew, {
      givenName: 'Ne\u0000ll',
      familyName: 'Nul\u0000lington',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '2016',
      gender: 'female',
      postcode: 'KE1 1AA',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#givenName">Given name must not contain control characters</a>');
    expect(response.body).toContain('<a href="#familyName">Family name must not contain control characters</a>');
    expect(response.body).toMatch(/id="familyName-error"[^]*Family name must not contain control characters/);
    expect(response.body).toContain('value="KE1 1AA"');
    expect(await t.testDb.db.query(`SELECT 1 FROM child WHERE area_code = $1`, [area])).toHaveLength(0);
    expect(await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE area_code = $1 AND action = 'child.created'`, [area])).toHaveLength(0);
  });

  it('a multipart body without its boundary', async () => {
    for (const url of ['/sign-in', '/admin/users/new']) {
      const response = await admin.request({
        method: 'POST',
        url,
        payload: 'email=x',
        headers: { 'content-type': 'multipart/form-data' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('multipart/form-data with its boundary');
    }
  });
});

describe('state-changing requests from another site are refused', () => {
  const undo = '/api/child-merges/00000000-0000-4000-8000-000000000000/undo';

  it('refuses a body-less API POST whose Origin or Referer is another site, or null', async () => {
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
      { origin: 'http://localhost.evil.example' },
    ]) {
      const response = await admin.request({ method: 'POST', url: undo, headers });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: 'about:blank#cross_site_request' });
    }
  });

  it('lets the service’s own origin, and programs that send neither header, through', async () => {
    for (const headers of [{ origin: 'http://localhost' }, { referer: 'http://localhost/children' }, {}]) {
      const response = await admin.request({ method: 'POST', url: undo, headers });
      expect(response.json().type).not.toBe('about:blank#cross_site_request');
    }
  });

  it('refuses a cross-site sign-out form, and the session survives', async () => {
    const user = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: await buildArea(t.testDb.db) }));
    const response = await user.request({
      method: 'POST',
      url: '/sign-out',
      payload: `_csrf=${encodeURIComponent(user.csrf)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Request from another site refused');
    expect((await user.get('/api/me')).statusCode).toBe(200);
  });

  it('sends the Referrer-Policy that lets browsers send our own origin', async () => {
    expect((await new Agent(t.app).get('/sign-in')).headers['referrer-policy']).toBe('same-origin');
  });
});

describe('a server error', () => {
  it('shows the support reference on its page', async () => {
    // A real fault: the application's role loses its grant on sessions, so the session lookup fails.
    await t.testDb.asOwner((db) => db.query('REVOKE SELECT ON user_session FROM ctp_app'));
    try {
      const response = await admin.get('/account');
      expect(response.statusCode).toBe(500);
      const reference = String(response.headers['x-request-id']);
      expect(reference).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body).toContain(`quote reference <strong>${reference}</strong>`);
    } finally {
      await t.testDb.asOwner((db) => db.query('GRANT SELECT ON user_session TO ctp_app'));
    }
  });
});

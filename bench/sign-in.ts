// Signs a demo user in over real HTTP (password, then two-factor code) and returns the
// Cookie header a browser would send afterwards. Shared by the benchmarks in this folder.
import type { Config } from '../src/platform/config.js';
import type { Db } from '../src/platform/db.js';
import type { Viewer } from '../src/children/types.js';
import { demoTotpCode } from '../src/demo/load.js';

export const DEMO_EMAIL = 'health.visitor@kestrelshire.example';
export const DEMO_PASSWORD = 'Kestrelshire-demo-2026';

/** The demo user (a health visitor, a practitioner) as the child index's searches see them. */
export async function demoViewer(db: Db): Promise<Viewer> {
  const [user] = await db.query<{ id: string; organisation_id: string; area_code: string }>(
    'SELECT id, organisation_id, area_code FROM app_user WHERE email = $1',
    [DEMO_EMAIL],
  );
  if (!user) throw new Error('demo user missing');
  return {
    userId: user.id,
    role: 'practitioner',
    areaCode: user.area_code,
    organisationId: user.organisation_id,
    organisationName: '',
    organisationSector: 'local authority',
    designatedSafeguarding: false,
  };
}

/** Cookies by name, merged from every Set-Cookie header seen so far. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function fail(step: string, detail: string): never {
  throw new Error(`sign-in failed at ${step}: ${detail}`);
}

function csrfFrom(html: string, step: string): string {
  const match = /name="_csrf"\s+value="([^"]*)"/.exec(html);
  if (!match?.[1]) fail(step, 'no _csrf hidden input in the page');
  return match[1]
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=');
}

async function getPage(base: string, path: string, jar: CookieJar): Promise<string> {
  const response = await fetch(base + path, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  if (response.status !== 200) fail(`GET ${path}`, `expected 200, got ${response.status}`);
  return response.text();
}

async function postForm(base: string, path: string, jar: CookieJar, fields: Record<string, string>): Promise<Response> {
  const response = await fetch(base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams(fields).toString(),
  });
  jar.take(response);
  if (response.status !== 303) fail(`POST ${path}`, `expected 303, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
  await response.arrayBuffer();
  return response;
}

/** Returns the Cookie header of a fully signed-in session (password and security code). */
export async function signInDemoUser(base: string, db: Db, config: Config, email = DEMO_EMAIL): Promise<string> {
  return signIn(base, email, () => demoTotpCode(db, config, email));
}

/**
 * The same, over HTTP alone, for a demo role that is asked no security code (a planner, a board
 * member): for a benchmark whose server is another process (`ctp serve`).
 */
export async function signInWithoutCode(base: string, email: string): Promise<string> {
  return signIn(base, email, () => fail('GET /two-factor', `${email} is asked a security code: sign in with signInDemoUser`));
}

async function signIn(base: string, email: string, securityCode: () => Promise<string>): Promise<string> {
  const jar = new CookieJar();

  const signInCsrf = csrfFrom(await getPage(base, '/sign-in', jar), 'GET /sign-in');
  if (!jar.has('ctp_csrf')) fail('GET /sign-in', 'no ctp_csrf cookie set');
  await postForm(base, '/sign-in', jar, { _csrf: signInCsrf, email, password: DEMO_PASSWORD, next: '/' });
  if (!jar.has('ctp_session')) fail('POST /sign-in', 'no ctp_session cookie set');

  // A role that needs no security code (a planner, a board member) is signed in already: /two-factor sends it on.
  const probe = await fetch(`${base}/two-factor`, { redirect: 'manual', headers: { cookie: jar.header() } });
  await probe.arrayBuffer();
  if (probe.status !== 303) {
    const twoFactorCsrf = csrfFrom(await getPage(base, '/two-factor', jar), 'GET /two-factor');
    const code = await securityCode();
    const done = await postForm(base, '/two-factor', jar, { _csrf: twoFactorCsrf, code, next: '/' });
    const location = done.headers.get('location');
    if (location !== '/') fail('POST /two-factor', `expected redirect to /, got ${String(location)}`);
  }

  const cookie = jar.header();
  await getPage(base, '/', jar);
  const me = await fetch(`${base}/api/me`, { redirect: 'manual', headers: { cookie, accept: 'application/json' } });
  if (me.status !== 200) fail('GET /api/me', `expected 200, got ${me.status}`);
  const body = (await me.json()) as { email?: unknown };
  if (body.email !== email) fail('GET /api/me', `signed in as ${String(body.email)}, expected ${email}`);
  return jar.header();
}

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { buildServices, type Services } from '../../src/services.js';
import { createTestDb, type TestDb } from './db.js';
import type { TestUser } from './factories.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  services: Services;
  testDb: TestDb;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', DEMO: 'false', ...overrides });
}

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const testDb = await createTestDb();
  const services = buildServices(testDb.db, config);
  const app = await buildApp({ config, services, logger: process.env.TEST_LOG ? { level: "error" } : false });
  return {
    app,
    config,
    services,
    testDb,
    async close() {
      await app.close();
      await testDb.close();
    },
  };
}

/** The hidden CSRF field of a rendered form. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('page has no CSRF token');
  return match[1];
}

/** A browser-like client for app.inject: keeps cookies and the CSRF token of the last page. */
export class Agent {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie: this.cookieHeader() } });
    for (const c of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const type = String(response.headers['content-type'] ?? '');
    if (type.startsWith('text/html') && response.body.includes('name="_csrf"')) this.csrf = csrfFrom(response.body);
    return response;
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url });
  }

  /** Posts a form the way a browser does, with the CSRF token unless told otherwise. */
  post(url: string, fields: Record<string, string> = {}, { csrf = true } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(csrf ? { _csrf: this.csrf, ...fields } : fields).toString();
    return this.request({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Posts a form and, when it redirects, follows the redirect as a browser does: the page the person ends on. */
  async postAndFollow(url: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const posted = await this.post(url, fields);
    const location = posted.headers.location;
    return posted.statusCode === 303 && typeof location === 'string' ? this.get(location) : posted;
  }

  postJson(url: string, json: unknown): Promise<LightMyRequestResponse> {
    return this.request({ method: 'POST', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
  }
}

const lastStep = new Map<string, number>();
/** A code not used before for this secret: the service refuses a replayed time step. */
export function freshTotpCode(secret: string): string {
  const nowStep = Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep, (lastStep.get(secret) ?? -1) + 1);
  if (step > nowStep + 1) throw new Error('signed in too often in 30 seconds for the same user: build another user');
  lastStep.set(secret, step);
  return currentTotpCode(secret, step * 30_000 + 1000);
}

/** Signs in through the real pages, with the second factor when the user has one. */
export async function signIn(app: FastifyInstance, user: TestUser): Promise<Agent> {
  const agent = new Agent(app);
  await agent.get('/sign-in');
  const response = await agent.post('/sign-in', { email: user.email, password: user.password, next: '/' });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
  const location = String(response.headers.location);
  if (location.startsWith('/two-factor')) {
    if (!user.totpSecret) throw new Error('user needs two-factor set-up');
    await agent.get('/two-factor');
    const second = await agent.post('/two-factor', { code: freshTotpCode(user.totpSecret), next: '/' });
    if (second.statusCode !== 303) throw new Error(`two-factor failed: ${second.statusCode} ${second.body.slice(0, 300)}`);
  }
  await agent.get('/');
  return agent;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { paths } from '../../src/platform/paths.js';
import { buildServices } from '../../src/services.js';
import { testConfig, type Agent, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { createTestDb } from '../helpers/db.js';
import { buildArea } from '../helpers/factories.js';

/**
 * Issue 15 item 6: a fault's page gives the support reference, and it is the request id the log
 * carries, so support can find what happened from what the person quotes. Every 4xx and 5xx page.
 */

let t: TestApp;
let planner: Agent;
const logLines: Record<string, unknown>[] = [];
const referenceOn = (html: string) => /quote reference <strong>([^<]*)<\/strong>/.exec(html)?.[1];

beforeAll(async () => {
  const config = testConfig();
  const testDb = await createTestDb();
  const services = buildServices(testDb.db, config);
  const stream = { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) };
  const app = await buildApp({ config, services, logger: { level: 'info', stream } });
  t = { app, config, services, testDb, close: async () => (await app.close(), await testDb.close()) };
  planner = await signedIn(t, 'planner', { areaCode: await buildArea(testDb.db) });
}, 60_000);
afterAll(async () => t?.close());

describe('the error pages', () => {
  it('a 500 page shows the reference that is logged with the error itself', async () => {
    const dashboard = t.services.outcomes.dashboard;
    const original = dashboard.dashboard;
    dashboard.dashboard = () => Promise.reject(new Error('the dashboard broke in a test'));
    try {
      const response = await planner.get(paths.outcomesDashboard);
      expect(response.statusCode).toBe(500);
      const reference = referenceOn(response.body);
      expect(reference).toMatch(/\S/);
      expect(reference).toBe(response.headers['x-request-id']);
      const logged = logLines.find((l) => l.msg === 'request failed' && l.reqId === reference);
      expect(logged, 'the error logged under the same request id').toBeDefined();
      // The cause itself is logged (with its stack), not the words the person was shown.
      expect(JSON.stringify(logged?.err)).toContain('the dashboard broke in a test');
      expect(response.body).not.toContain('the dashboard broke in a test');
    } finally {
      dashboard.dashboard = original;
    }
  });

  it('every refusal page gives its reference too: 404, 403 and 400', async () => {
    const notFound = await planner.get('/no/such/page');
    expect(notFound.statusCode).toBe(404);
    expect(referenceOn(notFound.body)).toBe(notFound.headers['x-request-id']);
    const forbidden = await planner.get(paths.adminUsers);
    expect(forbidden.statusCode).toBe(403);
    expect(referenceOn(forbidden.body)).toBe(forbidden.headers['x-request-id']);
    const badForm = await planner.request({
      method: 'POST',
      url: paths.outcomesImport,
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(badForm.statusCode).toBeGreaterThanOrEqual(400);
    expect(badForm.statusCode).toBeLessThan(500);
    expect(referenceOn(badForm.body)).toBe(badForm.headers['x-request-id']);
  });
});

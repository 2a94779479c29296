import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_PASSWORD } from '../../src/demo/area.js';
import { demoTotpCode, loadDemo } from '../../src/demo/load.js';
import { PROVIDER_KINDS, SERVICE_TYPES } from '../../src/directory/index.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 17 item 11: the demo's directory of about forty services across the sectors, its providers
 * on a level playing field, a few overdue for review, and its postcodes loaded from a file in the
 * ONS Postcode Directory's layout; the demo's provider staff keep their own organisation's entries.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 180_000);
afterAll(async () => t?.close());

describe('the demo’s directory of services', () => {
  it('has about forty services of every type and kind of provider, partners and not, a few due for review', async () => {
    const services = await t.services.directory.list(DEMO_AREA.code);
    expect(services.length).toBeGreaterThanOrEqual(40);
    expect(new Set(services.map((s) => s.serviceType))).toEqual(new Set(SERVICE_TYPES.values));
    expect(new Set(services.map((s) => s.providerKind))).toEqual(new Set(PROVIDER_KINDS.values));
    expect(services.filter((s) => s.organisationId === null && s.providerName !== '').length).toBeGreaterThanOrEqual(5);
    expect(services.filter((s) => s.reviewDue).map((s) => s.name).sort()).toEqual([
      'Dads Matter parenting group',
      'Dunstow youth club',
      'Family support',
      'Play and mentoring',
      'Youth inclusion programme',
    ]);
    expect(services.filter((s) => s.postcode !== '').length).toBeGreaterThanOrEqual(38);
  });

  it('finds a parenting service near a postcode, nearest first, from the postcodes loaded as a council loads them', async () => {
    const [held] = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM area_postcode WHERE area_code = $1', [DEMO_AREA.code]);
    expect(held?.n).toBe(264);
    const r = await t.app.inject({ method: 'GET', url: `/api/services-directory/${DEMO_AREA.code}?words=parenting&postcode=ks11%202ab` });
    const found = r.json() as { entries: { name: string; distanceMiles: number | null }[] };
    expect(found.entries[0]?.name).toBe('Incredible Years parenting programme');
    const miles = found.entries.map((e) => e.distanceMiles ?? Infinity);
    expect(miles).toEqual([...miles].sort((a, b) => a - b));
    // Loading again adds nothing: the demo's postcodes are in.
    expect((await loadDemo(t.testDb.db, t.config, { children: false })).created).toBe(0);
  });

  it('lets Eastmoor Family Support’s worker keep its own entries and no one else’s', async () => {
    const agent = new Agent(t.app);
    await agent.get(paths.signIn);
    const email = 'family.support@kestrelshire.example';
    await agent.post(paths.signIn, { email, password: DEMO_PASSWORD, next: '/' });
    await agent.get('/two-factor');
    const signedIn = await agent.post('/two-factor', { code: await demoTotpCode(t.testDb.db, t.config, email), next: '/' });
    expect(signedIn.statusCode).toBe(303);
    const ours = (await agent.get('/api/services/ours')).json() as { name: string }[];
    expect(ours.map((s) => s.name)).toEqual(['Children’s centre: Eastmoor', 'Family support', 'Incredible Years parenting programme']);
    const page = await agent.get(paths.ourServices);
    expect(page.body).toContain('Review due');
    const health = (await t.services.directory.list(DEMO_AREA.code)).find((s) => s.name === 'Health visiting');
    expect((await agent.get(paths.ourService(health?.id ?? ''))).statusCode).toBe(403);
  });
});

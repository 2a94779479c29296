import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { demoTotpSecret } from '../../src/platform/auth/totp.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';

/**
 * The demo's two-person shielding journey (issue 11): a demo practitioner asks, the demo's practice
 * manager (its named safeguarding contact, a designated safeguarding lead) approves, through the pages.
 */

let t: TestApp;
const demoAgent = (email: string): Promise<Agent> => {
  const u = DEMO_USERS.find((d) => d.email === email);
  if (!u) throw new Error(`no demo user ${email}`);
  return signIn(t.app, {
    id: '',
    email,
    password: DEMO_PASSWORD,
    role: u.role,
    areaCode: DEMO_AREA.code,
    totpSecret: demoTotpSecret(email),
  });
};

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: 40 });
});
afterAll(async () => t.close());

describe('the demo shielding journey', () => {
  it('marks the practice manager, and nobody else, as a designated safeguarding lead', async () => {
    const rows = await t.testDb.db.query<{ email: string }>('SELECT email FROM app_user WHERE area_code = $1 AND designated_safeguarding', [
      DEMO_AREA.code,
    ]);
    expect(rows.map((r) => r.email)).toEqual(['practice.manager@kestrelshire.example']);
  });

  it('is asked for by the health visitor and approved by the practice manager', async () => {
    const [child] = await t.testDb.db.query<{ id: string }>(
      'SELECT id FROM child WHERE area_code = $1 AND shielded_at IS NULL AND merged_into_id IS NULL ORDER BY family_name LIMIT 1',
      [DEMO_AREA.code],
    );
    const childId = child?.id ?? '';
    const hv = await demoAgent('health.visitor@kestrelshire.example');
    await hv.get(paths.childShielding(childId));
    const asked = await hv.post(paths.childShielding(childId), { action: 'shield', reason: 'The family has fled domestic violence' });
    expect(asked.statusCode, asked.body).toBe(303);

    const manager = await demoAgent('practice.manager@kestrelshire.example');
    const list = await manager.get(paths.shieldingRequests);
    expect(list.statusCode).toBe(200);
    const requestId = /\/shielding-requests\/([0-9a-f-]{36})\/decision/.exec(list.body)?.[1] ?? '';
    expect(requestId).not.toBe('');
    const decided = await manager.post(paths.shieldingDecision(requestId), { decision: 'approve', note: 'Agreed' });
    expect(decided.statusCode, decided.body).toBe(303);
    expect(decided.headers.location).toBe(`${paths.shieldingRequests}?done=approved`);

    const [after] = await t.testDb.db.query<{ shielded: boolean }>('SELECT shielded_at IS NOT NULL AS shielded FROM child WHERE id = $1', [
      childId,
    ]);
    expect(after?.shielded).toBe(true);
  });
});

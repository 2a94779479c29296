import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOwnWords } from '../../src/audit/actions.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/area.js';
import { demoUserCode, loadDemo } from '../../src/demo/load.js';
import { paths } from '../../src/platform/paths.js';
import { requiresSecondFactor } from '../../src/platform/policy.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 14: the README said the board member and the planner need no code, but the demo sent both to
 * the security code page. Roles that see children's information need a code; those that see counts
 * alone do not (policy.ts); the demo's users, the README's table and `ctp demo totp` say the same.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
});
afterAll(async () => t.close());

/** The README's demo users table: email and whether it says "(no code needed)". */
function readmeDemoUsers(): Map<string, boolean> {
  const readme = fs.readFileSync('README.md', 'utf8');
  const rows = [...readme.matchAll(/^\| ([a-z.]+@kestrelshire\.example) \| ([^|]+) \|$/gm)];
  return new Map(rows.map((m) => [m[1] ?? '', (m[2] ?? '').includes('no code needed')]));
}

describe('demo users and their security codes', () => {
  it('the README lists every demo user, and says "no code needed" for exactly the roles that need none', () => {
    const table = readmeDemoUsers();
    expect([...table.keys()].sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    for (const u of DEMO_USERS) expect(table.get(u.email), u.email).toBe(!requiresSecondFactor(u.role));
  });

  it.each(DEMO_USERS.map((u) => [u.email, u.role] as const))('%s (%s) is asked for a code only when the role needs one', async (email, role) => {
    const agent = new Agent(t.app);
    await agent.get(paths.signIn);
    const response = await agent.post(paths.signIn, { email, password: DEMO_PASSWORD, next: '/' });
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    if (requiresSecondFactor(role)) expect(location).toContain(paths.twoFactor);
    else expect(location).toBe(paths.home);
  });

  it('every action the demo writes to the audit trail reads in words of its own, not a code turned into words', async () => {
    const rows = await t.testDb.db.query<{ action: string }>('SELECT DISTINCT action FROM audit_event ORDER BY action');
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.map((r) => r.action).filter((a) => !hasOwnWords(a))).toEqual([]);
  });

  it('ctp demo totp gives a code to those who need one and says why to those who do not', () => {
    expect(demoUserCode('health.visitor@kestrelshire.example')).toMatch(/^\d{6}$/);
    expect(() => demoUserCode('board.member@kestrelshire.example')).toThrow(/password alone/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA, DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { demoTotpSecret } from '../../src/platform/auth/totp.js';
import { governancePaths as gp } from '../../src/governance/index.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';

/**
 * Issue 14: each demo role's home page lists the work waiting for it, from the demo's own data
 * (one demo load for the whole file).
 */

let t: TestApp;

/** The waiting work on a demo user's home page, as "label: count" lines, with the links it offers. */
async function homeOf(email: string): Promise<{ lines: string[]; links: string[]; body: string }> {
  const u = DEMO_USERS.find((d) => d.email === email);
  if (!u) throw new Error(`no demo user ${email}`);
  const agent = await signIn(t.app, {
    id: '',
    email,
    password: DEMO_PASSWORD,
    role: u.role,
    areaCode: DEMO_AREA.code,
    totpSecret: demoTotpSecret(email),
  });
  const page = await agent.get(paths.home);
  expect(page.statusCode).toBe(200);
  const rows = [
    ...page.body.matchAll(/<dt class="govuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*(\d+)/g),
  ];
  const links = [...page.body.matchAll(/<dd class="govuk-summary-list__actions">\s*<a class="govuk-link" href="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  return { lines: rows.map((m) => `${m[1]}: ${m[2]}`), links, body: page.body };
}

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: 40 });
}, 180_000);
afterAll(async () => t?.close());

describe('each demo role’s home page', () => {
  it('tells the social worker and the practice manager of the referral overdue at social care', async () => {
    const worker = await homeOf('social.worker@kestrelshire.example');
    expect(worker.lines).toContain('Referrals to your organisation not acknowledged in time: 1');
    expect(worker.links).toContain(paths.myChildren);
    const manager = await homeOf('practice.manager@kestrelshire.example');
    expect(manager.lines).toEqual(
      expect.arrayContaining([
        'Referrals to your organisation not acknowledged in time: 1',
        'Referrals in the area not acknowledged in time: 1',
        'Actions overdue in the area: 2',
      ]),
    );
    expect(manager.lines.some((l) => l.startsWith('Imports of children’s records finished'))).toBe(true);
    expect(manager.links).toEqual(expect.arrayContaining([paths.caseload, paths.possibleDuplicates]));
  });

  it('tells the teacher of the overdue action she owns, and the youth crime prevention officer of the review due', async () => {
    // The Brennans' eldest (demo/family.ts): an episode the teacher assesses, with no lead yet and no review in 12 weeks.
    expect((await homeOf('teacher@kestrelshire.example')).lines).toEqual([
      'Your actions overdue: 1',
      'Reviews due on episodes you lead (none in 12 weeks): 1',
    ]);
    expect((await homeOf('yot.officer@kestrelshire.example')).lines).toEqual([
      'Reviews due on episodes you lead (none in 12 weeks): 1',
    ]);
  });

  it('gives the planner the narratives to write and the new figures, the board and area administrator the new figures', async () => {
    const planner = await homeOf('planner@kestrelshire.example');
    expect(planner.lines).toContain('Outcomes with no needs narrative yet: 4');
    expect(planner.lines.some((l) => /^Indicators with figures loaded in the last 30 days: \d+$/.test(l))).toBe(true);
    // The area administrator is the board's secretariat and the board member its vice-chair (demo/governance.ts):
    // the board's overdue action (demo/governance-meetings.ts) waits for both.
    const overdue = 'Actions of the bodies you chair or support, past their due date: N';
    const boardActions = /^\/governance\/bodies\/[^/]+\/actions$/;
    const admin = await homeOf('area.admin@kestrelshire.example');
    // The plan's review (demo/plan-review.ts) loads the reviewed year's headline figures alone, without the groups the
    // year before has: that year shows as partial, as a first release of a year does.
    const partial = 'Indicators whose latest period is partial (fewer figures than the period before): N';
    expect(admin.lines.map((l) => l.replace(/\d+$/, 'N'))).toEqual([partial, 'Indicators with figures loaded in the last 30 days: N', overdue]);
    expect(admin.links[1]).toBe(paths.outcomesDashboard);
    expect(admin.links[2]).toMatch(boardActions);
    // The DCS also sits on the LSCB (demo/governance.ts): its late section 11 audit (demo/governance-audits.ts) waits for them too.
    const board = await homeOf('board.member@kestrelshire.example');
    expect(board.lines.map((l) => l.replace(/\d+$/, 'N'))).toEqual([
      partial,
      'Indicators with figures loaded in the last 30 days: N',
      overdue,
      'Agencies’ section 11 audits past their due date: N',
    ]);
    expect(board.links[1]).toBe(paths.outcomesDashboard);
    expect(board.links[2]).toMatch(boardActions);
    expect(board.links[3]).toBe(gp.section11Rounds);
  });

  it('says plainly when nothing is waiting, and never names a child', async () => {
    for (const email of ['health.visitor@kestrelshire.example', 'sysadmin@kestrelshire.example', 'auditor@kestrelshire.example']) {
      const home = await homeOf(email);
      expect(home.lines).toEqual([]);
      expect(home.body).toContain('Nothing is waiting for you.');
    }
    const named = await t.testDb.db.query<{ name: string }>(`SELECT family_name AS name FROM child WHERE area_code = $1`, [DEMO_AREA.code]);
    const manager = await homeOf('practice.manager@kestrelshire.example');
    const main = manager.body.slice(manager.body.indexOf('<main'), manager.body.indexOf('</main>'));
    expect(named.filter((c) => main.includes(c.name))).toEqual([]);
  });
});

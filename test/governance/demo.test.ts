import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { governancePaths as gp } from '../../src/governance/index.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signInAsDemoUser } from '../helpers/demo.js';

/** Issue 16 item 11 (bodies): Kestrelshire's board, two sub-groups, the LSCB apart, named roles and links, loaded through the service. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.testDb.db, t.config, { children: false });
}, 180_000);
afterAll(async () => t?.close());

const demoAgent = (email: string): Promise<Agent> => signInAsDemoUser(t.app, email);

describe('the demo’s governance', () => {
  it('has the board with a pathfinder’s Table 2.5 shape, two sub-groups and the LSCB, the named roles and two links', async () => {
    const { bodies } = t.services.governance;
    const all = await bodies.list(DEMO_AREA.code);
    expect(all.map((b) => b.kind)).toEqual(['trust_board', 'sub_group', 'sub_group', 'lscb']);
    const board = all[0];
    if (!board) throw new Error('no board');
    const now = await bodies.membershipShape(board.id);
    const sectors = now.rows.map((r) => r.represents);
    for (const s of ['Local authority', 'Health', 'Police', 'School', 'Voluntary and community', 'Young people (Kestrelshire Youth Council)', 'The Local Safeguarding Children Board'])
      expect(sectors).toContain(s);
    const before = await bodies.membershipShape(board.id, '2007-01-01');
    expect(before.rows.map((r) => r.represents)).toContain('Probation');
    expect(before.rows.map((r) => r.represents)).not.toContain('Young people (Kestrelshire Youth Council)');
    expect((await bodies.termsHistory(board.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await bodies.namedRoles(DEMO_AREA.code)).filter((r) => r.toDate === null).map((r) => r.personName).sort()).toEqual(['Cllr Janet Ormsby', 'Margaret Ellison']);
    expect((await bodies.links(DEMO_AREA.code)).map((l) => l.partnershipKind).sort()).toEqual(['crime_disorder_reduction_partnership', 'local_strategic_partnership']);
    // Loading again changes nothing.
    expect((await loadDemo(t.testDb.db, t.config, { children: false })).created).toBe(0);
  });

  it('shows the LSCB’s business to its chair, not to the planner who sits on the board', async () => {
    const lscb = (await t.services.governance.bodies.list(DEMO_AREA.code)).find((b) => b.kind === 'lscb');
    if (!lscb) throw new Error('no LSCB');
    expect((await (await demoAgent('lscb.chair@kestrelshire.example')).get(gp.bodyBusiness(lscb.id))).statusCode).toBe(200);
    expect((await (await demoAgent('planner@kestrelshire.example')).get(gp.bodyBusiness(lscb.id))).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { recordChild, signedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/** The child index's oversight pages: reviews of views by people not involved, who looked at a child, subject access. */

let t: TestApp;
let practitioner: Agent;
let outsider: Agent;
let manager: Agent;
let auditor: Agent;

const create = (agent: Agent, body: Record<string, unknown>): Promise<string> => recordChild(agent, { postcode: undefined, ...body });

/** Opens a record the way the pages do: the "why" answer posted, the record rendered. */
async function open(agent: Agent, id: string, why: string) {
  await agent.get(paths.child(id));
  return agent.postAndFollow(paths.childOpen(id), { reason: why });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const orgA = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  const orgB = await buildOrganisation(db, area, 'Testshire Youth Service');
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: orgA });
  outsider = await signedIn(t, 'practitioner', {
    areaCode: area,
    organisationId: orgB,
    email: `outsider.${area.toLowerCase()}@test.example`,
  });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: orgA });
  auditor = await signedIn(t, 'auditor', { areaCode: area });
}, 120_000);
afterAll(async () => t?.close());

describe('oversight', () => {
  it('lets a manager review views by people not involved', async () => {
    const id = await create(practitioner, { givenName: 'Ruby', familyName: 'Ng', dateOfBirth: '2017-02-02' });
    await open(outsider, id, 'Youth club registration');
    const [review] = await t.testDb.db.query<{ id: string }>('SELECT id FROM access_review WHERE child_id = $1', [id]);
    const reviewId = String(review?.id);
    const page = await manager.get(paths.accessReviews);
    expect(page.body).toContain('Ruby Ng');
    expect(page.body).toContain('Youth club registration');
    const none = await manager.post(paths.accessReview(reviewId), {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain(`href="#outcome-${reviewId}"`);
    const saved = await manager.post(paths.accessReview(reviewId), { outcome: 'appropriate' });
    expect(saved.statusCode).toBe(303);
    expect((await manager.get(String(saved.headers.location))).body).toContain('Review saved');
    const [row] = await t.testDb.db.query<{ outcome: string }>('SELECT outcome FROM access_review WHERE id = $1', [reviewId]);
    expect(row?.outcome).toBe('appropriate');
  });

  it('shows an auditor who looked at a child, and exports a subject access request', async () => {
    const id = await create(practitioner, { givenName: 'Ella', familyName: 'Watson', dateOfBirth: '2017-08-08' });
    await open(outsider, id, 'Safeguarding concern');
    expect((await auditor.get(paths.childrenAccess)).statusCode).toBe(200);
    // Found by name, not by a pasted record reference (issue 14; more in test/audit/finder.test.ts).
    const found = await auditor.post(paths.childrenAccess, { familyName: 'Watson', givenName: 'Ella', reason: 'Routine audit of access' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`action="${paths.childAccess(id)}"`);
    const ask = await auditor.get(paths.childAccess(id));
    expect(ask.body).toContain('Responding to a subject access request');
    expect((await auditor.post(paths.childAccess(id), {})).statusCode).toBe(400);

    const report = await auditor.post(paths.childAccess(id), { reason: 'Investigating a complaint or concern' });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Ella Watson');
    expect(report.body).toMatch(/outsider\.[^<]*@test\.example[\s\S]*?Viewed the record[\s\S]*?Safeguarding concern/);
    expect(report.body).toContain('Added the record');

    const sar = await auditor.post(paths.childSubjectAccess(id), { reason: 'Responding to a subject access request' });
    expect(sar.statusCode).toBe(200);
    expect(sar.headers['content-disposition']).toContain('attachment');
    expect(sar.json()).toMatchObject({ format: 'ctp-subject-access/2', held: { givenName: 'Ella' } });
    expect((await auditor.get(paths.children)).statusCode).toBe(403);
    expect((await practitioner.get(paths.childAccess(id))).statusCode).toBe(403);
  });
});

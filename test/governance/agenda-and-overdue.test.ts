import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueActionNotices } from '../../src/governance/index.js';
import { notifyDue } from '../../src/notifications/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildScene, created, type Scene } from './scene.js';

/**
 * An agenda's order (issue 16's gap): the chair or secretariat moves an item up or down and takes one off,
 * on the page and through the API, each audited; the first cannot go up nor the last down (direction:
 * at_end); an item holding minutes, papers or a decision stays (409 naming what it holds); members who do
 * not manage the meeting are refused. And an action past its day is told, once, to its owner and to the
 * body's chair and secretariat by the periodic job.
 */

let t: TestApp;
let s: Scene;
let meeting: string;
const items: Record<string, string> = {};

const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type Problem = { errors?: { field: string; rule: string; message: string }[]; type: string };
const order = async () =>
  json<{ items: { id: string; title: string; position: number }[] }>(await s.agents.m1.get(`/api/governance/meetings/${meeting}`)).items.map(
    (i) => `${i.position}. ${i.title}`,
  );
const del = (url: string, agent = s.agents.secretariat) => agent.request({ method: 'DELETE', url });

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  const sec = s.agents.secretariat;
  meeting = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2026-03-10', place: 'County Hall' }));
  for (const title of ['Apologies', 'Minutes of the last meeting', 'Family support contract', 'Any other business'])
    items[title] = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title }));
}, 300_000);

afterAll(async () => t?.close());

describe('the order of an agenda', () => {
  it('moves an item up on the page and down through the API, audited', async () => {
    const sec = s.agents.secretariat;
    const page = await sec.get(`/governance/meetings/${meeting}`);
    expect(page.body).toContain('Move up<span class="govuk-visually-hidden">: Family support contract</span>');
    expect(page.body).not.toContain('Move up<span class="govuk-visually-hidden">: Apologies</span>');
    const moved = await sec.post(`/governance/meetings/${meeting}/items/${items['Family support contract'] ?? ''}/move`, { direction: 'up' });
    expect(moved.statusCode, moved.body).toBe(303);
    expect(await order()).toEqual(['1. Apologies', '2. Family support contract', '3. Minutes of the last meeting', '4. Any other business']);
    const down = await sec.postJson(`/api/governance/meetings/${meeting}/items/${items.Apologies ?? ''}/move`, { direction: 'down' });
    expect(down.statusCode, down.body).toBe(204);
    expect(await order()).toEqual(['1. Family support contract', '2. Apologies', '3. Minutes of the last meeting', '4. Any other business']);
    const audited = await t.testDb.db.query<{ details: { from: number; to: number } }>(
      `SELECT details FROM audit_event WHERE action = 'governance.agenda_item_moved' ORDER BY seq`,
    );
    expect(audited.map((a) => [a.details.from, a.details.to])).toEqual([
      [3, 2],
      [1, 2],
    ]);
  });

  it('refuses the first going up, the last going down and a direction that is neither, naming the field and rule', async () => {
    const sec = s.agents.secretariat;
    const first = await sec.postJson(`/api/governance/meetings/${meeting}/items/${items['Family support contract'] ?? ''}/move`, { direction: 'up' });
    expect(first.statusCode).toBe(400);
    expect(json<Problem>(first).errors).toEqual([expect.objectContaining({ field: 'direction', rule: 'at_end' })]);
    const last = await sec.post(`/governance/meetings/${meeting}/items/${items['Any other business'] ?? ''}/move`, { direction: 'down' });
    expect(last.statusCode).toBe(400);
    expect(last.body).toContain('“Any other business” is already last on the agenda');
    const sideways = await sec.postJson(`/api/governance/meetings/${meeting}/items/${items.Apologies ?? ''}/move`, { direction: 'left' });
    expect(json<Problem>(sideways).errors).toEqual([expect.objectContaining({ field: 'direction', rule: 'one_of' })]);
    expect(await order()).toEqual(['1. Family support contract', '2. Apologies', '3. Minutes of the last meeting', '4. Any other business']);
  });

  it('takes an item off after asking, the items after it moving up; one holding minutes stays', async () => {
    const sec = s.agents.secretariat;
    const minutesItem = items['Minutes of the last meeting'] ?? '';
    await sec.request({
      method: 'PUT',
      url: `/api/governance/meetings/${meeting}/items/${minutesItem}/minutes`,
      payload: JSON.stringify({ minutes: 'The minutes of 10 February were agreed.' }),
      headers: { 'content-type': 'application/json' },
    });
    const held = await del(`/api/governance/meetings/${meeting}/items/${minutesItem}`);
    expect(held.statusCode).toBe(409);
    expect(json<Problem>(held).errors).toEqual([expect.objectContaining({ field: 'itemId', rule: 'holds_record' })]);
    const ask = await sec.get(`/governance/meetings/${meeting}/items/${items.Apologies ?? ''}/remove`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Remove “Apologies” from the agenda?');
    const removed = await sec.post(`/governance/meetings/${meeting}/items/${items.Apologies ?? ''}/remove`, {});
    expect(removed.statusCode, removed.body).toBe(303);
    expect(await order()).toEqual(['1. Family support contract', '2. Minutes of the last meeting', '3. Any other business']);
    const refusedPage = await sec.post(`/governance/meetings/${meeting}/items/${minutesItem}/remove`, {});
    expect(refusedPage.statusCode).toBe(409);
    expect(refusedPage.body).toContain('it holds minutes, which are part of the meeting’s record');
    expect(await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE action = 'governance.agenda_item_removed'`)).toHaveLength(1);
  });

  it('refuses members who do not manage the meeting and those outside the body', async () => {
    const item = items['Any other business'] ?? '';
    expect((await s.agents.m2.postJson(`/api/governance/meetings/${meeting}/items/${item}/move`, { direction: 'up' })).statusCode).toBe(403);
    expect((await del(`/api/governance/meetings/${meeting}/items/${item}`, s.agents.m2)).statusCode).toBe(403);
    expect((await del(`/api/governance/meetings/${meeting}/items/${item}`, s.agents.outsider)).statusCode).toBe(403);
    expect((await s.agents.m2.get(`/governance/meetings/${meeting}/items/${item}/remove`)).statusCode).toBe(403);
    expect(await order()).toContain('3. Any other business');
  });
});

describe('an action past its day', () => {
  it('is told once to its owner and the body’s chair and secretariat, linking to the body’s actions; a done one is not', async () => {
    const sec = s.agents.secretariat;
    const late = created(await sec.postJson(`/api/governance/meetings/${meeting}/actions`, { description: 'Send the plan to partners', ownerMemberId: s.seats.m1, dueOn: '2026-03-20' }));
    const done = created(await sec.postJson(`/api/governance/meetings/${meeting}/actions`, { description: 'Circulate the minutes', ownerMemberId: s.seats.m2, dueOn: '2026-03-20' }));
    expect((await sec.request({ method: 'PUT', url: `/api/governance/actions/${done}/status`, payload: JSON.stringify({ status: 'done' }), headers: { 'content-type': 'application/json' } })).statusCode).toBeLessThan(300);
    const told = () =>
      t.testDb.db.query<{ userId: string; link: string; about: string }>(
        `SELECT user_id AS "userId", link, about FROM notification WHERE event_type = 'governance.action_overdue' ORDER BY user_id`,
      );
    // Not yet due on its day; overdue the day after.
    await notifyDue(t.testDb.db, new Date('2026-03-20T12:00:00Z'), [overdueActionNotices]);
    expect(await told()).toEqual([]);
    await notifyDue(t.testDb.db, new Date('2026-03-21T09:00:00Z'), [overdueActionNotices]);
    const first = await told();
    expect(first.map((n) => n.userId).sort()).toEqual([s.users.chair.id, s.users.m1.id, s.users.secretariat.id].sort());
    expect(new Set(first.map((n) => n.link))).toEqual(new Set([`/governance/bodies/${s.board}/actions`]));
    expect(new Set(first.map((n) => n.about))).toEqual(new Set([late]));
    await notifyDue(t.testDb.db, new Date('2026-03-22T09:00:00Z'), [overdueActionNotices]);
    expect(await told()).toHaveLength(3);
  });
});

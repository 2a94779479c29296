import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, notify, type EventType } from '../../src/notifications/index.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus as ok, faultRules, problemCode, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';
import { chooseEmailFor } from '../helpers/mail.js';

/**
 * The notifications JSON API (issue 13 item 7): the caller's own notices a page at a time, marked
 * read one by one or all at once, and their channel per kind of event. Another user's notice is
 * not found (never forbidden), and every change, by page or API, is in the audit trail.
 */

interface NotificationJson {
  id: string;
  event: string;
  title: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}
interface PageJson {
  items: NotificationJson[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}
interface PreferenceJson {
  event: string;
  label: string;
  channel: string;
}
interface AuditRow {
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

let t: TestApp;
let reader: SignedIn;
let other: SignedIn;

function put(agent: SignedIn, url: string, json: unknown) {
  return agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
}

/** Gives the user one notice of an event, as another feature would inside its own transaction. */
async function noticeFor(user: SignedIn, event: EventType = 'action.due', link = '/home'): Promise<void> {
  expect(await t.testDb.db.transaction((tx) => notify(tx, { userIds: [user.user.id], event, link }))).toBe(1);
}

async function auditOf(user: SignedIn, action: string): Promise<AuditRow[]> {
  return t.testDb.db.query<AuditRow>(
    `SELECT action, subject_type AS "subjectType", subject_id AS "subjectId", details
       FROM audit_event WHERE actor_user_id = $1 AND action = $2 ORDER BY seq`,
    [user.user.id, action],
  );
}

const pageOf = (agent: SignedIn, query = '') => ok<PageJson>(agent.get(`/api/notifications${query}`), 200);

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  reader = await signedIn(t, 'practitioner', { areaCode: area });
  other = await signedIn(t, 'practitioner', { areaCode: area });
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('my notices', () => {
  it('lists them newest first a page at a time, with the total and unread count; marks read one and all, audited', async () => {
    expect(await pageOf(reader)).toEqual({ items: [], total: 0, unread: 0, limit: 20, offset: 0 });
    await noticeFor(reader, 'action.due', '/one');
    await noticeFor(reader, 'team.member_added', '/two');
    await noticeFor(reader, 'consent.withdrawn', '/three');
    await noticeFor(other);

    const first = await pageOf(reader, '?limit=2');
    expect(first).toMatchObject({ total: 3, unread: 3, limit: 2, offset: 0 });
    expect(first.items.map((n) => n.link)).toEqual(['/three', '/two']);
    const second = await pageOf(reader, '?limit=2&offset=2');
    expect(second.items.map((n) => [n.link, n.event, n.readAt])).toEqual([['/one', 'action.due', null]]);
    expect(second).toMatchObject({ total: 3, unread: 3, offset: 2 });

    const id = second.items[0]?.id ?? '';
    const read = await ok<NotificationJson>(reader.postJson(`/api/notifications/${id}/read`, {}), 200);
    expect(read).toMatchObject({ id, link: '/one', readAt: expect.any(String) });
    expect(await pageOf(reader)).toMatchObject({ total: 3, unread: 2 });
    expect(await auditOf(reader, 'notification.read')).toEqual([
      { action: 'notification.read', subjectType: 'notification', subjectId: id, details: {} },
    ]);
    // Read again: the first reading stands, and nothing new is audited.
    const again = await ok<NotificationJson>(reader.postJson(`/api/notifications/${id}/read`, {}), 200);
    expect(again.readAt).toBe(read.readAt);
    expect(await auditOf(reader, 'notification.read')).toHaveLength(1);

    expect(await ok(reader.postJson('/api/notifications/read-all', {}), 200)).toEqual({ marked: 2 });
    expect(await pageOf(reader)).toMatchObject({ total: 3, unread: 0 });
    const [allRead] = await auditOf(reader, 'notification.all_read');
    expect(allRead).toMatchObject({ subjectType: 'user', subjectId: reader.user.id, details: { count: 2 } });
    expect(allRead?.details.notificationIds).toEqual(expect.arrayContaining(first.items.map((n) => n.id)));
    expect(await ok(reader.postJson('/api/notifications/read-all', {}), 200)).toEqual({ marked: 0 });
    expect(await auditOf(reader, 'notification.all_read')).toHaveLength(1);

    // The other user's notice was untouched by all of this.
    expect(await pageOf(other)).toMatchObject({ total: 1, unread: 1 });
  });

  it('says someone else’s notice is not found, exactly as one that does not exist, and leaves it unread', async () => {
    await noticeFor(other, 'referral.received', '/theirs');
    const theirs = (await pageOf(other)).items.find((n) => n.link === '/theirs');
    const refused = await reader.postJson(`/api/notifications/${theirs?.id ?? ''}/read`, {});
    expect(refused.statusCode).toBe(404);
    expect(problemCode(refused)).toBe('not_found');
    const missing = await reader.postJson('/api/notifications/00000000-0000-4000-8000-000000000000/read', {});
    const notUuid = await reader.postJson('/api/notifications/not-an-id/read', {});
    const detail = (r: { json(): unknown }) => (r.json() as { detail: string }).detail;
    expect([missing.statusCode, notUuid.statusCode]).toEqual([404, 404]);
    expect(detail(missing)).toBe(detail(refused));
    expect(detail(notUuid)).toBe(detail(refused));
    expect((await pageOf(other)).items.find((n) => n.id === theirs?.id)?.readAt).toBeNull();
    expect((await auditOf(reader, 'notification.read')).map((r) => r.subjectId)).not.toContain(theirs?.id);
    // Nor is it theirs to open on the page.
    expect((await reader.post(paths.notificationOpen(theirs?.id ?? ''))).statusCode).toBe(404);
  });

  it('refuses a page size or start it cannot give, naming the field', async () => {
    const response = await reader.get('/api/notifications?limit=0&offset=-1');
    expect(response.statusCode).toBe(400);
    expect(faultRules(response)).toEqual(expect.arrayContaining(['limit:minimum', 'offset:minimum']));
    expect(faultRules(await reader.get('/api/notifications?limit=101'))).toEqual(['limit:maximum']);
  });
});

describe('my preferences', () => {
  it('gives every kind of event with its channel, changes those named, and audits each change from and to', async () => {
    const before = await ok<PreferenceJson[]>(reader.get('/api/notifications/preferences'), 200);
    expect(before.map((p) => [p.event, p.channel])).toEqual(EVENT_TYPES.map((e) => [e, 'in_app']));
    expect(before[0]?.label).toBe('A referral sent to my organisation');

    const body = { preferences: [{ event: 'referral.received', channel: 'email' }] };
    const after = await ok<PreferenceJson[]>(put(reader, '/api/notifications/preferences', body), 200);
    expect(after.filter((p) => p.channel === 'email').map((p) => p.event)).toEqual(['referral.received']);
    expect(await auditOf(reader, 'notification.preferences_changed')).toEqual([
      {
        action: 'notification.preferences_changed',
        subjectType: 'user',
        subjectId: reader.user.id,
        details: { changes: [{ event: 'referral.received', from: 'in_app', to: 'email' }] },
      },
    ]);
    // The same choice again changes nothing, so nothing is audited.
    await ok(put(reader, '/api/notifications/preferences', body), 200);
    expect(await auditOf(reader, 'notification.preferences_changed')).toHaveLength(1);
    // The page shows what the API chose.
    expect((await reader.get(paths.notificationSettings)).body).toMatch(/value="email" checked/);
  });

  it('refuses an unknown event or channel with a 400 naming the field and the rule, and saves nothing', async () => {
    const refuse = async (preferences: unknown[]) => {
      const response = await put(other, '/api/notifications/preferences', { preferences });
      expect(response.statusCode, response.body).toBe(400);
      expect(problemCode(response)).toBe('validation_failed');
      return faultRules(response);
    };
    expect(await refuse([{ event: 'referral.recieved', channel: 'email' }])).toEqual(['preferences[0].event:one_of']);
    expect(
      await refuse([
        { event: 'action.due', channel: 'email' },
        { event: 'action.due', channel: 'pigeon' },
      ]),
    ).toEqual(['preferences[1].event:duplicate', 'preferences[1].channel:one_of']);
    expect(await refuse([{ event: 'action.due', channel: 'carrier pigeon' }])).toEqual(['preferences[0].channel:one_of']);
    expect(await refuse([])).toEqual(['preferences:required']);
    expect(await refuse([{ event: 'action.due' }])).toEqual(['channel:required']);
    const message = await put(other, '/api/notifications/preferences', { preferences: [{ event: 'nope', channel: 'email' }] });
    expect((message.json() as { errors: { message: string }[] }).errors[0]?.message).toContain('referral.received');

    const now = await ok<PreferenceJson[]>(other.get('/api/notifications/preferences'), 200);
    expect(now.every((p) => p.channel === 'in_app')).toBe(true);
    expect(await auditOf(other, 'notification.preferences_changed')).toEqual([]);
  });
});

describe('the pages', () => {
  it('are audited through the same service: preferences, opening a notice, and marking all read', async () => {
    await chooseEmailFor(other, 'shielding.requested');
    const [changed] = await auditOf(other, 'notification.preferences_changed');
    expect(changed?.details).toEqual({ changes: [{ event: 'shielding.requested', from: 'in_app', to: 'email' }] });

    await noticeFor(other, 'action.due', '/opened');
    const opened = (await pageOf(other)).items.find((n) => n.link === '/opened');
    await other.get(paths.notifications);
    const response = await other.post(paths.notificationOpen(opened?.id ?? ''));
    expect([response.statusCode, response.headers.location]).toEqual([303, '/opened']);
    expect((await auditOf(other, 'notification.read')).map((r) => r.subjectId)).toEqual([opened?.id]);

    await other.get(paths.notifications);
    expect((await other.post(paths.notificationsReadAll)).statusCode).toBe(303);
    expect(await auditOf(other, 'notification.all_read')).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('lists the routes under Notifications, with the not-found and validation problems', async () => {
    const doc = (await reader.get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags: string[]; 'x-problem-codes': string[] }>>;
    };
    const routes = [
      doc.paths['/api/notifications']?.get,
      doc.paths['/api/notifications/{notificationId}/read']?.post,
      doc.paths['/api/notifications/read-all']?.post,
      doc.paths['/api/notifications/preferences']?.get,
      doc.paths['/api/notifications/preferences']?.put,
    ];
    for (const route of routes) expect(route?.tags).toEqual(['Notifications']);
    expect(routes[1]?.['x-problem-codes']).toContain('not_found');
    expect(routes[4]?.['x-problem-codes']).toContain('validation_failed');
  });
});

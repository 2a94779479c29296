import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, faultRules, problemCode, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildScene, created, type Scene } from '../governance/scene.js';

/**
 * "Put on the board's agenda" (ADR 0038): a commission added as an item to an upcoming meeting of the
 * children's trust board through governance's public face, naming its providers so declared interests show;
 * audited on both sides; for those who manage the board's meetings and the commissioner only.
 */

let t: TestApp;
let s: Scene;
let planner: SignedIn;
let manager: SignedIn;
let upcoming: string;
let past: string;
let commission: string;

const q = <T>(sql: string, params: unknown[]) => t.testDb.db.query<T>(sql, params);

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  planner = await signedIn(t, 'planner', { areaCode: s.area });
  manager = await signedIn(t, 'practice_manager', { areaCode: s.area });
  const sec = s.agents.secretariat;
  upcoming = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2099-06-10', startsAt: '14:00', place: 'County Hall' }));
  past = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2026-03-10', startsAt: '14:00', place: 'County Hall' }));
  ({ id: commission } = await expectStatus(
    planner.postJson(cp.apiCommissions, { level: 'operational', title: 'Family support in Eastmoor', purpose: 'Early help for families', serviceId: s.familySupport, organisationIds: [s.orgA] }),
  ));
}, 300_000);
afterAll(async () => t?.close());

describe('putting a commission on the board’s agenda', () => {
  it('adds an item naming its providers to the chosen upcoming meeting, audited on both sides', async () => {
    const meetings = (await planner.get(cp.apiCommissionAgenda(commission))).json() as { id: string }[];
    expect(meetings.map((m) => m.id)).toEqual([upcoming]);
    const r = await planner.postJson(cp.apiCommissionAgenda(commission), { meetingId: upcoming });
    expect(r.statusCode, r.body).toBe(201);
    const { itemId } = r.json() as { itemId: string };
    const [item] = await q<{ title: string; description: string; position: number }>('SELECT title, description, position FROM governance_agenda_item WHERE id = $1', [itemId]);
    expect(item?.title).toBe('Commission: Family support in Eastmoor');
    expect(item?.description).toContain('Early help for families');
    expect(await q('SELECT 1 FROM governance_agenda_item_organisation WHERE agenda_item_id = $1 AND organisation_id = $2', [itemId, s.orgA])).toHaveLength(1);
    expect(await q('SELECT 1 FROM governance_agenda_item_service WHERE agenda_item_id = $1 AND service_id = $2', [itemId, s.familySupport])).toHaveLength(1);
    const actions = await q<{ action: string; details: { commissionId?: string } }>(
      `SELECT action, details FROM audit_event WHERE subject_id IN ($1, $2) AND action IN ('governance.agenda_item_added', 'commissioning.put_on_agenda') ORDER BY action`,
      [commission, upcoming],
    );
    expect(actions.map((a) => a.action)).toEqual(['commissioning.put_on_agenda', 'governance.agenda_item_added']);
    expect(actions[1]?.details.commissionId).toBe(commission);
    // The board's members see it on the meeting, with the interests beside it.
    expect((await s.agents.m1.get(`/governance/meetings/${upcoming}`)).body).toContain('Commission: Family support in Eastmoor');
  });

  it('is offered on the commission’s page to the board’s secretariat, and done from there', async () => {
    const sec = s.agents.secretariat;
    const page = await sec.get(cp.commission(commission));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Put on the board’s agenda');
    const done = await sec.post(cp.commissionAgenda(commission), { meetingId: upcoming });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${cp.commission(commission)}?done=agenda`);
  });

  it('refuses a past meeting, another body’s, or none, naming the field and rule, and adds nothing', async () => {
    const before = await q('SELECT 1 FROM governance_agenda_item WHERE meeting_id = $1', [past]);
    expect(faultRules(await planner.postJson(cp.apiCommissionAgenda(commission), { meetingId: past }))).toEqual(['meetingId:upcoming']);
    expect(faultRules(await planner.postJson(cp.apiCommissionAgenda(commission), { meetingId: '' }))).toEqual(['meetingId:required']);
    const lscbMeeting = created(
      await s.agents.lscbMember.postJson(`/api/governance/bodies/${s.lscb}/meetings`, { heldOn: '2099-01-10', place: 'Hall' }),
    ).toString();
    expect(faultRules(await planner.postJson(cp.apiCommissionAgenda(commission), { meetingId: lscbMeeting }))).toEqual(['meetingId:board_meeting']);
    expect(await q('SELECT 1 FROM governance_agenda_item WHERE meeting_id = $1', [past])).toHaveLength(before.length);
    const page = await planner.post(cp.commissionAgenda(commission), { meetingId: past });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('a past meeting’s agenda is closed');
  });

  it('is refused to those who neither manage the board’s meetings nor commissioning', async () => {
    for (const agent of [s.agents.m1, manager]) {
      const r = await agent.postJson(cp.apiCommissionAgenda(commission), { meetingId: upcoming });
      expect(r.statusCode).toBe(403);
      expect(problemCode(r)).toBe('not_in_body');
      expect((await agent.get(cp.apiCommissionAgenda(commission))).json()).toEqual([]);
      expect((await agent.get(cp.commission(commission))).body).not.toContain('Put on the board’s agenda');
    }
  });
});

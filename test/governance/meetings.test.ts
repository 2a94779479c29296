import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { postFile } from '../helpers/multipart.js';
import { buildScene, created, type Scene } from './scene.js';

/**
 * A body's meetings (issue 16 item 4): quorum from the terms in force on the day, decisions only under a
 * power the body holds and only at a quorate meeting, declared interests beside the items that touch them
 * and the withdrawal recorded, attendance once a member, papers told by their bytes, and the LSCB's
 * business hidden from a board member who does not sit on it.
 */

let t: TestApp;
let s: Scene;
let meeting: string;
let itemA: string;
let itemB: string;
let itemService: string;

const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type MeetingJson = {
  quorum: { quorate: boolean; needed: number; votingPresent: number; termsVersion: number };
  items: { id: string; interests: { personName: string; subject: string }[]; decisions: { members: { personName: string; part: string; interestDeclared: string }[] }[] }[];
  attendance: { memberId: string; attendance: string | null; deputyName: string }[];
};
type Problem = { errors?: { field: string; rule: string; message: string }[]; type: string };

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  const sec = s.agents.secretariat;
  meeting = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2026-03-10', startsAt: '14:00', place: 'County Hall' }));
  itemA = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'Family support contract', organisationIds: [s.orgA] }));
  itemB = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'Police liaison', organisationIds: [s.orgB] }));
  itemService = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'Review of family support', serviceIds: [s.familySupport] }));
  // 000 §2.43: Morgan (organisation A's member) is a trustee of A, declared with their own sign-in.
  created(await s.agents.m1.postJson('/api/governance/interests', { organisationId: s.orgA, nature: 'Trustee', fromOn: '2025-06-01' }));
}, 300_000);

afterAll(async () => t?.close());

describe('meetings of a body', () => {
  it('refuses a meeting before the body was established, naming the field and rule', async () => {
    const r = await s.agents.secretariat.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2024-12-01', place: 'Hall' });
    expect(r.statusCode).toBe(400);
    expect(json<Problem>(r).errors).toContainEqual(expect.objectContaining({ field: 'heldOn', rule: 'after_established' }));
  });

  it('lets only the chair and the secretariat manage the meeting; members see it', async () => {
    const r = await s.agents.m2.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'Mine' });
    expect(r.statusCode).toBe(403);
    expect((await s.agents.m2.get(`/api/governance/meetings/${meeting}`)).statusCode).toBe(200);
    expect((await s.agents.outsider.get(`/api/governance/meetings/${meeting}`)).statusCode).toBe(403);
  });

  it('shows declared interests beside the items that touch the organisation, or a service it provides, and not beside others', async () => {
    const view = json<MeetingJson>(await s.agents.m2.get(`/api/governance/meetings/${meeting}`));
    const interestsOf = (id: string) => view.items.find((i) => i.id === id)?.interests.map((i) => i.personName);
    expect(interestsOf(itemA)).toEqual(['Morgan One']);
    expect(interestsOf(itemB)).toEqual([]);
    expect(interestsOf(itemService)).toEqual(['Morgan One']);
    const page = await s.agents.m2.get(`/governance/meetings/${meeting}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Morgan One: Eastmoor Family Support');
  });

  it('computes quorum from the terms in force on the day, counting a deputy who came for a member', async () => {
    const sec = s.agents.secretariat;
    const attend = (memberId: string, attendance: string, deputyName?: string) =>
      sec.postJson(`/api/governance/meetings/${meeting}/attendance`, { memberId, attendance, deputyName });
    expect((await attend(s.seats.chair, 'present')).statusCode).toBe(204);
    expect((await attend(s.seats.m1, 'present')).statusCode).toBe(204);
    let view = json<MeetingJson>(await sec.get(`/api/governance/meetings/${meeting}`));
    expect(view.quorum).toMatchObject({ termsVersion: 1, needed: 3, votingPresent: 2, quorate: false });

    // Without quorum the discussion is minuted, and no decision is made (ADR 0023).
    expect((await sec.request({ method: 'PUT', url: `/api/governance/meetings/${meeting}/items/${itemB}/minutes`, payload: { minutes: 'Discussed liaison.' } })).statusCode).toBe(204);
    const refused = await sec.postJson(`/api/governance/meetings/${meeting}/items/${itemB}/decisions`, {
      decision: 'Agree the plan',
      powerId: s.powerV1.id,
      tookPart: [s.seats.chair, s.seats.m1],
    });
    expect(refused.statusCode).toBe(409);
    expect(json<Problem>(refused).errors).toEqual([expect.objectContaining({ field: 'quorum', rule: 'quorate' })]);

    // A deputy only for a member who sent apologies.
    const wrong = await attend(s.seats.m3, 'absent', 'Someone');
    expect(wrong.statusCode).toBe(400);
    expect(json<Problem>(wrong).errors).toContainEqual(expect.objectContaining({ field: 'deputyName', rule: 'with_apologies' }));
    expect((await attend(s.seats.m2, 'apologies', 'Dana Deputy')).statusCode).toBe(204);
    view = json<MeetingJson>(await sec.get(`/api/governance/meetings/${meeting}`));
    expect(view.quorum).toMatchObject({ needed: 3, votingPresent: 3, quorate: true });
  });

  it('refuses a member added twice to the attendance, keeping the first record', async () => {
    const again = await s.agents.secretariat.postJson(`/api/governance/meetings/${meeting}/attendance`, { memberId: s.seats.m1, attendance: 'absent' });
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).errors).toEqual([expect.objectContaining({ field: 'memberId', rule: 'unique' })]);
    const view = json<MeetingJson>(await s.agents.secretariat.get(`/api/governance/meetings/${meeting}`));
    expect(view.attendance.find((a) => a.memberId === s.seats.m1)?.attendance).toBe('present');
  });

  it('refuses a decision with no power, or under a power the body does not hold on the day, naming the power', async () => {
    const sec = s.agents.secretariat;
    const url = `/api/governance/meetings/${meeting}/items/${itemA}/decisions`;
    const none = await sec.postJson(url, { decision: 'Agree', powerId: '', tookPart: [s.seats.chair] });
    expect(none.statusCode).toBe(400);
    expect(json<Problem>(none).errors).toContainEqual(expect.objectContaining({ field: 'powerId', rule: 'required' }));
    // Version 2's power came into force on 1 June 2026: not held at a meeting in March.
    const later = await sec.postJson(url, { decision: 'Commission it', powerId: s.powerV2.id, tookPart: [s.seats.chair] });
    expect(later.statusCode).toBe(400);
    const fault = json<Problem>(later).errors?.find((e) => e.field === 'powerId');
    expect(fault?.rule).toBe('power_held');
    expect(fault?.message).toContain(s.powerV2.description);
    const decisions = await t.testDb.db.query('SELECT 1 FROM governance_decision WHERE meeting_id = $1', [meeting]);
    expect(decisions).toHaveLength(0);
  });

  it('records a decision where a member with a declared interest withdrew, with the interest on the record', async () => {
    const sec = s.agents.secretariat;
    created(
      await sec.postJson(`/api/governance/meetings/${meeting}/items/${itemA}/decisions`, {
        decision: 'Extend the family support contract for a year',
        powerId: s.powerV1.id,
        tookPart: [s.seats.chair, s.seats.m2],
        withdrew: [s.seats.m1],
      }),
    );
    const view = json<MeetingJson>(await s.agents.m2.get(`/api/governance/meetings/${meeting}`));
    const [decision] = view.items.find((i) => i.id === itemA)?.decisions ?? [];
    expect(decision?.members).toContainEqual({ memberId: s.seats.m1, personName: 'Morgan One', part: 'withdrew', interestDeclared: expect.stringContaining('Trustee') });
    expect(decision?.members.filter((m) => m.part === 'took_part').map((m) => m.personName).sort()).toEqual(['Chris Chair', 'Max Two']);
    const page = await s.agents.m2.get(`/governance/meetings/${meeting}/items/${itemA}`);
    expect(page.body).toContain('Morgan One (declared interest: Eastmoor Family Support');
    const [audit] = await t.testDb.db.query<{ details: { withdrew: string[] } }>(`SELECT details FROM audit_event WHERE action = 'governance.decision_recorded'`);
    expect(audit?.details.withdrew).toEqual([s.seats.m1]);
  });

  it('counts the votes where the terms in force decide by vote', async () => {
    const sec = s.agents.secretariat;
    const later = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2026-09-15', place: 'County Hall' }));
    const item = created(await sec.postJson(`/api/governance/meetings/${later}/items`, { title: 'Commissioning' }));
    for (const memberId of [s.seats.chair, s.seats.m1, s.seats.m2])
      expect((await sec.postJson(`/api/governance/meetings/${later}/attendance`, { memberId, attendance: 'present' })).statusCode).toBe(204);
    const url = `/api/governance/meetings/${later}/items/${item}/decisions`;
    const base = { decision: 'Commission family support', powerId: s.powerV2.id, tookPart: [s.seats.chair, s.seats.m1, s.seats.m2] };
    const noVotes = await sec.postJson(url, base);
    expect(noVotes.statusCode).toBe(400);
    expect(json<Problem>(noVotes).errors).toContainEqual(expect.objectContaining({ field: 'votesFor', rule: 'required' }));
    const tooMany = await sec.postJson(url, { ...base, votesFor: 3, votesAgainst: 1 });
    expect(json<Problem>(tooMany).errors).toContainEqual(expect.objectContaining({ field: 'votesFor', rule: 'at_most_taking_part' }));
    // The old version's power is superseded by then.
    const old = await sec.postJson(url, { ...base, powerId: s.powerV1.id, votesFor: 2, votesAgainst: 1 });
    expect(json<Problem>(old).errors).toContainEqual(expect.objectContaining({ field: 'powerId', rule: 'power_held' }));
    created(await sec.postJson(url, { ...base, votesFor: 2, votesAgainst: 1 }));
  });

  it('keeps papers told by their bytes, refusing a wrong type or one too big and keeping what was typed', async () => {
    const sec = s.agents.secretariat;
    const url = `/governance/meetings/${meeting}/items/${itemA}/papers`;
    await sec.get(`/governance/meetings/${meeting}/items/${itemA}`);
    const exe = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.from([0x90, 0x00, 0x03, 0x00]), Buffer.alloc(64, 0)]);
    const wrong = await postFile(sec, url, { name: 'contract.pdf', bytes: exe }, { title: 'Contract report' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The file must be a PDF, PNG, JPEG, DOCX, ODT or plain text file');
    expect(wrong.body).toContain('href="#file"');
    expect(wrong.body).toContain('value="Contract report"');
    const big = await postFile(sec, url, { name: 'big.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]) }, { title: 'Big' });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('The file must be 10 MB or smaller');
    expect(await t.testDb.db.query('SELECT 1 FROM governance_paper')).toHaveLength(0);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
    const ok = await postFile(sec, url, { name: 'contract.pdf', bytes: pdf }, { title: 'Contract report' });
    expect(ok.statusCode).toBe(303);
    const view = json<{ items: { id: string; papers: { id: string; contentType: string }[] }[] }>(await s.agents.m1.get(`/api/governance/meetings/${meeting}`));
    const paper = view.items.find((i) => i.id === itemA)?.papers[0];
    expect(paper?.contentType).toBe('application/pdf');
    // The same rules through the API, which takes the same multipart form.
    const api = `/api/governance/meetings/${meeting}/items/${itemA}/papers`;
    const refusedByApi = await postFile(sec, api, { name: 'run.txt', bytes: exe }, { title: 'Program' });
    expect(refusedByApi.statusCode).toBe(400);
    expect(json<Problem>(refusedByApi).errors).toContainEqual(expect.objectContaining({ field: 'file', rule: 'type_not_allowed' }));
    expect((await postFile(s.agents.m2, api, { name: 'notes.txt', bytes: Buffer.from('Notes\n') }, { title: 'Notes' })).statusCode).toBe(403);
    created(await postFile(sec, api, { name: 'notes.txt', bytes: Buffer.from('Notes of the working group\n') }, { title: 'Working group notes' }));
    const download = await s.agents.m1.get(`/governance/meetings/${meeting}/papers/${paper?.id ?? ''}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('keeps the LSCB’s meetings from a board member who does not sit on it, and from the area administrator', async () => {
    const lscbMeeting = created(await s.agents.lscbMember.postJson(`/api/governance/bodies/${s.lscb}/meetings`, { heldOn: '2026-04-01', place: 'Safeguarding unit' }));
    expect((await s.agents.lscbMember.get(`/api/governance/meetings/${lscbMeeting}`)).statusCode).toBe(200);
    for (const agent of [s.agents.m2, s.agents.chair, s.agents.admin]) {
      expect((await agent.get(`/api/governance/meetings/${lscbMeeting}`)).statusCode).toBe(403);
      expect((await agent.get(`/api/governance/bodies/${s.lscb}/meetings`)).statusCode).toBe(403);
      expect((await agent.get(`/governance/meetings/${lscbMeeting}`)).statusCode).toBe(403);
    }
    // The area administrator observes the board's business but does not manage it.
    expect((await s.agents.admin.get(`/api/governance/meetings/${meeting}`)).statusCode).toBe(200);
    expect((await s.agents.admin.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'x' })).statusCode).toBe(403);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadProfessionalCriteria } from '../../src/assessment/index.js';
import { backup, restore } from '../../src/platform/backup.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { expectStatus as ok, faultRules as rules, givenConsent, recordChild, signedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation, type TestUser } from '../helpers/factories.js';
import { postFile } from '../helpers/multipart.js';

/**
 * The episode's records (issue 14, front line): the chronology after a scripted episode, in order and
 * filtered, to the assessment's own audience only; and attachments checked by their bytes and size,
 * downloaded as attachments, removed softly, every step audited.
 */

let t: TestApp;
let teacher: Agent & { user: TestUser };
let nurse: Agent & { user: TestUser };
let socialWorker: Agent;
let outsider: Agent;
let board: Agent;
let socialCare: string;
let assessmentId: string;

const content = {
  reasonForAssessment: 'Behaviour has deteriorated; risk of exclusion',
  family: 'Lives with his mother',
  servicesInvolved: 'Primary school; GP',
  elements: { 'development.behaviour': { needs: 'Acceptable behavioural boundaries' } },
  childViews: 'Wants to stay at his school',
  parentViews: 'Mother wants help with his anger',
  conclusions: 'Needs co-ordinated support',
  agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2030-01-31' }],
  levelOfNeed: 'additional',
};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.from([0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(64, 0)]);

const auditCount = async (action: string): Promise<number> =>
  (
    await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND subject_id = $2', [
      action,
      assessmentId,
    ])
  )[0]?.n ?? 0;

type ChronologyJson = { total: number; events: { at: string; kind: string; what: string; by: string; detail: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Testshire Primary School');
  const health = await buildOrganisation(db, area, 'Testshire School Nursing');
  socialCare = await buildOrganisation(db, area, 'Testshire Children’s Social Care');
  const other = await buildOrganisation(db, area, 'Testshire Leisure Trust');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school, displayName: 'Sam Teacher' });
  nurse = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health, displayName: 'Nia Nurse' });
  socialWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: socialCare, displayName: 'Sol Worker' });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: other });
  board = await signedIn(t, 'board_member', { areaCode: area });

  // The scripted episode, step by step through the API as the team would.
  const childId = await recordChild(teacher, { givenName: 'Bruce', familyName: 'Example' });
  assessmentId = (await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }))).id;
  const api = (p: string) => `/api/assessments/${assessmentId}${p}`;
  await ok(teacher.postJson(api('/consents'), givenConsent([health, socialCare])));
  const nurseMember = await ok(teacher.postJson(api('/team'), { userId: nurse.user.id, service: 'School nursing' }));
  const { criteria } = await leadProfessionalCriteria(db, area, new Date().toISOString().slice(0, 10));
  await ok(teacher.postJson(api('/lead-professional'), { teamMemberId: nurseMember.id, criteriaMet: criteria }));
  const action = await ok(
    teacher.postJson(api('/actions'), { action: 'Daily check-in', ownerTeamMemberId: nurseMember.id, dueOn: '2030-01-31' }),
  );
  await ok(nurse.request({ method: 'PUT', url: api(`/actions/${action.id}/status`), payload: { status: 'done' } }), 204);
  await ok(teacher.postJson(api('/reviews'), { attendees: 'Sam, Nia, mother', decisions: 'Keep the check-ins going' }));
  await ok(teacher.postJson(api('/versions'), { draftVersion: 0, content }));
  const view = await ok<{ team: { id: string; userId: string }[] }>(teacher.get(api('')), 200);
  const teacherMember = view.team.find((m) => m.userId === teacher.user.id);
  await ok(
    teacher.postJson(api('/lead-professional'), {
      teamMemberId: teacherMember?.id,
      criteriaMet: criteria,
      handoverNote: 'Nia moves school',
    }),
  );
  const referral = await ok(
    teacher.postJson(api('/referrals'), {
      toOrganisationId: socialCare,
      toService: 'Children’s social care',
      reason: 'Needs more',
      levelSought: 'acute/specialist',
    }),
  );
  await ok(socialWorker.postJson(`/api/referrals/${referral.id}/acknowledge`, {}), 204);
  await ok(socialWorker.postJson(`/api/referrals/${referral.id}/decision`, { decision: 'returned', reason: 'Early help first' }), 204);
  await ok(teacher.postJson(api(`/team/${nurseMember.id}/leave`), {}), 204);
});

afterAll(async () => t.close());

describe('attachments', () => {
  const page = () => paths.assessmentAttachments(assessmentId);

  it('accepts a PNG, lists it, and offers it only as a download with its type and nosniff', async () => {
    await teacher.get(page());
    const posted = await postFile(teacher, page(), { name: 'signed consent.png', bytes: PNG }, { description: 'Signed consent form' });
    expect(posted.statusCode, posted.body.slice(0, 1500)).toBe(303);
    expect(posted.headers.location).toBe(`${page()}?done=added`);
    const listed = await teacher.get(String(posted.headers.location));
    expect(listed.body).toContain('File attached');
    expect(listed.body).toContain('signed consent.png');
    const [file] = await ok<{ id: string; contentType: string; byteSize: number; download: string }[]>(
      teacher.get(`/api/assessments/${assessmentId}/attachments`),
      200,
    );
    expect(file?.contentType).toBe('image/png');
    expect(file?.byteSize).toBe(PNG.length);
    const download = await teacher.get(file?.download ?? '');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="signed consent.png"; filename*=UTF-8''signed%20consent.png`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(await auditCount('assessment.attachment_added')).toBe(1);
    expect(await auditCount('assessment.attachment_downloaded')).toBe(1);
  });

  it('refuses an executable renamed .pdf, a file too big and an empty one, naming the rule, and keeps what was typed', async () => {
    await teacher.get(page());
    const exe = await postFile(teacher, page(), { name: 'letter.pdf', bytes: EXE }, { description: 'A letter' });
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('The file must be a PDF, PNG, JPEG, DOCX, ODT or plain text file');
    expect(exe.body).toContain('href="#file"');
    expect(exe.body).toContain('A letter</textarea>');
    const big = await postFile(
      teacher,
      page(),
      { name: 'scan.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]) },
      { description: 'Scan' },
    );
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('The file must be 5 MB or smaller');
    const empty = await postFile(teacher, page(), { name: 'blank.txt', bytes: Buffer.alloc(0) }, { description: 'Nothing' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('The file blank.txt is empty');
    const noDescription = await postFile(
      teacher,
      page(),
      { name: 'note.txt', bytes: Buffer.from('Seen at home.\n') },
      { description: ' ' },
    );
    expect(noDescription.body).toContain('Describe the file');
    // Nothing refused was kept, and the PNG attached before is still there.
    const files = await ok<{ fileName: string }[]>(teacher.get(`/api/assessments/${assessmentId}/attachments`), 200);
    expect(files.map((f) => f.fileName)).toEqual(['signed consent.png']);
  });

  it('is not shown, downloaded or changed by someone the assessment is not shared with', async () => {
    const [file] = await ok<{ id: string; download: string }[]>(teacher.get(`/api/assessments/${assessmentId}/attachments`), 200);
    for (const response of [
      await outsider.get(page()),
      await outsider.get(file?.download ?? ''),
      await outsider.get(`/api/assessments/${assessmentId}/attachments`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('signed consent');
      expect(response.body).not.toContain('Bruce');
    }
    expect((await board.get(page())).statusCode).toBe(403);
  });

  it('removes a file softly with a reason, audited; it is no longer downloaded', async () => {
    const [file] = await ok<{ id: string; download: string }[]>(teacher.get(`/api/assessments/${assessmentId}/attachments`), 200);
    const remove = paths.assessmentAttachmentRemove(assessmentId, file?.id ?? '');
    await teacher.get(remove);
    const noReason = await teacher.post(remove, { removalReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why the file is being removed');
    const removed = await teacher.postAndFollow(remove, { removalReason: 'Attached to the wrong child' });
    expect(removed.body).toContain('File removed');
    expect(removed.body).toContain('Attached to the wrong child');
    expect((await teacher.get(file?.download ?? '')).statusCode).toBe(404);
    expect(await auditCount('assessment.attachment_removed')).toBe(1);
  });
});

describe('the chronology', () => {
  it('lists the episode in time order, with who did each thing', async () => {
    const found = await ok<ChronologyJson>(teacher.get(`/api/assessments/${assessmentId}/chronology`), 200);
    const whats = found.events.map((e) => e.what);
    const today = new Date().toISOString().slice(0, 10);
    const socialCareService = 'Children’s social care, Testshire Children’s Social Care';
    expect(whats).toEqual([
      'Assessment started',
      'Sam Teacher (Primary school, Testshire Primary School) joined the team',
      'Consent recorded',
      'Nia Nurse (School nursing, Testshire School Nursing) joined the team',
      'Nia Nurse appointed lead professional',
      'Action added',
      'Action completed',
      `Review recorded (held on ${today})`,
      'Assessment completed: version 1',
      'Lead professional changed from Nia Nurse to Sam Teacher',
      `Referral sent to ${socialCareService}`,
      `Referral acknowledged by ${socialCareService}`,
      'Referral answered: returned',
      'Nia Nurse (School nursing, Testshire School Nursing) left the team',
      'File attached: signed consent.png',
      'File removed: signed consent.png',
    ]);
    const at = found.events.map((e) => Date.parse(e.at));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(found.events.find((e) => e.what.startsWith('Lead professional changed'))?.detail).toBe('Handover note: Nia moves school');
    expect(found.events.find((e) => e.what === 'Action completed')?.by).toBe('Nia Nurse');
    expect(found.events.find((e) => e.what.startsWith('Referral answered'))).toMatchObject({
      by: 'Sol Worker',
      detail: 'Early help first',
    });
    expect(found.events.find((e) => e.what === 'Consent recorded')?.detail).toBe('Given by Sarah Cole');
  });

  it('filters by kind of event, refusing an unknown kind by name', async () => {
    const referrals = await ok<ChronologyJson>(teacher.get(`/api/assessments/${assessmentId}/chronology?kind=referral`), 200);
    expect(referrals.events.map((e) => e.kind)).toEqual(['referral', 'referral', 'referral']);
    expect(rules(await teacher.get(`/api/assessments/${assessmentId}/chronology?kind=gossip`))).toEqual(['kind:one_of']);
  });

  it('shows the page with moments as the service prints them, and audits each opening', async () => {
    const before = await auditCount('assessment.chronology_viewed');
    const html = (await teacher.get(paths.assessmentChronology(assessmentId))).body;
    expect(html).toContain('Chronology: Bruce Example');
    expect(html).toContain('Lead professional changed from Nia Nurse to Sam Teacher');
    expect(html).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)/);
    expect(html.indexOf('Assessment started')).toBeLessThan(html.indexOf('Referral sent'));
    expect(await auditCount('assessment.chronology_viewed')).toBe(before + 1);
  });

  it('is refused, naming no one, to those the assessment is not shared with', async () => {
    for (const url of [paths.assessmentChronology(assessmentId), `/api/assessments/${assessmentId}/chronology`]) {
      const refused = await outsider.get(url);
      expect(refused.statusCode).toBe(403);
      for (const name of ['Bruce', 'Sarah Cole', 'Nia Nurse', 'Handover']) expect(refused.body).not.toContain(name);
      expect((await board.get(url)).statusCode).toBe(403);
    }
    expect((await teacher.get('/api/assessments/00000000-0000-4000-8000-000000000000/chronology')).statusCode).toBe(404);
  });
});

describe('attachments through the API', () => {
  it('lists them and removes one with a reason, refusing a removal without one by name', async () => {
    await teacher.get(paths.assessmentAttachments(assessmentId));
    const text = Buffer.from('Mother phoned: the family is moving in March.\n');
    const posted = await postFile(
      teacher,
      paths.assessmentAttachments(assessmentId),
      { name: 'call.txt', bytes: text },
      { description: 'Phone note' },
    );
    expect(posted.statusCode).toBe(303);
    const files = await ok<{ id: string; fileName: string; contentType: string; removedAt: string | null }[]>(
      teacher.get(`/api/assessments/${assessmentId}/attachments`),
      200,
    );
    const call = files.find((f) => f.fileName === 'call.txt');
    expect(call).toMatchObject({ contentType: 'text/plain', removedAt: null });
    const url = `/api/assessments/${assessmentId}/attachments/${call?.id ?? ''}/remove`;
    expect(rules(await teacher.postJson(url, { removalReason: ' ' }))).toEqual(['removalReason:required']);
    expect((await outsider.postJson(url, { removalReason: 'Not mine' })).statusCode).toBe(403);
    await ok(teacher.postJson(url, { removalReason: 'Duplicate of the letter' }), 204);
    const after = await ok<{ id: string; removedAt: string | null; removalReason: string }[]>(
      teacher.get(`/api/assessments/${assessmentId}/attachments`),
      200,
    );
    expect(after.find((f) => f.id === call?.id)).toMatchObject({ removalReason: 'Duplicate of the letter' });
    expect(after.find((f) => f.id === call?.id)?.removedAt).not.toBeNull();
  });
});

describe('a backup', () => {
  it('carries the attached files, byte for byte, through a restore', async () => {
    const files = (db: typeof t.testDb.db) =>
      db.query<{ file_name: string; content: Uint8Array }>('SELECT file_name, content FROM assessment_attachment ORDER BY added_at');
    const before = await t.testDb.asOwner(files);
    expect(before.map((f) => f.file_name)).toEqual(['signed consent.png', 'call.txt']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-attachments-'));
    try {
      const file = path.join(dir, 'all.ctpbackup');
      await t.testDb.asOwner((db) => backup(db, file));
      await t.testDb.asOwner((db) => db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
      await t.testDb.asOwner((db) => restore(db, file));
      const after = await t.testDb.asOwner(files);
      expect(after.map((f) => Buffer.from(f.content))).toEqual(before.map((f) => Buffer.from(f.content)));
      expect(Buffer.from(after[0]?.content ?? []).equals(PNG)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPaths as pp, publishedQuotations } from '../../src/plan/index.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { buildDraftPlan, daysFromToday } from './voice-helpers.js';
import { postFile } from '../helpers/multipart.js';

/**
 * Consultation on a draft plan (issue 18 item 4; ADR 0035): required consultees pre-filled, responses typed and
 * uploaded with what changed or why not, and the children's public questions: refusals naming field and rule,
 * the honeypot, a flood refused with 429, and no words public before a planner approves them.
 */
let t: TestApp;
let area: string;
let planner: Agent;
let board: Agent;
let plan: { planId: string; sectionId: string; priorityId: string };
let consultationId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  plan = await buildDraftPlan(db, area);
  // The partner register: one relevant partner (a primary care trust), one other partner (no duty).
  await db.query(
    `INSERT INTO organisation (area_code, name, sector, duty_code, inclusion_reason) VALUES
       ($1, 'Kestrel Youth Offending Team', 'youth offending', 's10-4-d', ''), ($1, 'Kestrel Scouts', 'voluntary and community', NULL, 'A local youth charity')`,
    [area],
  );
  planner = await signIn(t.app, await buildUser(db, t.config, { role: 'planner', areaCode: area }));
  board = await signIn(t.app, await buildUser(db, t.config, { role: 'board_member', areaCode: area }));
}, 120_000);
afterAll(async () => t?.close());

describe('setting up a consultation on a draft', () => {
  it('refuses bad input naming the field and rule', async () => {
    await planner.get(pp.consultationNew);
    const response = await planner.post(pp.consultationNew, { planId: '', title: '', opensOn: '1/2/2027', closesOn: '1/1/2027' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select the draft plan to consult on');
    expect(response.body).toContain('Enter the consultation’s title');
    expect(response.body).toContain('The day it closes must be on or after the day it opens');
  });

  it('lists the bodies that must be consulted, the relevant partners from the register among them', async () => {
    await planner.get(pp.consultationNew);
    const posted = await planner.post(pp.consultationNew, {
      planId: plan.planId,
      title: 'Consultation on the draft plan',
      opensOn: daysFromToday(-7),
      closesOn: daysFromToday(30),
      childrenQuestions: 'yes',
    });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    consultationId = String(posted.headers.location).split('/')[3]?.split('?')[0] ?? '';
    const view = (await board.get(pp.apiConsultation(consultationId))).json() as { consultees: { kind: string; name: string; required: boolean }[] };
    const kinds = view.consultees.map((c) => c.kind);
    for (const kind of ['lscb', 'schools', 'governing_bodies', 'colleges', 'children_young_people', 'parents_carers', 'voluntary_community'])
      expect(kinds).toContain(kind);
    const partners = view.consultees.filter((c) => c.kind === 'relevant_partner').map((c) => c.name);
    expect(partners).toContain('Kestrel Youth Offending Team');
    expect(partners).not.toContain('Kestrel Scouts');
    expect(view.consultees.every((c) => c.required)).toBe(true);
  });
});

describe('responses and what became of them', () => {
  it('records a typed response in Welsh and an uploaded one, and what changed or why not', async () => {
    const typed = await planner.postJson(pp.apiConsultationResponses(consultationId), {
      respondent: 'Eastmoor Parents’ Forum',
      receivedOn: daysFromToday(-3),
      language: 'cy',
      body: 'Mae angen mwy o lefydd chwarae diogel.',
    });
    expect(typed.statusCode).toBe(201);
    const typedId = (typed.json() as { id: string }).id;
    const page = await board.get(pp.consultationResponse(consultationId, typedId));
    expect(page.body).toContain('lang="cy" dir="ltr"');

    await planner.get(pp.consultationResponseNew(consultationId));
    const uploaded = await postFile(
      planner,
      pp.consultationResponseNew(consultationId),
      { name: 'response.txt', type: 'text/plain', bytes: 'We support the priorities and ask for more on mental health.\n' },
      { respondent: 'Abbey Primary Care Trust', receivedOn: daysFromToday(-2), language: 'en' },
    );
    expect(uploaded.statusCode, uploaded.body.slice(0, 300)).toBe(303);
    const responseUrl = String(uploaded.headers.location).split('?')[0] ?? '';
    const file = await board.get(`${responseUrl}/file`);
    expect(file.headers['content-disposition']).toContain('response.txt');
    expect(file.body).toContain('more on mental health');

    const refused = await postFile(planner, pp.consultationResponseNew(consultationId), { name: 'x.exe', bytes: Buffer.from([0x4d, 0x5a, 0, 1, 2]) }, { respondent: 'Someone', receivedOn: daysFromToday(-1) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The file must be a PDF, PNG, JPEG, DOCX, ODT or plain text file');
    const neither = await planner.postJson(pp.apiConsultationResponses(consultationId), { respondent: 'Someone', receivedOn: daysFromToday(-1), body: '' });
    expect((neither.json() as { errors: { field: string; rule: string }[] }).errors).toContainEqual(expect.objectContaining({ field: 'body', rule: 'text_or_file' }));

    const noWords = await planner.request({
      method: 'PUT',
      url: pp.apiConsultationResponseOutcome(consultationId, typedId),
      payload: JSON.stringify({ outcome: 'changed', outcomeNote: '' }),
      headers: { 'content-type': 'application/json' },
    });
    expect((noWords.json() as { errors: { field: string; rule: string }[] }).errors).toContainEqual(expect.objectContaining({ field: 'outcomeNote', rule: 'required' }));
    await planner.get(pp.consultationResponse(consultationId, typedId));
    const decided = await planner.post(pp.consultationResponse(consultationId, typedId), {
      outcome: 'changed',
      outcomeNote: 'Safe places to play added to the priority on parks',
      changedSectionId: plan.sectionId,
    });
    expect(decided.statusCode).toBe(303);
    const view = (await board.get(pp.apiConsultation(consultationId))).json() as { responses: { respondent: string; outcome: string | null; changedSection: { title: string } | null }[] };
    expect(view.responses.find((r) => r.respondent === 'Eastmoor Parents’ Forum')).toMatchObject({ outcome: 'changed', changedSection: { title: 'Our priorities' } });
  });
});

describe('the children and young people’s public questions', () => {
  const visitor = () => new Agent(t.app);

  it('is a page anyone opens without signing in, and keeps an answer', async () => {
    const child = visitor();
    const page = await child.get(pp.haveYourSay(area));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What matters most to you?');
    const sent = await child.post(pp.haveYourSay(area), { matters: 'safe', listened: 'sometimes', better: 'Lights in the park please', mayQuote: 'yes', ageGroup: '11_to_15', language: 'en', website: '' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(pp.haveYourSayThanks(area));
    expect((await child.get(pp.haveYourSayThanks(area))).body).toContain('We have your answers');
  });

  it('refuses an answer naming the field and rule', async () => {
    const child = visitor();
    await child.get(pp.haveYourSay(area));
    const empty = await child.post(pp.haveYourSay(area), { website: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Answer at least one question before you send your answers');
    const bad = await child.post(pp.haveYourSay(area), { matters: 'sweets', better: 'x'.repeat(1001) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose what matters most to you');
    expect(bad.body).toContain('What would make life better must be 1,000 characters or fewer');
  });

  it('silently discards a form whose honeypot is filled', async () => {
    const before = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_children_answer');
    const robot = visitor();
    await robot.get(pp.haveYourSay(area));
    const sent = await robot.post(pp.haveYourSay(area), { matters: 'safe', better: 'Buy cheap pills at spam.example', mayQuote: 'yes', website: 'http://spam.example' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(pp.haveYourSayThanks(area));
    const after = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_children_answer');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('never shows words in public before a planner approves them; approved ones are published', async () => {
    expect(await publishedQuotations(t.testDb.db, plan.planId)).toEqual([]);
    const summary = (await board.get(pp.apiConsultationChildren(consultationId))).json() as { freeText: { id: string; better: string; quotation: string }[]; matters: { value: string | null; count: number }[] };
    const lights = summary.freeText.find((a) => a.better === 'Lights in the park please');
    expect(lights?.quotation).toBe('pending');
    expect(summary.matters.find((m) => m.value === 'safe')?.count).toBe(1);
    // The board reads; only the planner moderates.
    const byBoard = await board.request({ method: 'PUT', url: pp.apiConsultationChildrenAnswer(consultationId, lights?.id ?? ''), payload: '{"decision":"approved"}', headers: { 'content-type': 'application/json' } });
    expect(byBoard.statusCode).toBe(403);
    await planner.get(pp.consultationChildren(consultationId));
    const approved = await planner.post(pp.consultationChildrenAnswer(consultationId, lights?.id ?? ''), { decision: 'approved' });
    expect(approved.statusCode).toBe(303);
    expect(await publishedQuotations(t.testDb.db, plan.planId)).toEqual([expect.objectContaining({ text: 'Lights in the park please', language: 'en', ageGroup: '11_to_15' })]);
    // Words a child did not offer can never be approved.
    const child = visitor();
    await child.get(pp.haveYourSay(area));
    await child.post(pp.haveYourSay(area), { better: 'Keep this private', mayQuote: 'no' });
    const [privateAnswer] = await t.testDb.db.query<{ id: string }>("SELECT id FROM plan_children_answer WHERE better = 'Keep this private'");
    const refused = await planner.request({ method: 'PUT', url: pp.apiConsultationChildrenAnswer(consultationId, privateAnswer?.id ?? ''), payload: '{"decision":"approved"}', headers: { 'content-type': 'application/json' } });
    expect(refused.statusCode).toBe(409);
    expect((await publishedQuotations(t.testDb.db, plan.planId)).map((q) => q.text)).toEqual(['Lights in the park please']);
  });

  it('refuses a flood from one address with a 429 page that names the limit', async () => {
    const robot = visitor();
    await robot.get(pp.haveYourSay(area));
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 32; i += 1) {
      const sent = await robot.request({
        method: 'POST',
        url: pp.haveYourSay(area),
        payload: new URLSearchParams({ _csrf: robot.csrf, matters: 'healthy', website: '' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: '203.0.113.9',
      });
      statuses.push(sent.statusCode);
      last = sent.body;
    }
    expect(statuses.filter((s) => s === 303).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
    expect(last).toContain('We accept up to 30 answers in 10 minutes from one device or network');
    // Another address is not held back by it.
    const other = visitor();
    await other.get(pp.haveYourSay(area));
    const fine = await other.request({
      method: 'POST',
      url: pp.haveYourSay(area),
      payload: new URLSearchParams({ _csrf: other.csrf, matters: 'learning' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '198.51.100.4',
    });
    expect(fine.statusCode).toBe(303);
  });
});

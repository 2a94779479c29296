import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_ASSESSMENT_QUESTIONS } from '../../src/governance/self-assessment/index.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';
import { buildBody, seat } from './audits-fixtures.js';

/** The board's self-assessment against the Audit Commission's seven questions (001 §2; issue 16 item 7). */

let t: TestApp;
let area: string;
let chair: Agent;
let member: Agent;
let outsider: Agent;
const API = '/api/governance/self-assessments';

const put = (agent: Agent, url: string, json: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
const fieldsOf = (body: string) => (JSON.parse(body) as { errors?: { field: string; rule: string }[] }).errors?.map((e) => `${e.field}:${e.rule}`) ?? [];
const allAnswers = (rating: (q: string, i: number) => string) =>
  SELF_ASSESSMENT_QUESTIONS.values.map((question, i) => ({ question, rating: rating(question, i), evidence: `Evidence for ${question}` }));

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const la = await buildOrganisation(db, area, 'Testshire County Council');
  const board = await buildBody(db, area, 'trust_board', 'Testshire Children’s Trust Board');
  const chairUser = await buildUser(db, t.config, { role: 'board_member', areaCode: area, organisationId: la });
  const memberUser = await buildUser(db, t.config, { role: 'board_member', areaCode: area, organisationId: la });
  const outsiderUser = await buildUser(db, t.config, { role: 'board_member', areaCode: area, organisationId: la });
  await seat(db, area, board, chairUser.id, la, 'chair');
  await seat(db, area, board, memberUser.id, la, 'member');
  chair = await signIn(t.app, chairUser);
  member = await signIn(t.app, memberUser);
  outsider = await signIn(t.app, outsiderUser);
});
afterAll(async () => t.close());

describe('board self-assessment', () => {
  let first = '';

  it('starts one a year for the board and refuses a second for the same year, naming the field', async () => {
    const started = await member.postJson(API, { year: 2025 });
    expect(started.statusCode).toBe(201);
    first = (JSON.parse(started.body) as { id: string }).id;
    const again = await member.postJson(API, { year: 2025 });
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['year:unique']);
    const page = await member.postAndFollow('/governance/self-assessments/new', { year: '2025' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('already has a self-assessment for 2025 to 2026');
    const rows = await t.testDb.db.query('SELECT 1 FROM board_self_assessment WHERE area_code = $1', [area]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a rating outside the scale naming its question, keeping what was saved', async () => {
    expect((await put(member, `${API}/${first}`, { answers: allAnswers((_, i) => (i < 3 ? 'developing' : 'established')) })).statusCode).toBe(204);
    const bad = await put(member, `${API}/${first}`, { answers: [{ question: 'outcomes_focus', rating: 'excellent', evidence: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['rating-outcomes_focus:one_of']);
    const kept = JSON.parse((await member.get(`${API}/${first}`)).body) as { answers: { question: string; rating: string }[] };
    expect(kept.answers.find((a) => a.question === 'outcomes_focus')?.rating).toBe('developing');
  });

  it('is agreed by the chair or secretariat only, with every question answered', async () => {
    expect((await member.postJson(`${API}/${first}/agree`, {})).statusCode).toBe(403);
    await put(member, `${API}/${first}`, { answers: [{ question: 'risks_and_controls', rating: null, evidence: '' }] });
    const refused = await chair.postJson(`${API}/${first}/agree`, {});
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['rating-risks_and_controls:required']);
    await put(member, `${API}/${first}`, { answers: [{ question: 'risks_and_controls', rating: 'developing', evidence: 'Risk register' }] });
    expect((await chair.postJson(`${API}/${first}/agree`, {})).statusCode).toBe(204);
    const late = await put(member, `${API}/${first}`, { answers: [{ question: 'stakeholders', rating: 'embedded', evidence: 'x' }] });
    expect(late.statusCode).toBe(409);
    const actions = await t.testDb.db.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE area_code = $1 AND action LIKE 'governance.self_assessment_%' ORDER BY seq`,
      [area],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'governance.self_assessment_started',
      'governance.self_assessment_saved',
      'governance.self_assessment_saved',
      'governance.self_assessment_saved',
      'governance.self_assessment_agreed',
    ]);
  });

  it('compares a year with the one before, each change in words', async () => {
    const next = JSON.parse((await member.postJson(API, { year: 2026 })).body) as { id: string };
    await put(member, `${API}/${next.id}`, { answers: allAnswers((q) => (q === 'outcomes_focus' ? 'established' : q === 'use_of_resources' ? 'not_in_place' : q === 'partner_roles' ? 'developing' : 'established')) });
    const compared = JSON.parse((await member.get(`${API}/${next.id}/compare`)).body) as { before: { year: number }; rows: { question: string; changeWords: string }[] };
    expect(compared.before.year).toBe(2025);
    const words = Object.fromEntries(compared.rows.map((r) => [r.question, r.changeWords]));
    expect(words.outcomes_focus).toBe('Improved from Developing to Established');
    expect(words.use_of_resources).toBe('Fell from Developing to Not yet in place');
    expect(words.partner_roles).toBe('No change');
    const page = await member.get(`/governance/self-assessments/${next.id}/compare`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Improved from Developing to Established');
    expect(page.body).toContain('How does the board oversee the effective use of resources?');
  });

  it('is the board’s own business: someone not on it sees none of it', async () => {
    expect(JSON.parse((await outsider.get(API)).body)).toEqual([]);
    expect((await outsider.get(`${API}/${first}`)).statusCode).toBe(404);
    expect((await outsider.get(`/governance/self-assessments/${first}`)).statusCode).toBe(404);
    expect((await outsider.postJson(API, { year: 2024 })).statusCode).toBe(404);
    const page = await member.get(`/governance/self-assessments/${first}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agreed');
  });
});

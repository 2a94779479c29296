import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPaths as pp } from '../../src/plan/index.js';
import { financialYearOf } from '../../src/platform/money.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';
import { buildDraftPlan, daysFromToday } from './voice-helpers.js';

/**
 * Participation of children, young people and families (issue 18 item 3; ADR 0035) through the pages and the API:
 * an activity recorded with what it changed and the feedback given, refusals naming field and rule, the board's
 * summary of the year, and who may record and read.
 */
let t: TestApp;
let area: string;
let planner: Agent;
let practitioner: Agent;
let boardMember: Agent;
let plan: { planId: string; sectionId: string; priorityId: string };
let other: { planId: string; sectionId: string; priorityId: string };
const heldOn = daysFromToday(-20);

const form = (fields: Record<string, string | string[]>) => fields;
const post = async (agent: Agent, url: string, fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams({ _csrf: agent.csrf });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return agent.request({ method: 'POST', url, payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
};

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  plan = await buildDraftPlan(t.testDb.db, area);
  other = await buildDraftPlan(t.testDb.db, area, 'Another plan');
  planner = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area }));
  practitioner = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'practitioner', areaCode: area }));
  boardMember = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'board_member', areaCode: area }));
}, 120_000);
afterAll(async () => t?.close());

const valid = () =>
  form({
    planId: plan.planId,
    title: 'Youth council on the draft priorities',
    heldOn,
    method: 'youth_council',
    stage: 'planning',
    ageGroups: ['11_to_15', '16_to_19'],
    groups: ['looked_after', 'young_carers'],
    participants: '14',
    whatTheySaid: 'Parks feel unsafe after dark.\nBuses stop too early.',
    changedSectionId: plan.sectionId,
    changedPriorityId: plan.priorityId,
    changedText: 'Safer parks became a priority',
    feedbackOn: daysFromToday(-2),
    feedbackHow: 'A “you said, we did” leaflet at the next youth council',
  });

describe('recording a participation activity', () => {
  it('records one with what it changed and the feedback, and shows it', async () => {
    await planner.get(pp.participationNew);
    const posted = await post(planner, pp.participationNew, valid());
    expect(posted.statusCode, posted.body.slice(0, 400)).toBe(303);
    const page = await planner.get(String(posted.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Participation activity recorded');
    expect(page.body).toContain('Looked-after children, Young carers');
    expect(page.body).toContain('The priority “Safer streets and parks”');
    expect(page.body).toContain('A “you said, we did” leaflet');
    const [audit] = await t.testDb.db.query<{ action: string }>("SELECT action FROM audit_event WHERE action = 'plan.participation_recorded'");
    expect(audit?.action).toBe('plan.participation_recorded');
  });

  it('refuses bad input naming each field and rule, and keeps what was typed', async () => {
    await planner.get(pp.participationNew);
    const response = await post(planner, pp.participationNew, {
      ...valid(),
      title: '',
      heldOn: '31/2/2027',
      method: 'carrier_pigeon',
      ageGroups: [],
      participants: 'lots',
      changedSectionId: other.sectionId,
      feedbackOn: daysFromToday(-1),
      feedbackHow: '',
    });
    expect(response.statusCode).toBe(400);
    for (const message of [
      'Enter what the activity was',
      'The day it was held must be a real date, like 27/3/2027',
      'Select how they took part',
      'Select the age groups of those who took part',
      'How many took part must be a whole number, like 12',
      'Select a section of the plan the activity informed, or none',
      'Say how they were told what changed',
    ])
      expect(response.body).toContain(message);
    expect(response.body).toContain('Parks feel unsafe after dark.');
    expect(response.body).toMatch(/value="young_carers" checked/);

    const api = await planner.postJson(pp.apiParticipation, { ...valid(), participants: 0, feedbackOn: heldOn.replace(/\d\d$/, '01'), feedbackHow: 'told' });
    expect(api.statusCode).toBe(400);
    const rules = (api.json() as { errors: { field: string; rule: string }[] }).errors.map((e) => `${e.field}:${e.rule}`);
    expect(rules).toContain('participants:range');
    if (heldOn.slice(8) !== '01') expect(rules).toContain('feedbackOn:after_activity');
  });

  it('lets a practitioner record but not read the area’s activities; the board reads them', async () => {
    await practitioner.get(pp.participationNew);
    const posted = await post(practitioner, pp.participationNew, { ...valid(), feedbackOn: '', feedbackHow: '', changedSectionId: '', changedPriorityId: '', changedText: '' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`${pp.participationNew}?done=recorded`);
    expect((await practitioner.get(pp.participation)).statusCode).toBe(403);
    const list = await boardMember.get(pp.participation);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Youth council on the draft priorities');
    expect(list.body).not.toContain('Record a participation activity');
  });
});

describe('the board’s summary of a year', () => {
  it('counts by group and method, and the shares that changed something and were fed back', async () => {
    const year = financialYearOf(heldOn);
    const response = await boardMember.get(`${pp.apiParticipationSummary}?year=${year}`);
    expect(response.statusCode).toBe(200);
    const summary = response.json() as {
      activities: number;
      participants: number;
      byGroup: { group: string; activities: number; participants: number }[];
      byMethod: { method: string; activities: number }[];
      changed: { count: number; percent: number };
      feedbackGiven: { count: number; percent: number };
    };
    expect(summary.activities).toBe(2);
    expect(summary.participants).toBe(28);
    expect(summary.byGroup).toEqual([
      { group: 'looked_after', activities: 2, participants: 28 },
      { group: 'young_carers', activities: 2, participants: 28 },
    ]);
    expect(summary.byMethod).toEqual([{ method: 'youth_council', activities: 2, participants: 28 }]);
    expect(summary.changed).toEqual({ count: 1, percent: 50 });
    expect(summary.feedbackGiven).toEqual({ count: 1, percent: 50 });
    const page = await boardMember.get(`${pp.participationSummary}?year=${year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 of 2 (50%)');
    expect((await boardMember.get(`${pp.participationSummary}?year=last`)).statusCode).toBe(400);
  });

  it('records the feedback later, when participants are told', async () => {
    const [activity] = await t.testDb.db.query<{ id: string }>('SELECT id FROM plan_participation_activity WHERE feedback_on IS NULL');
    const id = activity?.id ?? '';
    await practitioner.get(pp.participationEdit(id));
    const changed = await post(practitioner, pp.participationEdit(id), { ...valid(), feedbackOn: daysFromToday(0), feedbackHow: 'Letters to each school council' });
    expect(changed.statusCode).toBe(303);
    const summary = (await boardMember.get(`${pp.apiParticipationSummary}?year=${financialYearOf(heldOn)}`)).json() as { feedbackGiven: { percent: number } };
    expect(summary.feedbackGiven.percent).toBe(100);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicationPaths as up } from '../../../src/plan/index.js';
import { findUserById } from '../../../src/platform/auth/repository.js';
import { Agent, createTestApp, type TestApp } from '../../helpers/app.js';
import { faultRules, problemCode } from '../../helpers/builders.js';
import { boardDecision, buildPlan, buildPlanScene, putJson, VISION, writeSection, type PlanScene } from './fixture.js';

/**
 * Approval, versions and publication (issue 18 items 5-6; ADR 0036): publication refused while a required
 * section is incomplete, saying which and why; the board's decision cited and used once; a draft never public;
 * each version's differences section by section; and publishing all or nothing.
 */

let t: TestApp;
let p: PlanScene;
let area: string;
const visitor = () => new Agent(t.app);
type Change = { id: string; title: string; change: string; parts: { kind: string; text: string }[] };
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
const publish = (decisionId: string) => p.planner.postJson(up.apiVersions(p.planId), { decisionId });

beforeAll(async () => {
  t = await createTestApp();
  p = await buildPlanScene(t);
  area = p.s.area;
}, 300_000);
afterAll(async () => t?.close());

describe('before the plan is complete', () => {
  it('lists on the publication page each required section that blocks it, and why', async () => {
    const page = await p.planner.get(up.publication(p.planId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The plan cannot be published until every required section is complete');
    expect(page.body).toMatch(/<strong>How our budgets contribute<\/strong>: “How our budgets contribute” has no words yet: it must set out how the partners’ budgets, including pooled and aligned budgets/);
  });

  it('refuses to publish, naming the blockers, and the public sees nothing', async () => {
    const decisionId = await boardDecision(p, 'Approve the plan for 2026 to 2029');
    const refused = await publish(decisionId);
    expect(refused.statusCode).toBe(409);
    expect(problemCode(refused)).toBe('plan_not_ready');
    expect(refused.body).toContain('How our budgets contribute');
    const form = await p.planner.post(up.publication(p.planId), { decisionId });
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('The plan cannot be published until every required section is complete');
    expect((await visitor().get(up.ourPlan(area))).statusCode).toBe(404);
    expect((await visitor().get(up.apiOurPlan(area))).statusCode).toBe(404);
    expect((await t.testDb.db.query('SELECT 1 FROM plan_version WHERE plan_id = $1', [p.planId])).length).toBe(0);
  });
});

describe('approval and publication', () => {
  let firstDecision: string;
  beforeAll(async () => {
    await writeSection(t, p.sections.budgets ?? '', 'The pooled fund for mental health pays for the hubs.');
    firstDecision = await boardDecision(p, 'Approve the Children and Young People’s Plan 2026 to 2029');
  });

  it('keeps the summary for children and young people, refusing an empty or overlong one', async () => {
    expect(faultRules(await putJson(p.planner, up.apiChildrenSummary(p.planId), { body: '  ' }))).toEqual(['body:required']);
    expect(faultRules(await putJson(p.planner, up.apiChildrenSummary(p.planId), { body: 'x'.repeat(8001) }))).toEqual(['body:max_length']);
    expect((await putJson(p.planner, up.apiChildrenSummary(p.planId), { body: 'We want you to be safe and happy.\n\nTell us what you think.' })).statusCode).toBe(204);
  });

  it('refuses a decision that is not the board’s, naming the field', async () => {
    expect(faultRules(await publish(''))).toEqual(['decisionId:required']);
    expect(faultRules(await publish('00000000-0000-4000-8000-000000000000'))).toEqual(['decisionId:known_decision']);
  });

  it('publishes version 1 on the board’s decision, frozen with the summary, and audited', async () => {
    const done = await publish(firstDecision);
    expect(done.statusCode, done.body).toBe(201);
    expect(json<{ number: number }>(done).number).toBe(1);
    const version = json<{ number: number; decisionWords: string; approvedOn: string; childrenSummary: string; content: { sections: { body: string }[] } }>(
      await p.planner.get(up.apiVersion(p.planId, 1)),
    );
    expect(version).toMatchObject({ number: 1, decisionWords: 'Approve the Children and Young People’s Plan 2026 to 2029', childrenSummary: 'We want you to be safe and happy.\n\nTell us what you think.' });
    expect(version.content.sections[0]?.body).toBe(VISION);
    const [plan] = await t.testDb.db.query<{ status: string }>('SELECT status FROM plan WHERE id = $1', [p.planId]);
    expect(plan?.status).toBe('published');
    const audits = await t.testDb.db.query<{ details: { version: number; decisionId: string } }>(`SELECT details FROM audit_event WHERE action = 'plan.published' AND subject_id = $1`, [p.planId]);
    expect(audits.map((a) => a.details)).toEqual([expect.objectContaining({ version: 1, decisionId: firstDecision })]);
    const publicPage = await visitor().get(up.ourPlan(area));
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('We will listen to them first.');
    expect(publicPage.body).toContain('Open two school counselling hubs');
    expect((await visitor().get(up.ourPlanYoungPeople(area))).body).toContain('Tell us what you think.');
  });

  it('uses a decision once: a changed plan goes back to the board', async () => {
    const again = await publish(firstDecision);
    expect(faultRules(again)).toEqual(['decisionId:already_used']);
    expect(again.body).toContain('That decision approved version 1');
  });
});

describe('a draft is never public', () => {
  const MARKER = 'Draft words the board has not approved';
  beforeAll(async () => {
    await writeSection(t, p.sections.vision ?? '', `${VISION}\n${MARKER}`);
    // Another plan of the area, drafted and never published.
    const next = await buildPlan(t.testDb.db, area, p.s.orgA, 'The next plan, 2029 to 2032');
    await writeSection(t, next.sections.vision ?? '', `Next plan: ${MARKER}`);
  });

  it('shows the public the version published, not the edited draft nor another plan’s draft', async () => {
    for (const path of [up.ourPlan(area), up.apiOurPlan(area), up.ourPlanYoungPeople(area)]) {
      const r = await visitor().get(path);
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain(MARKER);
      expect(r.body).not.toContain('The next plan');
    }
    const pdf = await visitor().get(up.ourPlanPdf(area));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1')).not.toContain('Draft words');
  });

  it('shows staff what the draft changes, section by section', async () => {
    const draft = json<{ latest: number; changes: Change[] }>(await p.planner.get(up.apiDraftChanges(p.planId)));
    expect(draft.latest).toBe(1);
    const vision = draft.changes.find((c) => c.id === p.sections.vision);
    expect(vision?.change).toBe('changed');
    expect(vision?.parts.filter((x) => x.kind === 'added').map((x) => x.text)).toEqual([`\n${MARKER}`]);
    expect(draft.changes.filter((c) => c.change !== 'unchanged').map((c) => c.id)).toEqual([p.sections.vision]);
    const page = await p.planner.get(up.draftChanges(p.planId));
    expect(page.body).toContain('<ins><span class="govuk-visually-hidden">[added: </span>');
  });
});

describe('versions and their differences', () => {
  it('publishes the changed draft as version 2 and shows what it changed, section by section', async () => {
    await writeSection(t, p.sections.vision ?? '', 'Every child and young person in the county is safe, healthy and heard.\n\nWe will listen to them first.');
    const done = await publish(await boardDecision(p, 'Approve the revised plan'));
    expect(json<{ number: number }>(done).number).toBe(2);
    const changes = json<{ number: number; before: number; changes: Change[] }>(await p.planner.get(up.apiVersionChanges(p.planId, 2)));
    expect(changes.before).toBe(1);
    const vision = changes.changes.find((c) => c.id === p.sections.vision);
    expect(vision?.change).toBe('changed');
    expect(vision?.parts.filter((x) => x.kind === 'removed').map((x) => x.text.trim())).toEqual(['happy.']);
    expect(vision?.parts.filter((x) => x.kind === 'added').map((x) => x.text.trim())).toEqual(['heard.']);
    expect(changes.changes.filter((c) => c.change === 'unchanged')).toHaveLength(5);
    const first = json<{ changes: Change[] }>(await p.planner.get(up.apiVersionChanges(p.planId, 1)));
    expect(first.changes.every((c) => c.change === 'added')).toBe(true);
    const page = await p.planner.get(up.versionChanges(p.planId, 2));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<del><span class="govuk-visually-hidden">[removed: </span>happy.');
    const publicPage = await visitor().get(up.ourPlan(area));
    expect(publicPage.body).toContain('safe, healthy and heard.');
    const list = json<{ number: number }[]>(await p.planner.get(up.apiVersions(p.planId)));
    expect(list.map((v) => v.number)).toEqual([2, 1]);
  });

  it('answers not found for a version that does not exist, and for another area’s plan', async () => {
    expect((await p.planner.get(up.version(p.planId, 9))).statusCode).toBe(404);
    expect((await p.planner.get(up.version(p.planId, 'x'))).statusCode).toBe(404);
    expect((await p.s.agents.chair.get(up.apiVersion(p.planId, 1))).statusCode).toBe(200);
  });
});

describe('publishing is all or nothing', () => {
  it('leaves the version before in force when a step fails part way', async () => {
    // The Welsh summary of version 2 is carried to version 3 (the summary did not change): that copy is made to fail.
    expect((await putJson(p.planner, up.apiTranslations(p.planId, 2, 'cy'), { summary: { body: 'Rydym am i chi fod yn ddiogel ac yn hapus.' } })).statusCode).toBe(200);
    await writeSection(t, p.sections.cooperation ?? '', 'The partners co-operate under section 10 through the trust board and its sub-groups.');
    const decisionId = await boardDecision(p, 'Approve the plan with the new co-operation arrangements');
    await t.testDb.asOwner(async (owner) => {
      await owner.query(`CREATE FUNCTION fail_translation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
      await owner.query('CREATE TRIGGER fail_translation BEFORE INSERT ON plan_translation FOR EACH ROW EXECUTE FUNCTION fail_translation()');
    });
    const user = await findUserById(t.testDb.db, p.planner.user.id);
    if (!user) throw new Error('no planner');
    const ctx = { ip: '127.0.0.1', userAgent: 'test', requestId: 'all-or-nothing' };
    await expect(t.services.plan.publication.publish({ user, ctx }, p.planId, { decisionId })).rejects.toThrow(/disk full/);
    await t.testDb.asOwner(async (owner) => {
      await owner.query('DROP TRIGGER fail_translation ON plan_translation');
      await owner.query('DROP FUNCTION fail_translation()');
    });
    expect((await t.testDb.db.query<{ n: number }>('SELECT max(number) AS n FROM plan_version WHERE plan_id = $1', [p.planId]))[0]?.n).toBe(2);
    const api = json<{ version: { number: number } }>(await visitor().get(up.apiOurPlan(area)));
    expect(api.version.number).toBe(2);
    expect((await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE action = 'plan.published' AND details->>'decisionId' = $1`, [decisionId])).length).toBe(0);
    // Once the fault is gone the same decision publishes version 3, the unchanged summary's translation carried.
    expect(json<{ number: number }>(await publish(decisionId)).number).toBe(3);
    const welsh = await visitor().get(up.ourPlanLanguage(area, 'cy'));
    expect(welsh.body).toContain('Rydym am i chi fod yn ddiogel ac yn hapus.');
  });
});

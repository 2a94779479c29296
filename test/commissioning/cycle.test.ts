import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissioningPaths as cp } from '../../src/commissioning/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildAssessment, expectStatus, faultRules, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildScene, created, type Scene } from '../governance/scene.js';

/**
 * Commissioning at three levels through the cycle (issue 17 item 3; ADR 0029): the order rules of the
 * stages with who, when and why kept; evidence citing the needs assessment and indicators, read live; a
 * board decision taken through governance with the members' declared interests in the commission's
 * providers and their withdrawal; an individual commission's reference to a child's plan shown only to
 * those who may work on it (and audited when seen); refusals for roles without rights and bad input.
 */

let t: TestApp;
let s: Scene;
let planner: SignedIn;
let manager: SignedIn;
let practitioner: SignedIn;
let indicatorCode: string;

const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type View = {
  commission: { stage: string; level: string };
  moves: { fromStage: string | null; toStage: string; reason: string; movedByName: string }[];
  evidence: { kind: string; indicator: { code: string; known: boolean } | null; needs: { outcomeName: string; href: string } | null }[];
  decisions: { decision: string; interests: { personName: string; part: string }[] | null; interestedCount: number; withdrewCount: number }[];
  teamPlan: { visible: boolean; childName?: string; href?: string } | null;
};

beforeAll(async () => {
  t = await createTestApp();
  s = await buildScene(t);
  planner = await signedIn(t, 'planner', { areaCode: s.area, displayName: 'Pat Planner' });
  manager = await signedIn(t, 'practice_manager', { areaCode: s.area });
  practitioner = await signedIn(t, 'practitioner', { areaCode: s.area });
  const [indicator] = await t.testDb.db.query<{ code: string }>('SELECT code FROM indicator WHERE area_code IS NULL ORDER BY code LIMIT 1');
  indicatorCode = indicator?.code ?? '';
}, 300_000);

afterAll(async () => t?.close());

const start = async (body: Record<string, unknown>) => (await expectStatus(planner.postJson(cp.apiCommissions, body))).id;
const view = async (agent: SignedIn | Scene['agents']['m1'], id: string) => json<View>(await agent.get(cp.apiCommission(id)));
const move = (id: string, toStage: string, reason?: string) => planner.postJson(cp.apiCommissionMove(id), { toStage, reason });

describe('the stages of the commissioning cycle', () => {
  let id: string;
  beforeAll(async () => {
    id = await start({ level: 'strategic', title: 'Child and adolescent mental health', serviceId: s.familySupport });
  });

  it('starts at needs analysis, recorded in the history with who', async () => {
    const v = await view(planner, id);
    expect(v.commission.stage).toBe('needs_analysis');
    expect(v.moves).toEqual([expect.objectContaining({ fromStage: null, toStage: 'needs_analysis', movedByName: 'Pat Planner' })]);
  });

  it('leaves needs analysis only once it cites the needs assessment or an indicator', async () => {
    expect(faultRules(await move(id, 'planning'))).toEqual(['toStage:needs_cited']);
    const note = await planner.postJson(cp.apiCommissionEvidence(id), { kind: 'note', note: 'Waiting lists have doubled' });
    expect(note.statusCode).toBe(201);
    expect(faultRules(await move(id, 'planning'))).toEqual(['toStage:needs_cited']);
    const unknown = await planner.postJson(cp.apiCommissionEvidence(id), { kind: 'indicator', indicatorCode: 'NO SUCH' });
    expect(faultRules(unknown)).toEqual(['indicatorCode:known_indicator']);
    expect((await planner.postJson(cp.apiCommissionEvidence(id), { kind: 'indicator', indicatorCode })).statusCode).toBe(201);
    expect((await planner.postJson(cp.apiCommissionEvidence(id), { kind: 'needs_assessment', outcomeCode: 'be-healthy' })).statusCode).toBe(201);
    const v = await view(planner, id);
    // Cited live: the indicator and the needs assessment come from outcomes as they stand now.
    expect(v.evidence.find((e) => e.kind === 'indicator')?.indicator).toMatchObject({ code: indicatorCode, known: true });
    expect(v.evidence.find((e) => e.kind === 'needs_assessment')?.needs).toMatchObject({ outcomeName: 'Be healthy', href: '/outcomes/needs/be-healthy' });
    expect((await move(id, 'planning')).statusCode).toBe(200);
  });

  it('moves forward one stage at a time, back only with a reason', async () => {
    expect(faultRules(await move(id, 'contract'))).toEqual(['toStage:one_at_a_time']);
    expect(faultRules(await move(id, 'planning'))).toEqual(['toStage:changes']);
    expect(faultRules(await move(id, 'nowhere'))).toEqual(['toStage:one_of']);
    expect((await move(id, 'sourcing')).statusCode).toBe(200);
    expect(faultRules(await move(id, 'planning'))).toEqual(['reason:required']);
    expect((await move(id, 'planning', 'No bids met the specification')).statusCode).toBe(200);
    const v = await view(planner, id);
    expect(v.moves.at(-1)).toMatchObject({ fromStage: 'sourcing', toStage: 'planning', reason: 'No bids met the specification' });
  });

  it('decommissions only from review with the reason, and then moves no more', async () => {
    for (const stage of ['sourcing', 'contract', 'monitoring', 'review']) expect((await move(id, stage)).statusCode).toBe(200);
    expect(faultRules(await move(id, 'decommissioning'))).toEqual(['reason:required']);
    expect((await move(id, 'decommissioning', 'Replaced by early help; £30,000 reinvested in prevention')).statusCode).toBe(200);
    expect(faultRules(await move(id, 'review', 'Again'))).toEqual(['toStage:decommissioned']);
    const audits = await t.testDb.db.query<{ details: { from: string; to: string } }>(
      `SELECT details FROM audit_event WHERE action = 'commissioning.stage_moved' AND subject_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audits.at(-1)?.details).toMatchObject({ from: 'review', to: 'decommissioning' });
  });

  it('lists commissions filtered by level and stage, and refuses a filter that is not one', async () => {
    const list = json<{ total: number; commissions: { id: string }[] }>(await planner.get(`${cp.apiCommissions}?level=strategic&stage=decommissioning`));
    expect(list.commissions.map((c) => c.id)).toContain(id);
    const none = json<{ total: number }>(await planner.get(`${cp.apiCommissions}?level=individual&stage=decommissioning`));
    expect(none.total).toBe(0);
    expect((await planner.get(`${cp.apiCommissions}?level=galactic`)).statusCode).toBe(400);
    const page = await planner.get(`${cp.commissions}?level=strategic`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Child and adolescent mental health');
  });
});

describe('a board decision with declared interests', () => {
  let id: string;
  let decisionId: string;
  beforeAll(async () => {
    const sec = s.agents.secretariat;
    const meeting = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn: '2026-03-12', place: 'County Hall' }));
    const item = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title: 'Parenting support: award', organisationIds: [s.orgA] }));
    created(await s.agents.m1.postJson('/api/governance/interests', { organisationId: s.orgA, nature: 'Trustee', fromOn: '2025-06-01' }));
    for (const memberId of [s.seats.chair, s.seats.m1, s.seats.m2, s.seats.m3])
      expect((await sec.postJson(`/api/governance/meetings/${meeting}/attendance`, { memberId, attendance: 'present' })).statusCode).toBe(204);
    decisionId = created(
      await sec.postJson(`/api/governance/meetings/${meeting}/items/${item}/decisions`, {
        decision: 'Award parenting support to Eastmoor Family Support',
        powerId: s.powerV1.id,
        tookPart: [s.seats.chair, s.seats.m2, s.seats.m3],
        withdrew: [s.seats.m1],
      }),
    );
    id = await start({ level: 'operational', title: 'Parenting support', organisationIds: [s.orgA] });
  });

  it('links the decision and shows the member with an interest in the provider withdrawing, to those who see the board’s business', async () => {
    expect((await planner.postJson(cp.apiCommissionDecisions(id), { decisionId })).statusCode).toBe(204);
    const member = await view(s.agents.m2, id);
    expect(member.decisions[0]).toMatchObject({ decision: 'Award parenting support to Eastmoor Family Support', withdrewCount: 1, interestedCount: 1 });
    expect(member.decisions[0]?.interests).toEqual([expect.objectContaining({ personName: 'Morgan One', part: 'withdrew' })]);
    const page = await s.agents.m2.get(cp.commission(id));
    expect(page.body).toContain('Morgan One');
    expect(page.body).toContain('Withdrew');
  });

  it('counts, without naming, for a reader outside the board', async () => {
    const outside = await view(planner, id);
    expect(outside.decisions[0]).toMatchObject({ interests: null, interestedCount: 1, withdrewCount: 1 });
    expect((await planner.get(cp.commission(id))).body).not.toContain('Morgan One');
  });

  it('refuses a decision linked twice, an unknown one, and the LSCB’s', async () => {
    expect(faultRules(await planner.postJson(cp.apiCommissionDecisions(id), { decisionId }))).toEqual(['decisionId:unique']);
    expect(faultRules(await planner.postJson(cp.apiCommissionDecisions(id), { decisionId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['decisionId:known_decision']);
    expect(faultRules(await planner.postJson(cp.apiCommissionDecisions(id), { decisionId: '' }))).toEqual(['decisionId:required']);
  });
});

describe('individual commissioning from a child’s plan', () => {
  let id: string;
  let assessmentId: string;
  let childId: string;
  beforeAll(async () => {
    ({ assessmentId, childId } = await buildAssessment(practitioner, { child: { givenName: 'Riley', familyName: 'Marsh' } }));
    id = await start({ level: 'individual', title: 'Residential short breaks', teamPlanAssessmentId: assessmentId });
  });

  it('shows the plan and the child to one who may work on it, and audits the read naming the child', async () => {
    const v = await view(manager, id);
    expect(v.teamPlan).toEqual({ visible: true, childName: 'Riley Marsh', href: `/assessments/${assessmentId}` });
    const audits = await t.testDb.db.query<{ details: { childIds: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'commissioning.team_plan_seen' AND actor_user_id = $1`,
      [manager.user.id],
    );
    expect(audits.map((a) => a.details.childIds)).toContainEqual([childId]);
  });

  it('shows others an individual placement, nothing of the child, and audits nothing for them', async () => {
    const v = await view(planner, id);
    expect(v.teamPlan).toEqual({ visible: false });
    const page = await s.agents.m2.get(cp.commission(id));
    expect(page.body).toContain('An individual placement');
    expect(page.body).not.toContain('Riley');
    expect(page.body).not.toContain(assessmentId);
    const audits = await t.testDb.db.query(`SELECT 1 FROM audit_event WHERE action = 'commissioning.team_plan_seen' AND actor_user_id = $1`, [planner.user.id]);
    expect(audits).toHaveLength(0);
  });

  it('refuses a plan reference at another level, or one that is not an open plan of the area', async () => {
    const strategic = await planner.postJson(cp.apiCommissions, { level: 'strategic', title: 'X', teamPlanAssessmentId: assessmentId });
    expect(faultRules(strategic)).toEqual(['teamPlanAssessmentId:individual_only']);
    const unknown = await planner.postJson(cp.apiCommissions, { level: 'individual', title: 'X', teamPlanAssessmentId: '00000000-0000-4000-8000-000000000000' });
    expect(faultRules(unknown)).toEqual(['teamPlanAssessmentId:known_plan']);
  });
});

describe('refusals and bad input', () => {
  it('refuses the pages and the API to a role without commissioning rights, and changes to a reader', async () => {
    expect((await practitioner.get(cp.commissions)).statusCode).toBe(403);
    expect((await practitioner.get(cp.apiCommissions)).statusCode).toBe(403);
    expect((await s.agents.m2.get(cp.commissions)).statusCode).toBe(200);
    expect((await s.agents.m2.postJson(cp.apiCommissions, { level: 'strategic', title: 'Mine' })).statusCode).toBe(403);
    expect((await manager.get(cp.commissionNew)).statusCode).toBe(403);
  });

  it('names each field and rule of a bad commission, and saves nothing', async () => {
    const before = await t.testDb.db.query('SELECT 1 FROM commission WHERE area_code = $1', [s.area]);
    const bad = await planner.postJson(cp.apiCommissions, { level: 'galactic', title: '  ', serviceId: 'nope', organisationIds: ['nope'] });
    expect(bad.statusCode).toBe(400);
    expect(faultRules(bad).sort()).toEqual(['level:one_of', 'organisationIds:in_area', 'serviceId:known_service', 'title:required'].sort());
    const after = await t.testDb.db.query('SELECT 1 FROM commission WHERE area_code = $1', [s.area]);
    expect(after).toHaveLength(before.length);
  });

  it('shows a refused form again with its error summary and what was typed', async () => {
    await planner.get(cp.commissionNew);
    const page = await planner.post(cp.commissionNew, { level: 'operational', title: '' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('Enter the commission’s title');
  });

  it('does not find another area’s commission', async () => {
    expect((await planner.get(cp.apiCommission('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await planner.get(cp.apiCommission('not-an-id'))).statusCode).toBe(404);
  });
});

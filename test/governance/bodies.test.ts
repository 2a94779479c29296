import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governancePaths as gp, quorumNeeded } from '../../src/governance/index.js';
import { createTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser, type TestUser } from '../helpers/factories.js';

/**
 * Issue 16 items 1-3 and 10: bodies (the LSCB distinct from the board), versioned terms with powers,
 * dated members refused twice or out of order, the Table 2.5 shape on two days, and who sees a body's
 * business (ADR 0022). Through the API and pages as an area administrator would, on the real engine.
 */

let t: TestApp;
let area: string;
let admin: Agent;
let boardOnly: Agent;
let lscbMember: Agent;
let boardOnlyUser: TestUser;
let lscbUser: TestUser;
let council: string;
let police: string;
let boardId: string;
let lscbId: string;

const json = (r: LightMyRequestResponse) => r.json<Record<string, unknown>>();
const put = (agent: Agent, url: string, payload: unknown) =>
  agent.request({ method: 'PUT', url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
const fieldErrors = (r: LightMyRequestResponse) => (json(r).errors ?? []) as { field: string; rule: string; message: string }[];

async function addBody(body: Record<string, unknown>): Promise<string> {
  const r = await admin.postJson(gp.apiBodies, body);
  expect(r.statusCode, r.body).toBe(201);
  return String(json(r).id);
}

async function seat(bodyId: string, member: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return admin.postJson(gp.apiBodyMembers(bodyId), { memberRole: 'member', canCommitResources: false, ...member });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  council = await buildOrganisation(db, area, 'Testshire County Council');
  police = await buildOrganisation(db, area, 'Testshire Police');
  await db.query(`UPDATE organisation SET sector = 'police', duty_code = 's10-4-c' WHERE id = $1`, [police]);
  const adminUser = await buildUser(db, t.config, { role: 'area_admin', areaCode: area, organisationId: council });
  boardOnlyUser = await buildUser(db, t.config, { role: 'board_member', areaCode: area, organisationId: council, totp: false });
  lscbUser = await buildUser(db, t.config, { role: 'board_member', areaCode: area, organisationId: police, totp: false });
  admin = await signIn(t.app, adminUser);
  boardOnly = await signIn(t.app, boardOnlyUser);
  lscbMember = await signIn(t.app, lscbUser);
  boardId = await addBody({ kind: 'trust_board', name: 'Testshire Children’s Trust Board', establishedOn: '2005-04-01' });
  lscbId = await addBody({ kind: 'lscb', name: 'Testshire Safeguarding Children Board', establishedOn: '2006-04-01' });
}, 120_000);
afterAll(async () => t?.close());

describe('bodies', () => {
  it('keeps the LSCB a body of its own: one per area, not a sub-group of the board, listed apart', async () => {
    const second = await admin.postJson(gp.apiBodies, { kind: 'lscb', name: 'Another LSCB', establishedOn: '2007-01-01' });
    expect(second.statusCode).toBe(409);
    expect(fieldErrors(second)[0]).toMatchObject({ field: 'kind', rule: 'one_per_area' });
    const underLscb = await admin.postJson(gp.apiBodies, { kind: 'sub_group', name: 'Case reviews', parentBodyId: lscbId, focus: 'thematic', establishedOn: '2007-01-01' });
    expect(underLscb.statusCode).toBe(400);
    expect(fieldErrors(underLscb)[0]).toMatchObject({ field: 'parentBodyId', rule: 'in_area' });
    const sub = await admin.postJson(gp.apiBodies, { kind: 'sub_group', name: 'Early years', establishedOn: '2007-01-01' });
    expect(sub.statusCode).toBe(400);
    expect(fieldErrors(sub).map((e) => `${e.field}:${e.rule}`)).toEqual(['parentBodyId:required', 'focus:one_of']);
    await addBody({ kind: 'sub_group', name: 'Early years group', parentBodyId: boardId, focus: 'thematic', establishedOn: '2007-01-01' });
    const list = (await admin.get(gp.apiBodies)).json<{ name: string; kind: string; parentBodyId: string | null }[]>();
    expect(list.map((b) => b.kind)).toEqual(['trust_board', 'sub_group', 'lscb']);
    expect(list.find((b) => b.kind === 'lscb')?.parentBodyId).toBeNull();
  });

  it('refuses dates out of order naming the field and the rule, and saves nothing', async () => {
    const r = await admin.postJson(gp.apiBodies, { kind: 'chief_officers_group', name: 'Chief officers', establishedOn: '2008-04-01', closedOn: '2008-03-01' });
    expect(r.statusCode).toBe(400);
    expect(fieldErrors(r)).toEqual([expect.objectContaining({ field: 'closedOn', rule: 'date_order' })]);
    const bad = await admin.postJson(gp.apiBodies, { kind: 'chief_officers_group', name: 'Chief officers', establishedOn: '2008-02-30' });
    expect(fieldErrors(bad)).toEqual([expect.objectContaining({ field: 'establishedOn', rule: 'date_real' })]);
    const names = (await admin.get(gp.apiBodies)).json<{ name: string }[]>().map((b) => b.name);
    expect(names).not.toContain('Chief officers');
  });
});

describe('terms of reference', () => {
  it('keeps superseded versions readable and gives the version in force on a day, with its powers', async () => {
    const v1 = await admin.postJson(gp.apiBodyTerms(boardId), {
      effectiveFrom: '2006-04-01',
      reviewOn: '2007-04-01',
      purpose: 'To lead the children’s trust arrangements',
      quorumKind: 'count',
      quorumCount: 5,
      decisionMethod: 'consensus',
      powers: [{ description: 'Agree the Children and Young People’s Plan', authority: 'advisory', level: 'strategic', referBack: true }],
    });
    expect(v1.statusCode, v1.body).toBe(201);
    const v2 = await admin.postJson(gp.apiBodyTerms(boardId), {
      effectiveFrom: '2008-04-01',
      reviewOn: '2009-04-01',
      purpose: 'To lead the children’s trust and commission jointly',
      quorumKind: 'fraction',
      quorumNumerator: 1,
      quorumDenominator: 2,
      decisionMethod: 'majority_vote',
      powers: [
        { description: 'Agree the Children and Young People’s Plan', authority: 'delegated', level: 'strategic', referBack: false },
        { description: 'Commit the pooled budget', authority: 'delegated', level: 'operational', referBack: true },
      ],
    });
    expect(json(v2)).toMatchObject({ version: 2 });
    const history = (await boardOnly.get(gp.apiBodyTerms(boardId))).json<{ version: number; supersededOn: string | null }[]>();
    expect(history.map((h) => [h.version, h.supersededOn])).toEqual([
      [2, null],
      [1, '2008-04-01'],
    ]);
    const on2007 = (await boardOnly.get(`${gp.apiBodyTermsInForce(boardId)}?on=2007-06-01`)).json<{ version: number; quorumCount: number; powers: { referBack: boolean }[] }>();
    expect(on2007).toMatchObject({ version: 1, quorumCount: 5, decisionMethod: 'consensus' });
    expect(on2007.powers).toHaveLength(1);
    const on2008 = (await boardOnly.get(`${gp.apiBodyTermsInForce(boardId)}?on=2008-04-01`)).json<{ version: number; powers: { id: string; authority: string; level: string; referBack: boolean }[] }>();
    expect(on2008.version).toBe(2);
    expect(on2008.powers.map((p) => [p.authority, p.level, p.referBack])).toEqual([
      ['delegated', 'strategic', false],
      ['delegated', 'operational', true],
    ]);
    expect((await boardOnly.get(`${gp.apiBodyTermsInForce(boardId)}?on=2005-06-01`)).statusCode).toBe(404);
    // The superseded version's page still reads, and says when it was superseded.
    const page = await boardOnly.get(gp.bodyTermsVersion(boardId, 1));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Superseded on 1 April 2008');
    expect(page.body).toContain('5 voting members present');
  });

  it('refuses a review date before the terms take effect, a fraction over one and a power without its kind', async () => {
    const r = await admin.postJson(gp.apiBodyTerms(boardId), {
      effectiveFrom: '2010-04-01',
      reviewOn: '2010-01-01',
      purpose: 'x',
      quorumKind: 'fraction',
      quorumNumerator: 3,
      quorumDenominator: 2,
      decisionMethod: 'vote by show of hands',
      powers: [{ description: 'Something', level: 'strategic' }],
    });
    expect(r.statusCode).toBe(400);
    expect(fieldErrors(r).map((e) => `${e.field}:${e.rule}`)).toEqual([
      'reviewOn:date_order',
      'quorumNumerator:fraction_at_most_one',
      'decisionMethod:one_of',
      'powers[0].authority:one_of',
    ]);
  });

  it('works out the quorum from a count or a fraction of the voting members, rounded up', () => {
    expect(quorumNeeded({ quorumKind: 'count', quorumCount: 5, quorumNumerator: null, quorumDenominator: null }, 20)).toBe(5);
    expect(quorumNeeded({ quorumKind: 'fraction', quorumCount: null, quorumNumerator: 1, quorumDenominator: 2 }, 13)).toBe(7);
    expect(quorumNeeded({ quorumKind: 'fraction', quorumCount: null, quorumNumerator: 1, quorumDenominator: 3 }, 0)).toBe(1);
  });
});

describe('members and representation', () => {
  it('seats members for an organisation or a constituency, refuses one twice over the same days, and dates out of order', async () => {
    expect((await seat(boardId, { userId: boardOnlyUser.id, organisationId: council, memberRole: 'chair', canCommitResources: true, fromDate: '2006-04-01', email: 'chair@test.example' })).statusCode).toBe(201);
    expect((await seat(boardId, { userId: lscbUser.id, organisationId: police, fromDate: '2006-04-01', toDate: '2008-03-31' })).statusCode).toBe(201);
    expect((await seat(boardId, { personName: 'Sam Green', constituency: 'Young people', fromDate: '2007-09-01', reportsBack: 'To the youth council each month' })).statusCode).toBe(201);
    expect((await seat(boardId, { personName: 'Pat Hale', constituency: 'All small voluntary groups', fromDate: '2006-04-01' })).statusCode).toBe(201);
    expect((await seat(boardId, { personName: 'Jo Clerk', organisationId: council, memberRole: 'secretariat', fromDate: '2006-04-01' })).statusCode).toBe(201);

    const twice = await seat(boardId, { userId: boardOnlyUser.id, organisationId: council, fromDate: '2009-01-01' });
    expect(twice.statusCode).toBe(409);
    expect(fieldErrors(twice)).toEqual([expect.objectContaining({ field: 'userId', rule: 'member_once' })]);
    const twiceByName = await seat(boardId, { personName: 'sam green', constituency: 'Young people', fromDate: '2006-01-01', toDate: '2007-09-01' });
    expect(fieldErrors(twiceByName)).toEqual([expect.objectContaining({ field: 'personName', rule: 'member_once' })]);
    // The police seat ended: the same person may sit again from a later day.
    const again = await seat(boardId, { userId: lscbUser.id, organisationId: police, fromDate: '2009-04-01' });
    expect(again.statusCode).toBe(201);
    // A change that would make the two seats meet is refused the same way.
    const moved = await put(admin, gp.apiBodyMember(boardId, String(json(again).id)), { userId: lscbUser.id, organisationId: police, memberRole: 'member', fromDate: '2008-01-01' });
    expect(moved.statusCode).toBe(409);
    expect(fieldErrors(moved)[0]).toMatchObject({ field: 'userId', rule: 'member_once' });

    const outOfOrder = await seat(boardId, { personName: 'Lee Ward', organisationId: police, fromDate: '2010-04-01', toDate: '2010-03-01' });
    expect(outOfOrder.statusCode).toBe(400);
    expect(fieldErrors(outOfOrder)).toEqual([expect.objectContaining({ field: 'toDate', rule: 'date_order' })]);
    const both = await seat(boardId, { personName: 'Lee Ward', organisationId: police, constituency: 'Parents', fromDate: '2010-04-01' });
    expect(fieldErrors(both)).toEqual([expect.objectContaining({ field: 'constituency', rule: 'represents_one' })]);
    const neither = await seat(boardId, { personName: 'Lee Ward', fromDate: '2010-04-01' });
    expect(fieldErrors(neither)).toEqual([expect.objectContaining({ field: 'organisationId', rule: 'represents_one' })]);
    const beforeBody = await seat(boardId, { personName: 'Lee Ward', organisationId: police, fromDate: '2004-04-01' });
    expect(fieldErrors(beforeBody)).toEqual([expect.objectContaining({ field: 'fromDate', rule: 'date_order' })]);
    const members = (await boardOnly.get(`${gp.apiBodyMembers(boardId)}?asAt=2010-06-01`)).json<{ personName: string; email?: string }[]>();
    expect(members.map((m) => m.personName)).not.toContain('Lee Ward');
    // Contact details are the body's business, not the public membership's.
    expect(members.every((m) => m.email === undefined)).toBe(true);
  });

  it('gives the Table 2.5 shape (sectors and constituencies, how many of each, total) on two days', async () => {
    const early = (await boardOnly.get(`${gp.apiBodyMembershipShape(boardId)}?asAt=2007-01-01`)).json<{ rows: { represents: string; members: number }[]; total: number }>();
    expect(early.rows).toEqual([
      { represents: 'All small voluntary groups', members: 1 },
      { represents: 'Local authority', members: 1 },
      { represents: 'Police', members: 1 },
    ]);
    expect(early.total).toBe(3);
    const later = (await boardOnly.get(`${gp.apiBodyMembershipShape(boardId)}?asAt=2008-06-01`)).json<{ rows: { represents: string; members: number }[]; total: number }>();
    expect(later.rows).toEqual([
      { represents: 'All small voluntary groups', members: 1 },
      { represents: 'Local authority', members: 1 },
      { represents: 'Young people', members: 1 },
    ]);
    expect(later.total).toBe(3);
    const bad = await boardOnly.get(`${gp.apiBodyMembershipShape(boardId)}?asAt=2008-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(fieldErrors(bad)[0]).toMatchObject({ field: 'asAt', rule: 'date_real' });
    const page = await boardOnly.get(`${gp.body(boardId)}?asAt-day=1&asAt-month=6&asAt-year=2008`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Membership on 1 June 2008');
    expect(page.body).toMatch(/Young people[\s\S]*Sam Green|Sam Green[\s\S]*Young people/);
  });
});

describe('who sees a body’s business (ADR 0022)', () => {
  beforeAll(async () => {
    expect((await seat(lscbId, { userId: lscbUser.id, organisationId: police, memberRole: 'chair', fromDate: '2006-04-01', email: 'lscb.chair@test.example', phone: '01632 960 001' })).statusCode).toBe(201);
  });

  it('shows the LSCB’s business to its own members only: not a board member outside it, nor the area administrator', async () => {
    const own = await lscbMember.get(gp.bodyBusiness(lscbId));
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('lscb.chair@test.example');
    expect(own.body).toContain('01632 960 001');
    for (const outsider of [boardOnly, admin]) {
      const page = await outsider.get(gp.bodyBusiness(lscbId));
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('lscb.chair@test.example');
      const api = await outsider.get(gp.apiBodyBusiness(lscbId));
      expect(api.statusCode).toBe(403);
      expect(json(api).type).toBe('about:blank#not_in_body');
    }
    // Everyone of the area still sees that the LSCB exists, and who sits on it.
    expect((await boardOnly.get(gp.body(lscbId))).statusCode).toBe(200);
    expect((await boardOnly.get(gp.body(lscbId))).body).not.toContain(`href="${gp.bodyBusiness(lscbId)}"`);
  });

  it('shows the board’s business to its members, chair and the administrator, not to a planner outside it', async () => {
    const chair = json(await boardOnly.get(gp.apiBodyBusiness(boardId)));
    expect(chair.access).toBe('chair');
    expect(json(await lscbMember.get(gp.apiBodyBusiness(boardId))).access).toBe('member');
    expect(json(await admin.get(gp.apiBodyBusiness(boardId))).access).toBe('observer');
    const planner = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false }));
    expect((await planner.get(gp.bodyBusiness(boardId))).statusCode).toBe(403);
    const auditor = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'auditor', areaCode: area }));
    expect((await auditor.get(gp.bodyBusiness(boardId))).statusCode).toBe(403);
  });

  it('counts a named deputy as a member, and a seat that has ended as none', async () => {
    const deputy = await buildUser(t.testDb.db, t.config, { role: 'practice_manager', areaCode: area });
    const former = await buildUser(t.testDb.db, t.config, { role: 'planner', areaCode: area, totp: false });
    expect((await seat(lscbId, { personName: 'Dr Ravi Menon', organisationId: council, deputyUserId: deputy.id, deputyName: 'Deputy', fromDate: '2006-04-01' })).statusCode).toBe(201);
    expect((await seat(lscbId, { userId: former.id, organisationId: council, fromDate: '2006-04-01', toDate: '2010-03-31' })).statusCode).toBe(201);
    const { access } = t.services.governance;
    const today = t.services.governance.bodies.today();
    expect(await access.business({ id: deputy.id, role: 'practice_manager', areaCode: area }, lscbId, today)).toBe('member');
    expect(await access.business({ id: former.id, role: 'planner', areaCode: area }, lscbId, today)).toBe('none');
    expect(await access.business({ id: former.id, role: 'planner', areaCode: area }, lscbId, '2009-01-01')).toBe('member');
    await expect(access.require({ id: former.id, role: 'planner', areaCode: area }, lscbId, today)).rejects.toMatchObject({ status: 403, code: 'not_in_body' });
    await expect(access.require({ id: lscbUser.id, role: 'board_member', areaCode: area }, lscbId, today, 'manage')).resolves.toMatchObject({ access: 'chair' });
    await expect(access.require({ id: deputy.id, role: 'practice_manager', areaCode: area }, lscbId, today, 'manage')).rejects.toMatchObject({ status: 403 });
  });

  it('records every change in the audit trail', async () => {
    const rows = await t.testDb.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_event WHERE area_code = $1 AND action LIKE 'governance.%'`, [area]);
    expect(rows.map((r) => r.action).sort()).toEqual(['governance.body_added', 'governance.member_added', 'governance.terms_added']);
  });
});

describe('named roles and links', () => {
  it('dates who held the DCS and Lead Member roles, ending the holder before, and records links with what passes', async () => {
    expect((await admin.postJson(gp.apiNamedRoles, { role: 'director_childrens_services', personName: 'Alex Morgan', fromDate: '2006-01-01' })).statusCode).toBe(201);
    expect((await admin.postJson(gp.apiNamedRoles, { role: 'director_childrens_services', personName: 'Chris Patel', fromDate: '2009-09-01' })).statusCode).toBe(201);
    const clash = await admin.postJson(gp.apiNamedRoles, { role: 'director_childrens_services', personName: 'Dee Jones', fromDate: '2007-01-01', toDate: '2007-06-01' });
    expect(clash.statusCode).toBe(409);
    expect(fieldErrors(clash)[0]).toMatchObject({ field: 'fromDate', rule: 'one_holder' });
    const roles = (await boardOnly.get(gp.apiNamedRoles)).json<{ personName: string; toDate: string | null }[]>();
    expect(roles.map((r) => [r.personName, r.toDate])).toEqual([
      ['Chris Patel', null],
      ['Alex Morgan', '2009-08-31'],
    ]);
    const link = await admin.postJson(gp.apiLinks, { bodyId: boardId, partnershipKind: 'local_strategic_partnership', partnershipName: 'Testshire Partnership', fromDate: '2006-04-01' });
    expect(fieldErrors(link)[0]).toMatchObject({ field: 'sends', rule: 'says_what_passes' });
    expect(
      (await admin.postJson(gp.apiLinks, { bodyId: boardId, partnershipKind: 'local_strategic_partnership', partnershipName: 'Testshire Partnership', sends: 'The plan’s priorities for the local area agreement', fromDate: '2006-04-01' })).statusCode,
    ).toBe(201);
    expect((await boardOnly.get(gp.home)).body).toContain('The plan’s priorities for the local area agreement');
  });
});

describe('pages', () => {
  it('sets up a body through the forms, redisplaying errors beside their fields', async () => {
    await admin.get(gp.bodyNew);
    const refused = await admin.post(gp.bodyNew, { kind: 'sub_group', name: '', 'establishedOn-day': '31', 'establishedOn-month': '2', 'establishedOn-year': '2007' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter the name of the body');
    expect(refused.body).toContain('href="#establishedOn-day"');
    const done = await admin.postAndFollow(gp.bodyNew, { kind: 'sub_group', name: 'Northern locality', parentBodyId: boardId, focus: 'locality', 'establishedOn-day': '1', 'establishedOn-month': '4', 'establishedOn-year': '2007' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Body saved');
    expect(done.body).toContain('Northern locality');
  });

  it('adds a member through the form and refuses the same person twice by field', async () => {
    await admin.get(gp.bodyMemberNew(lscbId));
    const twice = await admin.post(gp.bodyMemberNew(lscbId), { userId: lscbUser.id, organisationId: police, memberRole: 'member', 'fromDate-day': '1', 'fromDate-month': '1', 'fromDate-year': '2010' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('already has a seat');
    expect(twice.body).toContain('href="#userId"');
  });

  it('makes a new version of the terms from the form, the version in force filled in', async () => {
    const form = await admin.get(gp.bodyTermsNew(boardId));
    expect(form.body).toContain('Commit the pooled budget');
    const saved = await admin.post(gp.bodyTermsNew(boardId), {
      'effectiveFrom-day': '1', 'effectiveFrom-month': '4', 'effectiveFrom-year': '2011',
      'reviewOn-day': '1', 'reviewOn-month': '4', 'reviewOn-year': '2012',
      purpose: 'Lead the trust', quorumKind: 'count', quorumCount: '6', decisionMethod: 'consensus',
      'powers-0-description': 'Agree the plan', 'powers-0-authority': 'delegated', 'powers-0-level': 'strategic', 'powers-0-referBack': 'yes',
    });
    expect(saved.statusCode).toBe(303);
    const v3 = (await boardOnly.get(`${gp.apiBodyTermsInForce(boardId)}?on=2011-05-01`)).json<{ version: number; powers: { referBack: boolean }[] }>();
    expect(v3.version).toBe(3);
    expect(v3.powers).toEqual([expect.objectContaining({ referBack: true })]);
  });
});

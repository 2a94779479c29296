import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../helpers/app.js';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser, type TestUser } from '../helpers/factories.js';

/**
 * A shielded child outside the index (ADR 0005): every route that answers about a child applies
 * the index's visibility rule, so nothing identifying reaches someone the shielding did not name.
 */

const CHILD = { givenName: 'Zebedee', familyName: 'Quillfeather', dateOfBirth: '2015-03-07', nhsNumber: '9434765870', postcode: 'EX4 4QJ' };
/** Every way a page or the API could spell the child's identifying details. */
const IDENTIFYING = [
  CHILD.givenName,
  CHILD.familyName,
  CHILD.nhsNumber,
  '943 476 5870',
  CHILD.dateOfBirth,
  '7 March 2015',
  'EX4 4QJ',
  'EX44QJ',
];
const CONTACT = 'Jo Bloggs, designated safeguarding lead, 01632 960 000';

let t: TestApp;
let area: string;
let users: Record<'teacher' | 'nurse' | 'manager' | 'socialWorker' | 'lead' | 'outsider' | 'auditor', TestUser>;
let agents: Record<keyof typeof users, Agent>;
const ids = { child: '', assessment: '', referral: '', member: '', action: '', duplicate: '', request: '' };

async function ok<T = { id: string }>(response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return (status === 204 ? undefined : r.json()) as T;
}

const content = {
  reasonForAssessment: 'Behaviour has changed since the family moved',
  family: 'Lives with one parent',
  servicesInvolved: 'Primary school; school nursing',
  elements: { 'development.behaviour': { needs: 'Acceptable behavioural boundaries' } },
  childViews: 'Wants to stay at school',
  parentViews: 'Wants help',
  conclusions: 'Needs co-ordinated support',
  agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2027-01-31' }],
  levelOfNeed: 'additional',
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Testshire Primary School');
  const health = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  const socialCare = await buildOrganisation(db, area, 'Testshire County Council');
  users = {
    teacher: await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: school }),
    nurse: await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: health }),
    manager: await buildUser(db, t.config, { role: 'practice_manager', areaCode: area, organisationId: health }),
    socialWorker: await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: socialCare }),
    lead: await buildUser(db, t.config, { role: 'practice_manager', areaCode: area, organisationId: socialCare }),
    outsider: await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: health }),
    auditor: await buildUser(db, t.config, { role: 'auditor', areaCode: area }),
  };
  await t.testDb.asOwner(async (owner) => {
    await owner.query('UPDATE app_user SET designated_safeguarding = true WHERE id = $1', [users.lead.id]);
    await owner.query(`INSERT INTO area_setting (area_code, key, value) VALUES ($1, 'children.shieldedContact', to_jsonb($2::text))`, [
      area,
      CONTACT,
    ]);
  });
  const signedIn: Partial<Record<keyof typeof users, Agent>> = {};
  for (const [name, user] of Object.entries(users)) signedIn[name as keyof typeof users] = await signIn(t.app, user);
  agents = signedIn as typeof agents;
  const { teacher, socialWorker, lead } = agents;

  // The front-line work of a child, before the child is shielded.
  ids.child = (await ok(teacher.postJson('/api/children', CHILD))).id;
  await ok(
    teacher.postJson(`/api/children/${ids.child}/pre-assessment-checks`, {
      answers: { healthy: 'yes', safe: 'no', learning: 'yes', contribution: 'yes', wellbeing: 'no', met: 'no' },
      decision: 'common assessment needed',
    }),
  );
  ids.assessment = (await ok(teacher.postJson(`/api/children/${ids.child}/assessments`, { service: 'Primary school' }))).id;
  await ok(
    teacher.postJson(`/api/assessments/${ids.assessment}/consents`, {
      kind: 'given',
      givenByName: 'Parent of the child',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith: [health, socialCare],
      givenOn: '2026-11-01',
      method: 'in writing',
    }),
  );
  await ok(teacher.postJson(`/api/assessments/${ids.assessment}/versions`, { draftVersion: 0, content }));
  // A waiting proposal to share without consent names the child on the assessment too.
  await ok(
    teacher.postJson(`/api/assessments/${ids.assessment}/sharing-without-consent`, {
      legalBasis: 'significant harm',
      detail: 'Disclosure at school',
    }),
  );
  ids.member = (
    await ok(teacher.postJson(`/api/assessments/${ids.assessment}/team`, { userId: users.nurse.id, service: 'School nursing' }))
  ).id;
  ids.action = (
    await ok(
      teacher.postJson(`/api/assessments/${ids.assessment}/actions`, {
        action: 'Weekly drop-in',
        ownerTeamMemberId: ids.member,
        dueOn: '2026-01-05',
      }),
    )
  ).id;
  ids.referral = (
    await ok(
      teacher.postJson(`/api/assessments/${ids.assessment}/referrals`, {
        toOrganisationId: socialCare,
        toService: 'Children’s social care',
        reason: 'Needs specialist assessment',
        levelSought: 'acute/specialist',
      }),
    )
  ).id;
  // A view with no involvement waits for a manager's review; a second record of the child waits in the duplicates queue.
  await ok(socialWorker.get(`/api/children/${ids.child}?reason=Checking`), 200);
  await ok(socialWorker.postJson('/api/children', { ...CHILD, postcode: 'KE1 1AA', nhsNumber: undefined }));
  const [pair] = await db.query<{ id: string }>('SELECT id FROM possible_duplicate WHERE child_id = $1 OR other_child_id = $1', [
    ids.child,
  ]);
  ids.duplicate = pair?.id ?? '';

  // Shielded by the school, approved by a designated safeguarding lead (a second person).
  ids.request = (
    await ok(teacher.postJson(`/api/children/${ids.child}/shielding-requests`, { action: 'shield', reason: 'Family fleeing violence' }))
  ).id;
  await ok(lead.postJson(`/api/shielding-requests/${ids.request}/decision`, { approve: true }), 204);
}, 180_000);
afterAll(async () => t?.close());

/** Every registered GET route, its parameters filled with the shielded child's work. */
function childRoutes(): string[] {
  return t.app.registeredRoutes
    .filter((r) => r.method === 'GET' && !/^\/(assets|govuk|public)\//.test(r.url))
    .map((r) => {
      const id =
        r.url.startsWith('/referrals') || r.url.startsWith('/api/referrals')
          ? ids.referral
          : r.url.startsWith('/possible-duplicates')
            ? ids.duplicate
            : ids.assessment;
      const url = r.url
        .replace(':areaCode', area)
        .replace(':childId', ids.child)
        .replace(':assessmentId', ids.assessment)
        .replace(':referralId', ids.referral)
        .replace(':memberId', ids.member)
        .replace(':actionId', ids.action)
        .replace(':version', '1')
        .replace(/:(indicatorCode|outcomeCode)\b/g, 'NO-SUCH-CODE')
        .replace(':chart', 'trend')
        .replace(':format', 'csv')
        .replace(/:id\b/, id);
      // A reason gets past the index's "why do you need this" so a leak would show.
      return `${url}${url.includes('?') ? '&' : '?'}reason=Checking`;
    });
}

describe('a shielded child outside the index', () => {
  it('is named to the shielding organisation and designated safeguarding leads', async () => {
    const teacherView = await ok<{ child: { givenName: string; masked: boolean } }>(
      agents.teacher.get(`/api/assessments/${ids.assessment}`),
      200,
    );
    expect(teacherView.child).toMatchObject({ givenName: CHILD.givenName, masked: false });
    const leadSearch = await ok<{ results: { id: string }[] }>(
      agents.lead.get(`/api/children?familyName=${CHILD.familyName}&reason=Safeguarding`),
      200,
    );
    expect(leadSearch.results.map((r) => r.id)).toContain(ids.child);
  });

  it('keeps the work for the team of another organisation, with the child masked and whom to contact', async () => {
    const view = await ok<{ child: Record<string, unknown>; actions: { id: string }[] }>(
      agents.nurse.get(`/api/assessments/${ids.assessment}`),
      200,
    );
    expect(view.child).toEqual({
      id: ids.child,
      masked: true,
      displayName: `A shielded record: contact ${CONTACT}`,
      shieldedContact: CONTACT,
    });
    expect(view.actions.map((a) => a.id)).toContain(ids.action);
    const mine = await ok<{ children: { id: string; childName: string; dateOfBirth: string | null }[] }>(
      agents.nurse.get('/api/my-children'),
      200,
    );
    expect(mine.children.find((c) => c.id === ids.assessment)).toMatchObject({ childName: 'A shielded record', dateOfBirth: null });
    const page = await agents.nurse.get(`/assessments/${ids.assessment}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(CONTACT);
  });

  it.each(['nurse', 'manager', 'socialWorker'] as const)('leaks nothing identifying on any GET route to the %s', async (who) => {
    const routes = childRoutes();
    let answered = 0;
    for (const url of routes) {
      const response = await agents[who].get(url);
      expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      if (response.statusCode === 200) answered += 1;
      for (const value of IDENTIFYING) expect(response.body.includes(value), `${url} shows ${value} to the ${who}`).toBe(false);
    }
    expect(answered).toBeGreaterThan(10);
  });
});

describe('the search answers the same whether or not a shielded record matched', () => {
  it('gives the same answer through the API', async () => {
    const hidden = await ok(agents.outsider.get(`/api/children?nhsNumber=${CHILD.nhsNumber}&reason=Checking`), 200);
    const nothing = await ok(agents.outsider.get('/api/children?nhsNumber=4010232137&reason=Checking'), 200);
    expect(hidden).toMatchObject({ results: [], total: 0, shieldedContact: CONTACT });
    expect(nothing).toEqual(hidden);
  });

  it('gives the same page', async () => {
    await agents.outsider.get('/children');
    const form = { reason: 'Other', reasonDetail: 'Checking a name' };
    const hidden = await agents.outsider.postAndFollow('/children/search', { nhsNumber: CHILD.nhsNumber, ...form });
    const nothing = await agents.outsider.postAndFollow('/children/search', { nhsNumber: '4010232137', ...form });
    expect(hidden.statusCode, hidden.body.slice(0, 500)).toBe(200);
    // The page after the heading, with the number typed (the form shows it back) and the form's token set aside.
    const answer = (body: string, typed: string) =>
      body
        .slice(body.indexOf('found</h2>'), body.indexOf('</main>'))
        .replaceAll(typed, '')
        .replace(/name="_csrf" value="[^"]*"/, '');
    expect(answer(hidden.body, CHILD.nhsNumber)).toContain(CONTACT);
    expect(answer(hidden.body, CHILD.nhsNumber)).toEqual(answer(nothing.body, '4010232137'));
  });
});

describe('reads that name children are audited', () => {
  const entries = async (user: TestUser, action: string) =>
    t.testDb.db.query<{ details: { childIds?: string[]; basis?: string } }>(
      'SELECT details FROM audit_event WHERE actor_user_id = $1 AND action = $2 ORDER BY seq',
      [user.id, action],
    );

  it.each([
    ['manager', '/caseload', 'work.caseload_viewed', true],
    ['manager', '/api/caseload', 'work.caseload_viewed', true],
    ['nurse', '/my-children', 'work.my_children_viewed', true],
    ['nurse', '/api/my-children', 'work.my_children_viewed', true],
    ['socialWorker', '/api/referrals', 'referral.list_viewed', true],
    ['lead', '/shielding-requests', 'child.shielding_requests_listed', false],
    ['manager', '/access-reviews', 'child.access_reviews_listed', true],
    ['manager', '/possible-duplicates', 'child.duplicates_listed', false],
    ['manager', '/api/possible-duplicates', 'child.duplicates_listed', false],
    ['teacher', '/children/:childId/pre-assessment-checklist', 'assessment.checklists_viewed', true],
    ['teacher', '/api/children/:childId/assessments', 'assessment.list_viewed', true],
    ['auditor', '/audit', 'audit.read', true],
    ['auditor', '/api/audit-events', 'audit.read', true],
  ] as const)('%s reading %s writes %s', async (who, url, action, namesChild) => {
    const before = (await entries(users[who], action)).length;
    const response = await agents[who].get(url.replace(':childId', ids.child));
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const after = await entries(users[who], action);
    expect(after).toHaveLength(before + 1);
    const details = after.at(-1)?.details;
    expect(details?.basis).toBeTruthy();
    if (namesChild) expect(details?.childIds).toContain(ids.child);
  });

  it('records an assessment view with its basis', async () => {
    await ok(agents.nurse.get(`/api/assessments/${ids.assessment}`), 200);
    const [view] = (await entries(users.nurse, 'assessment.viewed')).slice(-1);
    expect(view?.details).toMatchObject({ childIds: [ids.child], basis: 'consent' });
  });
});

describe('refusals say they are recorded, and are', () => {
  const denied = async (user: TestUser) =>
    t.testDb.db.query<{ outcome: string; details: { code?: string; route?: string } }>(
      `SELECT outcome, details FROM audit_event WHERE actor_user_id = $1 AND action = 'access.denied' ORDER BY seq`,
      [user.id],
    );

  it('records a refused assessment open', async () => {
    const before = (await denied(users.outsider)).length;
    const refused = await agents.outsider.get(`/assessments/${ids.assessment}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('This attempt has been recorded');
    const after = await denied(users.outsider);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ outcome: 'denied', details: { code: 'not_shared', route: '/assessments/:id' } });
  });

  it('records a referral opened by someone neither receiving it nor on the team that sent it', async () => {
    const before = (await denied(users.outsider)).length;
    expect((await agents.outsider.get(`/api/referrals/${ids.referral}`)).statusCode).toBe(403);
    expect(await denied(users.outsider)).toHaveLength(before + 1);
  });

  it('records a role refusal once', async () => {
    const before = (await denied(users.nurse)).length;
    expect((await agents.nurse.get('/caseload')).statusCode).toBe(403);
    expect(await denied(users.nurse)).toHaveLength(before + 1);
  });
});

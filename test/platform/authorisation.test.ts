import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/platform/policy.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';

/**
 * The authorisation matrix: every registered route against every role, in the user's own area
 * and from another area, and signed out. Written out by hand so it checks the policy module
 * rather than repeating it. A new route without a row here fails the first test.
 */
type Expectation = 'public' | 'password-only' | 'any-session' | { roles: readonly Role[]; anyArea?: readonly Role[] };

const ALL = ROLES.values;
const FRONT_LINE: readonly Role[] = ['practitioner', 'practice_manager'];
const EXPECTED: Record<string, Expectation> = {
  'GET /healthz': 'public',
  'GET /livez': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /two-factor': 'password-only',
  'POST /two-factor': 'password-only',
  'GET /two-factor/set-up': 'password-only',
  'POST /two-factor/set-up': 'password-only',
  'POST /sign-out': 'any-session',
  'GET /': { roles: ALL },
  'GET /account': { roles: ALL },
  'GET /account/password': { roles: ALL },
  'POST /account/password': { roles: ALL },
  'POST /account/sign-out-everywhere': { roles: ALL },
  'GET /api/me': { roles: ALL },
  'GET /areas/:areaCode': { roles: ALL, anyArea: ['system_admin'] },
  'GET /api/areas/:areaCode': { roles: ALL, anyArea: ['system_admin'] },
  'GET /admin/users': { roles: ['area_admin', 'system_admin'] },
  'GET /admin/users/new': { roles: ['area_admin', 'system_admin'] },
  'POST /admin/users/new': { roles: ['area_admin', 'system_admin'] },
  'GET /api/users': { roles: ['area_admin', 'system_admin'] },
  'POST /api/users': { roles: ['area_admin', 'system_admin'] },
  // A user's working life (issue 13 item 3): the area's administrators.
  'GET /admin/users/:userId/change': { roles: ['area_admin', 'system_admin'] },
  'POST /admin/users/:userId/change': { roles: ['area_admin', 'system_admin'] },
  'GET /admin/users/:userId/suspend': { roles: ['area_admin', 'system_admin'] },
  'POST /admin/users/:userId/suspend': { roles: ['area_admin', 'system_admin'] },
  'GET /admin/users/:userId/reenable': { roles: ['area_admin', 'system_admin'] },
  'POST /admin/users/:userId/reenable': { roles: ['area_admin', 'system_admin'] },
  'GET /admin/users/:userId/close': { roles: ['area_admin', 'system_admin'] },
  'POST /admin/users/:userId/close': { roles: ['area_admin', 'system_admin'] },
  'GET /admin/users/:userId/safeguarding-lead': { roles: ['area_admin', 'system_admin'] },
  'POST /admin/users/:userId/safeguarding-lead': { roles: ['area_admin', 'system_admin'] },
  'GET /api/users/:userId': { roles: ['area_admin', 'system_admin'] },
  'PUT /api/users/:userId': { roles: ['area_admin', 'system_admin'] },
  'POST /api/users/:userId/suspension': { roles: ['area_admin', 'system_admin'] },
  'POST /api/users/:userId/reenable': { roles: ['area_admin', 'system_admin'] },
  'POST /api/users/:userId/close': { roles: ['area_admin', 'system_admin'] },
  'PUT /api/users/:userId/safeguarding-lead': { roles: ['area_admin', 'system_admin'] },
  // Training and vetting (004 Box 6.1): administrators, and practice managers for their own organisation.
  'GET /admin/users/:userId': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'GET /admin/users/:userId/training/new': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'POST /admin/users/:userId/training/new': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'GET /admin/training-due': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'GET /api/users/:userId/training': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'POST /api/users/:userId/training': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'GET /api/training-due': { roles: ['area_admin', 'system_admin', 'practice_manager'] },
  'GET /audit': { roles: ['auditor'] },
  'GET /api/audit-events': { roles: ['auditor'] },
  'GET /api/children': { roles: FRONT_LINE },
  'GET /api/children/:childId': { roles: FRONT_LINE },
  'POST /api/children': { roles: FRONT_LINE },
  'PUT /api/children/:childId': { roles: FRONT_LINE },
  'POST /api/children/:childId/involvements': { roles: FRONT_LINE },
  'POST /api/children/:childId/involvements/:involvementId/end': { roles: FRONT_LINE },
  'DELETE /api/children/:childId/carers/:carerId': { roles: FRONT_LINE },
  'DELETE /api/children/:childId/names/:nameId': { roles: FRONT_LINE },
  'POST /api/children/:childId/shielding-requests': { roles: FRONT_LINE },
  'POST /api/shielding-requests/:id/decision': { roles: FRONT_LINE },
  'GET /api/possible-duplicates': { roles: ['practice_manager'] },
  'POST /api/possible-duplicates/:id/merge': { roles: ['practice_manager'] },
  'POST /api/possible-duplicates/:id/keep-apart': { roles: ['practice_manager'] },
  'POST /api/child-merges/:id/undo': { roles: ['practice_manager'] },
  'GET /api/children/:childId/access-report': { roles: ['auditor'] },
  'GET /api/children/:childId/subject-access-export': { roles: ['auditor'] },
  'POST /api/access-reviews/:id': { roles: ['practice_manager'] },
  'GET /children': { roles: FRONT_LINE },
  'POST /children/search': { roles: FRONT_LINE },
  'GET /children/new': { roles: FRONT_LINE },
  'POST /children/new': { roles: FRONT_LINE },
  'GET /children/:childId': { roles: FRONT_LINE },
  'POST /children/:childId/open': { roles: FRONT_LINE },
  'GET /children/:childId/edit': { roles: FRONT_LINE },
  'POST /children/:childId/edit/open': { roles: FRONT_LINE },
  'POST /children/:childId/edit': { roles: FRONT_LINE },
  'GET /children/:childId/involvements/new': { roles: FRONT_LINE },
  'POST /children/:childId/involvements/new': { roles: FRONT_LINE },
  'POST /children/:childId/involvements/:involvementId/end': { roles: FRONT_LINE },
  'GET /children/:childId/carers/:carerId/remove': { roles: FRONT_LINE },
  'POST /children/:childId/carers/:carerId/remove/open': { roles: FRONT_LINE },
  'POST /children/:childId/carers/:carerId/remove': { roles: FRONT_LINE },
  'GET /children/:childId/names/:nameId/remove': { roles: FRONT_LINE },
  'POST /children/:childId/names/:nameId/remove/open': { roles: FRONT_LINE },
  'POST /children/:childId/names/:nameId/remove': { roles: FRONT_LINE },
  'GET /children/:childId/shielding': { roles: FRONT_LINE },
  'POST /children/:childId/shielding': { roles: FRONT_LINE },
  'GET /shielding-requests': { roles: FRONT_LINE },
  'POST /shielding-requests/:id/decision': { roles: FRONT_LINE },
  'GET /possible-duplicates': { roles: ['practice_manager'] },
  'GET /possible-duplicates/:id': { roles: ['practice_manager'] },
  'POST /possible-duplicates/:id/merge': { roles: ['practice_manager'] },
  'POST /possible-duplicates/:id/keep-apart': { roles: ['practice_manager'] },
  'POST /child-merges/:id/undo': { roles: ['practice_manager'] },
  'GET /access-reviews': { roles: ['practice_manager'] },
  'POST /access-reviews/:id': { roles: ['practice_manager'] },
  'GET /children/access': { roles: ['auditor'] },
  'GET /children/:childId/access': { roles: ['auditor'] },
  'POST /children/:childId/access': { roles: ['auditor'] },
  'POST /children/:childId/subject-access': { roles: ['auditor'] },
  // Front-line work: the JSON API.
  'POST /api/children/:childId/pre-assessment-checks': { roles: FRONT_LINE },
  'POST /api/children/:childId/assessments': { roles: FRONT_LINE },
  'GET /api/children/:childId/assessments': { roles: FRONT_LINE },
  'GET /api/children/:childId/level-of-need': { roles: FRONT_LINE },
  'GET /api/lead-professional-criteria': { roles: FRONT_LINE },
  'GET /api/assessments/:assessmentId': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/consents': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/consents/:consentId/withdraw': { roles: FRONT_LINE },
  // Sharing without consent: anyone on the team proposes; the service lets only a designated
  // safeguarding lead or a practice manager other than the proposer decide (ADR 0006).
  'POST /api/assessments/:assessmentId/sharing-without-consent': { roles: FRONT_LINE },
  'GET /api/sharing-without-consent': { roles: FRONT_LINE },
  'POST /api/sharing-without-consent/:proposalId/decision': { roles: FRONT_LINE },
  'PUT /api/assessments/:assessmentId/draft': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/versions': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/team': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/team/:memberId/leave': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/lead-professional': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/actions': { roles: FRONT_LINE },
  'PUT /api/assessments/:assessmentId/actions/:actionId/status': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/reviews': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/close': { roles: FRONT_LINE },
  'POST /api/assessments/:assessmentId/referrals': { roles: FRONT_LINE },
  'GET /api/assessments/:assessmentId/export': { roles: FRONT_LINE },
  'POST /api/assessments/import': { roles: FRONT_LINE },
  'GET /api/referrals': { roles: FRONT_LINE },
  'GET /api/referrals/:referralId': { roles: FRONT_LINE },
  'POST /api/referrals/:referralId/acknowledge': { roles: FRONT_LINE },
  'POST /api/referrals/:referralId/decision': { roles: FRONT_LINE },
  'GET /api/my-children': { roles: FRONT_LINE },
  'GET /api/caseload': { roles: ['practice_manager'] },
  'GET /api/assessments/report': { roles: ['board_member', 'planner', 'practice_manager'] },
  // Front-line work: the common assessment's pages.
  'GET /children/:childId/pre-assessment-checklist': { roles: FRONT_LINE },
  'POST /children/:childId/pre-assessment-checklist': { roles: FRONT_LINE },
  'GET /children/:childId/assessments/new': { roles: FRONT_LINE },
  'POST /children/:childId/assessments/new': { roles: FRONT_LINE },
  'GET /assessments/:id': { roles: FRONT_LINE },
  'GET /assessments/:id/consent': { roles: FRONT_LINE },
  'POST /assessments/:id/consent': { roles: FRONT_LINE },
  'POST /assessments/:id/consent/:consentId/withdraw': { roles: FRONT_LINE },
  'GET /sharing-without-consent': { roles: FRONT_LINE },
  'POST /sharing-without-consent/:id/decision': { roles: FRONT_LINE },
  'GET /assessments/:id/edit': { roles: FRONT_LINE },
  'POST /assessments/:id/edit': { roles: FRONT_LINE },
  'POST /assessments/:id/draft/discard': { roles: FRONT_LINE },
  'GET /assessments/:id/versions/:version': { roles: FRONT_LINE },
  'GET /assessments/:id/export': { roles: FRONT_LINE },
  'GET /assessments/import': { roles: FRONT_LINE },
  'POST /assessments/import': { roles: FRONT_LINE },
  // Front-line work: the team around the child's pages.
  'GET /assessments/:id/team/new': { roles: FRONT_LINE },
  'POST /assessments/:id/team/new': { roles: FRONT_LINE },
  'GET /assessments/:id/team/:memberId/leave': { roles: FRONT_LINE },
  'POST /assessments/:id/team/:memberId/leave': { roles: FRONT_LINE },
  'GET /assessments/:id/lead-professional': { roles: FRONT_LINE },
  'POST /assessments/:id/lead-professional': { roles: FRONT_LINE },
  'GET /assessments/:id/actions/new': { roles: FRONT_LINE },
  'POST /assessments/:id/actions/new': { roles: FRONT_LINE },
  'POST /assessments/:id/actions/:actionId/status': { roles: FRONT_LINE },
  'GET /assessments/:id/reviews/new': { roles: FRONT_LINE },
  'POST /assessments/:id/reviews/new': { roles: FRONT_LINE },
  'GET /assessments/:id/close': { roles: FRONT_LINE },
  'POST /assessments/:id/close': { roles: FRONT_LINE },
  'GET /assessments/:id/referrals/new': { roles: FRONT_LINE },
  'POST /assessments/:id/referrals/new': { roles: FRONT_LINE },
  'GET /my-children': { roles: FRONT_LINE },
  'GET /caseload': { roles: ['practice_manager'] },
  'GET /assessments/report': { roles: ['board_member', 'planner', 'practice_manager'] },
  'GET /referrals/:id': { roles: FRONT_LINE },
  'POST /referrals/:id/acknowledge': { roles: FRONT_LINE },
  'POST /referrals/:id/decision': { roles: FRONT_LINE },
  // Outcomes and needs assessment (issue 5): published figures anyone in the area reads;
  // importing for planners and area administrators; the rest is the planner's.
  'GET /outcomes': { roles: ALL },
  'GET /outcomes/indicators': { roles: ALL },
  'GET /outcomes/indicators/:indicatorCode': { roles: ALL },
  'GET /outcomes/indicators/:indicatorCode/charts/:chart/:format': { roles: ALL },
  'POST /outcomes/indicators/:indicatorCode/targets': { roles: ['planner'] },
  'GET /outcomes/indicators/new': { roles: ['planner'] },
  'POST /outcomes/indicators/new': { roles: ['planner'] },
  'GET /outcomes/dashboard': { roles: ALL },
  'GET /outcomes/import': { roles: ['planner', 'area_admin'] },
  'POST /outcomes/import': { roles: ['planner', 'area_admin'] },
  'GET /outcomes/comparators': { roles: ['planner'] },
  'POST /outcomes/comparators': { roles: ['planner'] },
  'GET /outcomes/needs': { roles: ALL },
  'GET /outcomes/needs/levels': { roles: ['planner'] },
  'POST /outcomes/needs/levels': { roles: ['planner'] },
  'GET /outcomes/needs/:outcomeCode': { roles: ALL },
  'POST /outcomes/needs/:outcomeCode': { roles: ['planner'] },
  'GET /api/outcomes': { roles: ALL },
  'GET /api/outcomes/indicators': { roles: ALL },
  'GET /api/outcomes/indicators/:indicatorCode': { roles: ALL },
  'GET /api/outcomes/dashboard': { roles: ALL },
  'POST /api/outcomes/imports': { roles: ['planner', 'area_admin'] },
  'GET /api/outcomes/comparators': { roles: ALL },
  'PUT /api/outcomes/comparators': { roles: ['planner'] },
  'POST /api/outcomes/indicators': { roles: ['planner'] },
  'POST /api/outcomes/indicators/:indicatorCode/targets': { roles: ['planner'] },
  'PUT /api/outcomes/needs/:outcomeCode/narrative': { roles: ['planner'] },
  'GET /api/outcomes/needs': { roles: ALL },
  'PUT /api/outcomes/needs/levels': { roles: ['planner'] },
  // Notifications (issue 13 item 7): everyone's own notices and choices; the installation's outbox is its operator's.
  'GET /notifications': { roles: ALL },
  'POST /notifications/:id/open': { roles: ALL },
  'POST /notifications/read-all': { roles: ALL },
  'GET /notifications/settings': { roles: ALL },
  'POST /notifications/settings': { roles: ALL },
  'GET /admin/mail-outbox': { roles: ['system_admin'] },
};

const STATIC = /^\/(assets|govuk|public)\//;
const SESSION_ENDING = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere']);

let t: TestApp;
let home: string;
let away: string;
const agents = new Map<string, Agent>();

function routes(): { key: string; method: string; url: string }[] {
  return t.app.registeredRoutes
    .filter((r) => r.method !== 'HEAD' && !STATIC.test(r.url))
    .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url }));
}

// Ids that exist nowhere: an allowed role gets past the policy to a 400 or 404, a refused one gets 403.
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A path parameter other than the area (which the matrix fills with the user's own). */
const HAS_ID = /:(?!areaCode\b)[a-zA-Z]+/;

/**
 * Where an allowed role's answer differs from the rule in allowedStatuses, and why. Each is the
 * route's designed answer, except where the reason says it is a known fault.
 */
const ALLOWED_EXCEPTIONS: Record<string, { status: number; reason: string }> = {
  ...Object.fromEntries(
    [
      'GET /children/:childId',
      'GET /children/:childId/edit',
      'GET /children/:childId/involvements/new',
      'GET /children/:childId/carers/:carerId/remove',
      'GET /children/:childId/names/:nameId/remove',
      'GET /children/:childId/shielding',
      'GET /children/:childId/access',
    ].map((key) => [
      key,
      { status: 200, reason: 'a record is looked up only with a reason: the reason page comes first and tells nothing of the child' },
    ]),
  ),
  ...Object.fromEntries(
    [
      'GET /api/children',
      'GET /api/children/:childId',
      'GET /api/children/:childId/level-of-need',
      'GET /api/children/:childId/access-report',
      'GET /api/children/:childId/subject-access-export',
    ].map((key) => [key, { status: 400, reason: 'the reason is a required query parameter, checked before any look-up' }]),
  ),
  'GET /outcomes/needs/:outcomeCode': { status: 400, reason: 'NO-SUCH-CODE is not a well-formed outcome code' },
  'POST /outcomes/comparators': { status: 303, reason: 'an empty form is a valid answer: no comparators' },
  'POST /notifications/read-all': {
    status: 303,
    reason: 'the button has no fields: marking all read when none are unread changes nothing',
  },
};

/**
 * What an allowed role gets, with ids and codes that exist nowhere and an empty body: a page or
 * list with nothing to look up is 200; a GET of something that does not exist is 404; a write is
 * 400 or 404, whichever comes first of validating the empty body and looking up what it writes to.
 * Never a 5xx: an allowed call that fails on the server is a fault, whatever else this says.
 */
function allowedStatuses(key: string): readonly number[] {
  const exception = ALLOWED_EXCEPTIONS[key];
  if (exception) return [exception.status];
  const [method = '', url = ''] = key.split(' ');
  if (method === 'GET') return HAS_ID.test(url) ? [404] : [200];
  return [400, 404];
}

async function call(agent: Agent, method: string, url: string) {
  const concrete = url
    .replace(':areaCode', home)
    .replace(':version', '1')
    // Outcomes: codes that exist nowhere, and a chart that does exist (the indicator is then not found).
    .replace(/:(indicatorCode|outcomeCode)\b/g, 'NO-SUCH-CODE')
    .replace(':chart', 'trend')
    .replace(':format', 'csv')
    .replace(/:([a-zA-Z]+Id|id)\b/g, NO_SUCH_ID);
  if (method === 'GET') return agent.get(concrete);
  if (method === 'DELETE') return agent.request({ method: 'DELETE', url: concrete });
  if (concrete.startsWith('/api/'))
    return agent.request({
      method: method as 'POST' | 'PUT',
      url: concrete,
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
  return agent.post(concrete, {});
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  home = await buildArea(db);
  away = await buildArea(db);
  for (const role of ROLES.values) {
    for (const [label, area] of [
      ['home', home],
      ['away', away],
    ] as const) {
      const user = await buildUser(db, t.config, { role, areaCode: area });
      agents.set(`${role}:${label}`, await signIn(t.app, user));
    }
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('every route declares a policy', () => {
  it('lists no exception for a route that no longer exists', () => {
    expect(Object.keys(ALLOWED_EXCEPTIONS).filter((key) => !(key in EXPECTED))).toEqual([]);
  });

  it('has no route without a policy, and every route is in the matrix', () => {
    const all = t.app.registeredRoutes.filter((r) => r.method !== 'HEAD');
    expect(all.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(
      routes()
        .map((r) => r.key)
        .filter((k) => !(k in EXPECTED)),
    ).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !routes().some((r) => r.key === k))).toEqual([]);
  });

  it('serves static files to anyone', async () => {
    const response = await new Agent(t.app).get('/govuk/govuk-frontend.min.css');
    expect(response.statusCode).toBe(200);
  });
});

describe('signed out', () => {
  it.each(Object.entries(EXPECTED))('%s', async (key, expectation) => {
    const [method = '', url = ''] = key.split(' ');
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in'); // a browser has the form's CSRF token before it posts
    const response = await call(visitor, method, url);
    if (expectation === 'public') {
      expect(response.statusCode, `a server error: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      expect(response.statusCode).not.toBe(401);
      expect(response.statusCode).not.toBe(403);
    } else if (method === 'GET' && !url.startsWith('/api/')) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/sign-in/);
    } else {
      expect(response.statusCode).toBe(401);
    }
  });
});

describe.each(ROLES.values)('role %s', (role) => {
  const cases = Object.entries(EXPECTED).filter(([key, e]) => typeof e === 'object' && !SESSION_ENDING.has(key));

  it.each(cases)('%s in their own area', async (key, expectation) => {
    const [method = '', url = ''] = key.split(' ');
    const agent = agents.get(`${role}:home`) as Agent;
    const response = await call(agent, method, url);
    const allowed = typeof expectation === 'object' && expectation.roles.includes(role);
    if (allowed) {
      expect(response.statusCode, `a server error: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      expect(allowedStatuses(key), `answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
    } else expect(response.statusCode).toBe(403);
  });

  it.each(cases.filter(([key]) => key.includes(':areaCode')))('%s from another area', async (key, expectation) => {
    const [method = '', url = ''] = key.split(' ');
    const response = await call(agents.get(`${role}:away`) as Agent, method, url);
    const allowed = typeof expectation === 'object' && (expectation.anyArea ?? []).includes(role);
    if (allowed) expect(response.statusCode).toBe(200);
    else expect(response.statusCode).toBe(403);
  });

  it('password-only routes send a fully signed-in user home', async () => {
    const response = await agents.get(`${role}:home`)?.get('/two-factor');
    expect(response?.statusCode).toBe(303);
    expect(response?.headers.location).toBe('/');
  });

  it('can sign out everywhere, then sign out, and is signed out after', async () => {
    const user = await buildUser(t.testDb.db, t.config, { role, areaCode: home });
    const first = await signIn(t.app, user);
    const everywhere = await first.post('/account/sign-out-everywhere');
    expect(everywhere.statusCode).toBe(303);
    expect((await first.get('/api/me')).statusCode).toBe(401);
    const agent = agents.get(`${role}:home`) as Agent;
    expect((await agent.post('/sign-out')).statusCode).toBe(303);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });
});

import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailSender, smtpTransport, type MailTransport } from '../../src/notifications/index.js';
import { registerPartnershipCommands } from '../../src/partnership/index.js';
import { currentTotpCode } from '../../src/platform/auth/totp.js';
import { settableClock } from '../../src/platform/clock.js';
import { addDays, todayIso } from '../../src/platform/dates.js';
import { paths } from '../../src/platform/paths.js';
import { Agent, createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus as ok, givenConsent, signedIn, type SignedIn } from '../helpers/builders.js';
import { chooseEmailFor, testSmtpServer } from '../helpers/mail.js';

/**
 * Issue 13 "Done means", tried as a new user would on a database with no demo: a system
 * administrator creates an area with `ctp` and another on the pages; the area administrator
 * registers thirteen partners (one statutory partner type left out, and flagged), creates users, sets a
 * three-level scheme and publishes a local form; a practitioner uses both; and a referral sends an
 * email, received by a real SMTP server in this process, that does not name the child.
 */

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const PASSWORD = 'copper-lantern-orchard-5';
const CHILD = { givenName: 'Ottoline', familyName: 'Penhallow', dateOfBirth: '2017-03-09', postcode: 'TS24 7AB' };

const smtp = testSmtpServer();

/** Runs `ctp <args>` as the command line registers it, against this test's database. */
async function ctp(t: TestApp, args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerPartnershipCommands(program, (fn) => fn(t.testDb.db), { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' });
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await program.parseAsync(args, { from: 'user' });
    return log.mock.calls.map((c) => c.join(' ')).join('\n');
  } finally {
    log.mockRestore();
  }
}

/** A new account's first sign-in: password, then setting up the authenticator app on the page. */
async function firstSignIn(t: TestApp, email: string): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.get('/sign-in');
  const signIn = await agent.post('/sign-in', { email, password: PASSWORD, next: '/' });
  expect(signIn.statusCode, signIn.body).toBe(303);
  expect(signIn.headers.location).toBe(paths.twoFactorSetUp);
  const page = await agent.get(paths.twoFactorSetUp);
  const secret = /id="setup-key">([A-Z2-7]+)</.exec(page.body)?.[1] ?? '';
  expect((await agent.post(paths.twoFactorSetUp, { code: currentTotpCode(secret) })).statusCode).toBe(303);
  await agent.get('/');
  return agent;
}

const partner = (name: string, organisationType: string, sector: string, dutyCode: string, extra: Record<string, unknown> = {}) => ({
  name,
  organisationType,
  sector,
  dutyCode,
  coverageKind: 'whole area',
  ...extra,
});

/**
 * The partners of a unitary area today: every relevant partner type in force but one (s10(4)(fb)),
 * a body under the section 11 duty and one under none. Today's law, not 2005's: the police and
 * crime commissioner, the Probation Service, NHS England and the integrated care board.
 */
const PARTNERS = [
  partner('Cleveland Police and Crime Commissioner', 'Local policing body', 'police', 's10-4-b-lpb'),
  partner('Cleveland Police', 'Chief officer of police', 'police', 's10-4-b-chief'),
  partner('Probation Service, North East', 'Probation Service region', 'probation', 's10-4-ca'),
  partner('Hartlepool Youth Offending Team', 'Youth offending team', 'youth offending', 's10-4-d'),
  partner('NHS England North East and Yorkshire', 'NHS England region', 'health', 's10-4-da'),
  partner('North East and North Cumbria ICB', 'Integrated care board', 'health', 's10-4-e-icb'),
  partner('Hartlepool Youth Support Service', 'Young people’s support services', 'connexions', 's10-4-f'),
  partner('Rossmere Primary School', 'Maintained school', 'school', 's10-4-fa'),
  partner('Hartlepool Academy', 'Academy', 'school', 's10-4-fc'),
  partner('Hartlepool Sixth Form College', 'Sixth-form college', 'college', 's10-4-fd'),
  partner('Jobcentre Plus Hartlepool', 'Jobcentre Plus', 'employment', 's10-4-fe'),
  partner('North Tees and Hartlepool NHS Trust', 'NHS trust', 'health', 's11'),
  partner('Hartlepool Family Support', 'Voluntary family support', 'voluntary and community', 'none', {
    inclusionReason: 'Family support provider (000 §1.18)',
  }),
];

const LOCAL_FORM = {
  format: 'ctp-assessment-form',
  formatVersion: 1,
  code: 'hartlepool-early-help',
  version: '1',
  title: 'Hartlepool early help assessment',
  domains: [
    {
      code: 'child',
      title: 'The child',
      elements: [
        { code: 'health', title: 'Health and development' },
        { code: 'school', title: 'School and learning' },
      ],
    },
    { code: 'family', title: 'The family', elements: [{ code: 'home', title: 'Home, money and housing' }] },
  ],
};

let t: TestApp;
let transport: MailTransport;

beforeAll(async () => {
  const port = await smtp.start();
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://ctp.example.test' });
  transport = smtpTransport(t.config.smtpUrl ?? '');
}, 120_000);

afterAll(async () => {
  transport?.close();
  await t?.close();
  await smtp.stop();
});

describe('a new area, from nothing to a referral', () => {
  it('is set up by its administrators and used by a practitioner, and a referral emails no child’s name', async () => {
    const db = t.testDb.db;
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM child'))[0]?.n).toBe(0);

    // 1. The operator creates the area with `ctp`; a system administrator creates another on the pages.
    expect(await ctp(t, ['areas', 'create', '--code', HARTLEPOOL, '--name', 'Hartlepool'])).toMatch(
      /^Created area E06000001 with its lead authority/,
    );
    const [lead] = await db.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1', [HARTLEPOOL]);
    const leadAuthorityId = lead?.id ?? '';
    const sysadmin = await signedIn(t, 'system_admin', { areaCode: HARTLEPOOL, organisationId: leadAuthorityId });
    await sysadmin.get(paths.areasNew);
    const created = await sysadmin.post(paths.areasNew, { code: MIDDLESBROUGH, name: 'Middlesbrough' });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    expect(created.headers.location).toBe(paths.area(MIDDLESBROUGH));
    const other = await ok<{ area: { name: string }; organisations: { name: string }[] }>(sysadmin.get(`/api/areas/${MIDDLESBROUGH}`), 200);
    expect(other.area.name).toBe('Middlesbrough');
    expect(other.organisations).toHaveLength(1);

    // 2. The area administrator registers thirteen partners, one statutory type left out, and it is flagged.
    const admin = await signedIn(t, 'area_admin', { areaCode: HARTLEPOOL, organisationId: leadAuthorityId });
    const ids: Record<string, string> = {};
    for (const p of PARTNERS) ids[p.name] = (await ok(admin.postJson(`/api/areas/${HARTLEPOOL}/partners`, p))).id;
    type Overview = { organisations: { name: string }[]; missingPartnerTypes: { code: string; partnerType: string }[] };
    const overview = await ok<Overview>(admin.get(`/api/areas/${HARTLEPOOL}`), 200);
    expect(overview.organisations).toHaveLength(PARTNERS.length + 1);
    expect(overview.missingPartnerTypes.map((d) => d.code)).toEqual(['s10-4-fb']);
    const areaPage = await admin.get(paths.area(HARTLEPOOL));
    expect(areaPage.body).toContain('Statutory partners not brought in');
    expect(areaPage.body).toContain('Proprietor of a non-maintained special school');

    // 3. The area administrator creates users, records their training, sets the levels and a local form.
    const school = ids['Rossmere Primary School'] ?? '';
    const familySupport = ids['Hartlepool Family Support'] ?? '';
    const teacherEmail = 'teacher@rossmere.example';
    const teacherId = (
      await ok(
        admin.postJson('/api/users', {
          email: teacherEmail,
          displayName: 'Tess Teacher',
          jobTitle: 'Class teacher',
          role: 'practitioner',
          organisationId: school,
          password: PASSWORD,
        }),
      )
    ).id;
    for (const kind of ['child_index_training', 'enhanced_dbs_check']) {
      await ok(
        admin.postJson(`/api/users/${teacherId}/training`, {
          kind,
          completedOn: addDays(todayIso(), -10),
          expiresOn: addDays(todayIso(), 700),
        }),
      );
    }
    const users = await ok<{ email: string }[]>(admin.get('/api/users'), 200);
    expect(users.map((u) => u.email)).toContain(teacherEmail);

    await ok(
      admin.postJson('/api/settings/levels-of-need', {
        effectiveFrom: todayIso(),
        levels: [
          { name: 'core', description: 'Services which all families can access', nationalLevel: 'universal' },
          { name: 'enhanced', description: 'Services for children with significant needs', nationalLevel: 'additional' },
          { name: 'intensive', description: 'High levels of individual or family needs', nationalLevel: 'complex' },
        ],
      }),
    );
    // The area's services, which records choose from (issue 14, bug 7).
    await ok(admin.postJson('/api/services', { name: 'Primary school' }));
    await ok(admin.postJson('/api/services', { name: 'Family support', organisationId: familySupport }));
    const { id: formId } = await ok(admin.postJson('/api/assessment-forms', LOCAL_FORM));
    await ok(admin.postJson(`/api/assessment-forms/${formId}/publish`, {}), 204);

    // The person at the receiving partner chooses email for referrals.
    const worker: SignedIn = await signedIn(t, 'practitioner', { areaCode: HARTLEPOOL, organisationId: familySupport });
    await chooseEmailFor(worker, 'referral.received');

    // 4. The practitioner signs in for the first time, records a child and assesses on the local form and levels.
    const teacher = await firstSignIn(t, teacherEmail);
    const { id: childId } = await ok(teacher.postJson('/api/children', CHILD));
    expect((await teacher.get(paths.childAssessmentNew(childId))).body).toContain('Hartlepool early help assessment');
    const { id: assessmentId } = await ok(
      teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school', form: 'hartlepool-early-help' }),
    );
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent([familySupport])));
    const content = {
      reasonForAssessment: 'Attendance has fallen since the family moved',
      elements: { 'child.school': { needs: 'Attendance has fallen to 70%' }, 'family.home': { strengths: 'A settled tenancy' } },
      childViews: 'Wants to go back to school',
      parentViews: 'Mother wants help with mornings',
      conclusions: 'Support with attendance and family routines',
      agreedActions: [{ who: 'Class teacher', what: 'Weekly check-in', byWhen: addDays(todayIso(), 60) }],
      levelOfNeed: 'enhanced',
    };
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/versions`, { draftVersion: 0, content }));
    const level = await ok<{ needLevel: { level: string; nationalLevel: string } }>(
      teacher.get(`/api/children/${childId}/level-of-need?reason=Planning`),
      200,
    );
    expect(level.needLevel).toMatchObject({ level: 'enhanced', nationalLevel: 'additional' });
    const [recorded] = await db.query<{ form_code: string }>('SELECT form_code FROM common_assessment WHERE id = $1', [assessmentId]);
    expect(recorded?.form_code).toBe('hartlepool-early-help');

    // 5. A referral to the family support partner: an email the SMTP server receives, naming no child.
    const referral = {
      toOrganisationId: familySupport,
      toService: 'Family support',
      reason: 'Help with mornings',
      levelSought: 'intensive',
    };
    const { id: referralId } = await ok(teacher.postJson(`/api/assessments/${assessmentId}/referrals`, referral));
    const clock = settableClock(new Date(Date.now() + 60_000));
    const sender = mailSender({ db, transport, from: t.config.mailFrom, publicUrl: t.config.publicUrl, clock });
    expect(await sender.sendDue()).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.received.find((m) => m.to.includes(worker.user.email));
    expect(mail?.text).toContain('Subject: A referral has been sent to your organisation');
    expect(mail?.text).toContain(`https://ctp.example.test/referrals/${referralId}`);
    for (const detail of [CHILD.givenName, CHILD.familyName, 'Rossmere']) expect(mail?.text).not.toContain(detail);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailSender, notifyDue, smtpTransport, type MailSender, type MailTransport } from '../../src/notifications/index.js';
import { settableClock, type SettableClock } from '../../src/platform/clock.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus as ok, givenConsent, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { chooseEmailFor, testSmtpServer } from '../helpers/mail.js';

/**
 * Notifications end to end: events raise notices in the same transaction, the navigation counts
 * them, and email goes through a real SMTP server running in this process (smtp-server), which
 * the test reads. An outage (the server refusing, then down) keeps the message in the outbox with
 * its attempts and last error, and it goes once the server is back.
 */

const smtp = testSmtpServer();
const { received } = smtp;
let smtpPort = 0;

let t: TestApp;
let teacher: SignedIn;
let socialWorker: SignedIn;
let manager: SignedIn;
let nurse: SignedIn;
let operator: SignedIn;
let socialCare: string;
let transport: MailTransport;
let sender: MailSender;
let clock: SettableClock;

const CHILD = { givenName: 'Zebedee', familyName: 'Quintrell' };
const REASON = 'Disclosed worries at home; needs specialist assessment';

async function referralFromTeacher(): Promise<string> {
  const childId = await recordChild(teacher, CHILD);
  const { id: assessmentId } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
  await ok(teacher.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent([socialCare])));
  const content = {
    reasonForAssessment: REASON,
    elements: { 'development.behaviour': { needs: 'Acceptable behavioural boundaries' } },
    childViews: 'Wants to stay at school',
    parentViews: 'Mother wants help',
    conclusions: 'Needs co-ordinated support',
    agreedActions: [{ who: 'Class teacher', what: 'Daily check-in', byWhen: '2027-01-31' }],
    levelOfNeed: 'complex',
  };
  await ok(teacher.postJson(`/api/assessments/${assessmentId}/versions`, { draftVersion: 0, content }));
  const referral = { toOrganisationId: socialCare, toService: 'Children’s social care', reason: REASON, levelSought: 'acute/specialist' };
  return (await ok(teacher.postJson(`/api/assessments/${assessmentId}/referrals`, referral))).id;
}

const outboxFor = async (email: string) => (await t.services.notifications.outbox()).filter((m) => m.to === email);

beforeAll(async () => {
  smtpPort = await smtp.start();
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PUBLIC_URL: 'https://ctp.example.test' });
  const db = t.testDb.db;
  const area = await buildArea(db);
  const school = await buildOrganisation(db, area, 'Hillside Primary');
  socialCare = await buildOrganisation(db, area, 'Children’s Social Care');
  teacher = await signedIn(t, 'practitioner', { areaCode: area, organisationId: school });
  socialWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: socialCare });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: socialCare });
  nurse = await signedIn(t, 'practitioner', { areaCode: area });
  operator = await signedIn(t, 'system_admin', { areaCode: area });
  // The sender's clock runs ahead of the database's, so what was just written is due.
  clock = settableClock(new Date(Date.now() + 60_000));
  transport = smtpTransport(t.config.smtpUrl ?? '');
  sender = mailSender({ db, transport, from: t.config.mailFrom, publicUrl: t.config.publicUrl, clock });
}, 180_000);

afterAll(async () => {
  transport?.close();
  await t?.close();
  await smtp.stop();
});

describe('a referral received by my organisation', () => {
  it('is a notice in the service, counted in the navigation, and an email naming no child to those who chose email', async () => {
    expect((await socialWorker.get(paths.notificationSettings)).statusCode).toBe(200);
    await chooseEmailFor(socialWorker, 'referral.received');

    const referralId = await referralFromTeacher();
    const home = await socialWorker.get(paths.home);
    expect(home.body).toMatch(/Notifications <span class="app-count">1<span class="govuk-visually-hidden"> unread<\/span>/);
    expect((await teacher.get(paths.home)).body).not.toContain('app-count');

    const [queued] = await outboxFor(socialWorker.user.email);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, link: paths.referral(referralId) });
    expect(await outboxFor(manager.user.email)).toEqual([]); // in the service only: no choice made

    expect(await sender.sendDue()).toEqual({ sent: 1, failed: 0 });
    const mail = received.find((m) => m.to.includes(socialWorker.user.email));
    expect(mail?.text).toContain('Subject: A referral has been sent to your organisation');
    expect(mail?.text).toContain(`https://ctp.example.test/referrals/${referralId}`);
    for (const detail of ['Zebedee', 'Quintrell', 'Disclosed', 'Hillside']) expect(mail?.text).not.toContain(detail);
    expect((await outboxFor(socialWorker.user.email))[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    // The list, then opening the notice: it is marked read and leads to the referral.
    const list = await socialWorker.get(paths.notifications);
    expect(list.body).toContain('A referral has been sent to your organisation');
    const [notice] = await t.services.notifications.list(socialWorker.user);
    const opened = await socialWorker.post(paths.notificationOpen(notice?.id ?? ''));
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(paths.referral(referralId));
    expect((await socialWorker.get(paths.home)).body).not.toContain('app-count');
    // Someone else's notice is not theirs to open.
    expect((await teacher.post(paths.notificationOpen(notice?.id ?? ''))).statusCode).toBe(404);

    expect((await manager.get(paths.home)).body).toContain('app-count">1<');
    expect((await manager.post(paths.notificationsReadAll)).statusCode).toBe(303);
    expect((await manager.get(paths.home)).body).not.toContain('app-count');
  });

  it('refuses a choice that is not a channel, naming the event', async () => {
    await socialWorker.get(paths.notificationSettings);
    const response = await socialWorker.post(paths.notificationSettings, { 'referral.received': 'pigeon' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose how to be told when: a referral sent to my organisation');
  });
});

describe('an SMTP outage', () => {
  it('keeps the message in the outbox with its attempts and last error, backs off, and sends it once the server is back', async () => {
    smtp.refusing = true;
    const referralId = await referralFromTeacher();
    expect(await sender.sendDue()).toEqual({ sent: 0, failed: 1 });
    let [mail] = (await outboxFor(socialWorker.user.email)).filter((m) => m.link === paths.referral(referralId));
    expect(mail).toMatchObject({ status: 'pending', attempts: 1 });
    expect(mail?.lastError).toMatch(/451/);
    expect(mail?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 60_000);

    // Not due again before its wait is over.
    expect(await sender.sendDue()).toEqual({ sent: 0, failed: 0 });

    await smtp.stop();
    smtp.refusing = false;
    clock.advance(61_000);
    expect(await sender.sendDue()).toEqual({ sent: 0, failed: 1 });
    [mail] = (await outboxFor(socialWorker.user.email)).filter((m) => m.link === paths.referral(referralId));
    expect(mail).toMatchObject({ status: 'pending', attempts: 2 });
    expect(mail?.lastError).toMatch(/ECONNREFUSED/);
    expect(mail?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 120_000); // the wait doubled

    // The operator sees it waiting, with the server's last answer.
    const page = await operator.get(paths.mailOutbox);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(socialWorker.user.email);
    expect(page.body).toContain('ECONNREFUSED');

    await smtp.start(smtpPort);
    clock.advance(121_000);
    expect(await sender.sendDue()).toEqual({ sent: 1, failed: 0 });
    [mail] = (await outboxFor(socialWorker.user.email)).filter((m) => m.link === paths.referral(referralId));
    expect(mail).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(received.some((m) => m.text.includes(`/referrals/${referralId}`))).toBe(true);
  });
});

describe('other events', () => {
  it('tells the team when someone joins and when consent is withdrawn, but not the person who did it', async () => {
    const childId = await recordChild(teacher, { givenName: 'Ada' });
    const { id: assessmentId } = await ok(teacher.postJson(`/api/children/${childId}/assessments`, { service: 'Primary school' }));
    const { id: consentId } = await ok(teacher.postJson(`/api/assessments/${assessmentId}/consents`, givenConsent([])));
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/team`, { userId: nurse.user.id, service: 'Health visiting' }));
    await ok(teacher.postJson(`/api/assessments/${assessmentId}/consents/${consentId}/withdraw`, { note: 'Mother withdrew' }), 204);
    const nurseNotices = await t.services.notifications.list(nurse.user);
    expect(nurseNotices.map((n) => [n.event, n.link])).toEqual([
      ['consent.withdrawn', paths.assessment(assessmentId)],
      ['team.member_added', paths.assessment(assessmentId)],
    ]);
    const teacherNotices = await t.services.notifications.list(teacher.user);
    expect(teacherNotices.filter((n) => n.link === paths.assessment(assessmentId))).toEqual([]);
  });

  it('tells the receiving service’s managers once when a referral passes its acknowledgement date', async () => {
    const referralId = await referralFromTeacher();
    const later = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    expect(await notifyDue(t.testDb.db, later)).toBeGreaterThanOrEqual(1);
    await notifyDue(t.testDb.db, later);
    const overdue = (await t.services.notifications.list(manager.user)).filter(
      (n) => n.event === 'referral.overdue' && n.link === paths.referral(referralId),
    );
    expect(overdue).toHaveLength(1);
  });
});

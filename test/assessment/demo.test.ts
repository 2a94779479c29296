import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentServices, assessmentsOfChild } from '../../src/assessment/index.js';
import { DEMO_AREA } from '../../src/demo/area.js';
import { loadDemo } from '../../src/demo/load.js';
import { WORKED_CASE_CHILD } from '../../src/demo/worked-case.js';
import { verifyAuditTrail } from '../../src/platform/audit.js';
import { systemClock } from '../../src/platform/clock.js';
import { listUsersInArea, type User } from '../../src/platform/auth/repository.js';
import { addDays, todayIso } from '../../src/platform/dates.js';
import type { Db } from '../../src/platform/db.js';
import { testConfig } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/** The demo area's front-line work (issue 4 item 8): the worked case of 002 §3.8 and an episode at every stage. */

let t: TestDb;
let db: Db;
let users: User[];
const config = testConfig();
const ctx = { ip: '127.0.0.1', userAgent: 'test', requestId: 'demo-test' };
const user = (email: string): User => {
  const found = users.find((u) => u.email === email);
  if (!found) throw new Error(`no demo user ${email}`);
  return found;
};

const FRONT_LINE_TABLES = [
  'child',
  'pre_assessment_check',
  'common_assessment',
  'common_assessment_version',
  'consent',
  'team_member',
  'lead_professional',
  'action_item',
  'team_review',
  'referral',
  'need_level_change',
  'involvement',
  'assessment_form',
] as const;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of FRONT_LINE_TABLES) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = row?.n ?? 0;
  }
  return result;
}

async function workedCase() {
  const [row] = await db.query<{
    id: string;
    child_id: string;
    status: string;
    closure_outcome: string | null;
    started_at: Date;
    closed_at: Date | null;
    assessor_user_id: string;
  }>(
    `SELECT ca.id, ca.child_id, ca.status, ca.closure_outcome, ca.started_at, ca.closed_at, ca.assessor_user_id
       FROM common_assessment ca JOIN child c ON c.id = ca.child_id
      WHERE c.area_code = $1 AND c.given_name = $2 AND c.family_name = $3`,
    [DEMO_AREA.code, WORKED_CASE_CHILD.givenName, WORKED_CASE_CHILD.familyName],
  );
  if (!row) throw new Error('the worked case is missing');
  return row;
}

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await loadDemo(db, config, { children: 200 });
  users = await listUsersInArea(db, DEMO_AREA.code);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the worked case of 002 §3.8', () => {
  it('is closed with needs met, after a year, and the child is back at the universal level', async () => {
    const episode = await workedCase();
    expect(episode).toMatchObject({
      status: 'closed',
      closure_outcome: 'needs met',
      assessor_user_id: user('teacher@kestrelshire.example').id,
    });
    expect(episode.started_at.getTime()).toBeLessThan(Date.parse(`${addDays(todayIso(), -300)}T00:00:00Z`));
    expect(episode.closed_at?.getTime()).toBeLessThan(Date.now() - 7 * 86_400_000);
    const assessments = await assessmentsOfChild(db, episode.child_id);
    expect(assessments.needLevel?.level).toBe('universal');
    // Levels of need over time (004 Table 4.1): additional when assessed, complex after the exclusion, universal at closure.
    const levels = await db.query<{ level: string }>('SELECT level FROM need_level_change WHERE child_id = $1 ORDER BY changed_at', [
      episode.child_id,
    ]);
    expect(levels.map((l) => l.level)).toEqual(['additional', 'complex', 'additional', 'universal']);
  });

  it('found the three needs of para 151 in the elements they belong to, consent given in writing by his mother', async () => {
    const { id } = await workedCase();
    const [version] = await db.query<{ content: { elements: Record<string, { needs: string }>; levelOfNeed: string }; completed_at: Date }>(
      'SELECT content, completed_at FROM common_assessment_version WHERE assessment_id = $1 AND version = 1',
      [id],
    );
    expect(Object.keys(version?.content.elements ?? {})).toEqual(
      expect.arrayContaining([
        'development.emotional-social',
        'development.behaviour',
        'development.identity',
        'parents-carers.guidance',
        'parents-carers.emotional-warmth',
        'development.learning',
        'development.participation',
        'development.progress',
      ]),
    );
    expect(version?.content.levelOfNeed).toBe('additional');
    expect(version?.completed_at.getTime()).toBeLessThan(Date.now() - 200 * 86_400_000);
    const consents = await db.query<{ kind: string; given_by_name: string; method: string; n: number }>(
      'SELECT kind, given_by_name, method, cardinality(share_with_organisation_ids) AS n FROM consent WHERE assessment_id = $1',
      [id],
    );
    expect(consents).toEqual([{ kind: 'given', given_by_name: 'Donna Cole', method: 'in writing', n: 4 }]);
  });

  it('had five services on the team besides the assessor, a lead professional from the team, reviews, and two members who left early', async () => {
    const { id, assessor_user_id } = await workedCase();
    const team = await db.query<{ id: string; service: string; user_id: string | null; joined_on: string; left_on: string | null }>(
      `SELECT tm.id, i.service, tm.user_id, tm.joined_on::text, tm.left_on::text FROM team_member tm JOIN involvement i ON i.id = tm.involvement_id
        WHERE tm.assessment_id = $1 ORDER BY tm.joined_on, i.service`,
      [id],
    );
    const services = team.filter((m) => m.user_id !== assessor_user_id).map((m) => m.service);
    expect(services).toHaveLength(5);
    expect(services).toEqual(
      expect.arrayContaining([
        'School and Behaviour Support Team',
        'Educational psychology',
        'Youth Crime Prevention',
        'Children’s social care',
      ]),
    );
    expect(team.every((m) => m.left_on !== null)).toBe(true);
    // 002 para 155: the YCPO and the social worker stepped back before the episode closed.
    const leftEarly = team.filter(
      (m) => m.user_id === user('yot.officer@kestrelshire.example').id || m.user_id === user('social.worker@kestrelshire.example').id,
    );
    expect(leftEarly).toHaveLength(2);
    const others = team.filter((m) => !leftEarly.includes(m));
    for (const m of leftEarly) expect(m.left_on && others.every((o) => (o.left_on ?? '') > (m.left_on ?? ''))).toBe(true);

    const leads = await db.query<{ team_member_id: string; criteria_met: string[] }>(
      'SELECT team_member_id, criteria_met FROM lead_professional WHERE assessment_id = $1',
      [id],
    );
    expect(leads).toHaveLength(1);
    const lead = team.find((m) => m.id === leads[0]?.team_member_id);
    expect(lead?.service).toBe('School and Behaviour Support Team');
    expect(lead?.user_id).not.toBe(assessor_user_id);
    expect(leads[0]?.criteria_met).toHaveLength(4);

    const reviews = await db.query<{ decisions: string }>('SELECT decisions FROM team_review WHERE assessment_id = $1 ORDER BY held_on', [
      id,
    ]);
    expect(reviews.length).toBeGreaterThanOrEqual(1);
    expect(reviews[0]?.decisions).toMatch(/small unit/);
    expect(reviews[0]?.decisions).toMatch(/weekly sessions for three months/);
    const actions = await db.query<{ status: string }>('SELECT status FROM action_item WHERE assessment_id = $1', [id]);
    expect(actions.length).toBeGreaterThanOrEqual(8);
  });
});

describe('the other episodes', () => {
  it('shows managers open episodes with overdue actions and a referral past its acknowledgement date', async () => {
    const caseload = await assessmentServices({ db, clock: systemClock }).work.caseload(user('practice.manager@kestrelshire.example'), ctx);
    expect(caseload.open.length).toBeGreaterThanOrEqual(3);
    expect(caseload.open.some((a) => a.overdueActions > 0 && a.leadProfessionalName !== null)).toBe(true);
    expect(caseload.overdueActions.length).toBeGreaterThanOrEqual(2);
    expect(caseload.overdueReferrals).toHaveLength(1);
    expect(caseload.overdueReferrals[0]).toMatchObject({ toService: 'Children’s social care', acknowledgedAt: null, overdue: true });
  });

  it('puts the waiting referral in children’s social care’s queue and the overdue plan in its lead professional’s list', async () => {
    const social = await assessmentServices({ db, clock: systemClock }).work.myChildren(user('social.worker@kestrelshire.example'), ctx);
    expect(social.incomingReferrals.some((r) => r.overdue)).toBe(true);
    const yot = await assessmentServices({ db, clock: systemClock }).work.myChildren(user('yot.officer@kestrelshire.example'), ctx);
    expect(yot.children.some((c) => c.overdueActions > 0)).toBe(true);
  });

  it('has an episode at every stage', async () => {
    const [checks] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pre_assessment_check WHERE decision = 'progressing well'",
    );
    expect(checks?.n).toBe(1);
    const drafts = await db.query(
      "SELECT 1 FROM common_assessment WHERE status = 'open' AND latest_version = 0 AND draft IS NOT NULL AND on_behalf_of <> ''",
    );
    expect(drafts).toHaveLength(1);
    const outcomes = await db.query<{ closure_outcome: string }>(
      "SELECT closure_outcome FROM common_assessment WHERE status = 'closed' ORDER BY closure_outcome",
    );
    expect(outcomes.map((o) => o.closure_outcome)).toEqual(['declined', 'moved away', 'needs met']);
    const returned = await db.query<{ decision_reason: string }>("SELECT decision_reason FROM referral WHERE decision = 'returned'");
    expect(returned).toHaveLength(1);
  });

  it('has a household of three siblings, linked through the household service, two of them assessed (issue 14)', async () => {
    const links = await db.query<{ linked_at: Date; audited: number }>(
      `SELECT l.linked_at, (SELECT count(*)::int FROM audit_event a WHERE a.action = 'household.linked' AND a.details->>'linkId' = l.id::text) AS audited
         FROM household_link l JOIN child c ON c.id = l.child_id WHERE c.family_name = 'Brennan' AND l.unlinked_at IS NULL`,
    );
    expect(links.map((l) => l.audited)).toEqual([1, 1]);
    const open = await db.query<{ given_name: string }>(
      `SELECT c.given_name FROM common_assessment ca JOIN child c ON c.id = ca.child_id
        WHERE c.family_name = 'Brennan' AND ca.status = 'open' ORDER BY c.given_name`,
    );
    expect(open.map((r) => r.given_name)).toEqual(['Ava', 'Mia']);
  });

  it('dates everything in the past year, in order, and leaves an audit trail that verifies', async () => {
    const [future] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM common_assessment WHERE started_at > now() - interval '1 day' OR started_at < now() - interval '366 days')
            + (SELECT count(*) FROM team_member WHERE joined_on > current_date)
            + (SELECT count(*) FROM common_assessment_version v JOIN common_assessment ca ON ca.id = v.assessment_id WHERE v.completed_at < ca.started_at)
            + (SELECT count(*) FROM common_assessment WHERE closed_at < started_at) AS n`,
    );
    expect(future?.n).toBe(0);
    expect((await verifyAuditTrail(db)).ok).toBe(true);
  });

  it('audits each step at the time its record says it happened (the services read the story’s clock)', async () => {
    // Each pair: the moment a record holds, and its audit entry's time; they are one clock reading, so equal.
    const [disagreeing] = await db.query<{ n: number; pairs: number }>(
      `WITH pairs AS (
         SELECT v.completed_at AS recorded, a.occurred_at AS audited FROM common_assessment_version v
           JOIN audit_event a ON a.action = 'assessment.completed' AND a.subject_id = v.assessment_id::text
                             AND (a.details->>'version')::int = v.version
         UNION ALL
         SELECT ca.started_at, a.occurred_at FROM common_assessment ca
           JOIN audit_event a ON a.action = 'assessment.started' AND a.subject_id = ca.id::text
         UNION ALL
         SELECT ca.closed_at, a.occurred_at FROM common_assessment ca
           JOIN audit_event a ON a.action = 'assessment.closed' AND a.subject_id = ca.id::text
         UNION ALL
         SELECT c.recorded_at, a.occurred_at FROM consent c
           JOIN audit_event a ON a.action = 'assessment.consent_recorded' AND a.details->>'consentId' = c.id::text
         UNION ALL
         SELECT p.checked_at, a.occurred_at FROM pre_assessment_check p
           JOIN audit_event a ON a.action = 'assessment.checklist_recorded' AND a.details->>'checkId' = p.id::text
         UNION ALL
         SELECT r.sent_at, a.occurred_at FROM referral r
           JOIN audit_event a ON a.action = 'referral.sent' AND a.details->>'referralId' = r.id::text
         UNION ALL
         SELECT l.appointed_at, a.occurred_at FROM lead_professional l
           JOIN audit_event a ON a.action = 'assessment.lead_professional_appointed' AND a.details->>'leadProfessionalId' = l.id::text
         UNION ALL
         SELECT t.recorded_at, a.occurred_at FROM team_review t
           JOIN audit_event a ON a.action = 'assessment.review_recorded' AND a.details->>'reviewId' = t.id::text
         UNION ALL
         SELECT i.created_at, a.occurred_at FROM action_item i
           JOIN audit_event a ON a.action = 'assessment.action_added' AND a.details->>'actionId' = i.id::text
       )
       SELECT count(*) FILTER (WHERE recorded IS DISTINCT FROM audited)::int AS n, count(*)::int AS pairs FROM pairs`,
    );
    expect(disagreeing?.n).toBe(0);
    expect(disagreeing?.pairs).toBeGreaterThanOrEqual(40);

    // The worked case, completed 312 days ago at 10:00, and its audit entry say the same moment.
    const { id } = await workedCase();
    const [completed] = await db.query<{ completed_at: Date; occurred_at: Date }>(
      `SELECT v.completed_at, a.occurred_at FROM common_assessment_version v
         JOIN audit_event a ON a.action = 'assessment.completed' AND a.subject_id = v.assessment_id::text
        WHERE v.assessment_id = $1 AND v.version = 1`,
      [id],
    );
    expect(completed?.completed_at.toISOString()).toBe(`${addDays(todayIso(), -312)}T10:00:00.000Z`);
    expect(completed?.occurred_at.toISOString()).toBe(completed?.completed_at.toISOString());
  });

  it('tells the front-line story in time order: the audit trail’s sequence never goes back in time', async () => {
    const [backwards] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT occurred_at, lag(occurred_at) OVER (ORDER BY seq) AS before FROM audit_event
          WHERE chain = $1 AND request_id = 'demo-load' AND user_agent = 'ctp demo load' AND action LIKE ANY (ARRAY['assessment.%', 'referral.%'])
       ) s WHERE occurred_at < before`,
      [DEMO_AREA.code],
    );
    expect(backwards?.n).toBe(0);
  });
});

describe('the area’s local assessment form', () => {
  it('is published by the area administrator through the forms service, and offered beside the national form', async () => {
    const forms = assessmentServices({ db, clock: systemClock }).forms;
    const choices = await forms.choices(user('health.visitor@kestrelshire.example'));
    expect(choices.map((c) => [c.code, c.title])).toEqual([
      ['caf-national', 'Common Assessment Framework for children and young people'],
      ['kestrelshire-eha', 'Early help assessment (local)'],
    ]);
    const admin = user('area.admin@kestrelshire.example');
    const [stored] = await forms.list(admin);
    expect(stored).toMatchObject({ status: 'published', uploadedByName: admin.displayName, publishedByName: admin.displayName });
    expect(stored?.form.domains).toHaveLength(2);
    const audited = await db.query<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit_event WHERE subject_type = 'assessment_form' ORDER BY seq`,
    );
    expect(audited).toEqual([
      { action: 'assessment_form.uploaded', actor_user_id: admin.id },
      { action: 'assessment_form.published', actor_user_id: admin.id },
    ]);
  });
});

describe('loading the demo again', () => {
  it('adds nothing', async () => {
    const before = await counts();
    const { created } = await loadDemo(db, config, { children: 200 });
    expect(created).toBe(0);
    expect(await counts()).toEqual(before);
  });
});

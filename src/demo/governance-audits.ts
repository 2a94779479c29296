import { randomBytes } from 'node:crypto';
import { governanceServices, listBodies, SECTION11_STANDARDS, SELF_ASSESSMENT_QUESTIONS } from '../governance/index.js';
import type { RequestContext } from '../platform/audit.js';
import { authService, actorOf } from '../platform/auth/service.js';
import { findUserById, type User } from '../platform/auth/repository.js';
import { settableClock, todayOf } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { addDays } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { can, ROLES } from '../platform/policy.js';
import { DEMO_AREA } from './area.js';

/**
 * The demo's self-assessments and section 11 audits (issue 16 items 7, 8 and 11), told through the real
 * services on a settable clock, after the demo's bodies: the trust board's self-assessments for the last
 * two years (some ratings changed), and a section 11 round of the LSCB in which every agency under the
 * duty on the partner register has its audit; all but one submitted, the late one chased, and one
 * challenged by the LSCB and answered. Skipped when the area has no trust board or LSCB with seats, and
 * when it already has them (loading again changes nothing).
 */

const CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp demo load', requestId: 'demo-governance-audits' };

/** Last year's ratings, then this year's: four questions moved (lowest first: not_in_place … embedded). */
const RATINGS: Record<string, [string, string]> = {
  outcomes_focus: ['developing', 'established'],
  use_of_resources: ['developing', 'developing'],
  partner_roles: ['established', 'established'],
  stakeholders: ['developing', 'established'],
  capacity_building: ['not_in_place', 'developing'],
  good_governance: ['established', 'embedded'],
  risks_and_controls: ['established', 'developing'],
};

const EVIDENCE: Record<string, string> = {
  outcomes_focus: 'The Children and Young People’s Plan priorities are reported to each board meeting against the five outcomes.',
  use_of_resources: 'The pooled budget for short breaks is reviewed twice a year; other spending is not yet seen by the board.',
  partner_roles: 'Each partner’s commitments to the plan are recorded and reviewed at the board.',
  stakeholders: 'The young people’s forum reports to the board; the voluntary sector seat is filled by the CVYS.',
  capacity_building: 'A joint workforce development programme started this year.',
  good_governance: 'Terms of reference reviewed; declarations of interest kept and shown at each meeting.',
  risks_and_controls: 'The partnership risk register was not reviewed this year after the lead officer left.',
};

interface Seat {
  userId: string;
  memberRole: string;
}

/** The seated people of a body with sign-ins, chair and secretariat first. */
async function seatsOf(db: Db, bodyId: string): Promise<Seat[]> {
  return db.query<Seat>(
    `SELECT user_id AS "userId", member_role AS "memberRole" FROM governance_member
      WHERE body_id = $1 AND user_id IS NOT NULL AND to_date IS NULL
      ORDER BY CASE member_role WHEN 'chair' THEN 0 WHEN 'secretariat' THEN 1 ELSE 2 END, from_date`,
    [bodyId],
  );
}

const userOf = async (db: Db, id: string): Promise<User> => {
  const user = await findUserById(db, id);
  if (!user) throw new Error(`demo governance: no user ${id}`);
  return user;
};

const by = (user: User) => ({ user, actor: actorOf(user), ctx: CONTEXT });

/** The financial year the day falls in, by the year it starts: 2026-12-03 is in 2026 to 2027. */
const yearOf = (day: string) => (Number(day.slice(5, 7)) >= 4 ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1);

export async function loadDemoGovernanceAudits(db: Db, config: Config, now: Date): Promise<number> {
  const bodies = await listBodies(db, DEMO_AREA.code);
  const board = bodies.find((b) => b.kind === 'trust_board');
  const lscb = bodies.find((b) => b.kind === 'lscb');
  const today = todayOf({ now: () => now });
  const clock = settableClock(new Date(`${addDays(today, -400)}T10:00:00Z`));
  const at = (daysAgo: number, hour = 10) => clock.set(new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00Z`));
  const governance = governanceServices({ db, clock });
  let created = 0;
  if (board) created += await selfAssessments(db, governance, board.id, today, at);
  if (lscb) created += await section11(db, config, governance, lscb.id, today, at);
  return created;
}

type Governance = ReturnType<typeof governanceServices>;

async function selfAssessments(db: Db, governance: Governance, boardId: string, today: string, at: (daysAgo: number, hour?: number) => void): Promise<number> {
  const seats = await seatsOf(db, boardId);
  const lead = seats.find((s) => s.memberRole === 'chair' || s.memberRole === 'secretariat');
  if (!lead) return 0;
  const chair = await userOf(db, lead.userId);
  const member = await userOf(db, (seats.find((s) => ['member', 'vice_chair', 'chair'].includes(s.memberRole)) ?? lead).userId);
  if ((await governance.selfAssessment.list(chair)).selfAssessments.length > 0) return 0;
  const thisYear = yearOf(today);
  for (const [index, year] of [thisYear - 1, thisYear].entries()) {
    const daysAgo = index === 0 ? 380 : 45;
    at(daysAgo);
    const id = await governance.selfAssessment.start(by(member), year);
    at(daysAgo - 5);
    await governance.selfAssessment.save(
      by(member),
      id,
      SELF_ASSESSMENT_QUESTIONS.values.map((q) => ({ question: q, rating: RATINGS[q]?.[index] ?? 'developing', evidence: EVIDENCE[q] ?? '' })),
    );
    at(daysAgo - 14);
    await governance.selfAssessment.agree(by(chair), id);
  }
  return 2;
}

async function section11(
  db: Db,
  config: Config,
  governance: Governance,
  lscbId: string,
  today: string,
  at: (daysAgo: number, hour?: number) => void,
): Promise<number> {
  const lead = (await seatsOf(db, lscbId)).find((s) => s.memberRole === 'chair' || s.memberRole === 'secretariat');
  if (!lead) return 0;
  const secretariat = await userOf(db, lead.userId);
  const { rounds, audits } = governance.section11;
  if (((await rounds.rounds(secretariat))?.rounds.length ?? 0) > 0) return 0;
  const year = yearOf(today) - 1;
  at(120);
  const roundId = await rounds.setRound(by(secretariat), {
    title: `Section 11 audit ${year} to ${year + 1}`,
    periodStart: `${year}-04-01`,
    periodEnd: `${year + 1}-03-31`,
    dueOn: addDays(today, -30),
  });
  const { rows } = await rounds.overview(secretariat, roundId);
  // Which agency is late and which is challenged: chosen by their duty, not their names (the Connexions
  // service late, the chief officer of police challenged), else the last and the first.
  const duties = await db.query<{ id: string; dutyCode: string }>('SELECT id, duty_code AS "dutyCode" FROM organisation WHERE id = ANY ($1::uuid[])', [
    rows.map((r) => r.organisationId),
  ]);
  const dutyOf = (organisationId: string) => duties.find((d) => d.id === organisationId)?.dutyCode;
  const late = rows.find((r) => dutyOf(r.organisationId) === 's10-4-f') ?? rows[rows.length - 1];
  const challenged = rows.find((r) => dutyOf(r.organisationId) === 's10-4-b-chief' && r !== late) ?? rows.find((r) => r !== late);
  for (const [i, row] of rows.entries()) {
    at(100 - i * 3);
    const staff = await staffOf(db, config, row.organisationId, row.organisationName);
    const answers = SECTION11_STANDARDS.map((s, j) => {
      const notFully = (i + j) % 5 === 0;
      return {
        standardCode: s.code,
        rating: notFully ? 'partly_met' : 'met',
        evidence: `${row.organisationName}: ${notFully ? 'in place in part of the agency' : 'in place and checked this year'}.`,
        ...(notFully ? { improvement: 'Extend the arrangement across every team', improvementOwner: 'Safeguarding lead', improvementDue: `${year + 1}-09-30` } : {}),
      };
    });
    if (row === late) {
      await audits.save(by(staff), row.id, answers.slice(0, 3));
      continue;
    }
    await audits.save(by(staff), row.id, answers);
    at(100 - i * 3 - 1);
    await audits.submit(by(staff), row.id);
  }
  if (challenged) {
    at(25);
    await rounds.challenge(by(secretariat), roundId, challenged.id, 'Standard 4 is rated met: show the training figures for front-line staff, and how many have completed safeguarding training this year.');
    at(15);
    const staff = await staffOf(db, config, challenged.organisationId, challenged.organisationName);
    await audits.respond(by(staff), challenged.id, 'Figures attached to the LSCB’s next meeting papers: 86% of front-line officers trained, the rest booked by June.');
  }
  if (late) {
    at(10);
    await rounds.chase(by(secretariat), roundId, late.id);
  }
  return 1 + rows.length;
}

/**
 * Someone of the agency who can complete its audit: a demo user of that organisation, or else its
 * safeguarding lead, given an account as an administrator would (a board member's role: password only, and
 * a password no one is told, as the demo's published sign-ins are only those of the README).
 */
async function staffOf(db: Db, config: Config, organisationId: string, name: string): Promise<User> {
  const completing = ROLES.values.filter((role) => can({ role, areaCode: DEMO_AREA.code }, 'section11.complete'));
  const [found] = await db.query<{ id: string }>(
    'SELECT id FROM app_user WHERE organisation_id = $1 AND role = ANY ($2::text[]) AND disabled_at IS NULL ORDER BY email LIMIT 1',
    [organisationId, completing],
  );
  if (found) return userOf(db, found.id);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
  const id = await authService({ db, config }).createUser(
    null,
    {
      areaCode: DEMO_AREA.code,
      organisationId,
      email: `safeguarding.${slug}@kestrelshire.example`,
      displayName: `Safeguarding lead, ${name}`,
      jobTitle: 'Safeguarding lead',
      role: 'board_member',
      // Not a published demo sign-in: the account exists so the agency's own staff complete its audit.
      password: randomBytes(24).toString('base64url'),
    },
    CONTEXT,
  );
  return userOf(db, id);
}

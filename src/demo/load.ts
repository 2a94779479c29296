import { needLevelSchemeService } from '../assessment/index.js';
import { INDEX_REQUIREMENTS, insertTrainingIfNone } from '../admin/index.js';
import { SHIELDED_CONTACT } from '../children/index.js';
import {
  addAreaIfMissing,
  addDistrictIfMissing,
  findOrganisationIdByName,
  NO_DUTY,
  partnershipProblems,
  partnershipService,
  type Caller,
} from '../partnership/index.js';
import { recordAudit, type Actor, type RequestContext } from '../platform/audit.js';
import { systemClock, todayOf, type Clock } from '../platform/clock.js';
import { addDays, todayIso } from '../platform/dates.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { decryptSecret, demoTotpSecret, encryptSecret, currentTotpCode } from '../platform/auth/totp.js';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db.js';
import { areaHasChosen, changeSetting } from '../platform/settings.js';
import { requiresSecondFactor } from '../platform/policy.js';
import {
  DEMO_AREA,
  DEMO_DISTRICTS,
  DEMO_FORMER_ORGANISATIONS,
  DEMO_NEED_LEVELS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_SHIELDED_CONTACT,
  DEMO_USERS,
} from './area.js';
import { loadDemoAssessments } from './assessments.js';
import { loadDemoCommissioning } from './commissioning.js';
import { loadDemoMeetings } from './governance-meetings.js';
import { loadDemoGovernance } from './governance.js';
import { loadDemoGovernanceAudits } from './governance-audits.js';
import { loadDemoLocalForm } from './local-form.js';
import { demoProblems } from './errors.js';
import { DEMO_CHILDREN, loadDemoChildren } from './children.js';
import { loadDemoOutcomes } from './outcomes.js';
import { loadDemoPlan } from './plan.js';
import { loadDemoServices } from './services.js';
import { loadDemoPostcodes } from './postcodes.js';

const OPERATOR_CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp demo load', requestId: 'demo-load' };
const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: DEMO_AREA.code };

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM area');
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo area. Idempotent: rows are matched on their natural keys (area code, district
 * code, organisation name, email) and left alone when present, so a second run changes nothing.
 * `children` is false for no children, or how many to make (tests load a few hundred).
 */
export async function loadDemo(
  db: Db,
  config: Config,
  options: { children?: boolean | number; clock?: Clock; progress?: (message: string) => void } = {},
): Promise<{ created: number }> {
  const clock = options.clock ?? systemClock;
  const progress = options.progress ?? (() => undefined);
  if (config.production) throw demoProblems.inProduction('The demo area cannot be loaded in production');
  progress('loading the demo: the area, its districts and partner organisations');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The area is made up (its code is on no list), so it is added directly; its partners are
  // registered through the partnership service, with their duties, as an area administrator would.
  const area = await db.transaction(async (tx) => {
    let n = (await addAreaIfMissing(tx, DEMO_AREA)) ? 1 : 0;
    for (const d of DEMO_DISTRICTS) n += (await addDistrictIfMissing(tx, DEMO_AREA.code, d)) ? 1 : 0;
    return n;
  });
  const partners = await loadDemoPartners(db, clock);
  // The area's list of services, before anything names one (issue 14, bug 7).
  const services = await loadDemoServices(db, clock, { actor: OPERATOR, ctx: OPERATOR_CONTEXT });
  // Its postcodes, loaded from a file in the ONS Postcode Directory's layout as a council loads its own (issue 17).
  const postcodes = await loadDemoPostcodes(db, clock, { actor: OPERATOR, ctx: OPERATOR_CONTEXT });
  progress('loading the demo: users and settings');
  const base =
    area +
    partners +
    services +
    postcodes +
    (await db.transaction(async (tx) => {
      let created = 0;
      const inserted = async (sql: string, params: unknown[]) => {
        created += (await tx.query(sql, params)).length;
      };
      for (const u of DEMO_USERS) {
        const organisationId = await findOrganisationIdByName(tx, DEMO_AREA.code, u.organisation);
        if (organisationId === undefined) throw new Error(`demo organisation missing: ${u.organisation}`);
        await inserted(
          `INSERT INTO app_user (area_code, organisation_id, email, display_name, job_title, role, password_hash,
           totp_secret_encrypted, totp_enabled_at, is_demo, designated_safeguarding)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, true, $9)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
          [
            DEMO_AREA.code,
            organisationId,
            u.email,
            u.displayName,
            u.jobTitle,
            u.role,
            passwordHash,
            // Only roles that can see children's information sign in with a code (policy.ts); a board
            // member and a planner see counts alone, so, as the README says, they need none.
            requiresSecondFactor(u.role) ? encryptSecret(demoTotpSecret(u.email), config.totpEncryptionKey) : null,
            u.designatedSafeguarding === true,
            requiresSecondFactor(u.role) ? clock.now() : null,
          ],
        );
        // 004 Box 6.1: the demo's people are trained and vetted, their records good for three years from
        // before the story's year began (its episodes run over the year before the clock's day).
        const [user] = await tx.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [u.email]);
        for (const kind of INDEX_REQUIREMENTS) {
          if (!user) break;
          const completedOn = addDays(todayOf(clock), -400);
          created += (await insertTrainingIfNone(tx, {
            areaCode: DEMO_AREA.code,
            userId: user.id,
            kind,
            completedOn,
            expiresOn: addDays(completedOn, 3 * 365),
            recordedBy: null,
            recordedAt: clock.now(),
          }))
            ? 1
            : 0;
        }
      }
      if (!(await areaHasChosen(tx, DEMO_AREA.code, SHIELDED_CONTACT))) {
        await changeSetting(tx, clock, { actor: OPERATOR, ctx: OPERATOR_CONTEXT }, DEMO_AREA.code, SHIELDED_CONTACT, DEMO_SHIELDED_CONTACT);
        created += 1;
      }
      return created;
    }));
  // The area's levels of need, set as an area administrator sets them; from before the story's first episode.
  const levels = needLevelSchemeService({ db, clock });
  const [latest] = await levels.history(DEMO_AREA.code);
  const schemeSet = latest !== undefined && latest.version === 0;
  if (schemeSet)
    await levels.change({ actor: OPERATOR, ctx: OPERATOR_CONTEXT }, DEMO_AREA.code, {
      effectiveFrom: addDays(todayOf(clock), -400),
      levels: DEMO_NEED_LEVELS,
    });
  // A local assessment form beside the national one, published as the area administrator publishes one.
  const localForm = await loadDemoLocalForm(db, clock, OPERATOR_CONTEXT);
  // The partnership's bodies, set up as the area administrator sets them up (issue 16).
  progress('loading the demo: the trust board, its groups and the LSCB');
  const governance = await loadDemoGovernance(db, clock, { actor: OPERATOR, ctx: OPERATOR_CONTEXT });
  // Outcome figures need only the area: published values, comparators, targets, needs (issue 5).
  progress('loading the demo: outcome indicators and their values');
  const outcomeValues = await loadDemoOutcomes(db);
  const withChildren = options.children !== false;
  const childCount = typeof options.children === 'number' ? options.children : DEMO_CHILDREN;
  if (withChildren) progress(`loading the demo: ${childCount.toLocaleString('en-GB')} synthetic children into the child index`);
  const children = withChildren ? await loadDemoChildren(db, clock, childCount, progress) : 0;
  if (withChildren) progress('loading the demo: front-line work (assessments, teams, plans, referrals)');
  // Front-line episodes need the children; they are added once, even to an area loaded before they existed.
  // They happened over the year before the clock's day, each dated by a settable clock of their own (assessment-kit.ts).
  const assessments = withChildren ? await loadDemoAssessments(db, clock.now()) : 0;
  // A year of the board's meetings (issue 16 item 11), once its bodies and members are set up.
  progress('loading the demo: the board’s meetings, decisions, actions and commitments');
  const meetings = await loadDemoMeetings(db, clock);
  // The board's self-assessments and the LSCB's section 11 round, after the demo's bodies (issue 16 item 11).
  progress('loading the demo: the board’s self-assessments and section 11 audits');
  const governanceAudits = await loadDemoGovernanceAudits(db, config, clock.now());
  // Joint commissioning (issue 17): funds, commissions and contracts, after the directory and the users.
  progress('loading the demo: pooled funds, aligned budgets, commissions and contracts');
  const commissioning = await loadDemoCommissioning(db, clock, { actor: OPERATOR, ctx: OPERATOR_CONTEXT });
  // The Children and Young People's Plan (issue 18): after the needs, the bodies and the budgets it cites.
  progress('loading the demo: the Children and Young People’s Plan, its participation, consultation and review');
  const plan = await loadDemoPlan(db, clock, { actor: OPERATOR, ctx: OPERATOR_CONTEXT });
  const created =
    base + (schemeSet ? 1 : 0) + localForm + governance + children + assessments + outcomeValues + meetings + governanceAudits + commissioning + plan;
  if (created > 0) {
    await db.transaction((tx) =>
      recordAudit(tx, OPERATOR, OPERATOR_CONTEXT, {
        occurredAt: clock.now(),
        action: 'demo.loaded',
        details: { rowsCreated: base, childrenCreated: children, assessmentsCreated: assessments, outcomeValuesCreated: outcomeValues },
      }),
    );
  }
  return { created };
}

const notDemoUser = (email: string) => demoProblems.notDemoUser(`${email} is not a demo user: codes are shown only for demo users`);

/**
 * Registers the demo's partners that are missing, puts right the duty of any registered by an
 * earlier demo, and removes (or, when it holds records, closes) those the demo no longer has.
 */
async function loadDemoPartners(db: Db, clock: Clock): Promise<number> {
  const partnership = partnershipService({ db, clock });
  const caller: Caller = { actor: OPERATOR, ctx: OPERATOR_CONTEXT, principal: null };
  const { code } = DEMO_AREA;
  let changed = 0;
  for (const o of DEMO_ORGANISATIONS) {
    const id = await findOrganisationIdByName(db, code, o.name);
    if (id === undefined) await partnership.registerPartner(caller, code, o);
    else if ((await partnership.findPartner(code, id)).dutyCode !== (o.dutyCode === NO_DUTY ? null : o.dutyCode)) {
      await partnership.changePartner(caller, code, id, o);
    } else continue;
    changed += 1;
  }
  for (const name of DEMO_FORMER_ORGANISATIONS) {
    const id = await findOrganisationIdByName(db, code, name);
    if (id === undefined || (await partnership.findPartner(code, id)).closedOn !== null) continue;
    try {
      await partnership.deletePartner(caller, code, id);
    } catch (error) {
      if (!partnershipProblems.partnerHoldsRecords.is(error)) throw error;
      await partnership.closePartner(caller, code, id, todayIso(clock.now()));
    }
    changed += 1;
  }
  return changed;
}

/**
 * The current code of a demo user, computed from the published demo secret without opening the
 * database: `ctp demo totp` runs beside a serving process, and an embedded database must never
 * be opened by two processes at once.
 */
export function demoUserCode(email: string): string {
  const user = DEMO_USERS.find((u) => u.email === email.trim().toLowerCase());
  if (!user) throw notDemoUser(email);
  if (!requiresSecondFactor(user.role)) throw demoProblems.noCodeNeeded(`${user.email} signs in with the password alone: a ${user.role.replace('_', ' ')} sees no child's information`);
  return currentTotpCode(demoTotpSecret(user.email));
}

/** The current two-factor code of a demo user, from the secret stored for them. */
export async function demoTotpCode(db: Db, config: Config, email: string): Promise<string> {
  const [row] = await db.query<{ totp_secret_encrypted: string | null; is_demo: boolean }>(
    'SELECT totp_secret_encrypted, is_demo FROM app_user WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  if (!row) throw demoProblems.noSuchUser(`No user with email ${email}`);
  if (!row.is_demo || !row.totp_secret_encrypted) {
    throw notDemoUser(email);
  }
  return currentTotpCode(decryptSecret(row.totp_secret_encrypted, config.totpEncryptionKey));
}

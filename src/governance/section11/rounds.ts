import { notify } from '../../notifications/index.js';
import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { addDays, formatDate } from '../../platform/dates.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, ROLES } from '../../platform/policy.js';
import { readSetting } from '../../platform/settings.js';
import { governancePaths } from '../paths.js';
import type { BodyGate } from '../audits-gate.js';
import type { ChangeBy } from '../self-assessment/service.js';
import { periodEndAfter, readDay } from './days.js';
import { section11Problems } from './errors.js';
import * as repo from './repository.js';
import { SECTION11_PERIOD_MONTHS, SECTION11_WEEKS_TO_COMPLETE } from './settings.js';
import { SECTION11_STANDARDS, standardOf } from './standards.js';
import type { OverviewRow, Round, RoundInput, Section11Audit } from './types.js';

/**
 * The LSCB's side of section 11 (000 Appendix 1 §1.2; 000 §2.8-2.9: LSCBs "form a view of the quality
 * of local activity and … provide challenge"): rounds set by its chair or secretariat, the overview of
 * every agency's audit seen by its members and secretariat alone (the body rule, through the gate),
 * chasing a late audit and recording a challenge.
 */

/** The roles of an agency's staff who may complete its audit: whom a chase tells. */
export const completingRoles = (areaCode: string) => ROLES.values.filter((role) => can({ role, areaCode }, 'section11.complete'));

export function section11RoundsService({ db, clock, gate }: { db: Db; clock: Clock; gate: BodyGate }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  /** The area's LSCB and the caller's part in it; not found to anyone outside it (the LSCB's business is its own, 000 §2.9). */
  async function lscbOf(user: User) {
    const lscb = await gate.lscb(db, user.areaCode);
    const access = lscb ? await gate.access(db, user, lscb.id) : undefined;
    if (!lscb || !access?.member) throw section11Problems.notFound('Section 11 oversight is the LSCB’s: only its members and secretariat see it');
    return { lscb, access };
  }

  async function roundOf(user: User, id: string): Promise<{ round: Round; manage: boolean }> {
    const { lscb, access } = await lscbOf(user);
    const round = isUuid(id) ? await repo.findRound(db, user.areaCode, id) : undefined;
    if (!round || round.bodyId !== lscb.id) throw section11Problems.notFound('The round you asked for does not exist, or you cannot see it');
    return { round, manage: access.manage };
  }

  async function auditOf(user: User, roundId: string, auditId: string): Promise<{ found: Section11Audit; manage: boolean }> {
    const { round, manage } = await roundOf(user, roundId);
    const found = isUuid(auditId) ? await repo.findAudit(db, user.areaCode, auditId) : undefined;
    if (!found || found.roundId !== round.id) throw section11Problems.notFound('The audit you asked for does not exist, or you cannot see it');
    return { found, manage };
  }

  const lateOn = (dueOn: string, status: string, day: string) => status !== 'submitted' && dueOn < day;

  return {
    /** The LSCB's rounds, to its members and secretariat; to anyone else, nothing (null), said as such. */
    async rounds(user: User): Promise<{ lscbName: string; canSet: boolean; rounds: Omit<Round, 'standards'>[] } | null> {
      const lscb = await gate.lscb(db, user.areaCode);
      const access = lscb ? await gate.access(db, user, lscb.id) : undefined;
      if (!lscb || !access?.member) return null;
      return { lscbName: lscb.name, canSet: access.manage, rounds: await repo.listRounds(db, user.areaCode, lscb.id) };
    },

    /** What a new round's form starts with: the area's usual period and time to complete (settings). */
    async defaults(user: User): Promise<{ periodStart: string; periodEnd: string; dueOn: string }> {
      const day = today();
      const months = await readSetting(db, user.areaCode, SECTION11_PERIOD_MONTHS, day);
      const weeks = await readSetting(db, user.areaCode, SECTION11_WEEKS_TO_COMPLETE, day);
      const periodStart = addDays(periodEndAfter(day, -months), 1);
      return { periodStart, periodEnd: day, dueOn: addDays(day, weeks * 7) };
    },

    /** Sets a round: each agency under the section 11 duty in the period gets its audit (derived from the partner register). */
    async setRound(by: ChangeBy, input: RoundInput): Promise<string> {
      const { lscb, access } = await lscbOf(by.user);
      if (!access.manage) throw section11Problems.notChairOrSecretariat('Only the LSCB’s chair or its secretariat can set a section 11 round');
      const errors = new FieldErrors();
      const title = (input.title ?? '').trim().replace(/\s+/g, ' ');
      if (title === '') errors.add('title', 'required', 'Enter a title for the round, like Section 11 audit 2026');
      else if (title.length > 200) errors.add('title', 'max_length', 'Title must be 200 characters or fewer');
      const periodStart = readDay(errors, 'periodStart', 'Start of the period', input.periodStart);
      if (periodStart === null) errors.add('periodStart', 'required', 'Enter the start of the period audited');
      let periodEnd = readDay(errors, 'periodEnd', 'End of the period', input.periodEnd);
      let dueOn = readDay(errors, 'dueOn', 'Due date', input.dueOn);
      const day = today();
      if (periodStart && periodEnd === null) periodEnd = periodEndAfter(periodStart, await readSetting(db, by.user.areaCode, SECTION11_PERIOD_MONTHS, day));
      if (dueOn === null) dueOn = addDays(day, 7 * (await readSetting(db, by.user.areaCode, SECTION11_WEEKS_TO_COMPLETE, day)));
      if (periodStart && periodEnd && periodEnd < periodStart)
        errors.add('periodEnd', 'date_order', `End of the period must be on or after its start (${formatDate(periodStart)})`);
      if (periodStart && dueOn && dueOn < periodStart)
        errors.add('dueOn', 'date_order', `Due date must be on or after the start of the period (${formatDate(periodStart)})`);
      const codes = input.standards === undefined ? SECTION11_STANDARDS.map((s) => s.code) : [...new Set(input.standards)];
      const unknown = codes.filter((c) => standardOf(c) === undefined);
      if (unknown.length > 0) errors.add('standards', 'one_of', `“${unknown.join('”, “')}” is not one of the section 11 standards`);
      else if (codes.length === 0) errors.add('standards', 'required', 'Select at least one standard to audit');
      errors.throwIfAny();
      if (!periodStart || !periodEnd || !dueOn) throw new Error('unreachable: dates checked above');
      const agencies = await repo.listDutyAgencies(db, by.user.areaCode, periodStart, periodEnd);
      if (agencies.length === 0) {
        const message = 'No partner on the register was under the section 11 duty in that period: record their duties on the partnership page first';
        throw section11Problems.noAgencies(message, { fieldErrors: [{ field: 'periodStart', rule: 'section11_agencies', message }] });
      }
      const standards = SECTION11_STANDARDS.filter((s) => codes.includes(s.code));
      return db.transaction(async (tx) => {
        const id = await repo.insertRound(
          tx,
          { areaCode: by.user.areaCode, bodyId: lscb.id, title, periodStart, periodEnd, dueOn, userId: by.user.id, at: clock.now() },
          standards,
          agencies.map((a) => a.id),
        );
        await audit(tx, by.actor, by.ctx, {
          action: 'section11.round_set',
          subject: { type: 'section11_round', id },
          details: { title, periodStart, periodEnd, dueOn, standards: codes, agencies: agencies.map((a) => a.id) },
        });
        return id;
      });
    },

    /** The LSCB's overview of a round: every agency's completion and ratings, late ones marked. */
    async overview(user: User, roundId: string): Promise<{ round: Round; manage: boolean; rows: OverviewRow[]; today: string }> {
      const { round, manage } = await roundOf(user, roundId);
      const day = today();
      const rows = (await repo.listRoundAudits(db, round.id)).map((r) => ({ ...r, late: lateOn(round.dueOn, r.status, day) }));
      return { round, manage, rows, today: day };
    },

    /** One agency's audit as the LSCB reads it. */
    async audit(user: User, roundId: string, auditId: string): Promise<Section11Audit & { late: boolean; manage: boolean }> {
      const { found, manage } = await auditOf(user, roundId, auditId);
      return { ...found, late: lateOn(found.round.dueOn, found.status, today()), manage };
    },

    /** Chases an audit not yet submitted: the agency's staff who can complete it are told (audited; the date shown after). */
    async chase(by: ChangeBy, roundId: string, auditId: string): Promise<number> {
      const { found } = await auditOf(by.user, roundId, auditId);
      if (found.status === 'submitted') {
        const message = `${found.organisationName} submitted its audit on ${formatDate(found.submittedAt?.toISOString().slice(0, 10))}: there is nothing to chase`;
        throw section11Problems.submitted(message, { fieldErrors: [{ field: 'status', rule: 'not_submitted', message }] });
      }
      return db.transaction(async (tx) => {
        const at = clock.now();
        const told = await notify(tx, {
          event: 'safeguarding.audit_chased',
          organisationId: found.organisationId,
          roles: completingRoles(by.user.areaCode),
          link: governancePaths.section11Audit(found.id),
          exceptUserId: by.user.id,
          at,
        });
        await repo.insertChase(tx, found.id, by.user.id, at, told);
        await audit(tx, by.actor, by.ctx, {
          action: 'section11.audit_chased',
          subject: { type: 'section11_audit', id: found.id },
          details: { roundId, organisationId: found.organisationId, dueOn: found.round.dueOn, told },
        });
        return told;
      });
    },

    /** Records the LSCB's challenge to an agency's audit (000 §2.9), replacing an earlier one. */
    async challenge(by: ChangeBy, roundId: string, auditId: string, text: string | undefined): Promise<void> {
      const { found } = await auditOf(by.user, roundId, auditId);
      const challenge = (text ?? '').trim();
      const errors = new FieldErrors();
      if (challenge === '') errors.add('challenge', 'required', 'Enter the LSCB’s challenge to the agency');
      else if (challenge.length > 5000) errors.add('challenge', 'max_length', 'Challenge must be 5000 characters or fewer');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.setChallenge(tx, found.id, challenge, by.user.id, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'section11.audit_challenged',
          subject: { type: 'section11_audit', id: found.id },
          details: { roundId, organisationId: found.organisationId, challenge },
        });
      });
    },
  };
}

export type Section11RoundsService = ReturnType<typeof section11RoundsService>;

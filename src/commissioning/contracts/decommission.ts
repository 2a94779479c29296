import { chooseServiceInto } from '../../directory/index.js';
import { AppError, FieldErrors, validationFailed, type FieldError } from '../../platform/errors.js';
import { auditWithClock } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { withinTransaction } from '../../platform/db-within.js';
import { parseTypedDay } from '../../platform/effective-from.js';
import { isUuid } from '../../platform/ids.js';
import { checkMoney, financialYearOf, formatMoney } from '../../platform/money.js';
import { callerOf } from '../../platform/subject-policy.js';
import { cycleService } from '../cycle/service.js';
import { fundsService } from '../funds/service.js';
import { contractProblems } from './errors.js';
import * as repo from './repository.js';
import { contractRules } from './rules.js';
import type { ChangeBy } from './service.js';
import { REINVESTMENT_DESTINATIONS } from './types.js';

/**
 * Decommissioning a contract (ADR 0030; linked by ADR 0038): why, the day it ends (the term's end at the
 * latest), the money the ending releases and where it went (a service, a fund or elsewhere; prevention or
 * not). The contract's service stays in the directory. In the same transaction:
 *
 * - its **commission** (if any) moves to the decommissioning stage through the cycle's own `move` (its order
 *   rules apply: decommissioning is entered from review), unless another of the commission's contracts still
 *   runs, or the commission is there already;
 * - money reinvested **into a fund** is recorded on that fund as a money contribution from the contract's
 *   paying partner, for the financial year of the day after the contract ends, through funds' own
 *   `addContribution` (its rules apply). Only a contract paid outside funds has a paying partner: one paid
 *   from a fund leaves its released money in that fund, so a reinvestment into a fund is refused for it.
 */

export interface ReinvestmentInput {
  destination?: string;
  toServiceId?: string;
  toFundId?: string;
  amount?: string;
  prevention?: boolean | string;
  description?: string;
}

export interface DecommissionInput {
  decidedOn?: string;
  endsOn?: string;
  reasons?: string;
  released?: string;
  reinvestments?: ReinvestmentInput[];
}

/** What decommissioning did beyond the contract: the commission's move, and the contributions recorded on funds. */
export interface DecommissionLinks {
  commissionMoved: boolean;
  commissionStaysBecause: 'no_commission' | 'already_decommissioning' | 'other_contracts_running' | null;
  contributionIds: string[];
}

const yes = (v: unknown) => v === true || v === 'true' || v === 'yes' || v === 'on';
const dayAfter = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Another part's refusal, its fields renamed to the decommissioning's (the rule and words kept). */
function renamed(e: unknown, field: (f: FieldError) => string, prefix: string): unknown {
  if (!(e instanceof AppError) || e.fieldErrors.length === 0) return e;
  return validationFailed(e.fieldErrors.map((f) => ({ field: field(f), rule: f.rule, message: `${prefix}${f.message}` })));
}

export function decommissionService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  function readDay(errors: FieldErrors, field: string, label: string, text: string | undefined): string | undefined {
    const t = (text ?? '').trim();
    if (t === '') errors.add(field, 'required', `Enter ${label}`);
    const day = t === '' ? undefined : parseTypedDay(t);
    if (t !== '' && !day) errors.add(field, 'date_format', `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date, like 1/4/2025`);
    return day;
  }

  return {
    async decommission(by: ChangeBy, contractId: string, input: DecommissionInput): Promise<DecommissionLinks> {
      const c = isUuid(contractId) ? await repo.findContract(db, by.user.areaCode, contractId, today()) : undefined;
      if (!c) throw contractProblems.notFound('The contract you asked for does not exist in this area');
      if (!contractRules.permits(callerOf(by.user), 'manage', c)) throw contractProblems.notCommissioner('Only the commissioner manages contracts');
      if (c.state === 'decommissioned') throw contractProblems.decommissioned('The contract is already decommissioned');
      const errors = new FieldErrors();
      const decidedOn = readDay(errors, 'decidedOn', 'the day it was decided', input.decidedOn);
      if (decidedOn && decidedOn > today()) errors.add('decidedOn', 'not_future', 'The day it was decided must be today or earlier');
      const endsOn = readDay(errors, 'endsOn', 'the day the contract ends', input.endsOn);
      if (endsOn && endsOn > c.agreedEndsOn) errors.add('endsOn', 'within_term', `The contract ends on ${c.agreedEndsOn} at the latest: the end of its term`);
      if (endsOn && decidedOn && endsOn < decidedOn) errors.add('endsOn', 'after_decision', 'The day the contract ends must be on or after the day it was decided');
      const reasons = (input.reasons ?? '').trim();
      if (reasons === '') errors.add('reasons', 'required', 'Enter the reasons for decommissioning');
      else if (reasons.length > 4000) errors.add('reasons', 'max_length', 'Reasons must be 4000 characters or fewer');
      const released = checkMoney(input.released ?? '', { field: 'released', label: 'the money the ending releases' });
      if ('error' in released) errors.add(released.error.field, released.error.rule, released.error.message);
      const reinvestments: repo.NewDecommission['reinvestments'] = [];
      const { funds } = await repo.listCommissionsAndFunds(db, by.user.areaCode);
      const fieldOf = (i: number) => (name: string) => (i === 0 ? name : `reinvestments[${i}].${name}`);
      for (const [i, r] of (input.reinvestments ?? []).entries()) {
        const f = fieldOf(i);
        const destination = (r.destination ?? '').trim();
        if (!REINVESTMENT_DESTINATIONS.is(destination)) {
          errors.add(f('destination'), 'one_of', 'Select where the money went: a service, a fund, or elsewhere');
          continue;
        }
        const amount = checkMoney(r.amount ?? '', { field: f('amount'), label: 'the amount that went there', allowZero: false });
        if ('error' in amount) errors.add(amount.error.field, amount.error.rule, amount.error.message);
        const service = destination === 'service' ? await chooseServiceInto(errors, db, by.user.areaCode, r.toServiceId, today(), f('toServiceId')) : undefined;
        const fundId = (r.toFundId ?? '').trim();
        if (destination === 'fund' && !funds.some((x) => x.id === fundId)) errors.add(f('toFundId'), 'in_area', 'Select a fund of this area');
        else if (destination === 'fund' && c.payingOrganisationId === null)
          errors.add(
            f('toFundId'),
            'paid_outside_funds',
            c.fundId
              ? `The contract is paid from ${c.fundName ?? 'a fund'}: the money released stays in that fund, where it can be booked again, so it is not a new contribution to a fund`
              : 'Record the partner that pays the contract before reinvesting its money in a fund: the fund records it as that partner’s contribution',
          );
        const description = (r.description ?? '').trim();
        if (destination === 'other' && description === '') errors.add(f('description'), 'required', 'Say where the money went');
        if (description.length > 1000) errors.add(f('description'), 'max_length', 'Where the money went must be 1000 characters or fewer');
        if ('pence' in amount)
          reinvestments.push({
            destination,
            toServiceId: service?.id ?? null,
            toFundId: destination === 'fund' ? fundId : null,
            amountPence: amount.pence,
            prevention: yes(r.prevention),
            description,
          });
      }
      const total = reinvestments.reduce((sum, r) => sum + r.amountPence, 0);
      if ('pence' in released && total > released.pence)
        errors.add(
          reinvestments.length === 1 ? 'amount' : 'released',
          'within_released',
          `The money that went elsewhere (${formatMoney(total)}) is more than the money released (${formatMoney(released.pence)})`,
        );
      errors.throwIfAny();
      if (!decidedOn || !endsOn || !('pence' in released)) throw new Error('a decommissioning passed its checks incomplete');
      return db.transaction(async (tx) => {
        // The contract's row locked: a second decommissioning of it waits, then finds this one.
        await repo.lockContract(tx, c.id);
        if (await repo.findDecommission(tx, c.id)) throw contractProblems.decommissioned('The contract is already decommissioned');
        await repo.insertDecommission(tx, { contractId: c.id, areaCode: by.user.areaCode, decidedOn, endsOn, reasons, releasedPence: released.pence, userId: by.user.id, at: clock.now(), reinvestments });
        const inner = withinTransaction(tx, db);
        const links: DecommissionLinks = { commissionMoved: false, commissionStaysBecause: 'no_commission', contributionIds: [] };
        if (c.commissionId) {
          // The commission's row locked before the other contracts are read (repository-decommission.ts).
          const stage = await repo.lockCommissionStage(tx, c.commissionId);
          if (stage === 'decommissioning') links.commissionStaysBecause = 'already_decommissioning';
          else if (await repo.otherContractsRunning(tx, c.commissionId, c.id, today())) links.commissionStaysBecause = 'other_contracts_running';
          else {
            const reason = `Contract “${c.title}” decommissioned: ${reasons}`;
            try {
              await cycleService({ db: inner, clock }).move({ user: by.user, ctx: by.ctx }, c.commissionId, {
                toStage: 'decommissioning',
                reason: reason.length > 2000 ? `${reason.slice(0, 1999)}…` : reason,
              });
            } catch (e) {
              throw renamed(e, () => 'commission', `The contract’s commission “${c.commissionTitle ?? ''}” cannot move to decommissioning: `);
            }
            links.commissionMoved = true;
            links.commissionStaysBecause = null;
          }
        }
        const fundsOf = fundsService({ db: inner, clock });
        const year = financialYearOf(dayAfter(endsOn));
        for (const [i, r] of reinvestments.entries()) {
          if (r.destination !== 'fund' || r.toFundId === null) continue;
          try {
            links.contributionIds.push(
              await fundsOf.addContribution({ actor: by.actor, ctx: by.ctx, caller: callerOf(by.user) }, r.toFundId, {
                organisationId: c.payingOrganisationId ?? '',
                financialYear: year,
                kind: 'money',
                amountPence: r.amountPence,
                description: `Reinvested from the decommissioned contract “${c.title}”`,
              }),
            );
          } catch (e) {
            throw renamed(e, () => fieldOf(i)('toFundId'), 'The fund cannot record it as a contribution: ');
          }
        }
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_decommissioned',
          subject: { type: 'commissioning_contract', id: c.id },
          details: { decidedOn, endsOn, releasedPence: released.pence, reinvestments, serviceId: c.serviceId, commissionId: c.commissionId, ...links },
        });
        return links;
      });
    },
  };
}

export type DecommissionService = ReturnType<typeof decommissionService>;

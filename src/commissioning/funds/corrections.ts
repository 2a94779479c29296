import { formatDate } from '../../platform/dates.js';
import { FieldErrors } from '../../platform/errors.js';
import { financialYearLabel, formatMoney } from '../../platform/money.js';
import { requireOnFund } from '../access.js';
import { commissioningProblems } from '../errors.js';
import type { BookingDeps } from './booking.js';
import { amountOf, requiredText } from './input.js';
import * as repo from './repository.js';
import * as corrections from './repository-corrections.js';
import type { FundBy } from './service.js';

/**
 * Corrections by reversing entries (issue 17; ADR 0033). Contributions and bookings stay append-only (ADR
 * 0028): a mistake is put right by a reversing row with a reason, audited, that nets the original out of every
 * sum (the fund's, a partner's line, the statements, the resource map). The whole amount is reversed unless a
 * part is given; never more than the original, and for a commitment never more than it still awaits (what was
 * paid is corrected by reversing the spending). A row is reversed once; a reversal is never reversed.
 * Bookings are reversed by those who book on the fund; contributions by the commissioner.
 */

export interface ReversalInput {
  amount?: unknown;
  amountPence?: unknown;
  reason?: unknown;
}

const conflict = (field: string, rule: string, message: string) => commissioningProblems.conflict(message, { fieldErrors: [{ field, rule, message }] });

function amountToReverse(errors: FieldErrors, input: ReversalInput, original: number): number | undefined {
  const given = amountOf(errors, input, { label: 'the amount to reverse', required: false, allowZero: false });
  if (given === undefined) return undefined;
  if (given === null) return original;
  if (given > original) {
    errors.add(input.amountPence === undefined ? 'amount' : 'amountPence', 'exceeds_original', `No more than the original ${formatMoney(original)} can be reversed`);
    return undefined;
  }
  return given;
}

export function fundCorrections({ db, clock, find, audit }: BookingDeps) {
  return {
    /** Reverses a commitment or a spend, in whole or in part; gives the reversing entry's id. */
    async reverseEntry(by: FundBy, fundId: string, entryId: string, input: ReversalInput): Promise<string> {
      const fund = await find(by.caller.areaCode, fundId);
      requireOnFund(by.caller, 'book', { areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) });
      const entry = await corrections.findEntryToReverse(db, fund.id, entryId);
      if (!entry) throw commissioningProblems.notFound('No such booking on this fund');
      if (entry.reversesEntryId) throw conflict('entryId', 'reversal_not_reversed', 'This is a reversal: a reversal is never reversed. Book the entry again instead');
      if (entry.reversedOn) throw conflict('entryId', 'reversed_once', `This booking was already reversed on ${formatDate(entry.reversedOn)}: a booking is reversed once`);
      const errors = new FieldErrors();
      const reason = requiredText(errors, 'reason', input.reason, 'why the booking is reversed', 1000);
      const amount = amountToReverse(errors, input, entry.kind === 'commitment' ? entry.awaitsPence : entry.amountPence);
      if (entry.kind === 'commitment' && entry.awaitsPence === 0 && !errors.has('amount'))
        errors.add('amount', 'nothing_outstanding', 'The commitment has all been paid: reverse the spending that paid it instead');
      errors.throwIfAny();
      const pence = amount ?? 0;
      return db.transaction(async (tx) => {
        await repo.lockFund(tx, fund.areaCode, fund.id);
        // Read again under the fund's lock: a second reversal at once, or a payment of the commitment, waits here.
        const now = await corrections.findEntryToReverse(tx, fund.id, entry.id);
        if (!now || now.reversedOn) throw conflict('entryId', 'reversed_once', 'This booking was reversed meanwhile: a booking is reversed once');
        if (now.kind === 'commitment' && pence > now.awaitsPence)
          throw conflict('amount', 'more_than_outstanding', `Only ${formatMoney(now.awaitsPence)} of the commitment is still awaited: what was paid is corrected by reversing the spending`);
        const id = await corrections.insertEntryReversal(tx, fund.id, fund.areaCode, now, { amountPence: pence, reason, by: by.caller.userId }, clock.now());
        await audit(tx, by, 'fund.entry_reversed', fund.id, { entryId: entry.id, reversalId: id, kind: entry.kind, amountPence: pence, reason });
        return id;
      });
    },

    /**
     * Reverses a partner's contribution, in whole or in part (an unvalued contribution in kind wholly); gives the
     * reversing row's id. Money already committed or spent stays: a reversal that would leave the fund (or, in
     * aligned budgets, the partner's line for the year) below nothing is refused, naming what is left.
     */
    async reverseContribution(by: FundBy, fundId: string, contributionId: string, input: ReversalInput): Promise<string> {
      const fund = await find(by.caller.areaCode, fundId);
      requireOnFund(by.caller, 'manage', { areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) });
      const contribution = await corrections.findContributionToReverse(db, fund.id, contributionId);
      if (!contribution) throw commissioningProblems.notFound('No such contribution to this fund');
      if (contribution.reversesContributionId)
        throw conflict('contributionId', 'reversal_not_reversed', 'This is a reversal: a reversal is never reversed. Record the contribution again instead');
      if (contribution.reversedOn) throw conflict('contributionId', 'reversed_once', `This contribution was already reversed on ${formatDate(contribution.reversedOn)}: a contribution is reversed once`);
      const errors = new FieldErrors();
      const reason = requiredText(errors, 'reason', input.reason, 'why the contribution is reversed', 1000);
      let amount: number | null | undefined = null;
      if (contribution.amountPence === null) {
        if (amountOf(errors, input, { label: 'the amount', required: false, allowZero: true }) !== null)
          errors.add('amount', 'unvalued', 'The contribution was given no value: it is reversed whole, with no amount');
      } else if (contribution.amountPence === 0) amount = 0;
      else amount = amountToReverse(errors, input, contribution.amountPence);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        await repo.lockFund(tx, fund.areaCode, fund.id);
        const now = await corrections.findContributionToReverse(tx, fund.id, contribution.id);
        if (!now || now.reversedOn) throw conflict('contributionId', 'reversed_once', 'This contribution was reversed meanwhile: a contribution is reversed once');
        if (now.kind === 'money' && amount) {
          const line = fund.kind === 'aligned' ? { organisationId: now.organisationId, financialYear: now.financialYear } : null;
          const left = await repo.moneyLeft(tx, fund.id, line);
          if (amount > left) {
            const whose = line ? `the partner’s budget for ${financialYearLabel(now.financialYear)}` : 'the fund';
            const message = `${formatMoney(amount)} is more than ${whose} has not yet committed or spent (${formatMoney(Math.max(0, left))}): reverse those bookings first, or reverse less`;
            throw commissioningProblems.overspend(message, { fieldErrors: [{ field: 'amount', rule: 'already_booked', message }], details: { leftPence: Math.max(0, left) } });
          }
        }
        const id = await corrections.insertContributionReversal(tx, fund.id, fund.areaCode, now, { amountPence: amount ?? null, reason, by: by.caller.userId }, clock.now());
        await audit(tx, by, 'fund.contribution_reversed', fund.id, { contributionId: now.id, reversalId: id, kind: now.kind, amountPence: amount ?? null, reason });
        return id;
      });
    },
  };
}

import type { Clock } from '../../platform/clock.js';
import { formatDate } from '../../platform/dates.js';
import type { Db, Tx } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { financialYearOf, formatMoney } from '../../platform/money.js';
import { requireOnFund } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { ENTRY_KINDS } from '../types.js';
import { amountOf, optionalText, requiredDay, text } from './input.js';
import * as repo from './repository.js';
import type { FundBy } from './service.js';
import { inForce, type Fund } from './types.js';

/**
 * Booking commitments and spending on a fund (ADR 0028), by the commissioner or one of the fund's budget
 * holders. The agreement in force rules: the day must fall in its term, and the service must be in its scope:
 * pooled money pays only for the agreed services, whatever each partner put in (000 §2.49). A refusal names
 * the field, the rule and the clause it breaks.
 *
 * Money is checked and booked in one transaction holding the fund's row (SELECT ... FOR UPDATE): two bookings
 * on one fund run one after the other, so two drawing on its last pounds cannot both pass the check.
 */

export interface BookingInput {
  serviceId?: unknown;
  kind?: unknown;
  amount?: unknown;
  amountPence?: unknown;
  onDay?: unknown;
  description?: unknown;
  /** Aligned budgets: whose budget it comes from (a contributing partner). Left empty in a pooled fund. */
  organisationId?: unknown;
  /** A spend that pays (part of) an earlier commitment. */
  settlesEntryId?: unknown;
}

interface Deps {
  db: Db;
  clock: Clock;
  find: (areaCode: string, fundId: string) => Promise<Fund>;
  audit: (tx: Tx, by: FundBy, action: string, fundId: string, details: Record<string, unknown>) => Promise<string>;
}

const list = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? 'no service') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;

export function fundBookings({ db, clock, find, audit }: Deps) {
  return {
    /** Books a commitment or a spend; gives the entry's id. */
    async book(by: FundBy, fundId: string, input: BookingInput): Promise<string> {
      const fund = await find(by.caller.areaCode, fundId);
      requireOnFund(by.caller, 'book', { areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) });
      const errors = new FieldErrors();
      const kind = text(input.kind);
      if (!ENTRY_KINDS.is(kind)) errors.add('kind', 'one_of', 'Choose a commitment or a spend');
      const amountPence = amountOf(errors, input, { label: 'the amount', required: true, allowZero: false });
      const onDay = requiredDay(errors, 'onDay', input.onDay, 'the day it is booked for');
      const description = optionalText(errors, 'description', input.description, 'The description');
      const serviceId = text(input.serviceId);
      if (serviceId === '') errors.add('serviceId', 'required', 'Choose the service the money goes to');

      const agreement = inForce(fund);
      if (!agreement) {
        errors.add('agreement', 'agreement_in_force', 'The fund has no agreement in force: its purpose and scope are agreed before any money is booked (000 §2.49)');
        errors.throwIfAny();
        return '';
      }
      const clause = `agreement version ${agreement.version}, agreed on ${formatDate(agreement.agreedOn)}`;
      const term = `${formatDate(agreement.startsOn)} to ${formatDate(agreement.endsOn)}`;
      if (onDay && onDay < agreement.startsOn)
        errors.add('onDay', 'before_term', `${formatDate(onDay)} is before the agreement starts: its term is ${term} (${clause}, clause “Term”)`);
      if (onDay && onDay > agreement.endsOn)
        errors.add('onDay', 'after_term', `${formatDate(onDay)} is after the agreement ends: its term is ${term} (${clause}, clause “Term”)`);
      if (serviceId !== '' && !agreement.services.some((s) => s.id === serviceId)) {
        const [service] = await repo.findServicesOfArea(db, fund.areaCode, [serviceId]);
        errors.add(
          'serviceId',
          'outside_scope',
          `${service ? service.name : 'That service'} is outside the fund’s scope: it pays only for ${list(agreement.services.map((s) => s.name))} (${clause}, clause “Scope”). ` +
            'Pooled money pays only for the agreed services, whatever each partner put in (000 §2.49)',
        );
      }
      const organisationId = text(input.organisationId);
      if (fund.kind === 'pooled' && organisationId !== '')
        errors.add('organisationId', 'pooled_no_owner', 'Leave the partner empty: pooled money belongs to the fund, not to the partner that put it in (000 §2.49)');
      if (fund.kind === 'aligned' && organisationId === '') errors.add('organisationId', 'required', 'Choose whose budget the money comes from');
      const settlesEntryId = text(input.settlesEntryId);
      const commitment = settlesEntryId === '' ? undefined : await repo.findCommitment(db, fund.id, settlesEntryId);
      if (settlesEntryId !== '' && kind !== 'spend') errors.add('settlesEntryId', 'spend_only', 'Only a spend pays a commitment');
      else if (settlesEntryId !== '' && !commitment) errors.add('settlesEntryId', 'commitment', 'Choose a commitment of this fund');
      else if (commitment && commitment.serviceId !== serviceId) errors.add('settlesEntryId', 'same_service', 'A spend pays a commitment to the same service');
      errors.throwIfAny();
      if (fund.kind === 'aligned') {
        const contributors = new Set((await repo.listContributions(db, fund.id)).map((c) => c.organisationId));
        if (!contributors.has(organisationId)) {
          const message = 'Choose a partner that has put a budget into these aligned budgets';
          throw commissioningProblems.invalid(message, { fieldErrors: [{ field: 'organisationId', rule: 'contributor', message }] });
        }
      }

      const amount = amountPence ?? 0;
      return db.transaction(async (tx) => {
        // The fund's row is held until the end of this transaction: a second booking waits here (ADR 0028).
        await repo.lockFund(tx, fund.areaCode, fund.id);
        // Agreeing a version writes the fund's row too, so it cannot slip in between; a version agreed since the
        // checks above were made means they were made against the wrong scope and term: the caller tries again.
        if ((await repo.versionInForce(tx, fund.id)) !== agreement.version)
          throw commissioningProblems.conflict('The fund’s agreement was varied while this was being booked: check the scope and term, then book again');
        if (commitment) {
          const { outstanding } = (await repo.findCommitment(tx, fund.id, commitment.id)) ?? commitment;
          if (amount > outstanding) {
            const message = `Only ${formatMoney(outstanding)} of that commitment is still to be paid`;
            throw commissioningProblems.overspend(message, { fieldErrors: [{ field: 'amount', rule: 'more_than_committed', message }], details: { leftPence: outstanding } });
          }
        } else {
          const left = await repo.moneyLeft(tx, fund.id, fund.kind === 'aligned' ? organisationId : null);
          if (amount > left) {
            const whose = fund.kind === 'aligned' ? 'this partner’s budget' : 'the fund';
            const message = `${formatMoney(amount)} is more than ${whose} has left: ${formatMoney(left)} after the commitments and spending booked`;
            throw commissioningProblems.overspend(message, { fieldErrors: [{ field: 'amount', rule: 'exceeds_remaining', message }], details: { leftPence: left } });
          }
        }
        const id = await repo.insertEntry(
          tx,
          {
            fundId: fund.id,
            areaCode: fund.areaCode,
            serviceId,
            kind,
            amountPence: amount,
            onDay,
            financialYear: financialYearOf(onDay),
            organisationId: fund.kind === 'aligned' ? organisationId : null,
            settlesEntryId: commitment?.id ?? null,
            description,
            by: by.caller.userId,
          },
          clock.now(),
        );
        await audit(tx, by, `fund.${kind}_booked`, fund.id, { entryId: id, serviceId, amountPence: amount, onDay, settlesEntryId: commitment?.id ?? null });
        return id;
      });
    },
  };
}

import type { Clock } from '../../platform/clock.js';
import { formatDate } from '../../platform/dates.js';
import type { Db, Tx } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { financialYearLabel, financialYearOf, formatMoney } from '../../platform/money.js';
import { requireOnFund } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { ENTRY_KINDS } from '../types.js';
import { amountOf, optionalText, requiredDay, text } from './input.js';
import * as repo from './repository.js';
import type { FundBy } from './service.js';
import { inForce, type Fund } from './types.js';

/**
 * The one booking of commitments and spending on a fund, pooled or aligned (ADR 0028, ADR 0033), by the
 * commissioner or one of the fund's budget holders; the funds pages, the aligned budgets page and both APIs
 * call it. A refusal names the field, the rule and, for a pool, the clause it breaks.
 *
 * - A pooled fund: the agreement in force rules. The day must fall in its term and the service in its scope:
 *   pooled money pays only for the agreed services, whatever each partner put in (000 §2.49). The money left
 *   is the fund's, whoever put it in.
 * - Aligned budgets (no legal pool, 004 §4 para 135; ADR 0033): no agreement. The day must fall in the aligned
 *   budgets' term, the service is any of the area's directory, and the booking goes on one partner's own line
 *   for the financial year of its day: never more than that line has left that year.
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

export interface BookingDeps {
  db: Db;
  clock: Clock;
  find: (areaCode: string, fundId: string) => Promise<Fund>;
  audit: (tx: Tx, by: FundBy, action: string, fundId: string, details: Record<string, unknown>) => Promise<string>;
}

const list = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? 'no service') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;

const refuse = (field: string, rule: string, message: string) => commissioningProblems.invalid(message, { fieldErrors: [{ field, rule, message }] });

/** The pool's rules: the agreement in force, its term and its scope. Gives the version checked. */
async function poolChecks(db: Db, errors: FieldErrors, fund: Fund, onDay: string, serviceId: string, organisationId: string): Promise<number | undefined> {
  const agreement = inForce(fund);
  if (!agreement) {
    errors.add('agreement', 'agreement_in_force', 'The fund has no agreement in force: its purpose and scope are agreed before any money is booked (000 §2.49)');
    return undefined;
  }
  const clause = `agreement version ${agreement.version}, agreed on ${formatDate(agreement.agreedOn ?? '')}`;
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
  if (organisationId !== '')
    errors.add('organisationId', 'pooled_no_owner', 'Leave the partner empty: pooled money belongs to the fund, not to the partner that put it in (000 §2.49)');
  return agreement.version;
}

/** Aligned budgets' rules: the aligned budgets' own term, a service of the area's directory, and whose budget. */
async function alignedChecks(db: Db, errors: FieldErrors, fund: Fund, onDay: string, serviceId: string, organisationId: string): Promise<void> {
  const term = `${formatDate(fund.startsOn)} to ${fund.endsOn ? formatDate(fund.endsOn) : 'open'}`;
  if (onDay && onDay < fund.startsOn) errors.add('onDay', 'before_term', `${formatDate(onDay)} is before the aligned budgets’ term starts: it runs ${term}`);
  if (onDay && fund.endsOn !== null && onDay > fund.endsOn) errors.add('onDay', 'after_term', `${formatDate(onDay)} is after the aligned budgets’ term ends: it runs ${term}`);
  if (serviceId !== '' && (await repo.findServicesOfArea(db, fund.areaCode, [serviceId])).length === 0)
    errors.add('serviceId', 'service', 'Choose a service of the area’s directory');
  if (organisationId === '') errors.add('organisationId', 'required', 'Choose whose budget the money comes from');
}

export function fundBookings({ db, clock, find, audit }: BookingDeps) {
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
      const organisationId = text(input.organisationId);
      const version =
        fund.kind === 'pooled'
          ? await poolChecks(db, errors, fund, onDay, serviceId, organisationId)
          : await alignedChecks(db, errors, fund, onDay, serviceId, organisationId);
      if (errors.has('agreement')) errors.throwIfAny();
      const settlesEntryId = text(input.settlesEntryId);
      const commitment = settlesEntryId === '' ? undefined : await repo.findCommitment(db, fund.id, settlesEntryId);
      if (settlesEntryId !== '' && kind !== 'spend') errors.add('settlesEntryId', 'spend_only', 'Only a spend pays a commitment');
      else if (settlesEntryId !== '' && !commitment) errors.add('settlesEntryId', 'commitment', 'Choose a commitment of this fund');
      else if (commitment && commitment.serviceId !== serviceId) errors.add('settlesEntryId', 'same_service', 'A spend pays a commitment to the same service');
      else if (commitment && fund.kind === 'aligned' && commitment.organisationId !== organisationId)
        errors.add('settlesEntryId', 'same_partner', 'A spend pays a commitment on the same partner’s line');
      else if (commitment && fund.kind === 'aligned' && onDay && commitment.financialYear !== financialYearOf(onDay))
        errors.add('settlesEntryId', 'same_year', `A spend pays a commitment of the same financial year: that one is of ${financialYearLabel(commitment.financialYear)}`);
      errors.throwIfAny();

      const amount = amountPence ?? 0;
      const financialYear = financialYearOf(onDay);
      return db.transaction(async (tx) => {
        // The fund's row is held until the end of this transaction: a second booking waits here (ADR 0028).
        await repo.lockFund(tx, fund.areaCode, fund.id);
        // Agreeing a version writes the fund's row too, so it cannot slip in between; a version agreed since the
        // checks above were made means they were made against the wrong scope and term: the caller tries again.
        if (fund.kind === 'pooled' && (await repo.versionInForce(tx, fund.id)) !== version)
          throw commissioningProblems.conflict('The fund’s agreement was varied while this was being booked: check the scope and term, then book again');
        const line = fund.kind === 'aligned' ? { organisationId, financialYear } : null;
        if (line && !(await repo.hasMoneyBudget(tx, fund.id, line)))
          throw refuse('organisationId', 'contributor', `That partner has put no money into ${fund.name} for ${financialYearLabel(financialYear)}: a booking goes on the partner’s own budget for the year of its day`);
        if (commitment) {
          const { outstanding } = (await repo.findCommitment(tx, fund.id, commitment.id)) ?? commitment;
          if (amount > outstanding) {
            const message = `Only ${formatMoney(outstanding)} of that commitment is still to be paid`;
            throw commissioningProblems.overspend(message, { fieldErrors: [{ field: 'amount', rule: 'more_than_committed', message }], details: { leftPence: outstanding } });
          }
        } else {
          const left = await repo.moneyLeft(tx, fund.id, line);
          if (amount > left) {
            const whose = line ? `this partner’s budget for ${financialYearLabel(financialYear)}` : 'the fund';
            const message = `${formatMoney(amount)} is more than ${whose} has left: ${formatMoney(Math.max(0, left))} after the commitments and spending booked`;
            throw commissioningProblems.overspend(message, { fieldErrors: [{ field: 'amount', rule: 'exceeds_remaining', message }], details: { leftPence: Math.max(0, left) } });
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
            financialYear,
            organisationId: line ? organisationId : null,
            settlesEntryId: commitment?.id ?? null,
            description,
            by: by.caller.userId,
          },
          clock.now(),
        );
        await audit(tx, by, `fund.${kind}_booked`, fund.id, {
          entryId: id,
          serviceId,
          amountPence: amount,
          onDay,
          organisationId: line ? organisationId : null,
          settlesEntryId: commitment?.id ?? null,
        });
        return id;
      });
    },
  };
}

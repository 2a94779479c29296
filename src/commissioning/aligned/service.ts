import { organisationIsInArea } from '../../partnership/index.js';
import { chooseServiceInto } from '../../directory/index.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { formatDate } from '../../platform/dates.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { financialYearBounds, financialYearLabel, financialYearOf, formatMoney } from '../../platform/money.js';
import { fundOfArea, requireOnFund } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { buildStatement } from '../funds/statement.js';
import { CONTRIBUTION_KINDS, ENTRY_KINDS } from '../types.js';
import { amountInto, dayInto, financialYearInto, textOf } from './input.js';
import * as repo from './repository.js';
import type { AlignedFundInput, BudgetInput, EntryInput } from './types.js';

/**
 * Aligned budgets (issue 17 item 5; 004 §4 paras 135 and 141-142; ADR 0032): partners keep their money in
 * their own accounts and align it to a shared purpose. A fund of kind 'aligned' has no host and no pooling
 * agreement; each partner's budget for a financial year is a contribution in money (in kind too, valued or
 * not), and each commitment or spending is booked on one partner's own line, never beyond what that line
 * has left in the year. The statements are the same as a pooled fund's (statement.ts).
 */
export function alignedBudgetService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  async function fundOf(user: User, fundId: string) {
    return fundOfArea(user, isUuid(fundId) ? await repo.findAlignedFund(db, fundId) : undefined);
  }

  return {
    list: (user: User) => repo.listAlignedFunds(db, user.areaCode),

    /** The fund with its budgets, bookings and statements; reading names services and money, never a child. */
    async detail(user: User, fundId: string) {
      const fund = await fundOf(user, fundId);
      const [contributions, entries] = await Promise.all([repo.listContributions(db, fund.id), repo.listEntries(db, fund.id)]);
      // The pooled funds' statement, kind-agnostic (ADR 0028): for aligned budgets each entry is its partner's own.
      const statement = buildStatement({
        fund: { id: fund.id, name: fund.name, kind: 'aligned' },
        contributions,
        entries,
        years: termYears(fund.startsOn, fund.endsOn, todayOf(clock)),
      });
      return { fund, contributions, entries, statement };
    },

    /** Sets up aligned budgets: a name, the shared purpose and a term; no host and no legal agreement (004 para 135). */
    async create(user: User, ctx: RequestContext, input: AlignedFundInput): Promise<string> {
      const errors = new FieldErrors();
      const name = textOf(input.name).replace(/\s+/g, ' ');
      const purpose = textOf(input.purpose);
      if (name === '') errors.add('name', 'required', 'Enter a name for the aligned budgets');
      else if (name.length > 200) errors.add('name', 'too_long', 'Name must be 200 characters or fewer');
      else if (await repo.fundNameTaken(db, user.areaCode, name)) errors.add('name', 'unique', `A fund called ${name} already exists`);
      if (purpose === '') errors.add('purpose', 'required', 'Enter the shared purpose the partners align their budgets to');
      else if (purpose.length > 4000) errors.add('purpose', 'too_long', 'Purpose must be 4000 characters or fewer');
      const startsOn = dayInto(errors, 'startsOn', input.startsOn, 'the first day of the term');
      const endsOn = dayInto(errors, 'endsOn', input.endsOn, 'the last day of the term', false);
      if (startsOn && endsOn && endsOn < startsOn)
        errors.add('endsOn', 'date_order', 'The last day of the term must be on or after its first day');
      const holders = input.budgetHolderIds ?? [];
      if (holders.some((id) => !isUuid(id))) errors.add('budgetHolderIds', 'known_user', 'Budget holders must be users of the area');
      else if (holders.length) {
        const known = await db.query<{ id: string }>(
          `SELECT id::text FROM app_user WHERE id = ANY($1::uuid[]) AND area_code = $2 AND role IN ('planner', 'practice_manager')`,
          [holders, user.areaCode],
        );
        if (known.length !== new Set(holders).size)
          errors.add('budgetHolderIds', 'known_user', 'Budget holders must be planners or practice managers of the area');
      }
      errors.throwIfAny();
      const at = clock.now();
      return db.transaction(async (tx) => {
        const id = await repo.insertAlignedFund(tx, {
          areaCode: user.areaCode,
          name,
          purpose,
          startsOn: startsOn as string,
          endsOn: endsOn ?? null,
          by: user.id,
          at,
        });
        for (const holder of new Set(holders)) await repo.insertBudgetHolder(tx, id, user.areaCode, holder, user.id, at);
        await audit(tx, actorOf(user), ctx, {
          action: 'commissioning.aligned_created',
          subject: { type: 'fund', id },
          details: { name, startsOn, endsOn: endsOn ?? null, budgetHolderIds: [...new Set(holders)] },
        });
        return id;
      });
    },

    /** A partner's budget for a financial year (money), or what it puts in kind, valued or not (000 §2.52). */
    async addBudget(user: User, ctx: RequestContext, fundId: string, input: BudgetInput): Promise<string> {
      const fund = await fundOf(user, fundId);
      requireOnFund(user, 'manage', fund);
      const errors = new FieldErrors();
      const organisationId = textOf(input.organisationId);
      if (!(await organisationIsInArea(db, organisationId, user.areaCode)))
        errors.add('organisationId', 'known_partner', 'Select a partner of the area');
      const financialYear = financialYearInto(errors, input.financialYear);
      if (financialYear !== undefined) {
        const { from, to } = financialYearBounds(financialYear);
        if (to < fund.startsOn || (fund.endsOn !== null && from > fund.endsOn))
          errors.add('financialYear', 'outside_term', `${financialYearLabel(financialYear)} is outside the term of ${fund.name}`);
      }
      const kind = textOf(input.kind) || 'money';
      if (!CONTRIBUTION_KINDS.is(kind)) errors.add('kind', 'one_of', 'Select money, staff, goods or accommodation');
      const description = textOf(input.description);
      const unvalued =
        input.amount === null || input.amount === undefined || (typeof input.amount === 'string' && input.amount.trim() === '');
      const amountPence =
        kind !== 'money' && unvalued ? null : amountInto(errors, input.amount, { label: kind === 'money' ? 'the budget' : 'the value' });
      if (kind !== 'money' && description === '')
        errors.add('description', 'required', 'Describe what is given in kind: the staff, goods or accommodation');
      if (description.length > 1000) errors.add('description', 'too_long', 'Description must be 1000 characters or fewer');
      errors.throwIfAny();
      if (!CONTRIBUTION_KINDS.is(kind) || financialYear === undefined || amountPence === undefined)
        throw new Error('unreachable: checked above');
      return db.transaction(async (tx) => {
        const id = await repo.insertContribution(tx, {
          fundId: fund.id,
          areaCode: fund.areaCode,
          organisationId,
          financialYear,
          kind,
          amountPence,
          description,
          by: user.id,
          at: clock.now(),
        });
        await audit(tx, actorOf(user), ctx, {
          action: 'commissioning.budget_added',
          subject: { type: 'fund', id: fund.id },
          details: { contributionId: id, organisationId, financialYear, kind, amountPence },
        });
        return id;
      });
    },

    /**
     * A commitment or spending on one partner's line. Refused, naming the field and rule: a day outside the
     * term, a partner with no budget that year, more than the line has left (the fund is locked while it is
     * checked, so two bookings at once cannot both spend the last of it), a settled commitment of another line.
     */
    async book(user: User, ctx: RequestContext, fundId: string, input: EntryInput): Promise<string> {
      const fund = await fundOf(user, fundId);
      requireOnFund(user, 'book', fund);
      const errors = new FieldErrors();
      const today = todayOf(clock);
      const kind = textOf(input.kind) || 'spend';
      if (!ENTRY_KINDS.is(kind)) errors.add('kind', 'one_of', 'Select commitment or spend');
      const organisationId = textOf(input.organisationId);
      if (!(await organisationIsInArea(db, organisationId, user.areaCode)))
        errors.add('organisationId', 'known_partner', 'Select the partner whose budget it comes from');
      const service = await chooseServiceInto(errors, db, user.areaCode, input.serviceId, today, 'serviceId');
      const amountPence = amountInto(errors, input.amount, { allowZero: false });
      const onDay = dayInto(errors, 'onDay', input.onDay, 'the day');
      if (onDay && onDay < fund.startsOn)
        errors.add('onDay', 'before_term', `The day must be on or after ${formatDate(fund.startsOn)}, when the term starts`);
      if (onDay && fund.endsOn !== null && onDay > fund.endsOn)
        errors.add('onDay', 'after_term', `The day must be on or before ${formatDate(fund.endsOn)}, when the term ends`);
      const description = textOf(input.description);
      if (description.length > 1000) errors.add('description', 'too_long', 'Description must be 1000 characters or fewer');
      const settlesEntryId = textOf(input.settlesEntryId ?? '') || null;
      if (settlesEntryId !== null && kind !== 'spend') errors.add('settlesEntryId', 'only_spend', 'Only spending pays a commitment');
      errors.throwIfAny();
      if (!ENTRY_KINDS.is(kind) || !service || amountPence === undefined || !onDay) throw new Error('unreachable: checked above');
      const financialYear = financialYearOf(onDay);
      return db.transaction(async (tx) => {
        await repo.lockFund(tx, fund.id);
        const line = await repo.lineOf(tx, fund.id, organisationId, financialYear);
        const refuse = (field: string, rule: string, message: string) =>
          commissioningProblems.invalid(message, { fieldErrors: [{ field, rule, message }] });
        if (!line.hasBudget)
          throw refuse('organisationId', 'no_budget', `The partner has no budget in ${fund.name} for ${financialYearLabel(financialYear)}`);
        if (settlesEntryId !== null) {
          const commitment = isUuid(settlesEntryId) ? await repo.findCommitment(tx, fund.id, settlesEntryId) : undefined;
          if (
            !commitment ||
            commitment.organisationId !== organisationId ||
            commitment.financialYear !== financialYear ||
            commitment.serviceId !== service.id
          )
            throw refuse('settlesEntryId', 'same_line', 'Select a commitment of the same partner, service and financial year');
          if (amountPence > commitment.outstandingPence)
            throw refuse('amount', 'within_commitment', `The commitment has ${formatMoney(commitment.outstandingPence)} left to pay`);
        } else if (amountPence > line.remainingPence) {
          throw refuse(
            'amount',
            'within_budget',
            `The partner’s budget for ${financialYearLabel(financialYear)} has ${formatMoney(Math.max(0, line.remainingPence))} left`,
          );
        }
        const id = await repo.insertEntry(tx, {
          fundId: fund.id,
          areaCode: fund.areaCode,
          serviceId: service.id,
          kind,
          amountPence,
          onDay,
          financialYear,
          organisationId,
          settlesEntryId,
          description,
          by: user.id,
          at: clock.now(),
        });
        await audit(tx, actorOf(user), ctx, {
          action: 'commissioning.entry_booked',
          subject: { type: 'fund', id: fund.id },
          details: { entryId: id, kind, organisationId, serviceId: service.id, amountPence, onDay, settlesEntryId },
        });
        return id;
      });
    },
  };
}

/** The financial years of the term, to the current one while the term is open. */
function termYears(startsOn: string, endsOn: string | null, today: string): number[] {
  const first = financialYearOf(startsOn);
  const last = Math.max(first, financialYearOf(endsOn ?? today));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export type AlignedBudgetService = ReturnType<typeof alignedBudgetService>;

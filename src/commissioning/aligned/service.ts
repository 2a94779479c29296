import { organisationIsInArea } from '../../partnership/index.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { financialYearBounds, financialYearLabel, financialYearOf } from '../../platform/money.js';
import { fundOfArea, requireOnFund } from '../access.js';
import * as funds from '../funds/repository.js';
import { buildStatement } from '../funds/statement.js';
import { CONTRIBUTION_KINDS } from '../types.js';
import { amountInto, dayInto, financialYearInto, textOf } from './input.js';
import * as repo from './repository.js';
import type { AlignedFundInput, BudgetInput } from './types.js';

/**
 * Aligned budgets (issue 17 item 5; 004 §4 paras 135 and 141-142; ADR 0032): partners keep their money in
 * their own accounts and align it to a shared purpose. A fund of kind 'aligned' has no host and no pooling
 * agreement; each partner's budget for a financial year is a contribution in money (in kind too, valued or
 * not), and each commitment or spending is booked on one partner's own line, never beyond what that line
 * has left in the year, by funds' one booking (funds/booking.ts, ADR 0033). The statements are the same as a
 * pooled fund's (statement.ts).
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
      // The funds' own listings (reversals included, ADR 0033) and statement, kind-agnostic (ADR 0028).
      const [contributions, entries] = await Promise.all([funds.listContributions(db, fund.id), funds.listEntries(db, fund.id)]);
      const statement = buildStatement({
        fund: { id: fund.id, name: fund.name, kind: 'aligned' },
        ...(await funds.statementRows(db, fund.id)),
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

    // Bookings on a partner's line are funds' one booking (funds/booking.ts, ADR 0033), which the routes call.
  };
}

/** The financial years of the term, to the current one while the term is open. */
function termYears(startsOn: string, endsOn: string | null, today: string): number[] {
  const first = financialYearOf(startsOn);
  const last = Math.max(first, financialYearOf(endsOn ?? today));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export type AlignedBudgetService = ReturnType<typeof alignedBudgetService>;

import type { User } from '../platform/auth/repository.js';
import { callerOf, defineSubjectRules, refuse, type Caller } from '../platform/subject-policy.js';
import { commissioningProblems } from './errors.js';

/**
 * Who may do what to a fund (ADR 0027, a subject rule of ADR 0009). The route's action lets a role in at all
 * (commissioning.view, .manage, .book); this narrows it to the fund:
 *
 * - funds are the area's: nobody reaches another area's fund (it is not found);
 * - the commissioner (the planner role) sets a fund up, changes its agreement and budget holders, and books on it;
 * - a fund's budget holders (users named on it, planners or practice managers) book commitments and spending on
 *   it, and nobody else does.
 */

export interface FundFacts {
  areaCode: string;
  /** The users named as the fund's budget holders. */
  budgetHolderIds: readonly string[];
}

export const fundRules = defineSubjectRules<FundFacts, { manage: true; book: true }>('fund', (allow) => [
  allow(['planner'], 'manage', (caller, fund) => caller.areaCode === fund.areaCode),
  allow(['planner'], 'book', (caller, fund) => caller.areaCode === fund.areaCode),
  allow(['practice_manager'], 'book', (caller, fund) =>
    caller.areaCode === fund.areaCode && fund.budgetHolderIds.includes(caller.userId)
      ? true
      : refuse('Only the fund’s budget holders and the commissioner book commitments and spending on it'),
  ),
]);

/** The fund's facts when it is of the caller's area; otherwise not found (another area's fund is never shown). */
export function fundOfArea<F extends FundFacts>(user: Pick<User, 'areaCode'>, fund: F | undefined): F {
  if (!fund || fund.areaCode !== user.areaCode) throw commissioningProblems.notFound('No such fund');
  return fund;
}

/** Refuses, with the rule's words, a caller who may not do the action to the fund. */
export function requireOnFund(user: User | Caller, action: 'manage' | 'book', fund: FundFacts): void {
  const caller = 'userId' in user ? user : callerOf(user);
  const verdict = fundRules.check(caller, action, fund);
  if (!verdict.allowed) throw commissioningProblems.notBudgetHolder(verdict.reason);
}

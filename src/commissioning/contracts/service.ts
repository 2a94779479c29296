import { chooseServiceInto, directoryService } from '../../directory/index.js';
import { listIndicatorsForArea } from '../../outcomes/index.js';
import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { parseTypedDay } from '../../platform/effective-from.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { checkMoney, formatMoney } from '../../platform/money.js';
import { callerOf } from '../../platform/subject-policy.js';
import { contractProblems } from './errors.js';
import * as repo from './repository.js';
import { contractRules } from './rules.js';
import {
  CONTRACT_KINDS,
  CONTRACT_STATES,
  MONITORING,
  REINVESTMENT_DESTINATIONS,
  type Contract,
  type ContractSummary,
  type TargetDirection,
} from './types.js';

/**
 * Contracts and service level agreements (issue 17 item 6, ADR 0030): set up by the commissioner for a
 * service of the directory (its provider is the service's), optionally under a commission and paid from a
 * fund; outcome targets on the outcomes feature's indicators (direction from the indicator's polarity) and
 * activity targets; decommissioning with reasons and where the money went. Monitoring returns are returns.ts.
 */

export interface ChangeBy {
  user: User;
  actor: Actor;
  ctx: RequestContext;
}

export interface ContractFilter {
  state?: string;
  under?: string;
  kind?: string;
}

export interface ContractInput {
  kind?: string;
  title?: string;
  service?: string;
  commissionId?: string;
  fundId?: string;
  value?: string;
  startsOn?: string;
  endsOn?: string;
  monitoring?: string;
}

export interface TargetInput {
  kind?: string;
  indicatorId?: string;
  label?: string;
  targetValue?: string | number;
}

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

const NUMBER = /^-?\d+(\.\d{1,4})?$/;
const yes = (v: unknown) => v === true || v === 'true' || v === 'yes' || v === 'on';

export function contractsService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);
  const directory = directoryService({ db, clock });

  /** The area's contract, or not found; another area's is never shown. */
  async function contractOf(user: User, id: string): Promise<repo.ContractRecord> {
    const found = isUuid(id) ? await repo.findContract(db, user.areaCode, id, today()) : undefined;
    if (!found) throw contractProblems.notFound('The contract you asked for does not exist in this area');
    return found;
  }

  function requireManage(user: User, c: repo.ContractRecord): void {
    if (!contractRules.permits(callerOf(user), 'manage', c))
      throw contractProblems.notCommissioner('Only the commissioner manages contracts');
  }

  function readDay(errors: FieldErrors, field: string, label: string, text: string | undefined): string | undefined {
    const t = (text ?? '').trim();
    if (t === '') errors.add(field, 'required', `Enter ${label}`);
    const day = t === '' ? undefined : parseTypedDay(t);
    if (t !== '' && !day)
      errors.add(field, 'date_format', `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date, like 1/4/2025`);
    return day;
  }

  return {
    /** The area's contracts, filtered by state, kind or under-performance; latest start first. */
    async list(user: User, filter: ContractFilter = {}): Promise<ContractSummary[]> {
      const all = await repo.listContracts(db, user.areaCode, today());
      return all
        .filter((c) => !CONTRACT_STATES.is(filter.state) || c.state === filter.state)
        .filter((c) => !CONTRACT_KINDS.is(filter.kind) || c.kind === filter.kind)
        .filter((c) => !yes(filter.under) || c.underTarget)
        .map(({ areaCode: _a, agreedEndsOn: _e, commissionId: _c, commissionTitle: _t, fundId: _f, fundName: _n, ...summary }) => summary);
    },

    /** The contracts whose returns the caller's organisation makes (provider staff), or every one for the commissioner. */
    async forReturns(user: User): Promise<ContractSummary[]> {
      const all = await repo.listContracts(db, user.areaCode, today());
      return all.filter((c) => contractRules.permits(callerOf(user), 'enter returns', c));
    },

    /** A contract with its targets, current returns and decommissioning; what the caller may do to it. */
    async find(user: User, id: string): Promise<Contract> {
      const c = await contractOf(user, id);
      const targets = await repo.listTargets(db, c.id);
      const caller = callerOf(user);
      const open = c.state !== 'decommissioned';
      return {
        ...c,
        targets,
        returns: await repo.listReturns(db, c, targets),
        decommission: await repo.findDecommission(db, c.id),
        canManage: contractRules.permits(caller, 'manage', c),
        canEnterReturns: open && contractRules.permits(caller, 'enter returns', c),
      };
    },

    record: contractOf,

    /** What the contract form offers: open services, the area's commissions and funds. */
    async formOptions(user: User) {
      return repo.listCommissionsAndFunds(db, user.areaCode);
    },

    /** The services of the directory open today, for a contract or a reinvestment to name. */
    offeredServices: (user: User) => directory.offered(user.areaCode),

    /** The indicators a target may name: the national ones and the area's own, each with its polarity. */
    indicators: (user: User) => listIndicatorsForArea(db, user.areaCode),

    /** Sets up a contract (the commissioner; audited). */
    async create(by: ChangeBy, input: ContractInput): Promise<string> {
      if (by.user.role !== 'planner') throw contractProblems.notCommissioner('Only the commissioner sets up contracts');
      const errors = new FieldErrors();
      const kind = (input.kind ?? '').trim();
      if (!CONTRACT_KINDS.is(kind)) errors.add('kind', 'one_of', 'Select whether it is a contract or a service level agreement');
      const title = (input.title ?? '').trim().replace(/\s+/g, ' ');
      if (title === '') errors.add('title', 'required', 'Enter the contract’s title, like Family support in Northam 2025-2028');
      else if (title.length > 200) errors.add('title', 'max_length', 'Title must be 200 characters or fewer');
      const service = await chooseServiceInto(errors, db, by.user.areaCode, input.service, today(), 'service');
      const commissionId = (input.commissionId ?? '').trim();
      if (
        commissionId !== '' &&
        !(isUuid(commissionId) && (await repo.findCommissionTitle(db, by.user.areaCode, commissionId)) !== undefined)
      )
        errors.add('commissionId', 'in_area', 'Select a commission of this area, or none');
      const fundId = (input.fundId ?? '').trim();
      if (fundId !== '' && !(isUuid(fundId) && (await repo.findFundName(db, by.user.areaCode, fundId)) !== undefined))
        errors.add('fundId', 'in_area', 'Select a fund of this area, or none');
      const value = checkMoney(input.value ?? '', { field: 'value', label: 'the contract’s value' });
      if ('error' in value) errors.add(value.error.field, value.error.rule, value.error.message);
      const startsOn = readDay(errors, 'startsOn', 'the day the term starts', input.startsOn);
      const endsOn = readDay(errors, 'endsOn', 'the day the term ends', input.endsOn);
      if (startsOn && endsOn && endsOn < startsOn)
        errors.add('endsOn', 'after_start', 'The day the term ends must be the same as or after the day it starts');
      const monitoring = (input.monitoring ?? '').trim();
      if (!MONITORING.is(monitoring))
        errors.add('monitoring', 'one_of', 'Select how often the provider sends monitoring returns: every quarter or every month');
      errors.throwIfAny();
      if (!service || !startsOn || !endsOn || !('pence' in value)) throw new Error('a contract passed its checks incomplete');
      return db.transaction(async (tx) => {
        const id = await repo.insertContract(tx, {
          areaCode: by.user.areaCode,
          kind,
          title,
          serviceId: service.id,
          commissionId: commissionId || null,
          fundId: fundId || null,
          valuePence: value.pence,
          startsOn,
          endsOn,
          monitoring,
          userId: by.user.id,
          at: clock.now(),
        });
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_created',
          subject: { type: 'commissioning_contract', id },
          details: {
            kind,
            title,
            serviceId: service.id,
            valuePence: value.pence,
            startsOn,
            endsOn,
            monitoring,
            commissionId: commissionId || null,
            fundId: fundId || null,
          },
        });
        return id;
      });
    },

    /** Adds an outcome target (an indicator; its direction from the indicator's polarity) or an activity target. */
    async addTarget(by: ChangeBy, contractId: string, input: TargetInput): Promise<string> {
      const c = await contractOf(by.user, contractId);
      requireManage(by.user, c);
      if (c.state === 'decommissioned') throw contractProblems.decommissioned('A decommissioned contract takes no new targets');
      const errors = new FieldErrors();
      const kind = (input.kind ?? '').trim();
      if (kind !== 'outcome' && kind !== 'activity')
        errors.add('kind', 'one_of', 'Select whether the target is an outcome indicator or an activity');
      const existing = await repo.listTargets(db, c.id);
      let indicatorId: string | null = null;
      let direction: TargetDirection = 'at_least';
      let label = (input.label ?? '').trim().replace(/\s+/g, ' ');
      if (kind === 'outcome') {
        label = '';
        const id = (input.indicatorId ?? '').trim();
        const indicator = isUuid(id) ? (await listIndicatorsForArea(db, by.user.areaCode)).find((i) => i.id === id) : undefined;
        if (id === '') errors.add('indicatorId', 'required', 'Select the indicator the target is on');
        else if (!indicator)
          errors.add('indicatorId', 'known_indicator', 'Select an indicator of the outcomes framework (national or this area’s own)');
        else if (indicator.polarity === 'no judgement')
          errors.add(
            'indicatorId',
            'has_polarity',
            `${indicator.code} has no better direction (no judgement), so a value cannot be under or over target: choose another indicator`,
          );
        else if (existing.some((t) => t.indicatorId === indicator.id))
          errors.add('indicatorId', 'unique', `The contract already has a target on ${indicator.code}`);
        else {
          indicatorId = indicator.id;
          direction = indicator.polarity === 'lower is better' ? 'at_most' : 'at_least';
        }
      } else if (kind === 'activity') {
        if (label === '') errors.add('label', 'required', 'Enter what is counted, like Families supported');
        else if (label.length > 120) errors.add('label', 'max_length', 'What is counted must be 120 characters or fewer');
        else if (existing.some((t) => t.kind === 'activity' && t.label.toLowerCase() === label.toLowerCase()))
          errors.add('label', 'unique', `The contract already counts ${label}`);
      }
      const valueText = String(input.targetValue ?? '')
        .trim()
        .replace(/,/g, '');
      if (valueText === '') errors.add('targetValue', 'required', 'Enter the target for each period');
      else if (!NUMBER.test(valueText))
        errors.add('targetValue', 'number', 'Target must be a number with no more than 4 decimal places, like 75 or 12.5');
      else if (kind === 'activity' && !/^\d+$/.test(valueText))
        errors.add('targetValue', 'whole_number', 'An activity target must be a whole number of 0 or more');
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertTarget(tx, {
          contractId: c.id,
          kind,
          indicatorId,
          label,
          targetValue: valueText,
          direction,
          at: clock.now(),
        });
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_target_added',
          subject: { type: 'commissioning_contract', id: c.id },
          details: { targetId: id, kind, indicatorId, label, targetValue: valueText, direction },
        });
        return id;
      });
    },

    /**
     * Decommissions a contract: why, the day it ends (the term's end at the latest), the money the ending
     * releases and where it went (a service, a fund or elsewhere; reinvested in prevention or not). The
     * contract's service stays in the directory (ADR 0030): the directory's keeper closes it if it stops.
     */
    async decommission(by: ChangeBy, contractId: string, input: DecommissionInput): Promise<void> {
      const c = await contractOf(by.user, contractId);
      requireManage(by.user, c);
      if (c.state === 'decommissioned') throw contractProblems.decommissioned('The contract is already decommissioned');
      const errors = new FieldErrors();
      const decidedOn = readDay(errors, 'decidedOn', 'the day it was decided', input.decidedOn);
      if (decidedOn && decidedOn > today()) errors.add('decidedOn', 'not_future', 'The day it was decided must be today or earlier');
      const endsOn = readDay(errors, 'endsOn', 'the day the contract ends', input.endsOn);
      if (endsOn && endsOn > c.agreedEndsOn)
        errors.add('endsOn', 'within_term', `The contract ends on ${c.agreedEndsOn} at the latest: the end of its term`);
      if (endsOn && decidedOn && endsOn < decidedOn)
        errors.add('endsOn', 'after_decision', 'The day the contract ends must be on or after the day it was decided');
      const reasons = (input.reasons ?? '').trim();
      if (reasons === '') errors.add('reasons', 'required', 'Enter the reasons for decommissioning');
      else if (reasons.length > 4000) errors.add('reasons', 'max_length', 'Reasons must be 4000 characters or fewer');
      const released = checkMoney(input.released ?? '', { field: 'released', label: 'the money the ending releases' });
      if ('error' in released) errors.add(released.error.field, released.error.rule, released.error.message);
      const reinvestments: repo.NewDecommission['reinvestments'] = [];
      const { funds } = await repo.listCommissionsAndFunds(db, by.user.areaCode);
      for (const [i, r] of (input.reinvestments ?? []).entries()) {
        const f = (name: string) => (i === 0 ? name : `reinvestments[${i}].${name}`);
        const destination = (r.destination ?? '').trim();
        if (!REINVESTMENT_DESTINATIONS.is(destination)) {
          errors.add(f('destination'), 'one_of', 'Select where the money went: a service, a fund, or elsewhere');
          continue;
        }
        const amount = checkMoney(r.amount ?? '', { field: f('amount'), label: 'the amount that went there', allowZero: false });
        if ('error' in amount) errors.add(amount.error.field, amount.error.rule, amount.error.message);
        const service =
          destination === 'service'
            ? await chooseServiceInto(errors, db, by.user.areaCode, r.toServiceId, today(), f('toServiceId'))
            : undefined;
        const fundId = (r.toFundId ?? '').trim();
        if (destination === 'fund' && !funds.some((x) => x.id === fundId))
          errors.add(f('toFundId'), 'in_area', 'Select a fund of this area');
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
      await db.transaction(async (tx) => {
        await repo.insertDecommission(tx, {
          contractId: c.id,
          areaCode: by.user.areaCode,
          decidedOn,
          endsOn,
          reasons,
          releasedPence: released.pence,
          userId: by.user.id,
          at: clock.now(),
          reinvestments,
        });
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_decommissioned',
          subject: { type: 'commissioning_contract', id: c.id },
          details: { decidedOn, endsOn, releasedPence: released.pence, reinvestments, serviceId: c.serviceId },
        });
      });
    },
  };
}

export type ContractsService = ReturnType<typeof contractsService>;

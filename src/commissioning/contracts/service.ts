import { chooseServiceInto, directoryService } from '../../directory/index.js';
import { listIndicatorsForArea } from '../../outcomes/index.js';
import { auditWithClock, type Actor, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { parseTypedDay } from '../../platform/effective-from.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { checkMoney } from '../../platform/money.js';
import { organisationIsInArea } from '../../partnership/index.js';
import { callerOf } from '../../platform/subject-policy.js';
import { contractProblems } from './errors.js';
import * as repo from './repository.js';
import { contractRules } from './rules.js';
import { CONTRACT_KINDS, CONTRACT_STATES, MONITORING, type Contract, type ContractSummary } from './types.js';

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
  /** The partner that pays a contract paid outside any fund (required then; refused with a fund). */
  payingOrganisationId?: string;
  value?: string;
  startsOn?: string;
  endsOn?: string;
  monitoring?: string;
}

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

  function readDay(errors: FieldErrors, field: string, label: string, text: string | undefined): string | undefined {
    const t = (text ?? '').trim();
    if (t === '') errors.add(field, 'required', `Enter ${label}`);
    const day = t === '' ? undefined : parseTypedDay(t);
    if (t !== '' && !day)
      errors.add(field, 'date_format', `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date, like 1/4/2025`);
    return day;
  }

  /**
   * The paying partner (ADR 0038): a contract paid outside any fund names the partner of the area that pays it
   * (`payingOrganisationId`: `required`, `in_area`); one paid from a fund names none (`one_payer`), because the
   * fund's partners pay it and the resource map counts it through the fund's contributions and bookings.
   * `fundChoice`: whether the form offers a fund too (a new contract's does; the paying-partner page's does not).
   */
  async function readPayer(
    errors: FieldErrors,
    areaCode: string,
    fundId: string,
    input: string | undefined,
    { fundChoice }: { fundChoice: boolean },
  ): Promise<string | null> {
    const payer = (input ?? '').trim();
    if (fundId !== '') {
      if (payer !== '')
        errors.add(
          'payingOrganisationId',
          'one_payer',
          'A contract paid from a fund is paid by the fund’s partners: leave the paying partner empty, or choose no fund',
        );
      return null;
    }
    if (payer === '')
      errors.add(
        'payingOrganisationId',
        'required',
        fundChoice
          ? 'Select the partner that pays for the contract, or the fund that pays for it'
          : 'Select the partner that pays for the contract',
      );
    else if (!(isUuid(payer) && (await organisationIsInArea(db, payer, areaCode))))
      errors.add('payingOrganisationId', 'in_area', 'Select a partner organisation of this area');
    return payer === '' ? null : payer;
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
      const targets = await repo.listTargets(db, c.id, { withRetired: true });
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

    /** What the contract form offers: the area's commissions, funds and partners (who may pay). */
    async formOptions(user: User) {
      return { ...(await repo.listCommissionsAndFunds(db, user.areaCode)), partners: await repo.listPartners(db, user.areaCode) };
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
      const payingOrganisationId = await readPayer(errors, by.user.areaCode, fundId, input.payingOrganisationId, { fundChoice: true });
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
          payingOrganisationId,
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
            payingOrganisationId,
          },
        });
        return id;
      });
    },

    /**
     * Records the partner that pays a contract paid outside any fund (ADR 0038): for a contract set up
     * before migration 0062, which has none, or to correct one. The commissioner only; the same rules as
     * setting one up (`required`, `in_area`; a fund-paid contract names none: `one_payer`); audited with
     * before and after. A decommissioned contract may have it recorded too: the money it was paid is
     * still counted under its payer by the resource map.
     */
    async setPayer(by: ChangeBy, id: string, input: { payingOrganisationId?: string }): Promise<void> {
      const c = await contractOf(by.user, id);
      if (!contractRules.permits(callerOf(by.user), 'manage', c))
        throw contractProblems.notCommissioner('Only the commissioner records who pays for a contract');
      const errors = new FieldErrors();
      if (c.fundId !== null)
        errors.add(
          'payingOrganisationId',
          'one_payer',
          `This contract is paid from ${c.fundName ?? 'a fund'}: the fund’s partners pay it, so it names no paying partner`,
        );
      const payer =
        c.fundId === null ? await readPayer(errors, by.user.areaCode, '', input.payingOrganisationId, { fundChoice: false }) : null;
      errors.throwIfAny();
      if (payer === null) throw new Error('a paying partner passed its checks empty');
      if (payer === c.payingOrganisationId) return;
      await db.transaction(async (tx) => {
        await repo.lockContract(tx, c.id);
        await repo.setPayingPartner(tx, c.id, payer, clock.now());
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_payer_set',
          subject: { type: 'commissioning_contract', id: c.id },
          details: { before: { payingOrganisationId: c.payingOrganisationId }, after: { payingOrganisationId: payer } },
        });
      });
    },
  };
}

export type ContractsService = ReturnType<typeof contractsService>;

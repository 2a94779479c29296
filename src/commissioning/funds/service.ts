import { recordAudit, type Actor, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { financialYearOf } from '../../platform/money.js';
import type { Caller } from '../../platform/subject-policy.js';
import { requireOnFund } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { listFunds } from '../funds-list.js';
import { CONTRIBUTION_KINDS, FUND_KINDS } from '../types.js';
import { citableDecisionExists, citeDecision, listCitableDecisions, type DecisionCited } from '../../governance/index.js';
import { isUuid } from '../../platform/ids.js';
import { fundBookings, type BookingDeps } from './booking.js';
import { fundCorrections } from './corrections.js';
import { amountOf, idsOf, optionalText, requiredDay, requiredText, text } from './input.js';
import * as repo from './repository.js';
import { buildStatement, type FundStatement } from './statement.js';
import { proposed, type Agreement, type Fund } from './types.js';

/**
 * Pooled funds and aligned budgets (issue 17 items 4, 5, 9; ADR 0028): set up by the commissioner, with a
 * versioned formal agreement (a variation is a new version; the old stay readable), budget holders, partners'
 * contributions per financial year in money and in kind, and commitments and spending booked under the
 * agreement's scope and term (booking.ts). Every change is audited in its own transaction.
 */

/** Who is acting: the audit's actor and context, and the caller the fund's subject rule reads. */
export interface FundBy {
  actor: Actor;
  ctx: RequestContext;
  caller: Caller;
}

export interface FundInput {
  kind?: unknown;
  name?: unknown;
  purpose?: unknown;
  hostOrganisationId?: unknown;
  startsOn?: unknown;
  endsOn?: unknown;
}

export interface AgreementInput {
  purpose?: unknown;
  serviceIds?: unknown;
  startsOn?: unknown;
  endsOn?: unknown;
  exitTerms?: unknown;
  governance?: unknown;
  variationReason?: unknown;
}

export interface YotApprovalInput {
  approverName?: unknown;
  approverTitle?: unknown;
  organisationId?: unknown;
  approvedOn?: unknown;
}

export interface ContributionInput {
  organisationId?: unknown;
  financialYear?: unknown;
  kind?: unknown;
  amount?: unknown;
  amountPence?: unknown;
  description?: unknown;
}

const audit = (tx: Tx, by: FundBy, clock: Clock, action: string, fundId: string, details: Record<string, unknown>) =>
  recordAudit(tx, by.actor, by.ctx, { action, subject: { type: 'fund', id: fundId }, details, occurredAt: clock.now() });

export function fundsService({ db, clock }: { db: Db; clock: Clock }) {
  const today = () => todayOf(clock);

  /** The fund of the caller's area, or not found. */
  async function find(areaCode: string, fundId: string): Promise<Fund> {
    const fund = await repo.findFund(db, areaCode, fundId);
    if (!fund) throw commissioningProblems.notFound('No such fund');
    return fund;
  }

  const deps: BookingDeps = { db, clock, find, audit: (tx, by, action, fundId, details) => audit(tx, by, clock, action, fundId, details) };

  async function manageable(by: FundBy, fundId: string): Promise<Fund> {
    const fund = await find(by.caller.areaCode, fundId);
    requireOnFund(by.caller, 'manage', { areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) });
    return fund;
  }

  return {
    today,
    find,
    list: (areaCode: string) => listFunds(db, areaCode),
    contributions: async (areaCode: string, fundId: string) => repo.listContributions(db, (await find(areaCode, fundId)).id),
    entries: async (areaCode: string, fundId: string) => repo.listEntries(db, (await find(areaCode, fundId)).id),
    partners: (areaCode: string) => repo.listPartners(db, areaCode),
    serviceChoices: (areaCode: string) => repo.listServiceChoices(db, areaCode),
    possibleBudgetHolders: (areaCode: string) => repo.listPossibleBudgetHolders(db, areaCode),

    /** The fund's statement by financial year and partner, over the years of its term and any with rows. */
    async statement(areaCode: string, fundId: string): Promise<FundStatement> {
      const fund = await find(areaCode, fundId);
      const rows = await repo.statementRows(db, fund.id);
      const first = financialYearOf(fund.startsOn);
      const last = financialYearOf(fund.endsOn ?? fund.startsOn);
      const years = Array.from({ length: Math.min(20, last - first + 1) }, (_, i) => first + i);
      return buildStatement({ fund: { id: fund.id, name: fund.name, kind: fund.kind }, years, ...rows });
    },

    /** Sets up a fund (the commissioner: commissioning.manage). Its agreement is proposed and agreed next. */
    async setUp(by: FundBy, input: FundInput): Promise<string> {
      const errors = new FieldErrors();
      const kind = text(input.kind);
      if (!FUND_KINDS.is(kind)) errors.add('kind', 'one_of', 'Choose a pooled fund or aligned budgets');
      const name = requiredText(errors, 'name', input.name, 'the fund’s name', 200);
      const purpose = optionalText(errors, 'purpose', input.purpose, 'The purpose', 4000);
      const hostId = text(input.hostOrganisationId);
      const host = hostId === '' ? undefined : await repo.findPartner(db, by.caller.areaCode, hostId);
      if (kind === 'pooled' && hostId === '') errors.add('hostOrganisationId', 'required', 'Choose the partner that hosts the pooled fund and accounts for it');
      else if (hostId !== '' && !host) errors.add('hostOrganisationId', 'partner', 'Choose a partner of the area’s register');
      const startsOn = requiredDay(errors, 'startsOn', input.startsOn, 'the first day of the fund’s term');
      const endsOn = text(input.endsOn) === '' ? null : requiredDay(errors, 'endsOn', input.endsOn, 'the last day of the term');
      if (startsOn && endsOn && endsOn < startsOn) errors.add('endsOn', 'after_start', 'The last day of the term must be on or after its first day');
      if (name && (await repo.fundNameTaken(db, by.caller.areaCode, name))) errors.add('name', 'unique', 'The area already has a fund of this name');
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertFund(
          tx,
          { areaCode: by.caller.areaCode, kind, name, purpose, hostOrganisationId: host?.id ?? null, startsOn, endsOn, by: by.caller.userId },
          clock.now(),
        );
        await audit(tx, by, clock, 'fund.set_up', id, { kind, name, hostOrganisationId: host?.id ?? null, startsOn, endsOn });
        return id;
      });
    },

    /** Proposes the agreement's next version: its purpose, scope (services), term, exit terms and governance. */
    async proposeAgreement(by: FundBy, fundId: string, input: AgreementInput): Promise<number> {
      const fund = await manageable(by, fundId);
      if (fund.kind === 'aligned') {
        const message = 'Aligned budgets have no agreement: each partner keeps its money and books on its own line, within the shared purpose and term (ADR 0033)';
        throw commissioningProblems.conflict(message, { fieldErrors: [{ field: 'kind', rule: 'aligned_no_agreement', message }] });
      }
      if (proposed(fund)) throw commissioningProblems.conflict('A version of the agreement is already proposed: agree it or withdraw it first');
      const version = (fund.agreements[0]?.version ?? 0) + 1;
      const errors = new FieldErrors();
      const purpose = requiredText(errors, 'purpose', input.purpose, 'the purpose of the fund');
      const serviceIds = [...new Set(idsOf(input.serviceIds))];
      const services = await repo.findServicesOfArea(db, fund.areaCode, serviceIds);
      if (serviceIds.length === 0) errors.add('serviceIds', 'required', 'Choose the services the fund may pay for (its scope)');
      else if (services.length !== serviceIds.length) errors.add('serviceIds', 'service', 'Choose services from the area’s directory');
      const startsOn = requiredDay(errors, 'startsOn', input.startsOn, 'the first day of the agreement’s term');
      const endsOn = requiredDay(errors, 'endsOn', input.endsOn, 'the last day of the agreement’s term');
      if (startsOn && endsOn && endsOn < startsOn) errors.add('endsOn', 'after_start', 'The last day of the term must be on or after its first day');
      const exitTerms = requiredText(errors, 'exitTerms', input.exitTerms, 'the exit terms: how a partner leaves and what happens to the money left');
      const governance = requiredText(errors, 'governance', input.governance, 'the governance: who oversees the fund and how it reports');
      const variationReason = version === 1 ? '' : requiredText(errors, 'variationReason', input.variationReason, 'why the agreement is varied', 2000);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.insertAgreement(
          tx,
          { fundId: fund.id, areaCode: fund.areaCode, version, purpose, startsOn, endsOn, exitTerms, governance, variationReason, serviceIds, by: by.caller.userId },
          clock.now(),
        );
        await audit(tx, by, clock, 'fund.agreement_proposed', fund.id, { version, serviceIds, startsOn, endsOn, variationReason });
      });
      return version;
    },

    /** Records the head of the youth offending service's approval of the proposed version (000 §2.51). */
    async recordYotApproval(by: FundBy, fundId: string, version: number, input: YotApprovalInput): Promise<void> {
      const fund = await manageable(by, fundId);
      const agreement = proposed(fund);
      if (!agreement || agreement.version !== version) throw commissioningProblems.notFound('No such proposed version of the agreement');
      const errors = new FieldErrors();
      const approverName = requiredText(errors, 'approverName', input.approverName, 'the name of the head of the youth offending service', 200);
      const approverTitle = requiredText(errors, 'approverTitle', input.approverTitle, 'their job title', 200);
      const organisation = await repo.findPartner(db, fund.areaCode, text(input.organisationId));
      if (!organisation || organisation.sector !== 'youth offending')
        errors.add('organisationId', 'youth_offending_partner', 'Choose the youth offending service from the area’s partners');
      const approvedOn = requiredDay(errors, 'approvedOn', input.approvedOn, 'the day they approved');
      if (approvedOn && approvedOn > today()) errors.add('approvedOn', 'not_future', 'The day of approval cannot be in the future');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.setYotApproval(tx, agreement.id, { approverName, approverTitle, organisationId: organisation?.id ?? '', approvedOn, by: by.caller.userId }, clock.now());
        await audit(tx, by, clock, 'fund.yot_approval_recorded', fund.id, { version, approverName, approverTitle, organisationId: organisation?.id, approvedOn });
      });
    },

    /**
     * Agrees the proposed version: from then it is in force (its scope and term rule bookings) and the one
     * before is superseded, still readable. Refused while a youth offending service in scope lacks its approval.
     */
    async agree(by: FundBy, fundId: string, version: number, input: { agreedOn?: unknown; decisionId?: unknown }): Promise<void> {
      const fund = await manageable(by, fundId);
      const agreement = proposed(fund);
      if (!agreement || agreement.version !== version) throw commissioningProblems.notFound('No such proposed version of the agreement');
      const errors = new FieldErrors();
      const agreedOn = text(input.agreedOn) === '' ? today() : requiredDay(errors, 'agreedOn', input.agreedOn, 'the day the partners agreed it');
      if (agreedOn && agreedOn > today()) errors.add('agreedOn', 'not_future', 'The day agreed cannot be in the future');
      // The partners agree a pool at the board: the version names the board's decision, taken through governance.
      const decisionId = text(input.decisionId);
      if (decisionId === '') errors.add('decisionId', 'required', 'Choose the board’s decision that agreed this version');
      else if (!(isUuid(decisionId) && (await citableDecisionExists(db, fund.areaCode, decisionId))))
        errors.add('decisionId', 'known_decision', 'Choose a decision of one of the area’s bodies (the LSCB’s are its own)');
      if (agreement.needsYotApproval && !agreement.yotApproval) {
        const yot = agreement.services.filter((s) => s.serviceType === 'youth_offending').map((s) => s.name);
        errors.add(
          'yotApproval',
          'yot_head_approval',
          `The scope takes in ${yot.join(' and ')}: record the approval of the head of the youth offending service before the agreement is agreed (000 §2.51)`,
        );
      }
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.markAgreed(tx, fund.id, agreement, agreedOn, decisionId, by.caller.userId, clock.now());
        await audit(tx, by, clock, 'fund.agreement_agreed', fund.id, { version, agreedOn, decisionId });
      });
    },

    /** Withdraws a proposed version that was never agreed. */
    async withdraw(by: FundBy, fundId: string, version: number): Promise<void> {
      const fund = await manageable(by, fundId);
      const agreement = proposed(fund);
      if (!agreement || agreement.version !== version) throw commissioningProblems.notFound('No such proposed version of the agreement');
      await db.transaction(async (tx) => {
        await repo.deleteProposed(tx, agreement.id);
        await audit(tx, by, clock, 'fund.agreement_withdrawn', fund.id, { version });
      });
    },

    /** Names the fund's budget holders (planners or practice managers of the area): they, and the commissioner, book on it. */
    async setBudgetHolders(by: FundBy, fundId: string, input: { userIds?: unknown }): Promise<void> {
      const fund = await manageable(by, fundId);
      const ids = [...new Set(idsOf(input.userIds))];
      const found = await repo.findBudgetHolderCandidates(db, fund.areaCode, ids);
      if (found.length !== ids.length) {
        const message = 'Choose budget holders among the area’s planners and practice managers';
        throw commissioningProblems.invalid(message, { fieldErrors: [{ field: 'userIds', rule: 'budget_holder', message }] });
      }
      await db.transaction(async (tx) => {
        await repo.replaceBudgetHolders(tx, fund.id, fund.areaCode, ids, by.caller.userId, clock.now());
        await audit(tx, by, clock, 'fund.budget_holders_set', fund.id, { userIds: ids });
      });
    },

    /** Adds one budget holder (a planner or practice manager of the area) to the fund. */
    async addBudgetHolder(by: FundBy, fundId: string, input: { userId?: unknown }): Promise<void> {
      const fund = await manageable(by, fundId);
      const userId = text(input.userId);
      const errors = new FieldErrors();
      if (userId === '') errors.add('userId', 'required', 'Choose the person to add as a budget holder');
      else if ((await repo.findBudgetHolderCandidates(db, fund.areaCode, [userId])).length === 0)
        errors.add('userId', 'budget_holder', 'Choose a budget holder among the area’s planners and practice managers');
      else if (fund.budgetHolders.some((h) => h.userId === userId)) errors.add('userId', 'unique', 'That person already holds this budget');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.replaceBudgetHolders(tx, fund.id, fund.areaCode, [...fund.budgetHolders.map((h) => h.userId), userId], by.caller.userId, clock.now());
        await audit(tx, by, clock, 'fund.budget_holder_added', fund.id, { userId });
      });
    },

    /** Removes one budget holder: from then they no longer book on the fund. */
    async removeBudgetHolder(by: FundBy, fundId: string, userId: string): Promise<void> {
      const fund = await manageable(by, fundId);
      if (!fund.budgetHolders.some((h) => h.userId === userId)) throw commissioningProblems.notFound('That person does not hold this budget');
      await db.transaction(async (tx) => {
        await repo.replaceBudgetHolders(tx, fund.id, fund.areaCode, fund.budgetHolders.map((h) => h.userId).filter((id) => id !== userId), by.caller.userId, clock.now());
        await audit(tx, by, clock, 'fund.budget_holder_removed', fund.id, { userId });
      });
    },

    /**
     * The board's decision that agreed a version, as governance cites it: members with a declared interest in the
     * services in scope or their providers, and whether each withdrew, named only to those who see the board's
     * business (the one rule, `interestsTouching`, through `citeDecision`; ADR 0033).
     */
    async agreementDecision(viewer: Caller, agreement: Agreement): Promise<DecisionCited | null> {
      if (!agreement.decisionId) return null;
      const touches = { organisationIds: [], serviceIds: agreement.services.map((s) => s.id) };
      return (await citeDecision(db, { id: viewer.userId, role: viewer.role, areaCode: viewer.areaCode }, agreement.decisionId, touches, today())) ?? null;
    },

    /** The board's decisions a version may cite (a select's choices). */
    citableDecisions: (areaCode: string) => listCitableDecisions(db, areaCode),

    /** Records a partner's contribution for a financial year: money, or staff, goods or accommodation in kind (valued or not). */
    async addContribution(by: FundBy, fundId: string, input: ContributionInput): Promise<string> {
      const fund = await manageable(by, fundId);
      const errors = new FieldErrors();
      const partner = await repo.findPartner(db, fund.areaCode, text(input.organisationId));
      if (!partner) errors.add('organisationId', 'partner', 'Choose the contributing partner from the area’s register');
      const year = Number(text(String(input.financialYear ?? '')));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.add('financialYear', 'year', 'Enter the financial year by the year its April falls in, like 2025 for 2025-26');
      const kind = text(input.kind);
      if (!CONTRIBUTION_KINDS.is(kind)) errors.add('kind', 'one_of', 'Choose money, staff, goods or accommodation');
      const inKind = kind !== 'money';
      const amountPence = amountOf(errors, input, { label: inKind ? 'the value of the contribution' : 'the contribution', required: !inKind, allowZero: inKind });
      const description = inKind
        ? requiredText(errors, 'description', input.description, 'what is contributed in kind (the staff, goods or accommodation)', 1000)
        : optionalText(errors, 'description', input.description, 'The description');
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertContribution(
          tx,
          { fundId: fund.id, areaCode: fund.areaCode, organisationId: partner?.id ?? '', financialYear: year, kind, amountPence: amountPence ?? null, description, by: by.caller.userId },
          clock.now(),
        );
        await audit(tx, by, clock, 'fund.contribution_recorded', fund.id, { contributionId: id, organisationId: partner?.id, financialYear: year, kind, amountPence });
        return id;
      });
    },

    ...fundBookings(deps),
    ...fundCorrections(deps),
  };
}

export type FundsService = ReturnType<typeof fundsService>;

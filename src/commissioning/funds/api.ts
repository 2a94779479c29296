import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { callerOf } from '../../platform/subject-policy.js';
import { commissioningProblems } from '../errors.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { CONTRIBUTION_KINDS, ENTRY_KINDS, FUND_KINDS } from '../types.js';
import type { FundBy } from './service.js';
import { ContributionSchema, EntrySchema, FundSchema } from './types.js';

/**
 * Funds as JSON (issue 17 item 4; ADR 0028). Read by commissioning.view; set up, agreed and contributed to by
 * the commissioner (commissioning.manage); booked on by the commissioner and the fund's budget holders
 * (commissioning.book, narrowed by the fund's subject rule). Money is whole pence (`amountPence`), or typed
 * pounds and pence (`amount`, as on the pages). Fields are optional in the schemas so the service names each
 * missing one with its rule.
 */

export const fundBy = (user: User, ctx: RequestContext): FundBy => ({ actor: actorOf(user), ctx, caller: callerOf(user) });

const Text = (description?: string) => Type.Optional(Type.String(description === undefined ? {} : { description }));
const Day = (description: string) => Text(`${description} (YYYY-MM-DD)`);
const OneOf = (values: readonly string[], description: string) => Text(`${description}. One of: ${values.join(', ')}`);
const Ids = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));
const Amount = {
  amount: Text('Typed pounds and pence, like 1234.56 or £1,234.56: no more than two decimals, never negative'),
  amountPence: Type.Optional(Type.Integer({ description: 'Or the amount in whole pence' })),
};
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FundParams = Type.Object({ fundId: Type.String() });
const VersionParams = Type.Object({ fundId: Type.String(), version: Type.Integer({ minimum: 1 }) });
const Pence = Type.Integer();
const Line = Type.Object({
  year: Type.Union([Type.Integer(), Type.Null()]),
  label: Type.String(),
  contributedPence: Pence,
  inKindValuedPence: Pence,
  inKindUnvalued: Type.Integer(),
  committedPence: Pence,
  spentPence: Pence,
  remainingPence: Pence,
  balancePence: Pence,
});
const StatementSchema = Type.Object({
  fundId: Type.String(),
  fundName: Type.String(),
  kind: FUND_KINDS.schema(),
  lines: Type.Array(Line, { description: 'One per financial year, April to March' }),
  total: Line,
  partners: Type.Array(
    Type.Object({
      organisationId: Type.String(),
      organisationName: Type.String(),
      basis: Type.Union([Type.Literal('own'), Type.Literal('share')], { description: 'own: its own bookings (aligned); share: its share of the pool by money put in' }),
      lines: Type.Array(Line),
      total: Line,
    }),
  ),
  byService: Type.Array(Type.Object({ serviceId: Type.String(), serviceName: Type.String(), committedPence: Pence, spentPence: Pence })),
  unattributed: Type.Object({ committedPence: Pence, spentPence: Pence }),
});

export async function fundsApiRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { funds } = commissioning;
  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.view') });
  const manage = policy.allow('commissioning.manage');
  const invalid = [commissioningProblems.invalid];
  const found = [commissioningProblems.notFound];

  api.post(cp.apiFunds, {
    policy: manage,
    summary: 'Set up a pooled fund (with its host partner) or aligned budgets (audited); its agreement is proposed and agreed next',
    schema: {
      body: Type.Object({
        kind: OneOf(FUND_KINDS.values, 'pooled: one fund hosted by a partner; aligned: partners’ budgets side by side'),
        name: Text(),
        purpose: Text(),
        hostOrganisationId: Text('The partner that hosts a pooled fund'),
        startsOn: Day('First day of the term'),
        endsOn: Day('Last day of the term'),
      }),
      response: { 201: Created },
    },
    problems: invalid,
    work: async ({ user, body, context }) => ({ id: await funds.setUp(fundBy(user, context), body) }),
  });

  api.get(cp.apiFund(':fundId'), {
    summary: 'A fund with its budget holders and every version of its agreement (newest first)',
    schema: { params: FundParams, response: { 200: FundSchema } },
    problems: found,
    work: async ({ user, params }) => funds.find(user.areaCode, params.fundId),
  });

  api.post(cp.apiFundAgreements(':fundId'), {
    policy: manage,
    summary: 'Propose the agreement’s next version: purpose, scope (services), term, exit terms, governance; a variation says why',
    schema: {
      params: FundParams,
      body: Type.Object({
        purpose: Text(),
        serviceIds: Ids('The scope: ids of the area’s services the fund may pay for'),
        startsOn: Day('First day of the term'),
        endsOn: Day('Last day of the term'),
        exitTerms: Text(),
        governance: Text(),
        variationReason: Text('Why the agreement is varied (every version after the first)'),
      }),
      response: { 201: Type.Object({ version: Type.Integer() }) },
    },
    problems: [...invalid, ...found, commissioningProblems.conflict],
    work: async ({ user, params, body, context }) => ({ version: await funds.proposeAgreement(fundBy(user, context), params.fundId, body) }),
  });

  api.post(cp.apiFundAgreementYotApproval(':fundId', ':version'), {
    policy: manage,
    summary: 'Record the head of the youth offending service’s approval of a proposed version (000 §2.51)',
    schema: {
      params: VersionParams,
      body: Type.Object({ approverName: Text(), approverTitle: Text(), organisationId: Text('The youth offending service partner'), approvedOn: Day('The day approved') }),
      response: { 204: Type.Null() },
    },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => {
      await funds.recordYotApproval(fundBy(user, context), params.fundId, params.version, body);
    },
  });

  api.post(cp.apiFundAgreementAgree(':fundId', ':version'), {
    policy: manage,
    summary: 'Agree a proposed version at the board: it names the board’s decision (governance), comes into force, and the one before is superseded (kept readable)',
    schema: {
      params: VersionParams,
      body: Type.Object({ agreedOn: Day('The day agreed; today when absent'), decisionId: Text('The board’s decision that agreed it (a decision of one of the area’s bodies, not the LSCB’s)') }),
      response: { 204: Type.Null() },
    },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => {
      await funds.agree(fundBy(user, context), params.fundId, params.version, body);
    },
  });

  api.delete(cp.apiFundAgreement(':fundId', ':version'), {
    policy: manage,
    summary: 'Withdraw a proposed version that was never agreed',
    schema: { params: VersionParams, response: { 204: Type.Null() } },
    problems: found,
    work: async ({ user, params, context }) => {
      await funds.withdraw(fundBy(user, context), params.fundId, params.version);
    },
  });

  api.put(cp.apiFundBudgetHolders(':fundId'), {
    policy: manage,
    summary: 'Name the fund’s budget holders (planners or practice managers of the area): they and the commissioner book on it',
    schema: { params: FundParams, body: Type.Object({ userIds: Ids('The users') }), response: { 204: Type.Null() } },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => {
      await funds.setBudgetHolders(fundBy(user, context), params.fundId, body);
    },
  });

  api.get(cp.apiFundContributions(':fundId'), {
    summary: 'Partners’ contributions by financial year, in money and in kind',
    schema: { params: FundParams, response: { 200: Type.Array(ContributionSchema) } },
    problems: found,
    work: async ({ user, params }) => funds.contributions(user.areaCode, params.fundId),
  });

  api.post(cp.apiFundContributions(':fundId'), {
    policy: manage,
    summary: 'Record a partner’s contribution for a financial year: money, or staff, goods or accommodation in kind (valued or not)',
    schema: {
      params: FundParams,
      body: Type.Object({
        organisationId: Text('The contributing partner'),
        financialYear: Type.Optional(Type.Integer({ description: 'By the year its April falls in: 2025 is 2025-26' })),
        kind: OneOf(CONTRIBUTION_KINDS.values, 'Money, or a resource in kind'),
        ...Amount,
        description: Text('What is contributed in kind (required for staff, goods, accommodation)'),
      }),
      response: { 201: Created },
    },
    problems: [...invalid, ...found],
    work: async ({ user, params, body, context }) => ({ id: await funds.addContribution(fundBy(user, context), params.fundId, body) }),
  });

  api.get(cp.apiFundEntries(':fundId'), {
    summary: 'Commitments and spending booked on the fund, by day',
    schema: { params: FundParams, response: { 200: Type.Array(EntrySchema) } },
    problems: found,
    work: async ({ user, params }) => funds.entries(user.areaCode, params.fundId),
  });

  api.post(cp.apiFundEntries(':fundId'), {
    policy: policy.allow('commissioning.book'),
    summary:
      'Book a commitment or a spend on an agreed service (the commissioner and the fund’s budget holders): refused outside the agreement’s scope or term, or beyond the money left',
    schema: {
      params: FundParams,
      body: Type.Object({
        serviceId: Text('A service in the agreement’s scope'),
        kind: OneOf(ENTRY_KINDS.values, 'Money promised or paid'),
        ...Amount,
        onDay: Day('The day booked for, within the agreement’s term'),
        description: Text(),
        organisationId: Text('Aligned budgets: whose budget; empty for a pooled fund'),
        settlesEntryId: Text('A spend that pays an earlier commitment'),
      }),
      response: { 201: Created },
    },
    problems: [...invalid, ...found, commissioningProblems.notBudgetHolder, commissioningProblems.overspend, commissioningProblems.conflict],
    work: async ({ user, params, body, context }) => ({ id: await funds.book(fundBy(user, context), params.fundId, body) }),
  });

  api.get(cp.apiFundStatement(':fundId'), {
    summary: 'The fund’s statement: contributed, committed, spent and remaining by financial year, for the fund and each partner, to the penny',
    schema: { params: FundParams, response: { 200: StatementSchema } },
    problems: found,
    work: async ({ user, params }) => funds.statement(user.areaCode, params.fundId),
  });
}

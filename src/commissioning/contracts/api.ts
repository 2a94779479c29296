import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import type { User } from '../../platform/auth/repository.js';
import type { RequestContext } from '../../platform/audit.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { contractProblems } from './errors.js';
import {
  CONTRACT_KINDS,
  CONTRACT_STATES,
  ContractSchema,
  ContractSummarySchema,
  MONITORING,
  REINVESTMENT_DESTINATIONS,
  ReturnSchema,
} from './types.js';

/**
 * Contracts and monitoring returns as JSON (issue 17 item 6, ADR 0030), on the same services as the pages.
 * Amounts are sent as typed pounds and pence in a string ("1234.56"; more than two decimals refused naming
 * the field) and answered as whole pence (integers).
 */

const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Params = Type.Object({ contractId: Type.String() });
const Money = (description: string) =>
  Type.String({ description: `${description}: pounds and pence as typed, like 1234.56 (at most two decimals)` });
const Day = (description: string) => Type.String({ description: `YYYY-MM-DD (or D/M/YYYY): ${description}` });
const by = (user: User, ctx: RequestContext) => ({ user, actor: actorOf(user), ctx });

const ReturnBody = Type.Object({
  period: Type.String({ description: 'The period: 2025-26 Q1 for a quarter of a financial year, 2025-04 for a month, or its first day' }),
  spend: Money('Spent in the period'),
  notes: Type.Optional(Type.String()),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
    description: 'A value for every target, keyed by the target’s id or its column (the indicator’s code, or what an activity counts)',
  }),
});

const FaultSchema = Type.Object({ line: Type.Integer(), column: Type.String(), rule: Type.String(), message: Type.String() });
const FileReportSchema = Type.Object({
  status: Type.Union([Type.Literal('imported'), Type.Literal('rejected')], {
    description: 'rejected: the file had faults and nothing was saved',
  }),
  rows: Type.Integer(),
  saved: Type.Integer(),
  replaced: Type.Integer({ description: 'Returns that replaced one for a period already returned (kept as history)' }),
  faults: Type.Array(FaultSchema, { description: 'At most 20 of each kind of fault, each with its line, column and rule' }),
  faultSummary: Type.Object({
    total: Type.Integer(),
    kinds: Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer(), shown: Type.Array(FaultSchema), more: Type.Integer() })),
  }),
});

export async function contractApiRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { contracts, contractReturns: returns, contractTargets, contractDecommission } = commissioning;
  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.view') });
  const manage = policy.allow('commissioning.manage');
  const returnsPolicy = policy.allow('commissioning.returns');

  api.get(cp.apiContracts, {
    summary: 'The area’s contracts and service level agreements, with spend reported and whether the latest return is under target',
    schema: {
      querystring: Type.Object({
        state: Type.Optional(CONTRACT_STATES.schema()),
        kind: Type.Optional(CONTRACT_KINDS.schema()),
        under: Type.Optional(Type.Boolean({ description: 'Only those whose latest return misses a target' })),
      }),
      response: { 200: Type.Array(ContractSummarySchema) },
    },
    work: async ({ user, query }) =>
      contracts.list(user, { state: query.state, kind: query.kind, under: query.under ? 'true' : undefined }),
  });

  api.post(cp.apiContracts, {
    summary: 'Set up a contract or service level agreement for a service of the directory (the commissioner; audited)',
    policy: manage,
    schema: {
      body: Type.Object({
        kind: CONTRACT_KINDS.schema(),
        title: Type.String(),
        service: Type.String({ description: 'The service’s id or name on the area’s list' }),
        commissionId: Type.Optional(Type.String({ description: 'The commission it comes from, if any' })),
        fundId: Type.Optional(Type.String({ description: 'The fund that pays for it, if any' })),
        payingOrganisationId: Type.Optional(
          Type.String({ description: 'The partner that pays for it: required when no fund pays it, refused when one does (one_payer)' }),
        ),
        value: Money('The value over the term'),
        startsOn: Day('the first day of the term'),
        endsOn: Day('the last day of the term'),
        monitoring: MONITORING.schema({ description: 'How often returns are due' }),
      }),
      response: { 201: Created },
    },
    problems: [contractProblems.notCommissioner],
    work: async ({ user, body, context }) => ({ id: await contracts.create(by(user, context), body) }),
  });

  api.get(cp.apiContract(':contractId'), {
    summary:
      'A contract: its provider, value, term, targets, the current return of each period (flagged when under target) and any decommissioning',
    schema: { params: Params, response: { 200: ContractSchema } },
    problems: [contractProblems.notFound],
    work: async ({ user, params }) => contracts.find(user, params.contractId),
  });

  api.post(`${cp.apiContract(':contractId')}/targets`, {
    summary:
      'Add a target: an outcome indicator (its direction from the indicator’s polarity) or an activity counted, per period (the commissioner; audited)',
    policy: manage,
    schema: {
      params: Params,
      body: Type.Object({
        kind: Type.Union([Type.Literal('outcome'), Type.Literal('activity')]),
        indicatorId: Type.Optional(Type.String({ description: 'For an outcome target: an indicator of the outcomes feature' })),
        label: Type.Optional(Type.String({ description: 'For an activity target: what is counted' })),
        targetValue: Type.Union([Type.String(), Type.Number()], {
          description: 'The value each period must reach (or, lower is better, not pass)',
        }),
      }),
      response: { 201: Created },
    },
    problems: [contractProblems.notFound, contractProblems.notCommissioner, contractProblems.decommissioned],
    work: async ({ user, params, body, context }) => ({ id: await contractTargets.add(by(user, context), params.contractId, body) }),
  });

  api.post(`${cp.apiContract(':contractId')}/decommission`, {
    summary:
      'Decommission a contract: reasons, the day it ends, the money released and where it went (the commissioner; audited). The service stays in the directory.',
    policy: manage,
    schema: {
      params: Params,
      body: Type.Object({
        decidedOn: Day('the day it was decided'),
        endsOn: Day('the last day of the contract (the term’s end at the latest)'),
        reasons: Type.String(),
        released: Money('The money the ending releases'),
        reinvestments: Type.Optional(
          Type.Array(
            Type.Object({
              destination: REINVESTMENT_DESTINATIONS.schema(),
              toServiceId: Type.Optional(Type.String()),
              toFundId: Type.Optional(Type.String()),
              amount: Money('How much went there'),
              prevention: Type.Optional(Type.Boolean({ description: 'Reinvested in prevention and early intervention (004 §8.8)' })),
              description: Type.Optional(Type.String()),
            }),
            { description: 'Where the money went; together no more than the money released' },
          ),
        ),
      }),
      response: {
        200: Type.Object({
          commissionMoved: Type.Boolean({ description: 'The contract’s commission moved to the decommissioning stage' }),
          commissionStaysBecause: Type.Union([
            Type.Literal('no_commission'),
            Type.Literal('already_decommissioning'),
            Type.Literal('other_contracts_running'),
            Type.Null(),
          ]),
          contributionIds: Type.Array(Type.String({ format: 'uuid' }), {
            description: 'The contributions recorded on funds the money was reinvested in, from the paying partner',
          }),
        }),
      },
    },
    problems: [contractProblems.notFound, contractProblems.notCommissioner, contractProblems.decommissioned],
    work: async ({ user, params, body, context }) => contractDecommission.decommission(by(user, context), params.contractId, body),
  });

  api.get(`${cp.apiContract(':contractId')}/returns`, {
    summary: 'The current monitoring return of each period, latest first (the provider’s own staff and those who read commissioning)',
    policy: returnsPolicy,
    schema: { params: Params, response: { 200: Type.Array(ReturnSchema) } },
    problems: [contractProblems.notFound, contractProblems.notProviderStaff],
    work: async ({ user, params }) => returns.currentReturns(user, params.contractId),
  });

  api.post(`${cp.apiContract(':contractId')}/returns`, {
    summary:
      'Enter a monitoring return; one for a period already returned replaces it, the earlier kept as history (the provider’s own staff or the commissioner; audited)',
    policy: returnsPolicy,
    schema: {
      params: Params,
      body: ReturnBody,
      response: {
        201: Type.Object({ id: Type.String({ format: 'uuid' }), period: Type.String(), version: Type.Integer(), replaced: Type.Boolean() }),
      },
    },
    problems: [contractProblems.notFound, contractProblems.notProviderStaff, contractProblems.decommissioned],
    work: async ({ user, params, body, context }) => returns.enter(by(user, context), params.contractId, body, 'api'),
  });

  api.get(`${cp.apiContract(':contractId')}/returns/:periodStart`, {
    summary: 'Every version of one period’s return, the current one first: its history of changes',
    policy: returnsPolicy,
    schema: {
      params: Type.Object({ contractId: Type.String(), periodStart: Type.String({ description: 'The period’s first day, YYYY-MM-DD' }) }),
      response: { 200: Type.Array(ReturnSchema) },
    },
    problems: [contractProblems.notFound, contractProblems.notProviderStaff],
    work: async ({ user, params }) => (await returns.history(user, params.contractId, params.periodStart)).versions,
  });

  api.post(`${cp.apiContract(':contractId')}/returns/csv`, {
    summary:
      'Import monitoring returns from CSV text (docs/contract-returns-csv.md): all or nothing, each fault with its line, column and rule',
    policy: returnsPolicy,
    schema: {
      params: Params,
      body: Type.Object({ csv: Type.String({ description: 'The file’s text' }), fileName: Type.Optional(Type.String()) }),
      response: { 200: FileReportSchema },
    },
    problems: [contractProblems.notFound, contractProblems.notProviderStaff, contractProblems.decommissioned],
    work: async ({ user, params, body, context }) =>
      returns.importCsv(by(user, context), params.contractId, body.csv, body.fileName ?? 'returns.csv'),
  });
}

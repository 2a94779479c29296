import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { financialYearLabel, formatMoney } from '../../platform/money.js';
import { can, policy } from '../../platform/policy.js';
import { fundRules } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { page } from '../page.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { CONTRIBUTION_KIND_LABELS, CONTRIBUTION_KINDS, ENTRY_KIND_LABELS, ENTRY_KINDS } from '../types.js';
import { callerOf } from '../../platform/subject-policy.js';
import type { StatementLine } from '../funds/statement.js';
import { fundBy } from '../funds/api.js';
import { AlignedFundDetailSchema, AlignedFundSchema } from './types.js';

/**
 * Aligned budgets' pages and JSON API (issue 17 item 5; ADR 0032): the list, setting up, and one fund's page
 * with its statements, its partners' budgets and bookings, and the forms that add a budget (the commissioner)
 * and book on a partner's line (the commissioner and the fund's budget holders).
 */

const BANNERS: Record<string, string> = {
  created: 'Aligned budgets set up: add each partner’s budget for the year',
  budget: 'Budget added',
  booked: 'Booked on the partner’s line',
  holder: 'Budget holder added',
  removed: 'Budget holder removed',
  reversed: 'Reversed: the reversing entry is shown beside the original',
};

type FundParams = { Params: { fundId: string }; Querystring: Form };

/** A statement year as a row of the GOV.UK table: money as £1,234.56, in kind counted. */
const statementRow = (y: StatementLine) => [
  { text: y.label },
  { text: formatMoney(y.contributedPence), format: 'numeric' },
  { text: formatMoney(y.committedPence), format: 'numeric' },
  { text: formatMoney(y.spentPence), format: 'numeric' },
  { text: formatMoney(y.remainingPence), format: 'numeric' },
  {
    text: `${formatMoney(y.inKindValuedPence)}${y.inKindUnvalued ? ` and ${y.inKindUnvalued} not valued` : ''}`,
    format: 'numeric',
  },
];

export async function alignedBudgetRoutes(app: FastifyInstance, { commissioning, partnership }: CommissioningRouteOptions): Promise<void> {
  const service = commissioning.aligned;
  const prefixed = (prefix: string, fields: string[]) => Object.fromEntries(fields.map((f) => [f, `${prefix}-${f}`]));
  const budgetHrefs = prefixed('budget', ['organisationId', 'financialYear', 'kind', 'amount', 'description']);
  const entryHrefs = prefixed('entry', ['organisationId', 'serviceId', 'kind', 'amount', 'onDay', 'settlesEntryId', 'description']);

  app.get<{ Querystring: Form }>(cp.alignedBudgets, pageRoute('commissioning.view'), async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'aligned/list.njk', {
      pageTitle: 'Aligned budgets',
      funds: await service.list(user),
      canManage: can(user, 'commissioning.manage'),
    });
  });

  const newPage = (reply: FastifyReply, values: Form, errors?: FormErrors, status = 200) =>
    page(reply, 'aligned/new.njk', { pageTitle: 'Set up aligned budgets', values, errors }, status);

  app.get(cp.alignedBudgetsNew, pageRoute('commissioning.manage'), async (_request, reply) => newPage(reply, {}));

  app.post(cp.alignedBudgetsNew, pageRoute('commissioning.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => service.create(user, request.context, form),
      (errors, status) => newPage(reply, form, errors, status),
    );
    return result.ok ? reply.redirect(`${cp.alignedBudget(result.value)}?done=created`, 303) : reply;
  });

  async function fundPage(
    reply: FastifyReply,
    user: User,
    fundId: string,
    extra: { banner?: string; budget?: Form; entry?: Form; holder?: Form; budgetErrors?: FormErrors; entryErrors?: FormErrors; holderErrors?: FormErrors },
    status = 200,
  ) {
    const detail = await service.detail(user, fundId);
    const caller = callerOf(user);
    const canManage = can(user, 'commissioning.manage') && fundRules.permits(caller, 'manage', detail.fund);
    const canBook = can(user, 'commissioning.book') && fundRules.permits(caller, 'book', detail.fund);
    const partners = canManage || canBook ? await partnership.listOrganisations(user.areaCode) : [];
    const services = canBook ? await commissioning.openServices(user.areaCode) : [];
    const { budgetHolders } = await commissioning.funds.find(user.areaCode, detail.fund.id);
    const possible = canManage ? await commissioning.funds.possibleBudgetHolders(user.areaCode) : [];
    const items = (list: { id: string; name: string }[], chosen: string | undefined, none: string) => [
      { value: '', text: none },
      ...list.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen })),
    ];
    const openCommitments = detail.entries.filter((e) => e.kind === 'commitment' && e.reversesEntryId === null);
    return page(
      reply,
      'aligned/fund.njk',
      {
        pageTitle: detail.fund.name,
        ...detail,
        yearRows: detail.statement.lines.map(statementRow),
        totalRow: statementRow(detail.statement.total),
        partnerTables: detail.statement.partners.map((p) => ({
          name: p.organisationName,
          rows: [...p.lines.map(statementRow), statementRow(p.total)],
        })),
        canManage,
        canBook,
        budget: extra.budget ?? { kind: 'money' },
        entry: extra.entry ?? { kind: 'spend' },
        errors: extra.budgetErrors ?? extra.entryErrors ?? extra.holderErrors,
        budgetErrors: extra.budgetErrors,
        entryErrors: extra.entryErrors,
        holderErrors: extra.holderErrors,
        budgetHolders,
        holderItems: [
          { value: '', text: 'Select a planner or practice manager' },
          ...possible
            .filter((p) => !budgetHolders.some((h) => h.userId === p.userId))
            .map((p) => ({ value: p.userId, text: `${p.displayName} (${p.role === 'planner' ? 'planner' : 'practice manager'})`, selected: p.userId === extra.holder?.userId })),
        ],
        banner: extra.banner,
        partnerItemsBudget: items(partners, extra.budget?.organisationId, 'Select a partner'),
        partnerItemsEntry: items(partners, extra.entry?.organisationId, 'Select a partner'),
        serviceItems: items(services, extra.entry?.serviceId, 'Select a service'),
        commitmentItems: [
          { value: '', text: 'None: new spending' },
          ...openCommitments.map((e) => ({
            value: e.id,
            text: `${e.organisationName ?? ''}, ${e.serviceName}, ${formatMoney(e.amountPence)} on ${e.onDay}`,
            selected: e.id === extra.entry?.settlesEntryId,
          })),
        ],
        kindItems: CONTRIBUTION_KINDS.values.map((k) => ({
          value: k,
          text: CONTRIBUTION_KIND_LABELS[k],
          checked: k === (extra.budget?.kind ?? 'money'),
        })),
        entryKindItems: ENTRY_KINDS.values.map((k) => ({
          value: k,
          text: ENTRY_KIND_LABELS[k],
          checked: k === (extra.entry?.kind ?? 'spend'),
        })),
        financialYearLabel,
      },
      status,
    );
  }

  app.get<FundParams>(cp.alignedBudget(':fundId'), pageRoute('commissioning.view'), async (request, reply) =>
    fundPage(reply, signedIn(request).user, request.params.fundId, { banner: BANNERS[request.query.done ?? ''] }),
  );

  app.post<FundParams>(cp.alignedBudgetBudgets(':fundId'), pageRoute('commissioning.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => service.addBudget(user, request.context, request.params.fundId, form),
      (errors, status) => fundPage(reply, user, request.params.fundId, { budget: form, budgetErrors: errors }, status),
      { hrefs: budgetHrefs },
    );
    return result.ok ? reply.redirect(`${cp.alignedBudget(request.params.fundId)}?done=budget`, 303) : reply;
  });

  // Booking on a partner's line is funds' one booking (funds/booking.ts, ADR 0033).
  app.post<FundParams>(cp.alignedBudgetEntries(':fundId'), pageRoute('commissioning.book'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => commissioning.funds.book(fundBy(user, request.context), request.params.fundId, form),
      (errors, status) => fundPage(reply, user, request.params.fundId, { entry: form, entryErrors: errors }, status),
      { hrefs: entryHrefs, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${cp.alignedBudget(request.params.fundId)}?done=booked`, 303) : reply;
  });

  // Budget holders: added and removed on the page by the commissioner, each change audited (funds' service).
  app.post<FundParams>(cp.alignedBudgetHolders(':fundId'), pageRoute('commissioning.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => commissioning.funds.addBudgetHolder(fundBy(user, request.context), request.params.fundId, form),
      (errors, status) => fundPage(reply, user, request.params.fundId, { holder: form, holderErrors: errors }, status),
      { hrefs: { userId: 'holder-userId' } },
    );
    return result.ok ? reply.redirect(`${cp.alignedBudget(request.params.fundId)}?done=holder`, 303) : reply;
  });

  app.post<{ Params: { fundId: string; userId: string } }>(cp.alignedBudgetHolderRemove(':fundId', ':userId'), pageRoute('commissioning.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    await commissioning.funds.removeBudgetHolder(fundBy(user, request.context), request.params.fundId, request.params.userId);
    return reply.redirect(`${cp.alignedBudget(request.params.fundId)}?done=removed`, 303);
  });

  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.view') });
  const FundParamsSchema = Type.Object({ fundId: Type.String() });
  const Created = { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) };
  const problems = [commissioningProblems.invalid, commissioningProblems.notFound, commissioningProblems.notBudgetHolder, commissioningProblems.overspend, commissioningProblems.conflict];

  api.get(cp.apiAlignedBudgets, {
    summary: 'The area’s aligned budgets (004 §4: partners’ budgets side by side for a shared purpose, no legal pool)',
    schema: { response: { 200: Type.Array(AlignedFundSchema) } },
    work: async ({ user }) => service.list(user),
  });

  api.get(cp.apiAlignedBudget(':fundId'), {
    summary:
      'One aligned fund: its partners’ budgets, bookings and statements (contributed, committed, spent, remaining by year, whole pence)',
    schema: { params: FundParamsSchema, response: { 200: AlignedFundDetailSchema } },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params }) => service.detail(user, params.fundId),
  });

  api.post(cp.apiAlignedBudgets, {
    policy: policy.allow('commissioning.manage'),
    summary: 'Set up aligned budgets: a name, the shared purpose and a term (audited)',
    schema: {
      body: Type.Object({
        name: Type.String(),
        purpose: Type.String(),
        startsOn: Type.String({ description: 'YYYY-MM-DD' }),
        endsOn: Type.Optional(Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()])),
        budgetHolderIds: Type.Optional(
          Type.Array(Type.String(), { description: 'Planners or practice managers of the area who may book on it' }),
        ),
      }),
      response: Created,
    },
    problems: [commissioningProblems.invalid],
    work: async ({ user, body, context }) => ({ id: await service.create(user, context, body) }),
  });

  api.post(cp.apiAlignedBudgetBudgets(':fundId'), {
    policy: policy.allow('commissioning.manage'),
    summary: 'A partner’s budget for a financial year, or a contribution in kind, valued or not (audited)',
    schema: {
      params: FundParamsSchema,
      body: Type.Object({
        organisationId: Type.String(),
        financialYear: Type.Integer({ description: 'The year its April falls in' }),
        kind: Type.Optional(CONTRIBUTION_KINDS.schema({ description: 'money (the default), staff, goods or accommodation' })),
        amountPence: Type.Optional(
          Type.Union([Type.Number({ description: 'Whole pence; a fraction or a negative is refused naming amount' }), Type.Null()]),
        ),
        description: Type.Optional(Type.String()),
      }),
      response: Created,
    },
    problems,
    work: async ({ user, params, body, context }) => ({
      id: await service.addBudget(user, context, params.fundId, { ...body, amount: body.amountPence }),
    }),
  });

  api.post(cp.apiAlignedBudgetEntries(':fundId'), {
    policy: policy.allow('commissioning.book'),
    summary: 'A commitment or spending on a partner’s line, by funds’ one booking; never beyond what the line has left in the year (audited)',
    schema: {
      params: FundParamsSchema,
      body: Type.Object({
        organisationId: Type.String(),
        serviceId: Type.String(),
        kind: Type.Optional(ENTRY_KINDS.schema({ description: 'spend (the default) or commitment' })),
        amountPence: Type.Number({ description: 'Whole pence, more than 0' }),
        onDay: Type.String({ description: 'YYYY-MM-DD, within the term' }),
        settlesEntryId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        description: Type.Optional(Type.String()),
      }),
      response: Created,
    },
    problems,
    work: async ({ user, params, body, context }) => ({
      id: await commissioning.funds.book(fundBy(user, context), params.fundId, { ...body, kind: body.kind ?? 'spend' }),
    }),
  });
}

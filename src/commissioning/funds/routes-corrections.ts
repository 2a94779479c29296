import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { policy } from '../../platform/policy.js';
import { callerOf } from '../../platform/subject-policy.js';
import { requireOnFund } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { page } from '../page.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { fundBy } from './api.js';
import type { Fund } from './types.js';

/**
 * Corrections (ADR 0033): the pages that reverse a booking (those who book on the fund) or a contribution (the
 * commissioner), with the reason and an optional part of the amount, and the same as JSON; and the board
 * decision a version of a pool's agreement cites, as JSON. After a reversal the page goes back to the fund's
 * own page: the aligned budgets page for aligned budgets.
 */

const DecisionSchema = Type.Object({
  id: Type.String(),
  bodyName: Type.String(),
  heldOn: Type.String(),
  itemTitle: Type.String(),
  powerDescription: Type.String(),
  decision: Type.String(),
  meetingHref: Type.String(),
  interests: Type.Union([Type.Array(Type.Object({ personName: Type.String(), subject: Type.String(), nature: Type.String(), part: Type.String() })), Type.Null()], {
    description: 'Null when the caller does not see the board’s business',
  }),
  interestedCount: Type.Integer(),
  withdrewCount: Type.Integer(),
  interestedWhoTookPart: Type.Integer(),
});

type EntryParams = { Params: { fundId: string; entryId: string } };
type ContributionParams = { Params: { fundId: string; contributionId: string } };

const back = (fund: Fund) => (fund.kind === 'aligned' ? cp.alignedBudget(fund.id) : cp.fund(fund.id));
const facts = (fund: Fund) => ({ areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) });

export async function fundsCorrectionRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { funds } = commissioning;

  const entryForm = async (reply: FastifyReply, user: User, fundId: string, entryId: string, values: Form, errors?: FormErrors, status = 200) => {
    const fund = await funds.find(user.areaCode, fundId);
    requireOnFund(callerOf(user), 'book', facts(fund));
    const entry = (await funds.entries(user.areaCode, fund.id)).find((e) => e.id === entryId);
    if (!entry) throw commissioningProblems.notFound('No such booking on this fund');
    return page(reply, 'reverse-form.njk', { pageTitle: `Reverse a ${entry.kind === 'spend' ? 'spend' : 'commitment'} on ${fund.name}`, fund, entry, back: back(fund), action: cp.fundEntryReverse(fund.id, entry.id), values, errors }, status);
  };
  app.get<EntryParams>(cp.fundEntryReverse(':fundId', ':entryId'), pageRoute('commissioning.book'), async (request, reply) =>
    entryForm(reply, signedIn(request).user, request.params.fundId, request.params.entryId, {}),
  );
  app.post<EntryParams>(cp.fundEntryReverse(':fundId', ':entryId'), pageRoute('commissioning.book'), async (request, reply) => {
    const { user } = signedIn(request);
    const { fundId, entryId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.reverseEntry(fundBy(user, request.context), fundId, entryId, form),
      (errors, status) => entryForm(reply, user, fundId, entryId, form, errors, status),
      { hrefs: { entryId: 'reason' }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${back(await funds.find(user.areaCode, fundId))}?done=reversed`, 303) : reply;
  });

  const contributionForm = async (reply: FastifyReply, user: User, fundId: string, contributionId: string, values: Form, errors?: FormErrors, status = 200) => {
    const fund = await funds.find(user.areaCode, fundId);
    requireOnFund(callerOf(user), 'manage', facts(fund));
    const contribution = (await funds.contributions(user.areaCode, fund.id)).find((c) => c.id === contributionId);
    if (!contribution) throw commissioningProblems.notFound('No such contribution to this fund');
    return page(reply, 'reverse-form.njk', { pageTitle: `Reverse a contribution to ${fund.name}`, fund, contribution, back: back(fund), action: cp.fundContributionReverse(fund.id, contribution.id), values, errors }, status);
  };
  app.get<ContributionParams>(cp.fundContributionReverse(':fundId', ':contributionId'), pageRoute('commissioning.manage'), async (request, reply) =>
    contributionForm(reply, signedIn(request).user, request.params.fundId, request.params.contributionId, {}),
  );
  app.post<ContributionParams>(cp.fundContributionReverse(':fundId', ':contributionId'), pageRoute('commissioning.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const { fundId, contributionId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.reverseContribution(fundBy(user, request.context), fundId, contributionId, form),
      (errors, status) => contributionForm(reply, user, fundId, contributionId, form, errors, status),
      { hrefs: { contributionId: 'reason' }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${back(await funds.find(user.areaCode, fundId))}?done=reversed`, 303) : reply;
  });

  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.view') });
  const Reversal = Type.Object({
    reason: Type.Optional(Type.String({ description: 'Why it is reversed (required)' })),
    amount: Type.Optional(Type.String({ description: 'Typed pounds and pence to reverse part of it; the whole when absent' })),
    amountPence: Type.Optional(Type.Integer({ description: 'Or the part in whole pence' })),
  });
  const Created = { 201: Type.Object({ id: Type.String({ format: 'uuid', description: 'The reversing row' }) }) };
  const problems = [commissioningProblems.invalid, commissioningProblems.notFound, commissioningProblems.notBudgetHolder, commissioningProblems.conflict, commissioningProblems.overspend];

  api.post(cp.apiFundEntryReversal(':fundId', ':entryId'), {
    policy: policy.allow('commissioning.book'),
    summary: 'Reverse a commitment or a spend, whole or in part, with the reason (audited): a reversing entry, never an edit; once only',
    schema: { params: Type.Object({ fundId: Type.String(), entryId: Type.String() }), body: Reversal, response: Created },
    problems,
    work: async ({ user, params, body, context }) => ({ id: await funds.reverseEntry(fundBy(user, context), params.fundId, params.entryId, body) }),
  });

  api.post(cp.apiFundContributionReversal(':fundId', ':contributionId'), {
    policy: policy.allow('commissioning.manage'),
    summary: 'Reverse a partner’s contribution, whole or in part, with the reason (audited); refused while the money is committed or spent',
    schema: { params: Type.Object({ fundId: Type.String(), contributionId: Type.String() }), body: Reversal, response: Created },
    problems,
    work: async ({ user, params, body, context }) => ({ id: await funds.reverseContribution(fundBy(user, context), params.fundId, params.contributionId, body) }),
  });

  api.get(cp.apiFundAgreementDecision(':fundId', ':version'), {
    summary:
      'The board decision that agreed a version of a pool’s agreement, with the members who declared an interest in the services in scope or their providers (named only to those who see the board’s business)',
    schema: { params: Type.Object({ fundId: Type.String(), version: Type.Integer({ minimum: 1 }) }), response: { 200: Type.Union([DecisionSchema, Type.Null()]) } },
    problems: [commissioningProblems.notFound],
    work: async ({ user, params }) => {
      const agreement = (await funds.find(user.areaCode, params.fundId)).agreements.find((a) => a.version === params.version);
      if (!agreement) throw commissioningProblems.notFound('No such version of the agreement');
      return funds.agreementDecision(callerOf(user), agreement);
    },
  });
}

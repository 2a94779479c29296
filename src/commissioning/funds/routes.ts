import type { FastifyInstance } from 'fastify';
import type { Form } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { callerOf } from '../../platform/subject-policy.js';
import { fundRules } from '../access.js';
import { commissioningProblems } from '../errors.js';
import { page } from '../page.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { fundsCorrectionRoutes } from './routes-corrections.js';
import { fundsFormRoutes } from './routes-forms.js';
import { statementCsv } from './statement.js';
import { decisionItems } from './decision-items.js';
import { inForce, proposed } from './types.js';

/**
 * The pages of funds (issue 17 item 4; ADR 0028): the area's funds, a fund with its agreement in force, its
 * budget holders, contributions and bookings, each version of its agreement (the history of variations), and
 * its statement as a page and a CSV. The forms are in routes-forms.ts.
 */

const view = pageRoute('commissioning.view');

const BANNERS: Record<string, string> = {
  fund: 'Fund set up: propose its agreement next (purpose, scope, term, exit terms, governance)',
  proposed: 'Version proposed: it comes into force when the partners agree it',
  yot: 'The head of the youth offending service’s approval is recorded',
  agreed: 'Version agreed: it is now in force, and the one before stays readable',
  withdrawn: 'Proposed version withdrawn',
  holders: 'Budget holders saved',
  contribution: 'Contribution recorded',
  booked: 'Booked',
  reversed: 'Reversed: the reversing entry is shown beside the original',
};

type FundParams = { Params: { fundId: string }; Querystring: Form };
type VersionParams = { Params: { fundId: string; version: string }; Querystring: Form };

export async function fundsRoutes(app: FastifyInstance, options: CommissioningRouteOptions): Promise<void> {
  const { funds } = options.commissioning;

  app.get(cp.funds, view, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'funds.njk', { pageTitle: 'Pooled funds and aligned budgets', funds: await funds.list(user.areaCode), canManage: can(user, 'commissioning.manage') });
  });

  app.get<FundParams>(cp.fund(':fundId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const [contributions, entries, statement] = await Promise.all([
      funds.contributions(user.areaCode, fund.id),
      funds.entries(user.areaCode, fund.id),
      funds.statement(user.areaCode, fund.id),
    ]);
    const facts = { areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) };
    const agreement = inForce(fund);
    return page(reply, 'fund.njk', {
      pageTitle: fund.name,
      fund,
      agreement,
      decision: agreement ? await funds.agreementDecision(callerOf(user), agreement) : null,
      proposal: proposed(fund),
      contributions,
      entries,
      statement,
      banner: BANNERS[request.query.done ?? ''],
      canManage: can(user, 'commissioning.manage') && fundRules.permits(callerOf(user), 'manage', facts),
      canBook: can(user, 'commissioning.book') && fundRules.permits(callerOf(user), 'book', facts),
    });
  });

  app.get<VersionParams>(cp.fundAgreement(':fundId', ':version'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const agreement = fund.agreements.find((a) => String(a.version) === request.params.version);
    if (!agreement) throw commissioningProblems.notFound('No such version of the agreement');
    const before = fund.agreements.find((a) => a.version === agreement.version - 1 && a.agreedOn !== null);
    const partners = (await funds.partners(user.areaCode)).filter((p) => p.sector === 'youth offending');
    return page(reply, 'agreement.njk', {
      pageTitle: `${fund.name}: agreement version ${agreement.version}`,
      fund,
      agreement,
      before,
      added: before ? agreement.services.filter((s) => !before.services.some((b) => b.id === s.id)) : [],
      removed: before ? before.services.filter((b) => !agreement.services.some((s) => s.id === b.id)) : [],
      yotPartners: [{ value: '', text: 'Choose the youth offending service' }, ...partners.map((p) => ({ value: p.id, text: p.name }))],
      decision: await funds.agreementDecision(callerOf(user), agreement),
      decisionItems: await decisionItems(funds, user.areaCode, undefined),
      values: {},
      banner: BANNERS[request.query.done ?? ''],
      canManage: can(user, 'commissioning.manage'),
    });
  });

  app.get<FundParams>(cp.fundStatement(':fundId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const statement = await funds.statement(user.areaCode, request.params.fundId);
    return page(reply, 'statement.njk', { pageTitle: `${statement.fundName}: statement`, statement, fundId: request.params.fundId });
  });

  app.get<FundParams>(cp.fundStatementCsv(':fundId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const statement = await funds.statement(user.areaCode, request.params.fundId);
    const slug = statement.fundName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'fund';
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${slug}-statement.csv"`)
      .send(statementCsv(statement));
  });

  await app.register(fundsFormRoutes, options);
  await app.register(fundsCorrectionRoutes, options);
}

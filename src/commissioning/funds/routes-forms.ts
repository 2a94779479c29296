import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { checkedValues, formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { financialYearLabel, financialYearOf, formatMoney } from '../../platform/money.js';
import { callerOf } from '../../platform/subject-policy.js';
import { requireOnFund } from '../access.js';
import { page } from '../page.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { CONTRIBUTION_KIND_LABELS, CONTRIBUTION_KINDS, ENTRY_KIND_LABELS, ENTRY_KINDS, FUND_KIND_LABELS, FUND_KINDS } from '../types.js';
import { fundBy } from './api.js';
import { decisionItems } from './decision-items.js';
import { inForce, proposed, type Fund } from './types.js';

/**
 * The forms of funds (ADR 0028): set up a fund, propose a version of its agreement, record the YOT head's
 * approval, agree or withdraw a version, name budget holders, record a contribution, book a commitment or a
 * spend. GOV.UK forms, POST-redirect-GET; each refusal is shown beside its field, with what was typed kept.
 */

const manage = pageRoute('commissioning.manage');
const book = pageRoute('commissioning.book');

type FundParams = { Params: { fundId: string } };
type VersionParams = { Params: { fundId: string; version: string } };

const options = <V extends string>(values: readonly V[], labels: Record<V, string>, chosen: string | undefined) =>
  values.map((v) => ({ value: v, text: labels[v], checked: v === chosen }));

export async function fundsFormRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { funds } = commissioning;

  const partnerItems = async (user: User, chosen: string | undefined, first: string) => [
    { value: '', text: first },
    ...(await funds.partners(user.areaCode)).map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen })),
  ];

  // ---- Set up a fund ----
  const fundForm = async (reply: FastifyReply, user: User, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'fund-form.njk',
      {
        pageTitle: 'Set up a fund',
        kinds: options(FUND_KINDS.values, FUND_KIND_LABELS, values.kind),
        hosts: await partnerItems(user, values.hostOrganisationId, 'None (aligned budgets stay with each partner)'),
        values,
        errors,
      },
      status,
    );
  app.get(cp.fundNew, manage, async (request, reply) => fundForm(reply, signedIn(request).user, {}));
  app.post(cp.fundNew, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.setUp(fundBy(user, request.context), form),
      (errors, status) => fundForm(reply, user, form, errors, status),
      { hrefs: { kind: 'kind' } },
    );
    return result.ok ? reply.redirect(`${cp.fund(result.value)}?done=fund`, 303) : reply;
  });

  // ---- Propose a version of the agreement ----
  const agreementForm = async (reply: FastifyReply, user: User, fund: Fund, values: Form, chosen: readonly string[], errors?: FormErrors, status = 200) =>
    page(
      reply,
      'agreement-form.njk',
      {
        pageTitle: fund.agreements.length ? `Vary the agreement of ${fund.name}` : `Propose the agreement of ${fund.name}`,
        fund,
        variation: fund.agreements.length > 0,
        services: (await funds.serviceChoices(user.areaCode)).map((s) => ({ value: s.id, text: s.name, checked: chosen.includes(s.id) })),
        values,
        errors,
      },
      status,
    );
  app.get<FundParams>(cp.fundAgreementNew(':fundId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const base = inForce(fund) ?? fund.agreements[0];
    const values: Form = base
      ? { purpose: base.purpose, startsOn: base.startsOn, endsOn: base.endsOn, exitTerms: base.exitTerms, governance: base.governance }
      : { purpose: fund.purpose, startsOn: fund.startsOn, endsOn: fund.endsOn ?? '' };
    return agreementForm(reply, user, fund, values, base?.services.map((s) => s.id) ?? []);
  });
  app.post<FundParams>(cp.fundAgreementNew(':fundId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const form = formOf(request.body);
    const serviceIds = checkedValues(request.body, 'serviceIds');
    const result = await handleForm(
      () => funds.proposeAgreement(fundBy(user, request.context), fund.id, { ...form, serviceIds }),
      (errors, status) => agreementForm(reply, user, fund, form, serviceIds, errors, status),
      { hrefs: { serviceIds: 'serviceIds' } },
    );
    return result.ok ? reply.redirect(`${cp.fundAgreement(fund.id, result.value)}?done=proposed`, 303) : reply;
  });

  // ---- The YOT head's approval, agreeing, withdrawing (forms on the version's page) ----
  const versionPage = async (reply: FastifyReply, user: User, fundId: string, version: string, values: Form, errors: FormErrors, status: number) => {
    const fund = await funds.find(user.areaCode, fundId);
    const agreement = fund.agreements.find((a) => String(a.version) === version);
    const partners = (await funds.partners(user.areaCode)).filter((p) => p.sector === 'youth offending');
    return page(
      reply,
      'agreement.njk',
      {
        pageTitle: `${fund.name}: agreement version ${version}`,
        fund,
        agreement,
        added: [],
        removed: [],
        yotPartners: [{ value: '', text: 'Choose the youth offending service' }, ...partners.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.organisationId }))],
        decision: agreement ? await funds.agreementDecision(callerOf(user), agreement) : null,
        decisionItems: await decisionItems(funds, user.areaCode, values.decisionId),
        values,
        errors,
        canManage: true,
      },
      status,
    );
  };
  app.post<VersionParams>(cp.fundAgreementYotApproval(':fundId', ':version'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { fundId, version } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.recordYotApproval(fundBy(user, request.context), fundId, Number(version), form),
      (errors, status) => versionPage(reply, user, fundId, version, form, errors, status),
    );
    return result.ok ? reply.redirect(`${cp.fundAgreement(fundId, version)}?done=yot`, 303) : reply;
  });
  app.post<VersionParams>(cp.fundAgreementAgree(':fundId', ':version'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { fundId, version } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.agree(fundBy(user, request.context), fundId, Number(version), form),
      (errors, status) => versionPage(reply, user, fundId, version, form, errors, status),
      { hrefs: { yotApproval: 'approverName', decisionId: 'decisionId' } },
    );
    return result.ok ? reply.redirect(`${cp.fund(fundId)}?done=agreed`, 303) : reply;
  });
  app.post<VersionParams>(cp.fundAgreementWithdraw(':fundId', ':version'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    await funds.withdraw(fundBy(user, request.context), request.params.fundId, Number(request.params.version));
    return reply.redirect(`${cp.fund(request.params.fundId)}?done=withdrawn`, 303);
  });

  // ---- Budget holders ----
  const holdersForm = async (reply: FastifyReply, user: User, fund: Fund, chosen: readonly string[], errors?: FormErrors, status = 200) =>
    page(
      reply,
      'budget-holders.njk',
      {
        pageTitle: `Budget holders of ${fund.name}`,
        fund,
        people: (await funds.possibleBudgetHolders(user.areaCode)).map((p) => ({
          value: p.userId,
          text: `${p.displayName} (${p.role === 'planner' ? 'planner' : 'practice manager'})`,
          checked: chosen.includes(p.userId),
        })),
        errors,
      },
      status,
    );
  app.get<FundParams>(cp.fundBudgetHolders(':fundId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    return holdersForm(reply, user, fund, fund.budgetHolders.map((h) => h.userId));
  });
  app.post<FundParams>(cp.fundBudgetHolders(':fundId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const userIds = checkedValues(request.body, 'userIds');
    const result = await handleForm(
      () => funds.setBudgetHolders(fundBy(user, request.context), fund.id, { userIds }),
      (errors, status) => holdersForm(reply, user, fund, userIds, errors, status),
    );
    return result.ok ? reply.redirect(`${cp.fund(fund.id)}?done=holders`, 303) : reply;
  });

  // ---- Contributions ----
  const contributionForm = async (reply: FastifyReply, user: User, fund: Fund, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'contribution-form.njk',
      {
        pageTitle: `Record a contribution to ${fund.name}`,
        fund,
        partners: await partnerItems(user, values.organisationId, 'Choose the partner'),
        kinds: options(CONTRIBUTION_KINDS.values, CONTRIBUTION_KIND_LABELS, values.kind),
        values,
        errors,
      },
      status,
    );
  app.get<FundParams>(cp.fundContributionNew(':fundId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    return contributionForm(reply, user, fund, { financialYear: String(financialYearOf(funds.today())), kind: 'money' });
  });
  app.post<FundParams>(cp.fundContributionNew(':fundId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.addContribution(fundBy(user, request.context), fund.id, form),
      (errors, status) => contributionForm(reply, user, fund, form, errors, status),
      { hrefs: { kind: 'kind' } },
    );
    return result.ok ? reply.redirect(`${cp.fund(fund.id)}?done=contribution`, 303) : reply;
  });

  // ---- Bookings ----
  const bookingForm = async (reply: FastifyReply, user: User, fund: Fund, values: Form, errors?: FormErrors, status = 200) => {
    const agreement = inForce(fund);
    const entries = await funds.entries(user.areaCode, fund.id);
    return page(
      reply,
      'booking-form.njk',
      {
        pageTitle: `Book on ${fund.name}`,
        fund,
        agreement,
        pending: proposed(fund),
        services: [
          { value: '', text: 'Choose an agreed service' },
          ...(agreement?.services ?? []).map((s) => ({ value: s.id, text: s.name, selected: s.id === values.serviceId })),
        ],
        partners: fund.kind === 'aligned' ? await partnerItems(user, values.organisationId, 'Choose whose budget') : [],
        kinds: options(ENTRY_KINDS.values, ENTRY_KIND_LABELS, values.kind),
        commitments: [
          { value: '', text: 'None' },
          ...entries
            .filter((e) => e.kind === 'commitment')
            .map((e) => ({ value: e.id, text: `${e.serviceName}, ${formatMoney(e.amountPence)} (${financialYearLabel(e.financialYear)})`, selected: e.id === values.settlesEntryId })),
        ],
        values,
        errors,
      },
      status,
    );
  };
  app.get<FundParams>(cp.fundBookingNew(':fundId'), book, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    // A practice manager who is not one of the fund's budget holders is refused before the form (ADR 0027).
    requireOnFund(callerOf(user), 'book', { areaCode: fund.areaCode, budgetHolderIds: fund.budgetHolders.map((h) => h.userId) });
    return bookingForm(reply, user, fund, { kind: 'spend', onDay: funds.today() });
  });
  app.post<FundParams>(cp.fundBookingNew(':fundId'), book, async (request, reply) => {
    const { user } = signedIn(request);
    const fund = await funds.find(user.areaCode, request.params.fundId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => funds.book(fundBy(user, request.context), fund.id, form),
      (errors, status) => bookingForm(reply, user, fund, form, errors, status),
      { hrefs: { kind: 'kind', agreement: 'serviceId' }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${cp.fund(fund.id)}?done=booked`, 303) : reply;
  });
}

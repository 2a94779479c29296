import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import { checkedValues, formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { contractApiRoutes } from './api.js';
import { contractPage as page } from './page.js';
import { contractPayerRoutes } from './routes-payer.js';
import { contractReturnRoutes } from './routes-returns.js';
import { contractTargetRoutes } from './routes-targets.js';
import {
  CONTRACT_KINDS,
  CONTRACT_KIND_WORDS,
  CONTRACT_STATES,
  CONTRACT_STATE_WORDS,
  MONITORING,
  MONITORING_WORDS,
  type Contract,
} from './types.js';

/**
 * Contracts' pages (issue 17 item 6, ADR 0030): the list with under-performance flagged and a filter, setting
 * one up, the contract with its targets and returns, adding a target, decommissioning. Returns' pages are
 * routes-returns.ts. The services apply the rules; these pages read forms and render.
 */

type IdParams = { Params: { contractId: string }; Querystring: { done?: string } };
type ListQuery = { Querystring: { state?: string; kind?: string; under?: string } };

const BANNERS: Record<string, string> = {
  created: 'Contract set up: add its targets',
  target: 'Target added',
  'target-changed': 'Target changed',
  'target-replaced': 'Target changed: returns were judged against it, so it is retired and its replacement applies from now on',
  'target-removed': 'Target removed',
  'target-retired': 'Target retired: returns were judged against it, so it is kept with them and no longer asked for',
  decommissioned: 'Contract decommissioned',
  payer: 'Paying partner saved',
  return: 'Monitoring return saved',
  replaced: 'Monitoring return saved: it replaces the earlier return for the period, which is kept in its history',
  imported: 'Monitoring returns imported',
};

const by = (request: FastifyRequest) => {
  const { user } = signedIn(request);
  return { user, actor: actorOf(user), ctx: request.context };
};

const items = (values: readonly string[], words: Record<string, string>, chosen: string | undefined, blank?: string) => [
  ...(blank ? [{ value: '', text: blank }] : []),
  ...values.map((v) => ({ value: v, text: words[v] ?? v, selected: v === chosen, checked: v === chosen })),
];

export async function contractRoutes(app: FastifyInstance, options: CommissioningRouteOptions): Promise<void> {
  const { contracts, contractTargets, contractDecommission } = options.commissioning;
  const view = pageRoute('commissioning.view');
  const manage = pageRoute('commissioning.manage');

  app.get<ListQuery & { Querystring: { done?: string } }>(cp.contracts, view, async (request, reply) => {
    const { user } = signedIn(request);
    const q = request.query;
    const list = await contracts.list(user, q);
    return page(reply, 'list.njk', {
      pageTitle: 'Contracts and monitoring',
      contracts: list,
      filter: q,
      states: items(CONTRACT_STATES.values, CONTRACT_STATE_WORDS, q.state, 'Any'),
      kinds: items(CONTRACT_KINDS.values, CONTRACT_KIND_WORDS, q.kind, 'Any'),
      under: q.under === 'true',
      canManage: can(user, 'commissioning.manage'),
      banner: BANNERS[(request.query as { done?: string }).done ?? ''],
    });
  });

  const newPage = async (reply: FastifyReply, request: FastifyRequest, values: Form, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const { commissions, funds, partners } = await contracts.formOptions(user);
    const services = await contracts.offeredServices(user);
    return page(
      reply,
      'new.njk',
      {
        pageTitle: 'Set up a contract',
        values,
        errors,
        kinds: items(CONTRACT_KINDS.values, CONTRACT_KIND_WORDS, values.kind),
        monitorings: items(MONITORING.values, MONITORING_WORDS, values.monitoring),
        services: [
          { value: '', text: 'Select a service' },
          ...services.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.service })),
        ],
        commissions: [
          { value: '', text: 'None' },
          ...commissions.map((c) => ({ value: c.id, text: c.title, selected: c.id === values.commissionId })),
        ],
        funds: [{ value: '', text: 'None' }, ...funds.map((f) => ({ value: f.id, text: f.name, selected: f.id === values.fundId }))],
        partners: [
          { value: '', text: 'None (paid from a fund)' },
          ...partners.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.payingOrganisationId })),
        ],
      },
      status,
    );
  };
  app.get(cp.contractNew, manage, async (request, reply) => newPage(reply, request, {}));
  app.post(cp.contractNew, manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => contracts.create(by(request), form),
      (errors, status) => newPage(reply, request, form, errors, status),
      { dates: [], hrefs: { kind: 'kind', monitoring: 'monitoring' }, refusals: [403] },
    );
    return result.ok ? reply.redirect(`${cp.contract(result.value)}?done=created`, 303) : reply;
  });

  const contractView = async (
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    data: { values?: Form; errors?: FormErrors; banner?: string },
    status = 200,
  ) => {
    const { user } = signedIn(request);
    const contract: Contract = await contracts.find(user, id);
    const indicators = contract.canManage ? (await contracts.indicators(user)).filter((i) => i.polarity !== 'no judgement') : [];
    const values = data.values ?? {};
    return page(
      reply,
      'contract.njk',
      {
        pageTitle: contract.title,
        contract,
        returnsList: contract.returns,
        returnsTargets: contract.targets,
        values,
        indicators: [
          { value: '', text: 'Select an indicator' },
          ...indicators.map((i) => ({ value: i.id, text: `${i.code}: ${i.title} (${i.polarity})`, selected: i.id === values.indicatorId })),
        ],
        targetKinds: [
          { value: 'outcome', text: 'An outcome indicator', checked: values.kind === 'outcome' },
          { value: 'activity', text: 'An activity counted', checked: values.kind === 'activity' },
        ],
        ...data,
      },
      status,
    );
  };

  app.get<IdParams>(cp.contract(':contractId'), view, async (request, reply) =>
    contractView(reply, request, request.params.contractId, { banner: BANNERS[request.query.done ?? ''] }),
  );

  app.post<IdParams>(cp.contractTargets(':contractId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => contractTargets.add(by(request), request.params.contractId, form),
      (errors, status) => contractView(reply, request, request.params.contractId, { values: form, errors }, status),
      { hrefs: { kind: 'kind' }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${cp.contract(request.params.contractId)}?done=target`, 303) : reply;
  });

  const decommissionPage = async (
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    values: Form,
    errors?: FormErrors,
    status = 200,
  ) => {
    const { user } = signedIn(request);
    const contract = await contracts.find(user, id);
    const { funds } = await contracts.formOptions(user);
    const services = (await contracts.offeredServices(user)).filter((s) => s.id !== contract.serviceId);
    return page(
      reply,
      'decommission.njk',
      {
        pageTitle: `Decommission ${contract.title}`,
        contract,
        values,
        errors,
        destinations: [
          { value: 'service', text: 'Another service of the directory', checked: values.destination === 'service' },
          { value: 'fund', text: 'A fund', checked: values.destination === 'fund' },
          { value: 'other', text: 'Elsewhere (say where)', checked: values.destination === 'other' },
          { value: '', text: 'Nowhere yet', checked: values.destination === '' || values.destination === undefined },
        ],
        services: [
          { value: '', text: 'Select a service' },
          ...services.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.toServiceId })),
        ],
        funds: [
          { value: '', text: 'Select a fund' },
          ...funds.map((f) => ({ value: f.id, text: f.name, selected: f.id === values.toFundId })),
        ],
      },
      status,
    );
  };
  app.get<IdParams>(cp.contractDecommission(':contractId'), manage, async (request, reply) =>
    decommissionPage(reply, request, request.params.contractId, {}),
  );
  app.post<IdParams>(cp.contractDecommission(':contractId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const destination = (form.destination ?? '').trim();
    const prevention = checkedValues(request.body, 'prevention').includes('yes');
    const input = {
      ...form,
      reinvestments:
        destination === ''
          ? []
          : [
              {
                destination,
                toServiceId: form.toServiceId,
                toFundId: form.toFundId,
                amount: form.amount,
                prevention,
                description: form.description,
              },
            ],
    };
    const result = await handleForm(
      () => contractDecommission.decommission(by(request), request.params.contractId, input),
      (errors, status) => decommissionPage(reply, request, request.params.contractId, form, errors, status),
      { hrefs: { destination: 'destination' }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${cp.contract(request.params.contractId)}?done=decommissioned`, 303) : reply;
  });

  await app.register(contractTargetRoutes, options);
  await app.register(contractPayerRoutes, options);
  await app.register(contractReturnRoutes, options);
  await app.register(contractApiRoutes, options);
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { policy } from '../../platform/policy.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { contractProblems } from './errors.js';
import { contractPage as page } from './page.js';

/**
 * The partner that pays a contract paid outside any fund (ADR 0038): a contract set up before migration
 * 0062 has none until the commissioner records it here, and a wrong one is corrected here. The page and
 * the same as JSON (PUT); the service applies the rules and audits before and after.
 */

type Params = { Params: { contractId: string } };

export async function contractPayerRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { contracts } = commissioning;
  const manage = pageRoute('commissioning.manage');

  const payerPage = async (reply: FastifyReply, request: FastifyRequest, id: string, values?: Form, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const contract = await contracts.find(user, id);
    if (!contract.canManage) throw contractProblems.notCommissioner('Only the commissioner records who pays for a contract');
    const { partners } = await contracts.formOptions(user);
    const chosen = values?.payingOrganisationId ?? contract.payingOrganisationId ?? '';
    return page(
      reply,
      'payer.njk',
      {
        pageTitle: `Partner that pays for ${contract.title}`,
        contract,
        errors,
        partners: [
          { value: '', text: 'Select a partner' },
          ...partners.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen })),
        ],
      },
      status,
    );
  };

  app.get<Params>(cp.contractPayer(':contractId'), manage, async (request, reply) => payerPage(reply, request, request.params.contractId));
  app.post<Params>(cp.contractPayer(':contractId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const { user } = signedIn(request);
    const { contractId } = request.params;
    const result = await handleForm(
      () => contracts.setPayer({ user, actor: actorOf(user), ctx: request.context }, contractId, form),
      (errors, status) => payerPage(reply, request, contractId, form, errors, status),
      { refusals: [403] },
    );
    return result.ok ? reply.redirect(`${cp.contract(contractId)}?done=payer`, 303) : reply;
  });

  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.manage') });
  api.put(cp.apiContractPayer(':contractId'), {
    summary:
      'Record the partner that pays a contract paid outside any fund: one set up before the paying partner was asked for, or a correction (the commissioner; audited before and after)',
    schema: {
      params: Type.Object({ contractId: Type.String() }),
      body: Type.Object({
        payingOrganisationId: Type.String({ description: 'A partner organisation of the area; refused for a contract paid from a fund' }),
      }),
      response: { 204: Type.Null() },
    },
    problems: [contractProblems.notFound, contractProblems.notCommissioner],
    work: async ({ user, params, body, context }) =>
      contracts.setPayer({ user, actor: actorOf(user), ctx: context }, params.contractId, body),
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { policy } from '../../platform/policy.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { contractProblems } from './errors.js';
import { contractPage as page } from './page.js';

/**
 * Changing and removing a contract's targets (ADR 0038): a page per target with its change form and its
 * removal, and the same as JSON (PUT and DELETE). The commissioner only; the service applies the rules
 * (in place while unjudged, otherwise retired and replaced) and audits before and after.
 */

type TargetParams = { Params: { contractId: string; targetId: string } };

const byUser = (user: User, ctx: RequestContext) => ({ user, actor: actorOf(user), ctx });
const by = (request: FastifyRequest) => byUser(signedIn(request).user, request.context);

export async function contractTargetRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { contracts, contractTargets } = commissioning;
  const manage = pageRoute('commissioning.manage');

  const targetPage = async (reply: FastifyReply, request: FastifyRequest, params: TargetParams['Params'], values?: Form, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const contract = await contracts.find(user, params.contractId);
    const target = contract.targets.find((t) => t.id === params.targetId && t.retiredAt === null);
    if (!target || !contract.canManage) throw contractProblems.notFound('The contract has no target in force with that id');
    return page(
      reply,
      'target.njk',
      {
        pageTitle: `Change the target on ${target.indicatorCode ?? target.label}`,
        contract,
        target,
        values: values ?? { targetValue: String(target.targetValue), label: target.kind === 'activity' ? target.label : '' },
        errors,
      },
      status,
    );
  };

  app.get<TargetParams>(cp.contractTarget(':contractId', ':targetId'), manage, async (request, reply) => targetPage(reply, request, request.params));
  app.post<TargetParams>(cp.contractTarget(':contractId', ':targetId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const { contractId, targetId } = request.params;
    const result = await handleForm(
      () => contractTargets.change(by(request), contractId, targetId, form),
      (errors, status) => targetPage(reply, request, request.params, form, errors, status),
      { refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${cp.contract(contractId)}?done=${result.value.replaced ? 'target-replaced' : 'target-changed'}`, 303) : reply;
  });
  app.post<TargetParams>(cp.contractTargetRemove(':contractId', ':targetId'), manage, async (request, reply) => {
    const { contractId, targetId } = request.params;
    const result = await handleForm(
      () => contractTargets.remove(by(request), contractId, targetId),
      (errors, status) => targetPage(reply, request, request.params, undefined, errors, status),
      { refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${cp.contract(contractId)}?done=${result.value === 'retired' ? 'target-retired' : 'target-removed'}`, 303) : reply;
  });

  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.manage') });
  const Params = Type.Object({ contractId: Type.String(), targetId: Type.String() });
  const problems = [contractProblems.notFound, contractProblems.notCommissioner, contractProblems.decommissioned];
  api.put(cp.apiContractTarget(':contractId', ':targetId'), {
    summary:
      'Change a target’s value (and an activity’s words): in place while no return was judged against it, otherwise it is retired and replaced (the commissioner; audited before and after)',
    schema: {
      params: Params,
      body: Type.Object({
        targetValue: Type.Union([Type.String(), Type.Number()], { description: 'The new value each period must reach (or not pass)' }),
        label: Type.Optional(Type.String({ description: 'An activity target’s words for what is counted' })),
      }),
      response: {
        200: Type.Object({
          id: Type.String({ format: 'uuid', description: 'The target now in force: the same, or its replacement' }),
          replaced: Type.Boolean({ description: 'Returns were judged against the old target, so it was retired and replaced' }),
        }),
      },
    },
    problems,
    work: async ({ user, params, body, context }) => contractTargets.change(byUser(user, context), params.contractId, params.targetId, body),
  });
  api.delete(cp.apiContractTarget(':contractId', ':targetId'), {
    summary: 'Remove a target: deleted while no return was judged against it, otherwise retired and kept with those returns (the commissioner; audited)',
    schema: {
      params: Params,
      response: { 200: Type.Object({ outcome: Type.Union([Type.Literal('deleted'), Type.Literal('retired')]) }) },
    },
    problems,
    work: async ({ user, params, context }) => ({ outcome: await contractTargets.remove(byUser(user, context), params.contractId, params.targetId) }),
  });
}

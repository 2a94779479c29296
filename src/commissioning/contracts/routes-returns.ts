import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import { formOf, handleForm, uploadedFileName, uploadedText, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { contractPage as page } from './page.js';
import type { ReturnsFileReport } from './returns-csv.js';

/**
 * Monitoring returns' pages (issue 17 item 6, ADR 0030): the provider's staff's list of their contracts,
 * entering a return (one for a period already returned replaces it), uploading a CSV file of returns with
 * its faults by line, column and rule, the template, and one period's history. The provider's own staff
 * and the commissioner enter; those who read commissioning read (rules.ts).
 */

const BANNERS: Record<string, string> = {
  return: 'Monitoring return saved',
  replaced: 'Monitoring return saved: it replaces the earlier return for the period, which is kept in its history',
  imported: 'Monitoring returns imported',
};

type IdParams = { Params: { contractId: string } };
type PeriodParams = { Params: { contractId: string; periodStart: string } };

const by = (request: FastifyRequest) => {
  const { user } = signedIn(request);
  return { user, actor: actorOf(user), ctx: request.context };
};

export async function contractReturnRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const { contracts, contractReturns: returns } = commissioning;
  const take = pageRoute('commissioning.returns');

  app.get(cp.providerReturns, take, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'provider-returns.njk', {
      pageTitle: 'Monitoring returns',
      contracts: await contracts.forReturns(user),
      organisationName: user.organisationName,
      canViewAll: can(user, 'commissioning.view'),
    });
  });

  const entryPage = async (
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    values: Form,
    errors?: FormErrors,
    status = 200,
    banner?: string,
  ) => {
    const { user } = signedIn(request);
    const { contract, targets } = await returns.forEntry(user, id);
    const current = await returns.currentReturns(user, id);
    return page(
      reply,
      'return-new.njk',
      {
        pageTitle: `Monitoring return: ${contract.title}`,
        contract,
        targets,
        returnsList: current,
        returnsTargets: targets,
        values,
        errors,
        banner,
        canView: can(user, 'commissioning.view'),
      },
      status,
    );
  };

  app.get<IdParams & { Querystring: { period?: string; done?: string } }>(
    cp.contractReturnNew(':contractId'),
    take,
    async (request, reply) =>
      entryPage(
        reply,
        request,
        request.params.contractId,
        { period: request.query.period },
        undefined,
        200,
        BANNERS[request.query.done ?? ''],
      ),
  );

  app.post<IdParams>(cp.contractReturnNew(':contractId'), take, async (request, reply) => {
    const form = formOf(request.body);
    const values = Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (k.startsWith('value-') ? [[k.slice(6), v]] : [])));
    const result = await handleForm(
      () =>
        returns.enter(
          by(request),
          request.params.contractId,
          { period: form.period, spend: form.spend, notes: form.notes, values },
          'page',
        ),
      (errors, status) => entryPage(reply, request, request.params.contractId, form, errors, status),
      { refusals: [403, 409] },
    );
    if (!result.ok) return reply;
    const { user } = signedIn(request);
    const done = result.value.replaced ? 'replaced' : 'return';
    return reply.redirect(
      can(user, 'commissioning.view')
        ? `${cp.contract(request.params.contractId)}?done=${done}`
        : `${cp.contractReturnNew(request.params.contractId)}?done=${done}`,
      303,
    );
  });

  const uploadPage = async (
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    data: { report?: ReturnsFileReport; values?: Form; errors?: FormErrors },
    status = 200,
  ) => {
    const { user } = signedIn(request);
    const { contract, targets } = await returns.forEntry(user, id);
    return page(
      reply,
      'returns-upload.njk',
      { pageTitle: `Upload monitoring returns: ${contract.title}`, contract, targets, values: {}, ...data },
      status,
    );
  };

  app.get<IdParams>(cp.contractReturnsUpload(':contractId'), take, async (request, reply) =>
    uploadPage(reply, request, request.params.contractId, {}),
  );

  app.post<IdParams>(cp.contractReturnsUpload(':contractId'), take, async (request, reply) => {
    const text = uploadedText(request.body, 'csv');
    const fileName =
      uploadedFileName(request, 'file')
        .replace(/[^\w. -]/g, '')
        .slice(0, 200) || 'pasted.csv';
    const report = await returns.importCsv(by(request), request.params.contractId, text, fileName);
    if (report.status === 'imported') {
      const { user } = signedIn(request);
      return reply.redirect(
        can(user, 'commissioning.view')
          ? `${cp.contract(request.params.contractId)}?done=imported`
          : `${cp.contractReturnNew(request.params.contractId)}?done=imported`,
        303,
      );
    }
    const errors: FormErrors = {
      summary: [
        {
          text: `The file has ${report.faultSummary.total} ${report.faultSummary.total === 1 ? 'fault' : 'faults'}: nothing was saved. Put them right and upload it again.`,
          href: '#faults',
        },
      ],
      byField: { file: { text: 'The file has faults: see the list below' } },
    };
    return uploadPage(reply, request, request.params.contractId, { report, errors, values: { csv: formOf(request.body).csv ?? '' } }, 400);
  });

  app.get<IdParams>(cp.contractReturnsTemplate(':contractId'), take, async (request, reply) => {
    const { fileName, text } = await returns.template(signedIn(request).user, request.params.contractId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(text);
  });

  app.get<PeriodParams>(cp.contractReturn(':contractId', ':periodStart'), take, async (request, reply) => {
    const { user } = signedIn(request);
    const { versions, targets, contract } = await returns.history(user, request.params.contractId, request.params.periodStart);
    return page(reply, 'return-history.njk', {
      pageTitle: `${versions[0]?.periodWords ?? 'A period'}: return and its history`,
      contract,
      targets,
      versions,
      returnsList: versions,
      returnsTargets: targets,
      returnsCaption: 'Every version of the return, the current one first',
      canView: can(user, 'commissioning.view'),
    });
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { streamPdf } from '../../platform/pdf.js';
import { policy } from '../../platform/policy.js';
import { governanceProblems } from '../errors.js';
import { governancePaths as gp } from '../paths.js';
import type { GovernanceRouteOptions } from '../routes.js';
import { csvOf, introOf, printableOf, reportTitle, sectionsOf } from './document.js';
import type { ReportFormat } from './service.js';
import { AnnualReportSchema, type AnnualReport } from './types.js';

/**
 * The annual report of partnership activity (issue 16 item 9): the page, the same report as a PDF
 * (platform/pdf.ts, ADR 0014) and its figures as CSV, for everyone of the area (`governance.view`),
 * and the JSON. A year that is not a year from 2004 to this one is refused naming `year`.
 */

const page = pageRenderer('governance/report/views', { gp });

export async function reportRoutes(app: FastifyInstance, { governance }: GovernanceRouteOptions): Promise<void> {
  const { report: service } = governance;

  async function show(reply: FastifyReply, user: User, yearInput: string, report: AnnualReport | null, errors?: FormErrors, status = 200) {
    const years = await service.years(user.areaCode);
    return page(
      reply,
      'annual-report.njk',
      {
        pageTitle: report ? reportTitle(report) : 'Annual report of partnership activity',
        title: report ? reportTitle(report) : 'Annual report of partnership activity',
        areaName: user.areaName,
        action: gp.annualReport,
        yearInput,
        years,
        report,
        intro: report ? introOf(report) : '',
        sections: report ? sectionsOf(report) : [],
        pdfHref: report ? gp.annualReportPdfFor(report.year) : '',
        csvHref: report ? gp.annualReportCsvFor(report.year) : '',
        errors,
      },
      status,
    );
  }

  /** The report in a format, or the page again with the year's error. */
  async function load(reply: FastifyReply, request: { query: Form; context: Parameters<typeof service.report>[3] }, user: User, format: ReportFormat) {
    const yearInput = request.query.year ?? '';
    return handleForm(
      () => service.report(user, yearInput, format, request.context),
      (errors, status) => show(reply, user, yearInput, null, errors, status),
    );
  }

  type Q = { Querystring: Form };

  app.get<Q>(gp.annualReport, pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const result = await load(reply, request, user, 'page');
    if (!result.ok) return reply;
    return show(reply, user, String(result.value.year), result.value);
  });

  app.get<Q>(gp.annualReportPdf, pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const result = await load(reply, request, user, 'pdf');
    if (!result.ok) return reply;
    const areaName = request.brand?.name ?? user.areaName;
    const { stream } = streamPdf(printableOf(result.value, { areaName, printedBy: user.displayName, printedAt: service.now() }));
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="annual-report-${result.value.year}-${result.value.year + 1}.pdf"`)
      .send(stream);
  });

  app.get<Q>(gp.annualReportCsv, pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const result = await load(reply, request, user, 'csv');
    if (!result.ok) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="annual-report-${result.value.year}-${result.value.year + 1}.csv"`)
      .send(csvOf(result.value).join(''));
  });

  const api = apiRoutes(app, { tags: ['governance'], policy: policy.allow('governance.view') });
  api.get(gp.apiAnnualReport, {
    summary: 'The annual report of partnership activity for a financial year (April to March; audited read)',
    description:
      'Membership of the board (004 Table 2.5 shape and the members by name), meetings of the trust’s bodies, attendance at the board by partner, ' +
      'decisions (how many members withdrew, not who), the board’s agreed self-assessment beside the year before, and the section 11 results the LSCB publishes ' +
      '(completion and rating counts per agency). `year` is the year its April falls in; blank is the last year that has ended. ' +
      'Anything but a year from 2004 to the current one is refused naming `year` (rule integer or range).',
    schema: { querystring: Type.Object({ year: Type.Optional(Type.String({ description: 'For example 2025 for 1 April 2025 to 31 March 2026' })) }), response: { 200: AnnualReportSchema } },
    problems: [governanceProblems.invalid],
    work: async ({ user, query, context }) => service.report(user, query.year, 'json', context),
  });
}

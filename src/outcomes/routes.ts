import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { notFound } from '../platform/errors.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import type { OutcomeServices } from './index.js';
import { svgToPng } from './png.js';
import { allow, dashboardCells, dashboardHead, link, groupItems, indicatorPageModel, selectItems, show } from './routes-helpers.js';
import { AnalysisQuery, CatalogueQuery, ChartParams, IndicatorParams } from './schemas.js';

/**
 * The outcome pages people read (issue 5 items 6 and 7): the framework, the indicator catalogue,
 * one indicator for the user's area with its charts and tables, chart downloads, and the dashboard.
 * Every page works without JavaScript: choices are GET forms, the target a POST-redirect-GET.
 */
export async function outcomePageRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
  app.get(paths.outcomes, allow('outcomes.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const framework = await outcomes.catalogue.framework(user.areaCode);
    return show(reply, 'framework.njk', { pageTitle: 'Outcomes framework', framework, canImport: can(user, 'outcomes.import') });
  });

  app.get<{ Querystring: CatalogueQuery }>(
    paths.outcomesIndicators,
    allow('outcomes.view', { querystring: CatalogueQuery }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const framework = await outcomes.catalogue.framework(user.areaCode);
      const chosen = framework.find((o) => o.code === request.query.outcome);
      const indicators = await outcomes.catalogue.listIndicators(user.areaCode);
      const aimsOf = new Map(framework.flatMap((o) => o.aims.map((a) => [a.code, o] as const)));
      const rows = indicators
        .filter((i) => !chosen || i.aimCodes.some((a) => aimsOf.get(a)?.code === chosen.code))
        .map((i) => [
          link(paths.outcomesIndicator(i.code), i.code),
          { text: i.title },
          { text: [...new Set(i.aimCodes.map((a) => aimsOf.get(a)?.everydayName).filter(Boolean))].join(', ') },
          { text: i.unit },
          { text: i.scope },
        ]);
      return show(reply, 'indicators.njk', {
        pageTitle: chosen ? `Indicators: ${chosen.everydayName}` : 'Indicators',
        rows,
        outcomeItems: [
          { value: '', text: 'All outcomes', selected: !chosen },
          ...framework.map((o) => ({ value: o.code, text: o.everydayName, selected: o.code === chosen?.code })),
        ],
        canManage: can(user, 'outcomes.manage'),
      });
    },
  );

  const indicatorPage = async (
    reply: FastifyReply,
    user: User,
    code: string,
    query: AnalysisQuery,
    form: { values: Form; errors?: FormErrors } = { values: {} },
    status = 200,
  ) => {
    const a = await outcomes.analysis.analyse(code, user.areaCode, query);
    return show(
      reply,
      'indicator.njk',
      {
        pageTitle: `${a.indicator.code}: ${a.indicator.title}`,
        a,
        ...indicatorPageModel(a),
        fromItems: selectItems(a.periods, a.from),
        toItems: selectItems(a.periods, a.to),
        groupItems: groupItems(a.group),
        downloads: Object.fromEntries(
          Object.keys(a.charts).map((chart) => {
            const query = chart === 'gap' ? `?group=${a.group}` : '';
            const href = (format: 'png' | 'csv') => `${paths.outcomesIndicatorChart(a.indicator.code, chart, format)}${query}`;
            return [chart, { png: href('png'), csv: href('csv') }];
          }),
        ),
        targetAction: paths.outcomesIndicatorTargets(a.indicator.code),
        spanAction: paths.outcomesIndicator(a.indicator.code),
        canManage: can(user, 'outcomes.manage'),
        ...form,
      },
      status,
    );
  };

  app.get<{ Params: IndicatorParams; Querystring: AnalysisQuery }>(
    paths.outcomesIndicatorPattern,
    allow('outcomes.view', { params: IndicatorParams, querystring: AnalysisQuery }),
    async (request, reply) => indicatorPage(reply, signedIn(request).user, request.params.indicatorCode, request.query),
  );

  // A chart as a picture or its data: the CSV is the table beside the chart, cell for cell.
  app.get<{ Params: ChartParams; Querystring: AnalysisQuery }>(
    paths.outcomesIndicatorChartPattern,
    allow('outcomes.view', { params: ChartParams, querystring: AnalysisQuery }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const { indicatorCode, chart, format } = request.params;
      const a = await outcomes.analysis.analyse(indicatorCode, user.areaCode, request.query);
      const found = a.charts[chart];
      // A gap chart needs a group (?group=), a ranking a value to rank.
      if (!found) throw notFound('chart');
      const name = `${a.indicator.code.replace(/[^A-Za-z0-9]+/g, '-')}-${a.area.code}-${chart}${chart === 'gap' ? `-${a.group}` : ''}`;
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(found.csv);
      return reply.type('image/png').send(await svgToPng(found.svg));
    },
  );

  app.post<{ Params: IndicatorParams }>(
    paths.outcomesIndicatorTargetsPattern,
    allow('outcomes.manage', { params: IndicatorParams }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const form = formOf(request.body);
      const { indicatorCode } = request.params;
      const result = await handleForm(
        () => outcomes.planning.setTarget(user, indicatorCode, { period: form.period, value: form.value }, request.context),
        (errors, status) => indicatorPage(reply, user, indicatorCode, {}, { values: form, errors }, status),
      );
      return result.ok ? reply.redirect(`${paths.outcomesIndicator(indicatorCode)}?done=target#target`, 303) : reply;
    },
  );

  app.get(paths.outcomesDashboard, allow('outcomes.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const dashboard = await outcomes.dashboard.dashboard(user.areaCode);
    return show(reply, 'dashboard.njk', {
      pageTitle: 'Dashboard of outcome indicators',
      dashboard,
      head: dashboardHead(),
      sections: dashboard.outcomes.map((o) => ({
        name: o.name,
        rows: o.rows.map((r) => dashboardCells(r, paths.outcomesIndicator(r.code), user.areaName)),
      })),
    });
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { govukTable } from '../../outcomes/index.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { policy } from '../../platform/policy.js';
import { page } from '../page.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { byTypeTable, bySectorTable, publishedFiguresCsv, resourceMapCsv, resourceMapTables } from './present.js';

/**
 * The resource map (issue 17 item 7) and the figures in the shape of 004 Tables 4.3 and 4.4 (item 8): pages,
 * CSV downloads and JSON, read by everyone with commissioning.view (board members read-only). ADR 0032.
 */

const Pence = Type.Integer({ description: 'Whole pence' });
const BreakdownSchema = Type.Object({
  rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), byYear: Type.Array(Pence), total: Pence })),
  totals: Type.Array(Pence, { description: 'Each year’s total: equal to the map’s grand total for the year' }),
  grandTotal: Pence,
});
const ResourceMapSchema = Type.Object({
  years: Type.Array(Type.Integer({ description: 'The year its April falls in' })),
  yearLabels: Type.Array(Type.String()),
  byPartner: BreakdownSchema,
  byOutcome: BreakdownSchema,
  byNeedLevel: BreakdownSchema,
  unvalued: Type.Array(Type.Object({ label: Type.String(), byYear: Type.Array(Type.Integer()), total: Type.Integer() }), {
    description: 'Contributions in kind left unvalued: counted, never summed',
  }),
  prevention: Type.Array(
    Type.Object({
      financialYear: Type.Integer(),
      label: Type.String(),
      preventionPence: Pence,
      withLevelPence: Pence,
      sharePercent: Type.Union([Type.Number({ description: 'To one decimal place' }), Type.Null()]),
    }),
  ),
});
const PublishedFiguresSchema = Type.Object({
  bySector: Type.Object({
    years: Type.Array(Type.Integer()),
    yearLabels: Type.Array(Type.String()),
    rows: Type.Array(
      Type.Object({
        sector: Type.String(),
        label: Type.String(),
        byYear: Type.Array(Pence),
        unvaluedByYear: Type.Array(Type.Integer()),
        partners: Type.Integer(),
      }),
    ),
    totals: Type.Array(Pence),
  }),
  byType: Type.Object({
    total: Type.Integer({ description: 'Services funded through pooled budgets' }),
    funds: Type.Integer({ description: 'Pooled funds they are funded from' }),
    rows: Type.Array(
      Type.Object({ type: Type.String(), label: Type.String(), count: Type.Integer(), examples: Type.Array(Type.String()) }),
    ),
  }),
});

export async function resourceMapRoutes(app: FastifyInstance, { commissioning }: CommissioningRouteOptions): Promise<void> {
  const service = commissioning.resourceMap;
  const view = pageRoute('commissioning.view');

  app.get(cp.resourceMap, view, async (request, reply) => {
    const { user } = signedIn(request);
    const map = await service.map(user);
    return page(reply, 'resource-map/map.njk', {
      pageTitle: 'Resource map',
      map,
      tables: resourceMapTables(map),
      chart: map.chart ? { svg: map.chart.svg, table: govukTable(map.chart.table) } : null,
    });
  });

  app.get(cp.resourceMapCsv, view, async (request, reply) => {
    const map = await service.map(signedIn(request).user);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="resource-map.csv"')
      .send(resourceMapCsv(map));
  });

  app.get(cp.publishedFigures, view, async (request, reply) => {
    const { user } = signedIn(request);
    const figures = await service.publishedFigures(user);
    return page(reply, 'resource-map/published.njk', {
      pageTitle: 'Figures in the shape of the published ones',
      figures,
      bySector: bySectorTable(figures.bySector),
      byType: byTypeTable(figures.byType),
    });
  });

  app.get(cp.publishedFiguresCsv, view, async (request, reply) => {
    const { bySector, byType } = await service.publishedFigures(signedIn(request).user);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="pooled-funds-figures.csv"')
      .send(publishedFiguresCsv(bySector, byType));
  });

  const api = apiRoutes(app, { tags: ['commissioning'], policy: policy.allow('commissioning.view') });
  api.get(cp.apiResourceMap, {
    summary:
      'The resource map: resources by partner, outcome and level of need by financial year, and the share going to prevention (whole pence)',
    description:
      'A resource is a partner’s contribution to a pooled fund or aligned budget for a year: money, or in kind at its value; unvalued contributions in kind are counted, not summed. ' +
      'Bookings say where it went; a service serving several outcomes or levels has its money split equally (pennies that do not divide to the first in order). Each breakdown’s totals equal the partners’ (ADR 0032).',
    schema: { response: { 200: ResourceMapSchema } },
    work: async ({ user }) => {
      const { chart: _chart, areaName: _areaName, ...figures } = await service.map(user);
      return figures;
    },
  });
  api.get(cp.apiPublishedFigures, {
    summary:
      'Contributions to pooled funds by sector (004 Table 4.3’s shape) and services funded from pools by main type with counts (Table 4.4’s)',
    schema: { response: { 200: PublishedFiguresSchema } },
    work: async ({ user }) => service.publishedFigures(user),
  });
}

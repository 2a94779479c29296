import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { shownFaults } from '../platform/faults.js';
import { signedIn } from '../platform/http/plugin.js';
import { policy, type Action } from '../platform/policy.js';
import { byPlace } from './import.js';
import type { IndicatorAnalysis } from './indicator-analysis.js';
import type { OutcomeServices } from './index.js';
import * as s from './schemas.js';

/** The outcomes JSON API (issue 5): the same services as the pages, in the OpenAPI document. */

const tags = ['outcomes'];
const options = (action: Action, summary: string, schema: Record<string, unknown>) => ({
  config: { policy: policy.allow(action) },
  schema: { summary, tags, ...schema },
});

/** The analysis as data: the charts' tables, not their pictures. */
function analysisJson(a: IndicatorAnalysis) {
  return {
    indicator: a.indicator,
    area: a.area,
    comparators: a.comparators,
    periods: a.periods,
    from: a.from,
    to: a.to,
    group: a.group,
    trend: a.trend,
    comparison: a.comparison && { ...a.comparison, rank: a.comparison.area.rank },
    change: a.change && { ...a.change, sentence: a.changeSentence ?? '' },
    target: a.targetStatus,
    gap: a.gap && {
      points: a.gap.points.map((p) => ({ period: p.period.label, group: p.group.value, all: p.all.value, gap: p.gap })),
      movement: a.gap.movement,
    },
    tables: Object.fromEntries(Object.entries(a.charts).map(([name, chart]) => [name, chart.table])),
  };
}

export async function outcomeApiRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
  app.get(
    '/api/outcomes',
    options('outcomes.view', 'The five outcomes, their aims and the indicators of each aim', { response: { 200: s.Framework } }),
    async (request) => outcomes.catalogue.framework(signedIn(request).user.areaCode),
  );

  app.get(
    '/api/outcomes/indicators',
    options('outcomes.view', 'The indicator catalogue: national indicators and the area’s own', { response: { 200: s.IndicatorList } }),
    async (request) => outcomes.catalogue.listIndicators(signedIn(request).user.areaCode),
  );

  app.get<{ Params: s.IndicatorParams; Querystring: s.AnalysisQuery }>(
    '/api/outcomes/indicators/:indicatorCode',
    options('outcomes.view', 'One indicator for the user’s area: trend, ranking, change over a span, target and gap', {
      params: s.IndicatorParams,
      querystring: s.AnalysisQuery,
      response: { 200: s.Analysis },
    }),
    async (request) =>
      analysisJson(await outcomes.analysis.analyse(request.params.indicatorCode, signedIn(request).user.areaCode, request.query)),
  );

  app.get(
    '/api/outcomes/dashboard',
    options('outcomes.view', 'Every indicator of the area at a glance, grouped by outcome', { response: { 200: s.DashboardSchema } }),
    async (request) => outcomes.dashboard.dashboard(signedIn(request).user.areaCode),
  );

  app.post<{ Body: s.ImportBody }>(
    '/api/outcomes/imports',
    options('outcomes.import', 'Import indicator values from CSV text; a file with faults is refused (422) unless importGoodRows', {
      body: s.ImportBody,
      response: { 201: s.ImportReport, 422: s.ImportReport },
    }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const report = await outcomes.importCsv(user, request.body.csv, request.body.importGoodRows === true, request.context);
      // Bounded however many faults the file has (platform/faults.ts); the command line lists them all.
      const { faultSummary, ...rest } = report;
      return reply.code(report.status === 'imported' ? 201 : 422).send({
        ...rest,
        faults: shownFaults(faultSummary).sort(byPlace),
        faultsTotal: faultSummary.total,
        faultKinds: faultSummary.kinds.map((k) => ({ kind: k.kind, count: k.count, more: k.more })),
      });
    },
  );

  app.get(
    '/api/outcomes/comparators',
    options('outcomes.view', 'The area’s comparator areas (statistical neighbours)', { response: { 200: s.Comparators } }),
    async (request) => outcomes.catalogue.comparators(signedIn(request).user.areaCode),
  );

  app.put<{ Body: s.ComparatorsBody }>(
    '/api/outcomes/comparators',
    options('outcomes.manage', 'Set the area’s comparator areas', { body: s.ComparatorsBody, response: { 200: s.Comparators } }),
    async (request) => {
      const { user } = signedIn(request);
      await outcomes.catalogue.setComparators(user, request.body.comparators, request.context);
      return outcomes.catalogue.comparators(user.areaCode);
    },
  );

  app.post<{ Body: s.LocalIndicatorBody }>(
    '/api/outcomes/indicators',
    options('outcomes.manage', 'Add one of the area’s own indicators', {
      body: s.LocalIndicatorBody,
      response: { 201: s.IndicatorList.items },
    }),
    async (request, reply) => {
      const { user } = signedIn(request);
      return reply.code(201).send(await outcomes.catalogue.addLocalIndicator(user, request.body, request.context));
    },
  );

  app.post<{ Params: s.IndicatorParams; Body: s.TargetBody }>(
    '/api/outcomes/indicators/:indicatorCode/targets',
    options('outcomes.manage', 'Set the area’s target for a period of an indicator', {
      params: s.IndicatorParams,
      body: s.TargetBody,
      response: { 201: s.TargetSchema },
    }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const target = await outcomes.planning.setTarget(user, request.params.indicatorCode, request.body, request.context);
      return reply.code(201).send({ period: target.period.label, group: target.group, value: target.value });
    },
  );

  app.put<{ Params: s.OutcomeParams; Body: s.NarrativeBody }>(
    '/api/outcomes/needs/:outcomeCode/narrative',
    options('outcomes.manage', 'Write the needs assessment narrative of one outcome', {
      params: s.OutcomeParams,
      body: s.NarrativeBody,
      response: { 204: Type.Null() },
    }),
    async (request, reply) => {
      await outcomes.planning.setNarrative(signedIn(request).user, request.params.outcomeCode, request.body.narrative, request.context);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/outcomes/needs',
    options('outcomes.view', 'The needs assessment: each outcome’s narrative, and children and funding at each level of need', {
      response: { 200: s.NeedsSchema },
    }),
    async (request) => {
      const { areaCode } = signedIn(request).user;
      const [narratives, levels] = await Promise.all([outcomes.planning.narratives(areaCode), outcomes.planning.needsLevels(areaCode)]);
      return { narratives, levels };
    },
  );

  app.put<{ Body: s.NeedsLevelsBody }>(
    '/api/outcomes/needs/levels',
    options('outcomes.manage', 'Record children and funding at each level of need for one financial year (004 Table 4.1)', {
      body: s.NeedsLevelsBody,
      response: { 204: Type.Null() },
    }),
    async (request, reply) => {
      await outcomes.planning.setNeedsLevels(signedIn(request).user, request.body, request.context);
      return reply.code(204).send();
    },
  );
}

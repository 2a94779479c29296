import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { shownFaults } from '../platform/faults.js';
import { platformProblems } from '../platform/errors.js';
import { apiRoute } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { policy } from '../platform/policy.js';
import { byPlace } from './import.js';
import type { IndicatorAnalysis } from './indicator-analysis.js';
import type { OutcomeServices } from './index.js';
import * as s from './schemas.js';

/** The outcomes JSON API (issue 5): the same services as the pages, in the OpenAPI document. */

const tags = ['outcomes'];
const { notFound } = platformProblems;

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
  const view = policy.allow('outcomes.view');
  const manage = policy.allow('outcomes.manage');

  apiRoute(app, {
    method: 'GET',
    url: '/api/outcomes',
    policy: view,
    summary: 'The five outcomes, their aims and the indicators of each aim',
    tags,
    schema: { response: { 200: s.Framework } },
    handler: async (request) => outcomes.catalogue.framework(signedIn(request).user.areaCode),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/outcomes/indicators',
    policy: view,
    summary: 'The indicator catalogue: national indicators and the area’s own',
    tags,
    schema: { response: { 200: s.IndicatorList } },
    handler: async (request) => outcomes.catalogue.listIndicators(signedIn(request).user.areaCode),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/outcomes/indicators/:indicatorCode',
    policy: view,
    summary: 'One indicator for the user’s area: trend, ranking, change over a span, target and gap',
    tags,
    schema: { params: s.IndicatorParams, querystring: s.AnalysisQuery, response: { 200: s.Analysis } },
    problems: [notFound],
    handler: async (request) =>
      analysisJson(await outcomes.analysis.analyse(request.params.indicatorCode, signedIn(request).user.areaCode, request.query)),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/outcomes/dashboard',
    policy: view,
    summary: 'Every indicator of the area at a glance, grouped by outcome',
    tags,
    schema: { response: { 200: s.DashboardSchema } },
    handler: async (request) => outcomes.dashboard.dashboard(signedIn(request).user.areaCode),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/outcomes/imports',
    policy: policy.allow('outcomes.import'),
    summary: 'Import indicator values from CSV text; a file with faults is refused (422) unless importGoodRows',
    tags,
    schema: { body: s.ImportBody, response: { 201: s.ImportReport, 422: s.ImportReport } },
    handler: async (request, reply) => {
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
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/outcomes/comparators',
    policy: view,
    summary: 'The area’s comparator areas (statistical neighbours)',
    tags,
    schema: { response: { 200: s.Comparators } },
    handler: async (request) => outcomes.catalogue.comparators(signedIn(request).user.areaCode),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/outcomes/comparators',
    policy: manage,
    summary: 'Set the area’s comparator areas',
    tags,
    schema: { body: s.ComparatorsBody, response: { 200: s.Comparators } },
    handler: async (request) => {
      const { user } = signedIn(request);
      await outcomes.catalogue.setComparators(user, request.body.comparators, request.context);
      return outcomes.catalogue.comparators(user.areaCode);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/outcomes/indicators',
    policy: manage,
    summary: 'Add one of the area’s own indicators',
    tags,
    schema: { body: s.LocalIndicatorBody, response: { 201: s.IndicatorList.items } },
    handler: async (request, reply) => {
      const { user } = signedIn(request);
      return reply.code(201).send(await outcomes.catalogue.addLocalIndicator(user, request.body, request.context));
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/outcomes/indicators/:indicatorCode/targets',
    policy: manage,
    summary: 'Set the area’s target for a period of an indicator',
    tags,
    schema: { params: s.IndicatorParams, body: s.TargetBody, response: { 201: s.TargetSchema } },
    problems: [notFound],
    handler: async (request, reply) => {
      const { user } = signedIn(request);
      const target = await outcomes.planning.setTarget(user, request.params.indicatorCode, request.body, request.context);
      return reply.code(201).send({ period: target.period.label, group: target.group, value: target.value });
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/outcomes/needs/:outcomeCode/narrative',
    policy: manage,
    summary: 'Write the needs assessment narrative of one outcome',
    tags,
    schema: { params: s.OutcomeParams, body: s.NarrativeBody, response: { 204: Type.Null() } },
    problems: [notFound],
    handler: async (request, reply) => {
      await outcomes.planning.setNarrative(signedIn(request).user, request.params.outcomeCode, request.body.narrative, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/outcomes/needs',
    policy: view,
    summary: 'The needs assessment: each outcome’s narrative, and children and funding at each level of need',
    tags,
    schema: { response: { 200: s.NeedsSchema } },
    handler: async (request) => {
      const { areaCode } = signedIn(request).user;
      const [narratives, levels] = await Promise.all([outcomes.planning.narratives(areaCode), outcomes.planning.needsLevels(areaCode)]);
      return { narratives: narratives.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() })), levels };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/outcomes/needs/levels',
    policy: manage,
    summary: 'Record children and funding at each level of need for one financial year (004 Table 4.1)',
    tags,
    schema: { body: s.NeedsLevelsBody, response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      await outcomes.planning.setNeedsLevels(signedIn(request).user, request.body, request.context);
      return reply.code(204).send(null);
    },
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { claimSpooledUpload, spoolBody } from '../platform/http/spool.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import { outcomeProblems } from './errors.js';
import { uploadedFileLabel } from './file-sniff.js';
import { IMPORT_UPLOAD_LIMIT } from './import-service.js';
import { jobJson } from './import-view.js';
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
  const api = apiRoutes(app, { tags, policy: policy.allow('outcomes.view') });
  const manage = policy.allow('outcomes.manage');
  const { catalogue, planning, imports } = outcomes;
  // A text/csv body is left unread here: the import route writes it to disk as it arrives (spool.ts).
  app.addContentTypeParser('text/csv', (_request, _payload, done) => done(null, {}));

  api.get('/api/outcomes', {
    summary: 'The five outcomes, their aims and the indicators of each aim',
    schema: { response: { 200: s.Framework } },
    work: async ({ user }) => catalogue.framework(user.areaCode),
  });

  api.get('/api/outcomes/indicators', {
    summary: 'The indicator catalogue: national indicators and the area’s own',
    schema: { response: { 200: s.IndicatorList } },
    work: async ({ user }) => catalogue.listIndicators(user.areaCode),
  });

  api.get('/api/outcomes/indicators/:indicatorCode', {
    summary: 'One indicator for the user’s area: trend, ranking, change over a span, target and gap',
    schema: { params: s.IndicatorParams, querystring: s.AnalysisQuery, response: { 200: s.Analysis } },
    problems: [notFound],
    work: async ({ user, params, query }) => analysisJson(await outcomes.analysis.analyse(params.indicatorCode, user.areaCode, query)),
  });

  api.get('/api/outcomes/dashboard', {
    summary: 'Every indicator of the area at a glance, grouped by outcome',
    schema: { response: { 200: s.DashboardSchema } },
    work: async ({ user }) => outcomes.dashboard.dashboard(user.areaCode),
  });

  // The file is written to disk as it arrives (a text/csv body or a multipart file), then imported
  // by a background job (ADR 0018): 202 with the job's URL, which GET follows to the report.
  api.post('/api/outcomes/imports', {
    policy: policy.allow('outcomes.import'),
    summary: 'Import indicator values: a text/csv body, a multipart file, or CSV text in JSON; answers 202 with the job to follow',
    schema: { body: s.ImportBody, querystring: s.ImportQuery, response: { 202: s.ImportJobSchema } },
    upload: { limit: IMPORT_UPLOAD_LIMIT },
    problems: [outcomeProblems.importRefused],
    work: async ({ user, body, query, context, request, reply }) => {
      const type = String(request.headers['content-type'] ?? '');
      const upload = type.startsWith('text/csv')
        ? await spoolBody(request, imports.spoolDir, IMPORT_UPLOAD_LIMIT)
        : (claimSpooledUpload(request, 'file') ?? (body?.csv ? await imports.spoolText(body.csv, '') : undefined));
      if (!upload || upload.bytes === 0)
        throw outcomeProblems.importRefused('Send the file: a text/csv body, a multipart file named "file", or JSON with csv');
      claimSpooledUpload(request, 'body');
      // The file's own name (a multipart file's), or as the caller names it; 'API request' when it has none.
      const fileName = uploadedFileLabel(upload.fileName || body?.fileName || query.fileName, 'API request');
      const job = await imports.queue(
        user,
        { upload: { ...upload, fileName }, importGoodRows: (body?.importGoodRows ?? query.importGoodRows) === true },
        context,
      );
      return reply.code(202).header('location', paths.apiOutcomesImportJob(job.id)).send(jobJson(job));
    },
  });

  api.get('/api/outcomes/imports/:jobId', {
    policy: policy.allow('outcomes.import'),
    summary: 'One of your imports: its state, progress and (when it ends) its report, faults bounded',
    schema: { params: s.ImportJobParams, response: { 200: s.ImportJobSchema } },
    problems: [notFound],
    work: async ({ user, params }) => jobJson(await imports.job(user, params.jobId)),
  });

  api.get('/api/outcomes/comparators', {
    summary: 'The area’s comparator areas (statistical neighbours)',
    schema: { response: { 200: s.Comparators } },
    work: async ({ user }) => catalogue.comparators(user.areaCode),
  });

  // The topic mapping: those who import the catalogue (planners, area administrators) map its topics.
  api.get('/api/outcomes/topics', {
    summary: 'The publishers’ topics of the catalogue and the aims each evidences',
    schema: { response: { 200: s.Topics } },
    work: async () => outcomes.topics.topics(),
  });

  api.put('/api/outcomes/topics', {
    policy: policy.allow('outcomes.import'),
    summary: 'Set the aims a topic evidences; its national indicators follow at once',
    schema: { body: s.TopicBody, response: { 200: s.Topics } },
    work: async ({ user, body, context }) => {
      await outcomes.topics.setTopicAims(user, body.topic, body.aimCodes, context);
      return outcomes.topics.topics();
    },
  });

  api.put('/api/outcomes/comparators', {
    policy: manage,
    summary: 'Set the area’s comparator areas',
    schema: { body: s.ComparatorsBody, response: { 200: s.Comparators } },
    work: async ({ user, body, context }) => {
      await catalogue.setComparators(user, body.comparators, context);
      return catalogue.comparators(user.areaCode);
    },
  });

  api.post('/api/outcomes/indicators', {
    policy: manage,
    summary: 'Add one of the area’s own indicators',
    schema: { body: s.LocalIndicatorBody, response: { 201: s.IndicatorList.items } },
    work: async ({ user, body, context }) => catalogue.addLocalIndicator(user, body, context),
  });

  api.post('/api/outcomes/indicators/:indicatorCode/targets', {
    policy: manage,
    summary: 'Set the area’s target for a period of an indicator',
    schema: { params: s.IndicatorParams, body: s.TargetBody, response: { 201: s.TargetSchema } },
    problems: [notFound],
    work: async ({ user, params, body, context }) => {
      const target = await planning.setTarget(user, params.indicatorCode, body, context);
      return { period: target.period.label, group: target.group, value: target.value };
    },
  });

  api.put('/api/outcomes/needs/:outcomeCode/narrative', {
    policy: manage,
    summary: 'Write the needs assessment narrative of one outcome',
    schema: { params: s.OutcomeParams, body: s.NarrativeBody, response: { 204: Type.Null() } },
    problems: [notFound],
    work: async ({ user, params, body, context }) => planning.setNarrative(user, params.outcomeCode, body.narrative, context),
  });

  api.get('/api/outcomes/needs', {
    summary: 'The needs assessment: each outcome’s narrative, and children and funding at each level of need',
    schema: { response: { 200: s.NeedsSchema } },
    work: async ({ user: { areaCode } }) => {
      const [narratives, levels] = await Promise.all([planning.narratives(areaCode), planning.needsLevels(areaCode)]);
      return { narratives: narratives.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() })), levels };
    },
  });

  api.put('/api/outcomes/needs/levels', {
    policy: manage,
    summary: 'Record children and funding at each level of need for one financial year (004 Table 4.1)',
    schema: { body: s.NeedsLevelsBody, response: { 204: Type.Null() } },
    work: async ({ user, body, context }) => planning.setNeedsLevels(user, body, context),
  });
}

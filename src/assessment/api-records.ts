import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { paths } from '../platform/paths.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { tags, work } from './api.js';
import { ATTACHMENT_TYPES } from './attachments/sniff.js';
import { CHRONOLOGY_KINDS } from './chronology/types.js';
import { assessmentProblems as problems } from './errors.js';
import type { AssessmentServices } from './index.js';
import { AssessmentParams } from './schemas.js';

/** The episode's records as JSON: its chronology and the files attached to it (the pages are routes-records.ts). */

const Moment = Type.String({ format: 'date-time' });
const ChronologyQuery = Type.Object({
  kind: Type.Optional(Type.String({ description: `One kind of event: ${CHRONOLOGY_KINDS.values.join(', ')}` })),
  page: Type.Optional(Type.String({ description: 'The page, from 1 (50 events a page)' })),
});
const ChronologySchema = Type.Object({
  assessmentId: Type.String(),
  childId: Type.String(),
  childName: Type.String(),
  kind: Type.Union([CHRONOLOGY_KINDS.schema(), Type.Null()]),
  events: Type.Array(
    Type.Object({ at: Moment, kind: CHRONOLOGY_KINDS.schema(), what: Type.String(), by: Type.String(), detail: Type.String() }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pages: Type.Integer(),
});
const AttachmentSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: ATTACHMENT_TYPES.schema(),
  byteSize: Type.Integer(),
  description: Type.String(),
  addedByName: Type.String(),
  addedAt: Moment,
  removedAt: Type.Union([Moment, Type.Null()]),
  removedByName: Type.Union([Type.String(), Type.Null()]),
  removalReason: Type.String(),
  download: Type.Union([Type.String({ description: 'Where to download it (GET, with the session), while not removed' }), Type.Null()]),
});

export async function episodeRecordApiRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const api = apiRoutes(app, { tags, policy: work });
  const { notFound, validationFailed } = platformProblems;

  api.get('/api/assessments/:assessmentId/chronology', {
    summary: 'The episode’s chronology: what happened, when and by whom, oldest first',
    description:
      'Built from the assessment’s records; to whoever may open the assessment, and audited as a read of the child. 50 events a page.',
    schema: { params: AssessmentParams, querystring: ChronologyQuery, response: { 200: ChronologySchema } },
    problems: [notFound, problems.notShared, validationFailed],
    work: async ({ user, params, query, context }) => {
      const found = await assessment.chronology.ofAssessment(user, params.assessmentId, query, context);
      return { ...found, events: found.events.map((e) => ({ ...e, at: e.at.toISOString() })) };
    },
  });

  api.post('/api/assessments/:assessmentId/attachments/:attachmentId/remove', {
    summary: 'Remove a file, with the reason',
    description:
      'Soft: it is no longer downloaded, and the chronology and the list keep that it was attached and removed. Files are attached on the page.',
    schema: {
      params: Type.Object({ assessmentId: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ removalReason: Type.String() }),
      response: { 204: Type.Null() },
    },
    problems: [notFound, problems.notShared, problems.closed, validationFailed],
    work: async ({ user, params, body, context }) =>
      assessment.attachments.remove(user, params.assessmentId, params.attachmentId, body.removalReason, context),
  });

  api.get('/api/assessments/:assessmentId/attachments', {
    summary: 'The files attached to the assessment, removed ones marked',
    schema: { params: AssessmentParams, response: { 200: Type.Array(AttachmentSchema) } },
    problems: [notFound, problems.notShared],
    work: async ({ user, params, context }) =>
      (await assessment.attachments.list(user, params.assessmentId, context)).attachments.map((a) => ({
        ...a,
        addedAt: a.addedAt.toISOString(),
        removedAt: a.removedAt?.toISOString() ?? null,
        download: a.removedAt ? null : paths.assessmentAttachment(params.assessmentId, a.id),
      })),
  });
}

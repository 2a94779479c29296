import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes, passedThrough } from '../platform/http/api-route.js';
import { policy } from '../platform/policy.js';
import { assessmentProblems as problems } from './errors.js';
import type { AssessmentServices } from './index.js';

/**
 * Local assessment forms through the API (004 para 186): the same service as the pages. A definition
 * follows schemas/assessment-form-v1.schema.json; one that does not is refused with the JSON path of
 * each fault, and nothing is saved.
 */

const FormParams = Type.Object({ formId: Type.String({ format: 'uuid' }) });
const Definition = Type.Object(
  {},
  { additionalProperties: true, description: 'A form definition (schemas/assessment-form-v1.schema.json)' },
);
const StoredFormSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    version: Type.String(),
    title: Type.String(),
    status: Type.String({ description: 'draft or published' }),
    uploadedByName: Type.String(),
    publishedByName: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: true, description: 'Also uploadedAt, publishedAt (date-times) and form: its domains and elements' },
);

export async function assessmentFormApiRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { forms } = assessment;
  const api = apiRoutes(app, { tags: ['assessment forms'], policy: policy.allow('assessment_forms.manage') });
  const { notFound } = platformProblems;

  api.get('/api/assessment-forms', {
    summary: 'The area’s local assessment forms, every version, drafts included',
    schema: { response: { 200: Type.Array(StoredFormSchema) } },
    work: async ({ user }) => (await forms.list(user)).map(passedThrough),
  });

  api.post('/api/assessment-forms', {
    summary: 'Upload a form definition as a draft version (or an export from another area)',
    description:
      'Refused with 400 and the JSON path of each fault when it does not match schemas/assessment-form-v1.schema.json; with 409 form_published when that version is already published.',
    schema: { body: Type.Unknown({ description: 'A form definition document' }), response: { 201: Type.Object({ id: Type.String() }) } },
    problems: [problems.formPublished, problems.formUploadRace],
    work: async ({ user, body, context }) => ({ id: await forms.upload(user, body, context) }),
  });

  api.get('/api/assessment-forms/:formId', {
    summary: 'One version of a local form, with its domains and elements',
    schema: { params: FormParams, response: { 200: StoredFormSchema } },
    problems: [notFound],
    work: async ({ user, params }) => passedThrough(await forms.get(user, params.formId)),
  });

  api.post('/api/assessment-forms/:formId/publish', {
    summary: 'Publish a draft: practitioners may then start assessments on it; it never changes again',
    schema: { params: FormParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.formPublished],
    work: async ({ user, params, context }) => forms.publish(user, params.formId, context),
  });

  api.delete('/api/assessment-forms/:formId', {
    summary: 'Discard a draft version (uploaded, never published)',
    description: 'A published version is never discarded (409 form_published): assessments may be written on it.',
    schema: { params: FormParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.formPublished],
    work: async ({ user, params, context }) => forms.discard(user, params.formId, context),
  });

  api.get('/api/assessment-forms/:formId/definition', {
    summary: 'Export a version’s definition, to import into another area',
    schema: { params: FormParams, response: { 200: Definition } },
    problems: [notFound],
    work: async ({ user, params, context }) => passedThrough(await forms.exportDefinition(user, params.formId, context)),
  });
}

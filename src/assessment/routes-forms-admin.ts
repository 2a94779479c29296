import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../platform/errors.js';
import { formOf, handleForm, uploadedText, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import type { StoredForm } from './forms/repository.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';

/**
 * An area's local assessment forms (004 para 186), the area administrator's pages: the list, the
 * upload (a file or pasted text; an export from another area is imported the same way), the preview
 * of a version rendered as the assessment form renders it, publishing, discarding a draft (after a
 * confirmation page), and the export.
 */

type IdParams = { Params: { id: string } };

/** Faults in an uploaded definition, each named by its JSON path; every summary link goes to the file box. */
function definitionErrors(faults: FieldError[]): FormErrors {
  return {
    summary: faults.map((f) => ({
      text: f.message.startsWith(f.field) || f.field === '' ? f.message : `${f.field}: ${f.message}`,
      href: '#file',
    })),
    byField: {
      file: {
        text: faults.length === 1 ? 'The definition has a problem: see above' : `The definition has ${faults.length} problems: see above`,
      },
    },
  };
}

const STATUS_TAGS = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  published: { text: 'Published', classes: 'govuk-tag--green' },
} as const;

export async function formAdminPageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { forms } = assessment;
  const manage = allow('assessment_forms.manage');

  app.get(paths.assessmentForms, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const local = (await forms.list(user)).map((f) => ({ ...f, tag: STATUS_TAGS[f.status] }));
    return show(reply, 'forms/list.njk', { pageTitle: 'Assessment forms', national: forms.national, local, done: doneOf(request.query) });
  });

  const uploadPage = (reply: FastifyReply, data: { values: Form; errors?: FormErrors }, status = 200) =>
    show(reply, 'forms/upload.njk', { pageTitle: 'Upload an assessment form', ...data }, status);

  app.get(paths.assessmentFormUpload, manage, async (_request, reply) => uploadPage(reply, { values: {} }));

  app.post(paths.assessmentFormUpload, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const text = uploadedText(request.body, 'definition');
    const refuse = (faults: FieldError[], status: number) =>
      uploadPage(reply, { values: { definition: form.definition ?? '' }, errors: definitionErrors(faults) }, status);
    if (text.trim() === '')
      return refuse([{ field: '', rule: 'required', message: 'Choose a form definition file (.json), or paste its text' }], 400);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return refuse([{ field: '', rule: 'json', message: 'The definition is not JSON: upload the file as it was exported' }], 400);
    }
    try {
      const id = await forms.upload(user, document, request.context);
      return reply.redirect(`${paths.assessmentForm(id)}?done=uploaded`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403 || error.status === 404) throw error;
      return refuse(
        error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: '', rule: error.code, message: error.message }],
        error.status,
      );
    }
  });

  app.get<IdParams>(paths.assessmentForm(':id'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const stored = await forms.get(user, request.params.id);
    return show(reply, 'forms/preview.njk', {
      pageTitle: `${stored.title}, version ${stored.version}`,
      stored,
      form: stored.form,
      status: STATUS_TAGS[stored.status],
      done: doneOf(request.query),
    });
  });

  app.post<IdParams>(paths.assessmentFormPublish(':id'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    await forms.publish(user, request.params.id, request.context);
    return reply.redirect(`${paths.assessmentForm(request.params.id)}?done=published`, 303);
  });

  // Discarding asks first: the page says what goes, and a published version has no button at all.
  const discardPage = (reply: FastifyReply, stored: StoredForm, errors?: FormErrors, status = 200) =>
    show(reply, 'forms/discard.njk', { pageTitle: `Discard the draft of ${stored.title}, version ${stored.version}`, stored, errors }, status);

  app.get<IdParams>(paths.assessmentFormDiscard(':id'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    return discardPage(reply, await forms.get(user, request.params.id));
  });

  app.post<IdParams>(paths.assessmentFormDiscard(':id'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const stored = await forms.get(user, request.params.id);
    const result = await handleForm(
      () => forms.discard(user, stored.id, request.context),
      (errors, status) => discardPage(reply, stored, errors, status),
    );
    return result.ok ? reply.redirect(`${paths.assessmentForms}?done=discarded`, 303) : reply;
  });

  app.get<IdParams>(paths.assessmentFormExport(':id'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const definition = await forms.exportDefinition(user, request.params.id, request.context);
    return reply
      .header('content-disposition', `attachment; filename="${definition.code}-${definition.version}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(definition, null, 2));
  });
}

const DONE = new Set(['uploaded', 'published', 'discarded']);
function doneOf(query: unknown): string | undefined {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && DONE.has(done) ? done : undefined;
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../platform/errors.js';
import { formOf, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';

/**
 * Moving areas (000 §2.25): a common assessment exported as a file and imported in the new area.
 * The import page is no ordinary form: the whole document is one box, and each fault in it is listed
 * by its JSON path in the summary.
 */

type IdParams = { Params: { id: string } };

/** Faults in an imported document, each named by its JSON path; every summary link goes to the one box. */
function documentErrors(faults: FieldError[]): FormErrors {
  return {
    summary: faults.map((f) => ({
      text: f.message.startsWith(f.field) || f.field === '' ? f.message : `${f.field}: ${f.message}`,
      href: '#document',
    })),
    byField: {
      document: {
        text: faults.length === 1 ? 'The document has a problem: see above' : `The document has ${faults.length} problems: see above`,
      },
    },
  };
}

export async function portablePageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { portable } = assessment;

  // ---- Moving areas: the portable assessment (000 §2.25) --------------------------------------------

  app.get<IdParams>(paths.assessmentExport(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const document = await portable.exportAssessment(user, request.params.id, request.context);
    // The file is named by the assessment id only: a child's name never goes in a file name.
    return reply
      .header('content-disposition', `attachment; filename="common-assessment-${request.params.id}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(document, null, 2));
  });

  const importPage = (reply: FastifyReply, data: { values: Form; errors?: FormErrors }, status = 200) =>
    show(reply, 'import.njk', { pageTitle: 'Import a common assessment from another area', ...data }, status);

  app.get(paths.assessmentImport, allow('assessments.work'), async (_request, reply) => importPage(reply, { values: {} }));

  app.post(paths.assessmentImport, allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    let document: unknown;
    try {
      document = JSON.parse(form.document ?? '');
    } catch {
      const message = 'Paste the whole exported file: what was pasted is not JSON';
      return importPage(reply, { values: form, errors: documentErrors([{ field: '', rule: 'json', message }]) }, 400);
    }
    try {
      const imported = await portable.importAssessment(user, document, request.context);
      return reply.redirect(`${paths.assessment(imported.assessmentId)}?done=imported`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403 || error.status === 404) throw error;
      const faults = error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: '', rule: error.code, message: error.message }];
      return importPage(reply, { values: form, errors: documentErrors(faults) }, error.status);
    }
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { formErrors, formOf, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { claimSpooledUpload } from '../platform/http/spool.js';
import { paths } from '../platform/paths.js';
import { IMPORT_COLUMNS, importTemplateCsv } from './import-columns.js';
import { IMPORT_UPLOAD_LIMIT } from './import-service.js';
import { jobPageModel, recentRows } from './import-view.js';
import type { OutcomeServices } from './index.js';
import { allow, show } from './routes-helpers.js';
import { ImportJobParams } from './schemas.js';

/**
 * The import page (issue 5 item 2, issue 15 item 4): a published table uploaded, written to disk as
 * it arrives, and imported as a background job; the page redirects to the job's own page, which
 * shows its progress (refreshing itself, or with a link to refresh, without JavaScript) and its
 * report, and can be left and come back to. The import page lists the person's recent imports.
 * A .csv.gz or .xlsx goes to disk as its bytes and is told by them when the job reads it (import-input.ts);
 * the file's own name goes into the import and its audit entry, pasted text is said to be.
 */
export async function outcomeImportPageRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
  const { imports } = outcomes;

  const importPage = async (reply: FastifyReply, user: User, values: Form, errors?: FormErrors, status = 200) =>
    show(
      reply,
      'import.njk',
      { pageTitle: 'Import indicator values', values, columns: IMPORT_COLUMNS, recentRows: recentRows(await imports.recent(user)), errors },
      status,
    );

  app.get(paths.outcomesImport, allow('outcomes.import'), async (request, reply) => importPage(reply, signedIn(request).user, {}));

  // A file to fill in: every column named, with example rows (import-columns.ts).
  app.get(paths.outcomesImportTemplate, allow('outcomes.import'), async (_request, reply) =>
    reply
      .header('content-disposition', 'attachment; filename="indicator-values-template.csv"')
      .type('text/csv; charset=utf-8')
      .send(importTemplateCsv()),
  );

  // The file goes to disk as it arrives (spoolUpload), up to IMPORT_UPLOAD_LIMIT: never held in memory.
  app.post(
    paths.outcomesImport,
    {
      ...allow('outcomes.import'),
      config: {
        ...allow('outcomes.import').config,
        spoolUpload: true,
        multipartOptions: { limits: { fileSize: IMPORT_UPLOAD_LIMIT, files: 1, fields: 20 } },
      },
    },
    async (request, reply) => {
      const { user } = signedIn(request);
      const form = formOf(request.body);
      const file = claimSpooledUpload(request, 'file');
      const pasted = form.csv ?? '';
      const upload = file && file.bytes > 0 ? file : pasted.trim() !== '' ? await imports.spoolText(pasted, 'pasted text') : undefined;
      if (!upload) {
        const message = 'Choose a CSV file, or paste the CSV text of the table';
        return importPage(reply, user, form, formErrors([{ field: 'file', rule: 'required', message }]), 400);
      }
      const job = await imports.queue(user, { upload, importGoodRows: form.importGoodRows === 'yes' }, request.context);
      return reply.redirect(paths.outcomesImportJob(job.id), 303);
    },
  );

  app.get<{ Params: ImportJobParams }>(
    paths.outcomesImportJobPattern,
    allow('outcomes.import', { params: ImportJobParams }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const job = await imports.job(user, request.params.jobId);
      const model = jobPageModel(job);
      const pageTitle =
        job.state === 'done'
          ? 'Indicator values imported'
          : job.state === 'refused' || job.state === 'failed'
            ? 'The file was not imported'
            : 'Importing indicator values';
      return show(reply, 'import-job.njk', { pageTitle, ...model });
    },
  );
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendUploadedFile } from '../platform/http/download.js';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { fileOf, formOf, handleForm, uploadedFileName, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { ALLOWED_TYPES_TEXT, ATTACHMENT_TYPE_NAMES, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachments/sniff.js';
import { bannerFor, withDone, type Banner } from './banners.js';
import { CHRONOLOGY_KINDS } from './chronology/types.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';

/**
 * The episode's records: its chronology (what happened, when, by whom) and the files attached to it.
 * Both follow the assessment's own visibility; the services audit each read of the child.
 */

type IdParams = { Params: { id: string } };
type AttachmentParams = { Params: { id: string; attachmentId: string } };
type Query = { Querystring: Form };

const ATTACHMENT_BANNERS: Record<string, Banner> = {
  added: { heading: 'File attached', text: 'The team around the child can download it from this page.' },
  removed: { heading: 'File removed', text: 'It is no longer offered for download; the chronology keeps a note of it.' },
};

/** "1.2 MB", "35 KB": a file's size for people. */
const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;


export async function episodeRecordPageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  const { chronology, attachments } = assessment;

  // ---- The chronology of the episode ----------------------------------------------------------------

  app.get<IdParams & Query>(paths.assessmentChronology(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const query = request.query;
    const kind = CHRONOLOGY_KINDS.is(query.kind) ? query.kind : undefined;
    const page = /^[1-9]\d{0,5}$/.test(query.page ?? '') ? query.page : undefined;
    const found = await chronology.ofAssessment(user, request.params.id, { kind, page }, request.context);
    const link = (p: number) =>
      `${paths.assessmentChronology(found.assessmentId)}?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(p) }).toString()}`;
    return show(reply, 'chronology.njk', {
      pageTitle: `Chronology: ${found.childName}`,
      found,
      kinds: [
        { value: '', text: 'Every kind' },
        ...CHRONOLOGY_KINDS.values.map((k) => ({ value: k, text: k.charAt(0).toUpperCase() + k.slice(1), selected: k === kind })),
      ],
      previous: found.page > 1 ? link(found.page - 1) : undefined,
      next: found.page < found.pages ? link(found.page + 1) : undefined,
    });
  });

  // ---- Attachments ----------------------------------------------------------------------------------

  const attachmentsPage = async (
    reply: FastifyReply,
    user: User,
    id: string,
    ctx: RequestContext,
    data: { values: Form; errors?: FormErrors; banner?: Banner },
    status = 200,
  ) => {
    const listed = await attachments.list(user, id, ctx);
    return show(
      reply,
      'attachments.njk',
      {
        pageTitle: 'Files attached to the assessment',
        id,
        ...listed,
        current: listed.attachments.filter((a) => a.removedAt === null),
        removed: listed.attachments.filter((a) => a.removedAt !== null),
        typeLabel: ATTACHMENT_TYPE_NAMES,
        sizeText,
        allowedText: ALLOWED_TYPES_TEXT,
        maxText: sizeText(MAX_ATTACHMENT_BYTES),
        accept: [...ATTACHMENT_TYPES.values, ...Object.values(ATTACHMENT_TYPE_NAMES).flatMap((t) => t.extensions.map((e) => `.${e}`))].join(
          ',',
        ),
        ...data,
      },
      status,
    );
  };

  app.get<IdParams & Query>(paths.assessmentAttachments(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    return attachmentsPage(reply, user, request.params.id, request.context, {
      values: {},
      banner: bannerFor(ATTACHMENT_BANNERS, request.query.done),
    });
  });

  app.post<IdParams>(paths.assessmentAttachments(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const input = { fileName: uploadedFileName(request, 'file'), content: fileOf(request.body, 'file'), description: form.description };
    const result = await handleForm(
      () => attachments.add(user, id, input, request.context),
      // What was typed stays; nothing already attached is touched by a refusal.
      (errors, status) => attachmentsPage(reply, user, id, request.context, { values: form, errors }, status),
      { hrefs: { file: 'file', description: 'description' } },
    );
    return result.ok ? reply.redirect(withDone(paths.assessmentAttachments(id), 'added'), 303) : reply;
  });

  app.get<AttachmentParams>(paths.assessmentAttachment(':id', ':attachmentId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const file = await attachments.download(user, request.params.id, request.params.attachmentId, request.context);
    return sendUploadedFile(reply, file);
  });

  const removePage = async (
    reply: FastifyReply,
    user: User,
    p: AttachmentParams['Params'],
    ctx: RequestContext,
    data: { values: Form; errors?: FormErrors },
    status = 200,
  ) =>
    show(
      reply,
      'attachment-remove.njk',
      { pageTitle: 'Remove a file', id: p.id, file: await attachments.find(user, p.id, p.attachmentId, ctx), ...data },
      status,
    );

  app.get<AttachmentParams>(paths.assessmentAttachmentRemove(':id', ':attachmentId'), allow('assessments.work'), async (request, reply) =>
    removePage(reply, signedIn(request).user, request.params, request.context, { values: {} }),
  );

  app.post<AttachmentParams>(
    paths.assessmentAttachmentRemove(':id', ':attachmentId'),
    allow('assessments.work'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const form = formOf(request.body);
      const { id, attachmentId } = request.params;
      const result = await handleForm(
        () => attachments.remove(user, id, attachmentId, form.removalReason, request.context),
        (errors, status) => removePage(reply, user, request.params, request.context, { values: form, errors }, status),
      );
      return result.ok ? reply.redirect(withDone(paths.assessmentAttachments(id), 'removed'), 303) : reply;
    },
  );
}

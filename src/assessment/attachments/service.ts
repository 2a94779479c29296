import crypto from 'node:crypto';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors, notFound } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { consentToRecord, openForUser, requireOpen } from '../access.js';
import { basisForAudit } from '../details.js';
import { noConsentToRecord } from '../errors.js';
import * as repo from './repository.js';
import type { Attachment } from './repository.js';
import { checkUploadedFile } from '../../platform/uploaded-files.js';
import { ATTACHMENT_TYPE_NAMES, cleanFileName, MAX_ATTACHMENT_BYTES } from './sniff.js';

/**
 * Files attached to a common assessment (issue 14): a signed consent form, a letter. Whoever may open
 * the assessment may list and download them (each download an audited read of the child); adding and
 * removing are changes to an open assessment, like its drafts (consent to record first, 002 para 113).
 * Removal is soft and audited, so the chronology keeps what was there.
 */

export interface NewAttachment {
  fileName?: string;
  content?: Buffer;
  description?: string;
}

const DESCRIPTION_MAX = 500;
const REASON_MAX = 500;

/** Checks the file and its description before anything is opened: every fault named by field and rule. */
function readNewAttachment(input: NewAttachment) {
  const errors = new FieldErrors();
  const file = checkUploadedFile(errors, input, { maxBytes: MAX_ATTACHMENT_BYTES, requiredMessage: 'Choose a file to attach' });
  const description = (input.description ?? '').trim();
  if (description === '') errors.add('description', 'required', 'Describe the file, for example “Signed consent form”');
  else if (description.length > DESCRIPTION_MAX)
    errors.add('description', 'max_length', `Description must be ${DESCRIPTION_MAX} characters or less`);
  errors.throwIfAny();
  if (!file) throw new Error('unreachable: a checked attachment has content and a type');
  const named = cleanFileName(input.fileName) === '' ? `attachment.${ATTACHMENT_TYPE_NAMES[file.contentType].extensions[0] ?? 'bin'}` : file.fileName;
  return { ...file, fileName: named, description };
}

export function attachmentService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const audit = (
    tx: Parameters<typeof recordAudit>[0],
    user: User,
    ctx: RequestContext,
    action: string,
    a: { id: string; childId: string },
    details: Record<string, unknown>,
  ) =>
    recordAudit(tx, actorOf(user), ctx, {
      action,
      subject: { type: 'common_assessment', id: a.id },
      details: { childIds: [a.childId], ...details },
    });
  const validId = (id: string) => {
    if (!isUuid(id)) throw notFound('attachment');
  };

  return {
    /** The assessment's files, removed ones too (marked), for whoever may open it; audited as a read of the child. */
    async list(
      user: User,
      assessmentId: string,
      ctx: RequestContext,
    ): Promise<{ attachments: Attachment[]; isOpen: boolean; mayAdd: boolean }> {
      return db.transaction(async (tx) => {
        const { assessment, consents, basis } = await openForUser(tx, user, assessmentId);
        const attachments = await repo.listAttachments(tx, assessment.id);
        await audit(tx, user, ctx, 'assessment.attachments_listed', assessment, basisForAudit(basis));
        const isOpen = assessment.status === 'open';
        return { attachments, isOpen, mayAdd: isOpen && consentToRecord(consents) !== undefined };
      });
    },

    /** Attaches a file after checking its bytes, size and description; nothing is written when any is wrong. */
    async add(user: User, assessmentId: string, input: NewAttachment, ctx: RequestContext): Promise<string> {
      const file = readNewAttachment(input);
      const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
      return db.transaction(async (tx) => {
        const { assessment, consents } = await openForUser(tx, user, assessmentId, true);
        requireOpen(assessment);
        if (!consentToRecord(consents)) throw noConsentToRecord();
        const id = await repo.insertAttachment(tx, {
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          ...file,
          sha256,
          addedBy: user.id,
          addedByName: user.displayName,
          addedAt: clock.now(),
        });
        await audit(tx, user, ctx, 'assessment.attachment_added', assessment, {
          attachmentId: id,
          contentType: file.contentType,
          bytes: file.content.length,
          sha256,
        });
        return id;
      });
    },

    /** A file's bytes to download; every download is an audited read of the child. A removed file is not found. */
    async download(user: User, assessmentId: string, attachmentId: string, ctx: RequestContext): Promise<Attachment & { content: Buffer }> {
      validId(attachmentId);
      return db.transaction(async (tx) => {
        const { assessment, basis } = await openForUser(tx, user, assessmentId);
        const found = await repo.findAttachment(tx, assessment.id, attachmentId);
        const content = found && !found.removedAt ? await repo.findAttachmentContent(tx, assessment.id, attachmentId) : undefined;
        if (!found || !content) throw notFound('attachment');
        await audit(tx, user, ctx, 'assessment.attachment_downloaded', assessment, { attachmentId, ...basisForAudit(basis) });
        return { ...found, content };
      });
    },

    /** One file's details (the removal page asks about it by name); not found once removed; audited as a read of the child. */
    async find(user: User, assessmentId: string, attachmentId: string, ctx: RequestContext): Promise<Attachment> {
      validId(attachmentId);
      return db.transaction(async (tx) => {
        const { assessment, basis } = await openForUser(tx, user, assessmentId);
        const found = await repo.findAttachment(tx, assessment.id, attachmentId);
        if (!found || found.removedAt) throw notFound('attachment');
        await audit(tx, user, ctx, 'assessment.attachment_viewed', assessment, { attachmentId, ...basisForAudit(basis) });
        return found;
      });
    },

    /** Removes a file with the reason: soft (it stays in the chronology, its bytes are no longer served) and audited. */
    async remove(
      user: User,
      assessmentId: string,
      attachmentId: string,
      reasonText: string | undefined,
      ctx: RequestContext,
    ): Promise<void> {
      validId(attachmentId);
      const reason = (reasonText ?? '').trim();
      const errors = new FieldErrors();
      if (reason === '') errors.add('removalReason', 'required', 'Say why the file is being removed');
      else if (reason.length > REASON_MAX) errors.add('removalReason', 'max_length', `Reason must be ${REASON_MAX} characters or less`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const { assessment } = await openForUser(tx, user, assessmentId, true);
        requireOpen(assessment);
        const removed = await repo.removeAttachment(tx, {
          assessmentId: assessment.id,
          attachmentId,
          removedBy: user.id,
          removedByName: user.displayName,
          reason,
          at: clock.now(),
        });
        if (!removed) throw notFound('attachment');
        await audit(tx, user, ctx, 'assessment.attachment_removed', assessment, { attachmentId, reason });
      });
    },
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;

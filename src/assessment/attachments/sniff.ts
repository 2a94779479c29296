import { UPLOAD_TYPE_NAMES, UPLOAD_TYPES, type UploadType } from '../../platform/uploaded-files.js';

/**
 * What a file attached to an assessment may be: the platform's uploaded document types, told by the
 * file's bytes (platform/uploaded-files.ts), under the names the assessment's code and tests use.
 */
export { ALLOWED_TYPES_TEXT, cleanFileName, extensionOf } from '../../platform/uploaded-files.js';

/** At most 5 MB a file (a signed form scanned, a letter); the CHECK assessment_attachment_size holds the table to it. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The types an attachment may have (the CHECK assessment_attachment_content_type_known holds the column to them). */
export const ATTACHMENT_TYPES = UPLOAD_TYPES;
export type AttachmentType = UploadType;
export const ATTACHMENT_TYPE_NAMES = UPLOAD_TYPE_NAMES;

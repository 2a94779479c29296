import { defineEnum, type EnumValue } from './enums.js';
import type { FieldErrors } from './errors.js';

/**
 * What an uploaded document may be, told by its bytes (a file's name or the browser's declared type
 * says nothing reliable): PDF, PNG, JPEG, DOCX, ODT or plain UTF-8 text. Anything else (an
 * executable, a script, HTML, SVG, a macro-enabled document) is refused. Files are only ever
 * downloaded (Content-Disposition: attachment, nosniff), never shown inline. Shared by a common
 * assessment's attachments and a meeting's papers (moved here from assessment/attachments, issue 16).
 */

/** The types an uploaded document may have (CHECKs hold each table's column to them: enums-check.test.ts). */
export const UPLOAD_TYPES = defineEnum([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
]);
export type UploadType = EnumValue<typeof UPLOAD_TYPES>;

/** Each type's words for people, and the file name endings it goes by. */
export const UPLOAD_TYPE_NAMES: Record<UploadType, { label: string; extensions: readonly string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/png': { label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'text/plain': { label: 'plain text', extensions: ['txt', 'text'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word document (DOCX)', extensions: ['docx'] },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument text (ODT)', extensions: ['odt'] },
};

export const ALLOWED_TYPES_TEXT = 'PDF, PNG, JPEG, DOCX, ODT or plain text';

const startsWith = (bytes: Buffer, signature: readonly number[] | string): boolean => {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length > sig.length && bytes.subarray(0, sig.length).equals(sig);
};

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/**
 * An OpenDocument file's first entry is `mimetype`, stored uncompressed, holding its type: the ODF
 * standard requires it so that the type can be read at a fixed offset (30-byte header, then the name).
 */
function isOdt(bytes: Buffer): boolean {
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  const compression = bytes.readUInt16LE(8);
  if (nameLength !== 8 || compression !== 0 || bytes.toString('latin1', 30, 38) !== 'mimetype') return false;
  const start = 30 + nameLength + extraLength;
  return bytes.toString('latin1', start, start + ODT_MIMETYPE.length) === ODT_MIMETYPE;
}

/**
 * A Word document is a ZIP whose central directory names `[Content_Types].xml` and `word/document.xml`;
 * one carrying macros (`vbaProject.bin`, a .docm renamed) is refused. Entry names are stored
 * uncompressed, so reading them needs no unzipping of untrusted content.
 */
function isDocx(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  return text.includes('[Content_Types].xml') && text.includes('word/document.xml') && !text.includes('vbaProject.bin');
}

/** UTF-8 text with no control characters but tab, line ends and form feed (so no binary file passes as text). */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The type the file's bytes show, or undefined for anything not allowed. */
export function uploadTypeOf(bytes: Buffer): UploadType | undefined {
  if (startsWith(bytes, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ZIP_LOCAL_HEADER) && bytes.length > 64) {
    if (isOdt(bytes)) return 'application/vnd.oasis.opendocument.text';
    if (isDocx(bytes)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return undefined;
  }
  return isPlainText(bytes) ? 'text/plain' : undefined;
}

/** A file name as shown and offered on download: no folders, no control or quoting characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return cleaned.slice(-200);
}

/** The ending of a file name, lower case ('' when none). */
export const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
};

/** "1.2 MB": a size limit or a file's size for people. */
export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** An uploaded file once checked: its bytes, the type they show and a clean name. */
export interface CheckedUpload {
  content: Buffer;
  contentType: UploadType;
  fileName: string;
}

/**
 * Checks an uploaded file against the rules every upload shares, adding each fault to `errors` under
 * `field` (rules `required`, `empty`, `too_big`, `type_not_allowed`, `type_mismatch`); undefined when
 * one failed. The caller throws `errors` with its own fields' faults, so nothing is written.
 */
export function checkUploadedFile(
  errors: FieldErrors,
  input: { content?: Buffer; fileName?: string },
  { field = 'file', maxBytes, requiredMessage = 'Choose a file' }: { field?: string; maxBytes: number; requiredMessage?: string },
): CheckedUpload | undefined {
  const content = input.content;
  const fileName = cleanFileName(input.fileName);
  if (!content || (content.length === 0 && fileName === '')) return void errors.add(field, 'required', requiredMessage);
  if (content.length === 0) return void errors.add(field, 'empty', `The file ${fileName} is empty`);
  if (content.length > maxBytes)
    return void errors.add(field, 'too_big', `The file must be ${megabytes(maxBytes)} or smaller (it is ${megabytes(content.length)})`);
  const contentType = uploadTypeOf(content);
  const ending = extensionOf(fileName);
  if (!contentType) return void errors.add(field, 'type_not_allowed', `The file must be a ${ALLOWED_TYPES_TEXT} file (this one is none of those)`);
  if (ending !== '' && !UPLOAD_TYPE_NAMES[contentType].extensions.includes(ending))
    return void errors.add(field, 'type_mismatch', `The file’s name ends .${ending} but it is a ${UPLOAD_TYPE_NAMES[contentType].label}: rename it`);
  const named = fileName === '' ? `document.${UPLOAD_TYPE_NAMES[contentType].extensions[0] ?? 'bin'}` : fileName;
  return { content, contentType, fileName: named };
}

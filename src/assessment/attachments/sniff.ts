import { defineEnum, type EnumValue } from '../../platform/enums.js';

/**
 * What a file attached to an assessment may be, told by its bytes (a file's name or the browser's
 * declared type says nothing reliable): PDF, PNG, JPEG, DOCX, ODT or plain UTF-8 text. Anything else
 * (an executable, a script, HTML, SVG, a macro-enabled document) is refused. Files are only ever
 * downloaded (Content-Disposition: attachment, nosniff), never shown inline.
 */

/** At most 5 MB a file (a signed form scanned, a letter); the CHECK assessment_attachment_size holds the table to it. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The types an attachment may have (the CHECK assessment_attachment_content_type_known holds the column to them). */
export const ATTACHMENT_TYPES = defineEnum([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
]);
export type AttachmentType = EnumValue<typeof ATTACHMENT_TYPES>;

/** Each type's words for people, and the file name endings it goes by. */
export const ATTACHMENT_TYPE_NAMES: Record<AttachmentType, { label: string; extensions: readonly string[] }> = {
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
export function attachmentTypeOf(bytes: Buffer): AttachmentType | undefined {
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

import fs from 'node:fs';
import type { ImportFault } from './import-rows.js';

/**
 * What kind of bytes begin a file given where a CSV table was expected (issue 15 item 6): a
 * compressed file, a spreadsheet or any other binary file is one fault that says what it looks like,
 * never a 500 nor a stream of unreadable rows. Told by the first bytes, as `file` does.
 *
 * An upload may reach the import already decoded as UTF-8 text, where bytes that are not UTF-8
 * became U+FFFD: the signatures are matched on that form too (0x8B of gzip's 1F 8B, say).
 */

export type FileKind = 'text' | 'gzip' | 'zip' | 'xlsx' | 'xls' | 'bzip2' | 'xz' | '7z' | 'pdf' | 'utf16' | 'binary';

/** How much of a file is looked at. */
export const SNIFF_BYTES = 4096;
const R = '\uFFFD'; // a byte that was not UTF-8, once decoded

/** Each signature as bytes and as its UTF-8 decoding (where they differ). */
const SIGNATURES: readonly { kind: Exclude<FileKind, 'text' | 'binary' | 'xlsx'>; bytes: number[]; decoded?: string }[] = [
  { kind: 'gzip', bytes: [0x1f, 0x8b], decoded: `\x1f${R}` },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'xls', bytes: [0xd0, 0xcf, 0x11, 0xe0], decoded: `${R}${R}\x11` },
  { kind: 'bzip2', bytes: [0x42, 0x5a, 0x68] },
  { kind: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], decoded: `${R}7zXZ\x00` },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], decoded: `7z${R}${R}'\x1c` },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'utf16', bytes: [0xff, 0xfe], decoded: `${R}${R}` },
  { kind: 'utf16', bytes: [0xfe, 0xff], decoded: `${R}${R}` },
];

const startsWithBytes = (sample: Buffer, bytes: readonly number[]) => bytes.every((b, i) => sample[i] === b);

/** Control characters no CSV table holds (tab, line feed, carriage return and form feed are fine). */
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/g;

/** What kind of bytes begin the sample: the raw bytes of a file, or an upload decoded as UTF-8. */
export function sniffFileKind(sample: Buffer | string): FileKind {
  const text = typeof sample === 'string' ? sample.slice(0, SNIFF_BYTES) : sample.subarray(0, SNIFF_BYTES).toString('latin1');
  for (const s of SIGNATURES) {
    const found =
      typeof sample === 'string' ? text.startsWith(s.decoded ?? String.fromCharCode(...s.bytes)) : startsWithBytes(sample, s.bytes);
    if (!found) continue;
    // An Office Open XML spreadsheet is a zip whose first entries name its parts.
    if (s.kind === 'zip' && /\[Content_Types\]\.xml|xl\//.test(text)) return 'xlsx';
    return s.kind;
  }
  // Plain text has no NUL and hardly any control characters; a file with several is binary.
  const decoded = typeof sample === 'string' ? text : sample.subarray(0, SNIFF_BYTES).toString('utf8');
  const controls = decoded.match(CONTROL)?.length ?? 0;
  const unreadable = decoded.split(R).length - 1;
  if (decoded.includes('\x00') || controls > 2 || unreadable > Math.max(8, decoded.length / 20)) return 'binary';
  return 'text';
}

const WHAT: Record<Exclude<FileKind, 'text'>, string> = {
  gzip: 'This looks like a gzip-compressed file (.gz), not a CSV table: uncompress it and import the .csv inside',
  zip: 'This looks like a zip archive (.zip), not a CSV table: open it and import the .csv file inside',
  xlsx: 'This looks like an Excel workbook (.xlsx), not a CSV table: open it and save the sheet as "CSV UTF-8 (comma delimited)"',
  xls: 'This looks like an old Excel workbook (.xls), not a CSV table: open it and save the sheet as "CSV UTF-8 (comma delimited)"',
  bzip2: 'This looks like a bzip2-compressed file (.bz2), not a CSV table: uncompress it and import the .csv inside',
  xz: 'This looks like an xz-compressed file (.xz), not a CSV table: uncompress it and import the .csv inside',
  '7z': 'This looks like a 7-Zip archive (.7z), not a CSV table: open it and import the .csv file inside',
  pdf: 'This looks like a PDF document, not a CSV table: import the CSV file the publisher offers beside it',
  utf16: 'This file is written in UTF-16, not UTF-8: save it again as "CSV UTF-8 (comma delimited)"',
  binary: 'This file holds bytes no CSV table has (it looks like a binary file): check you chose the CSV file',
};

/** The one fault of a file that is not a CSV table, or null when it begins as text. */
export function notTextFault(sample: Buffer | string): ImportFault | null {
  const kind = sniffFileKind(sample);
  return kind === 'text' ? null : { line: 1, column: '', kind: 'not_text', reason: WHAT[kind] };
}

/** What import-input.ts reads: text, and a gzip-compressed CSV or an Excel workbook it opens itself. */
const READ_BY_THE_IMPORT: ReadonlySet<FileKind> = new Set(['text', 'gzip', 'zip', 'xlsx']);

/**
 * The one fault of a file the import cannot read, or null: a .csv.gz or .xlsx is read by
 * import-input.ts (which says itself when a zip is no workbook), anything else that is not text is refused here.
 */
export function unreadableFault(sample: Buffer | string): ImportFault | null {
  return READ_BY_THE_IMPORT.has(sniffFileKind(sample)) ? null : notTextFault(sample);
}

/** The first bytes of what an import reads: the text given, or the start of the file (a missing file reads as empty). */
export function importStart(options: { file?: string; csvText?: string }): Buffer | string {
  if (options.csvText !== undefined) return options.csvText.slice(0, SNIFF_BYTES);
  if (!options.file) return '';
  let fd: number | undefined;
  try {
    fd = fs.openSync(options.file, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0));
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The name an uploaded file is recorded under (the import and its audit entry, issue 15 item 6):
 * its own name without folders, control or quoting characters, at most 200 characters; `fallback`
 * (what the text was, such as pasted text) when it had none.
 */
export function uploadedFileLabel(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return cleaned === '' ? fallback : cleaned.slice(-200);
}

import { Readable, pipeline, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import { CsvError, parse, type Info } from 'csv-parse';
import type ExcelJS from 'exceljs';

/**
 * What an import file is made of, told from its first bytes rather than its name (issue 15 item 1):
 * a CSV file (UTF-8, a byte-order mark dropped), the same compressed with gzip (`.csv.gz`, the
 * bytes 1f 8b), or a spreadsheet (`.xlsx`, a zip archive, "PK", with an `xl/` worksheet). Each is read
 * as a stream of records, so memory stays bounded however big the file: gzip through node:zlib, a
 * spreadsheet through exceljs's streaming WorkbookReader (only its first worksheet).
 *
 * A file that cannot be decoded (a corrupt gzip, a zip that is not a spreadsheet, an old `.xls`)
 * becomes a fault of the file, never an error of the service (issue 15 item 6).
 */

export type InputFormat = 'csv' | 'csv.gz' | 'xlsx';

/** One row of the table: its cells as text, the line (CSV) or row (spreadsheet) it is on and the bytes read so far (csv-parse's shape). */
export interface TableRecord {
  record: string[];
  info: { lines: number; bytes: number };
}

export type InputFaultKind = 'csv_format' | 'bad_compression' | 'not_spreadsheet';

export interface InputFault {
  line: number;
  column: string;
  kind: InputFaultKind;
  reason: string;
}

export const INPUT_FAULT_KINDS: Readonly<Record<InputFaultKind, string>> = {
  csv_format: 'A line that is not valid CSV',
  bad_compression: 'A compressed file that cannot be read',
  not_spreadsheet: 'A file that is neither CSV nor a spreadsheet',
};

/** The kind of file its first bytes say it is. */
export function sniffFormat(head: Buffer): InputFormat | 'zip' | 'ole' {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'csv.gz';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  // The compound file of an Excel 97-2003 workbook (.xls): D0 CF 11 E0.
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  return 'csv';
}

/** Why the CSV parser could not read a line, in words a planner can act on. */
const CSV_FAULTS: Partial<Record<CsvError['code'], string>> = {
  CSV_QUOTE_NOT_CLOSED: 'A value opens with a double quote (") that is never closed: close it, or remove the quote',
  INVALID_OPENING_QUOTE: 'A double quote (") inside a value: put the whole value in quotes and write the quote inside it twice ("")',
  CSV_INVALID_CLOSING_QUOTE: 'Text follows a closing double quote (") in the same value: put the whole value in quotes',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'Text follows a closing double quote (") in the same value: put the whole value in quotes',
  CSV_MAX_RECORD_SIZE: 'A line far longer than any a table holds: check the file is a CSV table',
};
export function csvFault(error: CsvError): InputFault {
  const line = typeof error.lines === 'number' ? error.lines : 0;
  return { line, column: '', kind: 'csv_format', reason: CSV_FAULTS[error.code] ?? `The line cannot be read as CSV (${error.code})` };
}

/** The first bytes of a stream, and a stream that still gives every byte (the first ones included). */
async function peek(stream: Readable, wanted: number): Promise<{ head: Buffer; whole: Readable }> {
  const chunks = stream[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let size = 0;
  while (size < wanted) {
    const next = (await chunks.next()) as IteratorResult<Buffer | string>;
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value, 'utf8');
    first.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(first);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    for (;;) {
      const next = (await chunks.next()) as IteratorResult<Buffer | string>;
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value, 'utf8');
    }
  }
  return { head, whole: Readable.from(all(), { objectMode: false }) };
}

/** Counts the bytes of the file itself (compressed, for a .csv.gz) as they pass, for the progress bar. */
function counted(stream: Readable): { stream: Readable; bytes: () => number } {
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  return { stream, bytes: () => bytes };
}

const isZlibError = (error: unknown): boolean => {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
};

/**
 * Reads the file's rows. `onFault` hears of lines that cannot be read (reading goes on with the
 * next line) and of a file that cannot be decoded at all (reading stops); `onFormat` hears what the
 * file turned out to be before its first row.
 */
export async function* readTable(
  source: Readable,
  onFault: (fault: InputFault) => void,
  onFormat: (format: InputFormat) => void = () => undefined,
): AsyncGenerator<TableRecord> {
  try {
    const { head, whole } = await peek(source, 4);
    const kind = sniffFormat(head);
    if (kind === 'ole') {
      onFault({
        line: 1,
        column: '',
        kind: 'not_spreadsheet',
        reason: 'The file is an Excel 97-2003 workbook (.xls): save it as an Excel workbook (.xlsx) or as CSV (UTF-8)',
      });
      return;
    }
    if (kind === 'zip') {
      onFormat('xlsx');
      yield* readWorkbook(whole, onFault);
      return;
    }
    onFormat(kind);
    yield* readCsv(whole, kind === 'csv.gz', onFault);
  } finally {
    source.destroy();
  }
}

async function* readCsv(input: Readable, gzipped: boolean, onFault: (fault: InputFault) => void): AsyncGenerator<TableRecord> {
  const raw = counted(input);
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true });
  // A line the parser cannot read is a fault of the file, and reading goes on with the next.
  // (A quote never closed at the end is skipped and then thrown: one fault, the later reason.)
  // Only the last fault is kept here (the two come one after the other), so memory stays bounded.
  let last: InputFault | null = null;
  const addCsvFault = (error: CsvError) => {
    const fault = csvFault(error);
    if (last?.line === fault.line) Object.assign(last, fault);
    else {
      onFault(fault);
      last = fault;
    }
  };
  parser.on('skip', addCsvFault);
  const stages: (Readable | Transform)[] = gzipped ? [raw.stream, zlib.createGunzip(), parser] : [raw.stream, parser];
  const records = pipeline(stages, () => undefined) as unknown as AsyncIterable<{ record: string[]; info: Info }>;
  try {
    for await (const { record, info } of records) yield { record, info: { lines: info.lines, bytes: raw.bytes() } };
  } catch (error) {
    if (error instanceof CsvError) addCsvFault(error);
    else if (isZlibError(error))
      onFault({
        line: 0,
        column: '',
        kind: 'bad_compression',
        reason:
          'The file starts as a gzip-compressed file (.gz) but cannot be decompressed: it is damaged or cut short. Compress the CSV file again, or upload it uncompressed',
      });
    else throw error;
  }
}

type CellValue = ExcelJS.CellValue;

/** A spreadsheet number as a planner reads it: no float noise (0.1 + 0.2), never E-notation for ordinary figures. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  const clean = Number(n.toPrecision(15));
  return Math.abs(clean) >= 1e-6 || clean === 0 ? String(clean) : clean.toFixed(20).replace(/0+$/, '');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A cell as the text a planner sees: numbers and dates as written, formulas as their result, never "[object Object]". */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // Spreadsheet dates have no time zone: exceljs gives them as UTC.
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getUTCHours() || value.getUTCMinutes() ? ` ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : '';
    return date + time;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  if ('result' in value) return cellText((value.result ?? null) as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return '';
  return '';
}

const notSpreadsheet = (reason: string): InputFault => ({ line: 1, column: '', kind: 'not_spreadsheet', reason });

async function* readWorkbook(input: Readable, onFault: (fault: InputFault) => void): AsyncGenerator<TableRecord> {
  const raw = counted(input);
  // Loaded at the first workbook, not when the server starts (ADR 0031: about 20 MB most processes never need).
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(raw.stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // so date cells come as dates, not day numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      let width = 0;
      for await (const row of worksheet) {
        const cells = (Array.isArray(row.values) ? row.values : []).slice(1) as CellValue[];
        const record = Array.from({ length: cells.length }, (_, i) => cellText(cells[i]).trim());
        // Trailing blank cells (formatting a planner cannot see) are not columns.
        while (record.length > width && record.at(-1) === '') record.pop();
        if (record.every((c) => c === '')) continue;
        if (width === 0) width = record.length;
        while (record.length < width) record.push('');
        yield { record, info: { lines: row.number, bytes: raw.bytes() } };
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof Error && !/zip|signature|invalid|end of|unexpected|FILE_ENDED/i.test(error.message)) throw error;
    onFault(
      notSpreadsheet('The file is a zip archive that cannot be read as a spreadsheet (.xlsx): it is damaged or another kind of archive'),
    );
    return;
  }
  if (sheets === 0)
    onFault(
      notSpreadsheet(
        'The file is a zip archive with no worksheet in it (no xl/ part): save the table as an Excel workbook (.xlsx) or as CSV (UTF-8)',
      ),
    );
}

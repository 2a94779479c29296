import type { CsvError } from 'csv-parse';
import { csvLine } from '../platform/csv.js';
import type { FaultSummary } from '../platform/faults.js';
import type { ImportFault, ImportFaultKind, Layout } from './import-rows.js';

/** What an import reports, as it runs and at its end (docs in import.ts), and its faults as words and CSV. */

export interface IndicatorImportProgress {
  phase: 'reading' | 'applying';
  bytesRead: number;
  totalBytes: number;
  /** Data lines read so far. */
  lines: number;
  valuesApplied: number;
  valuesToApply: number;
}

export interface IndicatorImportReport {
  status: 'imported' | 'rejected';
  /** Null when the file was refused. */
  importId: string | null;
  file: string;
  layout: Layout | null;
  /** The layout in words (PublishedLayout.words), for the report; null when no header was read. */
  layoutWords: string | null;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Values written: created + replaced + unchanged. */
  values: number;
  created: number;
  replaced: number;
  unchanged: number;
  /** The faults kept (the first 1,000 of each kind), by line then column. When status is 'imported' these rows were left out. */
  faults: ImportFault[];
  /** The faults kept of each kind and the count of every kind (platform/faults.ts); a page shows the first 20 of each. */
  faultSummary: FaultSummary<ImportFault, ImportFaultKind>;
  elapsedSeconds: number;
  valuesPerSecond: number;
}

export const byPlace = (a: ImportFault, b: ImportFault): number =>
  a.line - b.line || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0);

/** Why the CSV parser could not read a line, in words a planner can act on (never a crash: issue 15 item 6). */
const CSV_FAULTS: Partial<Record<CsvError['code'], string>> = {
  CSV_QUOTE_NOT_CLOSED: 'A value opens with a double quote (") that is never closed: close it, or remove the quote',
  INVALID_OPENING_QUOTE: 'A double quote (") inside a value: put the whole value in quotes and write the quote inside it twice ("")',
  CSV_INVALID_CLOSING_QUOTE: 'Text follows a closing double quote (") in the same value: put the whole value in quotes',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'Text follows a closing double quote (") in the same value: put the whole value in quotes',
  CSV_MAX_RECORD_SIZE: 'A line far longer than any a table holds: check the file is a CSV table',
};
export function csvFault(error: CsvError): ImportFault {
  const line = typeof error.lines === 'number' ? error.lines : 0;
  return { line, column: '', kind: 'csv_format', reason: CSV_FAULTS[error.code] ?? `The line cannot be read as CSV (${error.code})` };
}

/**
 * The faults kept as a CSV an area can open beside its file: line, column, reason (cells defused:
 * platform/csv.ts), then a last line saying how many more faults of each kind were not kept.
 */
export function faultsCsv(report: Pick<IndicatorImportReport, 'faults' | 'faultSummary'>): string {
  const lines = ['line,column,reason', ...report.faults.map((f) => csvLine([f.line, f.column, f.reason]))];
  const more = report.faultSummary.kinds.reduce((n, k) => n + k.more, 0);
  if (more > 0)
    lines.push(csvLine(['', '', `... and ${more.toLocaleString('en-GB')} more faults not listed here (the first 1,000 of each kind are)`]));
  return `${lines.join('\n')}\n`;
}

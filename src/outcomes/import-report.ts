import { csvLine } from '../platform/csv.js';
import type { FaultSummary, FaultTally } from '../platform/faults.js';
import type { DemoValuesRemoved } from './demo-places.js';
import type { ImportFault, ImportFaultKind, Layout } from './import-rows.js';
import type { ImportNotice } from './import-sql.js';

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
  /** Rows the layout leaves out by design (a district, a breakdown not mapped), counted by reason; never faults. */
  skipped: SkippedRows[];
  /** Values written: created + replaced + unchanged. */
  values: number;
  created: number;
  replaced: number;
  unchanged: number;
  /** Values not written because a later revision of them is held (a provisional after a final), each with why (the first 1,000). */
  notReplaced: ImportNotice[];
  /** The faults kept (the first 1,000 of each kind), by line then column. When status is 'imported' these rows were left out. */
  faults: ImportFault[];
  /** The faults kept of each kind and the count of every kind (platform/faults.ts); a page shows the first 20 of each. */
  faultSummary: FaultSummary<ImportFault, ImportFaultKind>;
  elapsedSeconds: number;
  valuesPerSecond: number;
  /** The demo's invented values of the indicators imported, removed (issue 15 item 5). */
  demoValuesRemoved?: DemoValuesRemoved;
  /** A statistical neighbours file (neighbours.ts) sets no values: the authorities whose neighbours it set, and how many. */
  neighbourGroups?: { areas: number; neighbours: number };
}

export interface SkippedRows {
  reason: string;
  rows: number;
}

export const byPlace = (a: ImportFault, b: ImportFault): number =>
  a.line - b.line || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0);

export { csvFault } from './import-input.js';

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

/** The report: counts, and the faults kept (the first 1,000 of each kind) by place, with every kind's count. */
export function reportOf(
  file: string,
  started: number,
  tally: FaultTally<ImportFault, ImportFaultKind>,
  r: Omit<IndicatorImportReport, 'file' | 'faults' | 'faultSummary' | 'elapsedSeconds' | 'valuesPerSecond'>,
): IndicatorImportReport {
  const elapsedSeconds = (performance.now() - started) / 1000;
  const faultSummary = tally.summary();
  const faults = faultSummary.kinds.flatMap((k) => k.shown).sort(byPlace);
  return {
    ...r,
    file,
    faults,
    faultSummary,
    elapsedSeconds,
    valuesPerSecond: elapsedSeconds > 0 ? r.values / elapsedSeconds : 0,
  };
}

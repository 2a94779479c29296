import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { recordAudit, type Actor, type RequestContext } from '../platform/audit.js';
import { csvLine } from '../platform/csv.js';
import type { Db, Tx } from '../platform/db.js';
import { summariseFaults, type FaultSummary } from '../platform/faults.js';
import {
  normaliseCode,
  type Header,
  type ImportFault,
  type ImportFaultKind,
  type Layout,
  type Lookups,
  type StagedValue,
} from './import-rows.js';
import { removeDemoValuesOfImport, type DemoValuesRemoved } from './demo-places.js';
import { chooseLayout, type PublishedLayout } from './layouts/index.js';
import { outcomeProblems } from './errors.js';
import { importStart, unreadableFault } from './file-sniff.js';
import { readTable } from './import-input.js';
import { listMappings } from './mappings-sql.js';
import {
  countStaged,
  createStaging,
  insertImport,
  keepLaterRevisions,
  mergeStaged,
  removeRepeatedValues,
  stageValues,
  type ImportNotice,
} from './import-sql.js';
import { loadAreaLookup } from './area-lookup.js';
import { importNeighboursIfTheirs } from './neighbours.js';
import { listIndicatorsForArea } from './repository.js';

/**
 * `ctp import indicators FILE.csv` and the upload page: published indicator values into the store.
 *
 * The file's layout is found from its header (or named by the caller) among the published layouts
 * of layouts/index.ts (docs/indicator-import-formats.md): our long and wide layouts and the
 * publishers' own. Each layout reads its rows; periods are read by periods.ts, missing-value
 * markers by markers.ts (never zero). The report names the layout in words.
 *
 * All or nothing: a file with any fault is refused with every fault listed (line, column, reason)
 * and nothing is written, unless `importGoodRows`, when the faulty rows are left out and listed.
 * The report keeps every fault (the command line writes them all to its errors file) and a bounded
 * summary, the first 20 of each kind with counts, which is all a page or an API answer shows.
 * Values for a period already held replace it; each change is recorded (indicator_value_change).
 * Everything runs in one transaction with the audit entry, so a failure leaves no trace but the
 * refusal's own audit entry.
 */

export interface IndicatorImportOptions {
  /** A file to read, or the text itself (an upload), or an upload's bytes (CSV, .csv.gz or .xlsx: import-input.ts). */
  file?: string;
  csvText?: string;
  bytes?: Buffer;
  /** The name to record for an upload; defaults to the file's base name. */
  fileName?: string;
  /** A layout's name (layouts/index.ts), or 'auto' (the default) to find it from the header. */
  layout?: Layout | 'auto';
  importGoodRows?: boolean;
  /** Who is importing; the operator at the command line when left out. */
  actor?: Actor;
  context?: RequestContext;
  /** Whose local indicators the file may name; defaults to the actor's area. */
  areaCode?: string | null;
  onProgress?: (progress: IndicatorImportProgress) => void;
  /** Values per COPY into the staging table; default 20,000. */
  batchSize?: number;
}

export interface SkippedRows {
  reason: string;
  rows: number;
}

export interface IndicatorImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data lines read so far. */
  lines: number;
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
  /** Values not written because a later revision of them is held (a provisional after a final), each with why. */
  notReplaced: ImportNotice[];
  /** Every fault, by line then column (for the errors file). When status is 'imported' these rows were left out. */
  faults: ImportFault[];
  /** What a page or an answer shows: the first faults of each kind and the counts (platform/faults.ts). */
  faultSummary: FaultSummary<ImportFault, ImportFaultKind>;
  elapsedSeconds: number;
  valuesPerSecond: number;
  /** The demo's invented values of the indicators imported, removed (issue 15 item 5). */
  demoValuesRemoved?: DemoValuesRemoved;
  /** A statistical neighbours file (neighbours.ts) sets no values: the authorities whose neighbours it set, and how many. */
  neighbourGroups?: { areas: number; neighbours: number };
}

const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
const CLI_CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };
const DEFAULT_BATCH = 20_000;

/** Thrown inside the transaction so that nothing of a refused file is kept. */
class Refused extends Error {
  constructor(
    readonly faults: ImportFault[],
    readonly rows: number,
    readonly layout: PublishedLayout | null,
    readonly skipped: SkippedRows[] = [],
  ) {
    super('refused');
  }
}

export const byPlace = (a: ImportFault, b: ImportFault): number =>
  a.line - b.line || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0);

async function lookupsFor(db: Tx, areaCode: string | null): Promise<Lookups> {
  const [indicators, areas, publishedMappings] = await Promise.all([
    listIndicatorsForArea(db, areaCode),
    loadAreaLookup(db),
    listMappings(db),
  ]);
  // The area's own indicator wins over a national one written the same way (the service forbids that anyway).
  const map = new Map<string, { id: string; frequency: (typeof indicators)[number]['frequency'] }>();
  for (const i of indicators) map.set(normaliseCode(i.code), { id: i.id, frequency: i.frequency });
  return { indicators: map, areas, publishedMappings };
}

function source(options: IndicatorImportOptions): { stream: Readable; totalBytes: number; name: string } {
  if (options.bytes !== undefined)
    return { stream: Readable.from([options.bytes]), totalBytes: options.bytes.length, name: options.fileName ?? 'upload.csv' };
  if (options.csvText !== undefined) {
    return {
      stream: Readable.from([options.csvText]),
      totalBytes: Buffer.byteLength(options.csvText),
      name: options.fileName ?? 'upload.csv',
    };
  }
  if (!options.file) throw outcomeProblems.importRefused('Give a file to import');
  const file = options.file;
  let totalBytes: number;
  try {
    totalBytes = fs.statSync(file).size;
  } catch {
    throw outcomeProblems.importRefused(`Cannot read ${file}: there is no such file`);
  }
  return { stream: fs.createReadStream(file), totalBytes, name: options.fileName ?? path.basename(file) };
}

export { csvFault } from './import-input.js';

/** Reads, checks and stages every row; returns the header (if readable), the faults and counts. */
async function readAndStage(
  tx: Tx,
  options: IndicatorImportOptions,
  input: { stream: Readable; totalBytes: number },
  lookups: Lookups,
): Promise<{ header: Header | null; layout: PublishedLayout | null; faults: ImportFault[]; rows: number; skipped: SkippedRows[] }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const faults: ImportFault[] = [];
  // CSV, .csv.gz or .xlsx, told by its first bytes; a line or a file that cannot be read is a fault (import-input.ts).
  const parser = readTable(input.stream, (fault) => faults.push(fault));
  const skipped = new Map<string, number>();
  let header: Header | null = null;
  let layout: PublishedLayout | null = null;
  let batch: StagedValue[] = [];
  let staged = 0;
  let rows = 0;
  const flush = async () => {
    await stageValues(tx, batch, staged);
    staged += batch.length;
    batch = [];
  };
  for await (const { record, info } of parser) {
    if (!header || !layout) {
      const chosen = chooseLayout(record, options.layout ?? 'auto', info.lines);
      const read = 'faults' in chosen ? chosen : chosen.layout.readHeader(record, info.lines, lookups);
      if ('faults' in read) {
        input.stream.destroy();
        return { header: null, layout: null, faults: read.faults, rows: 0, skipped: [] };
      }
      header = read.header;
      layout = 'layout' in chosen ? chosen.layout : null;
      continue;
    }
    rows += 1;
    const checked = layout.readRow(record, info.lines, header, lookups);
    if (checked.skipped) skipped.set(checked.skipped, (skipped.get(checked.skipped) ?? 0) + 1);
    faults.push(...checked.faults);
    // Good rows are staged even in a file that will be refused, so values given twice are found too.
    batch.push(...checked.values);
    if (batch.length >= batchSize) await flush();
    if (rows % 1000 === 0) options.onProgress?.({ bytesRead: info.bytes, totalBytes: input.totalBytes, lines: rows });
  }
  await flush();
  options.onProgress?.({ bytesRead: input.totalBytes, totalBytes: input.totalBytes, lines: rows });
  if (!header && faults.length === 0)
    faults.push({ line: 1, column: '', kind: 'empty_file', reason: 'The file is empty: it needs a header row naming its columns' });
  return { header, layout, faults, rows, skipped: [...skipped].map(([reason, n]) => ({ reason, rows: n })) };
}

export async function importIndicatorValues(db: Db, options: IndicatorImportOptions): Promise<IndicatorImportReport> {
  const started = performance.now();
  const actor = options.actor ?? OPERATOR;
  const context = options.context ?? CLI_CONTEXT;
  const areaCode = options.areaCode === undefined ? actor.areaCode : options.areaCode;
  // DfE statistical neighbours set every authority's comparator group, not values: their own branch.
  if ((options.layout ?? 'auto') === 'auto') {
    const neighbours = await importNeighboursIfTheirs(db, { ...options, actor, context, areaCode });
    if (neighbours) return neighbours;
  }
  const input = source(options);
  const finish = ({
    layout,
    ...r
  }: Omit<IndicatorImportReport, 'file' | 'elapsedSeconds' | 'valuesPerSecond' | 'faultSummary' | 'layout' | 'layoutWords'> & {
    layout: PublishedLayout | null;
  }): IndicatorImportReport => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    const faultSummary = summariseFaults(r.faults, (f) => f.kind);
    return {
      ...r,
      layout: layout?.name ?? null,
      layoutWords: layout?.words ?? null,
      faultSummary,
      file: input.name,
      elapsedSeconds,
      valuesPerSecond: elapsedSeconds > 0 ? r.values / elapsedSeconds : 0,
    };
  };
  try {
    // A file import-input.ts cannot read (a PDF, UTF-16, an archive, binary) is one fault (issue 15 item 6).
    const notText = unreadableFault(importStart(options));
    if (notText) {
      input.stream.on('error', () => undefined).destroy(); // never read, so nothing of it can fail the import
      throw new Refused([notText], 0, null);
    }
    return await db.transaction(async (tx) => {
      await createStaging(tx);
      const lookups = await lookupsFor(tx, areaCode);
      const read = await readAndStage(tx, options, input, lookups);
      if (!read.header || !read.layout) throw new Refused(read.faults, 0, read.layout);
      const faults = [...read.faults, ...(await removeRepeatedValues(tx))].sort(byPlace);
      if (faults.length > 0 && !options.importGoodRows) throw new Refused(faults, read.rows, read.layout, read.skipped);
      const notReplaced = await keepLaterRevisions(tx);
      const staged = await countStaged(tx);
      const importId = await insertImport(tx, {
        actorUserId: actor.userId,
        actorLabel: actor.label,
        areaCode,
        fileName: input.name,
        layout: read.layout.name,
        rowsRead: read.rows,
        faults: faults.length,
      });
      // The demo's invented values of the indicators given real ones go (issue 15 item 5): said in the report and the audit entry.
      const counts = { ...(await mergeStaged(tx, importId, staged)), demoValuesRemoved: await removeDemoValuesOfImport(tx, importId) };
      await recordAudit(tx, actor, context, {
        action: 'indicators.imported',
        subject: { type: 'indicator_import', id: importId },
        areaCode,
        details: {
          file: input.name,
          layout: read.layout.name,
          rows: read.rows,
          values: staged,
          ...counts,
          notReplaced: notReplaced.length,
          faults: faults.length,
        },
      });
      return finish({ status: 'imported', importId, layout: read.layout, rows: read.rows, values: staged, ...counts, notReplaced, faults, skipped: read.skipped });
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await db.transaction((tx) =>
      recordAudit(tx, actor, context, {
        action: 'indicators.imported',
        outcome: 'failure',
        areaCode,
        details: { file: input.name, layout: error.layout?.name ?? null, rows: error.rows, faults: error.faults.length },
      }),
    );
    const none = { created: 0, replaced: 0, unchanged: 0, values: 0, notReplaced: [] };
    return finish({ status: 'rejected', importId: null, layout: error.layout, rows: error.rows, ...none, faults: error.faults, skipped: error.skipped });
  }
}

/** The faults as a CSV an area can open beside its file: line, column, reason (cells defused: platform/csv.ts). */
export function faultsCsv(faults: readonly ImportFault[]): string {
  return ['line,column,reason', ...faults.map((f) => csvLine([f.line, f.column, f.reason]))].join('\n') + '\n';
}

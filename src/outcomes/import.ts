import fs from 'node:fs';
import path from 'node:path';
import type { Actor, RequestContext } from '../platform/audit.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import type { Layout } from './import-rows.js';
import { outcomeProblems } from './errors.js';
import { insertImportJob } from './import-job-sql.js';
import { runIndicatorJob, type ImportJobHooks, type JobInput } from './import-job.js';
import type { IndicatorImportProgress, IndicatorImportReport } from './import-report.js';

export {
  byPlace,
  csvFault,
  faultsCsv,
  type IndicatorImportProgress,
  type IndicatorImportReport,
  type SkippedRows,
} from './import-report.js';

/**
 * `ctp import indicators FILE.csv`, the upload page and the API: published indicator values into the store.
 *
 * The file's layout is found from its header (or named by the caller) among the published layouts
 * of layouts/index.ts (docs/indicator-import-formats.md): our long and wide layouts and the
 * publishers' own. Each layout reads its rows; periods are read by periods.ts, missing-value
 * markers by markers.ts (never zero). The report names the layout in words.
 *
 * All or nothing: a file with any fault is refused with its faults listed (line, column, reason)
 * and nothing is written, unless `importGoodRows`, when the faulty rows are left out and listed.
 * The report keeps the first 1,000 faults of each kind and the count of every kind, so a file of a
 * million faults reports in bounded size; a page or an API answer shows the first 20 of each kind.
 * Values for a period already held replace it; each change is recorded (indicator_value_change),
 * unless the value held is a later revision (a provisional after a final: kept, listed as not replaced).
 * Rows a layout leaves out by design are counted by reason (report.skipped). Real values of an
 * indicator remove the demo's invented ones (report.demoValuesRemoved).
 *
 * A data dictionary goes into the catalogue and a DfE statistical neighbours file sets comparator
 * groups instead; a file that is not text (nor .csv.gz, nor .xlsx) is one fault: import-kinds.ts,
 * at the start of the job.
 *
 * Every import is a job (import_job, ADR 0018): read in bounded memory and written in short
 * transactions, invisible until it is published in one tiny transaction with its audit entry. The
 * page and the API queue it for the background runner (import-runner.ts); the command line and this
 * function run it in-process and wait for it.
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
  hooks?: ImportJobHooks;
  /** Where the job's moments come from (ADR 0010): the system's clock when left out (the command line). */
  clock?: Clock;
  /** Read the file in a worker thread beside the job (true), in the job's own (false), or by its size (left out). */
  readBeside?: boolean;
}

const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
const CLI_CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };
function source(options: IndicatorImportOptions): JobInput & { name: string } {
  if (options.bytes !== undefined) {
    const bytes = options.bytes;
    return { totalBytes: bytes.length, name: options.fileName ?? 'upload.csv', origin: { bytes } };
  }
  if (options.csvText !== undefined) {
    return {
      totalBytes: Buffer.byteLength(options.csvText),
      name: options.fileName ?? 'upload.csv',
      origin: { csvText: options.csvText },
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
  return {
    totalBytes,
    name: options.fileName ?? path.basename(file),
    origin: { file },
  };
}

/** Runs an import in this process and waits for it (the command line, the demo, tests): a job like any other. */
export async function importIndicatorValues(db: Db, options: IndicatorImportOptions): Promise<IndicatorImportReport> {
  const actor = options.actor ?? OPERATOR;
  const clock = options.clock ?? systemClock;
  const input = source(options);
  const job = await insertImportJob(
    db,
    {
      state: 'reading',
      fileName: input.name,
      spoolPath: null,
      totalBytes: input.totalBytes,
      options: { layout: options.layout ?? 'auto', importGoodRows: options.importGoodRows === true },
      actor,
      areaCode: options.areaCode === undefined ? actor.areaCode : options.areaCode,
      context: options.context ?? CLI_CONTEXT,
      runner: 'in-process',
    },
    clock.now(),
  );
  return runIndicatorJob(db, job, input, { hooks: options.hooks, onProgress: options.onProgress, clock, readBeside: options.readBeside });
}

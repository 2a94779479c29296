import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { recordAudit, type Actor, type RequestContext } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { csvLine } from '../../platform/csv.js';
import { timeOrderedUuid } from '../../platform/ids.js';
import * as imports from './repository.js';
import { queueDuplicates } from './duplicates.js';
import { BatchRace, copyLine, isRaceError, writeBatch, type ImportJob, type Lookups, type Repeats } from './repository.js';
import { EarlierIdentifiers } from './earlier.js';
import { checkRow, type StagedIds, type StagedRow } from './rows.js';
import { childProblems } from '../errors.js';

/**
 * `ctp import children FILE.csv --area CODE` (docs/child-import-format.md): streams the file,
 * checks every row with validateChild, writes valid rows in set-based batches of one transaction
 * each, and resumes after a crash from child_import.lines_done. Memory stays flat whatever the size.
 */

export interface ImportOptions {
  file: string;
  areaCode: string;
  /** Where rejected rows are listed; default FILE.errors.csv beside the input. */
  errorsFile?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Valid rows per batch (one transaction each); default 10,000. */
  batchSize?: number;
  /** Batches written side by side on a server (a connection each; default two). The embedded engine, with one connection, writes one. */
  writers?: number;
  /** TEST HOOK ONLY: runs after each committed batch, to write as another user would meanwhile. */
  afterBatch?: (committed: number) => Promise<void>;
  /** TEST HOOK ONLY: throws after this many committed batches, to simulate a crash mid-import. */
  failAfterBatches?: number;
  /** The date the age rules use (tests fix it); default today. */
  today?: Date;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data lines read so far, those skipped on resuming included. */
  lines: number;
}

export interface ImportReport {
  importId: string;
  file: string;
  sha256: string;
  errorsFile: string;
  created: number;
  updated: number;
  matched: number;
  queued: number;
  rejected: number;
  /** Data lines in the file (the header and empty lines not counted). */
  lines: number;
  /** Data lines an earlier, interrupted run had already committed (0 for a fresh import). */
  resumedAfter: number;
  elapsedSeconds: number;
  /** Data lines handled by this run per second. */
  rowsPerSecond: number;
  /**
   * Batches written again after the batch before them: written beside it, they needed it (a server's two writers), or
   * looking up only the rows that may repeat an earlier one, another user's new child refused them (earlier.ts).
   */
  rewritten: number;
}

// prettier-ignore
export const IMPORT_COLUMNS: readonly string[] = [
  'source', 'source_id', 'nhs_number', 'upn', 'given_name', 'family_name', 'other_names', 'date_of_birth', 'gender',
  'address_line_1', 'address_line_2', 'town', 'postcode', 'school', 'gp_practice', 'carer_name', 'carer_relationship',
  'carer_phone', 'carer_email', 'extended_scope',
];
export const REQUIRED_COLUMNS: readonly string[] = ['source', 'source_id', 'given_name', 'family_name', 'date_of_birth'];

const DEFAULT_BATCH_SIZE = 10_000;
/** A batch also ends after this many lines, so a file of mostly rejected rows still commits as it goes. */
const LINES_PER_BATCH_FACTOR = 5;
const ERRORS_HEADER = 'line,field,rule,message\n';
const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
const CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };

const refused = (message: string): AppError => childProblems.importRefused(message);
/** One line of the errors CSV; its cells are defused against formulas (platform/csv.ts). */
export const errorLine = (line: number, e: FieldError): string => `${csvLine([line, e.field, e.rule, e.message.replace(/\s+/g, ' ')])}\n`;

/** The parser's reason for refusing a row, as an errors-CSV fault. */
function parseFault(error: CsvError | null, columns: number): FieldError {
  const got = Array.isArray(error?.record) ? error.record.length : null;
  const message =
    error?.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && got !== null
      ? `The row has ${got} values but the header has ${columns} columns`
      : (error?.message ?? 'The row could not be read');
  return { field: '', rule: 'csv_format', message };
}

/** The header's column names and where it ends (its last line, and empty lines before it). */
async function readHeader(file: string): Promise<{ columns: string[]; lines: number; emptyLines: number }> {
  const parser = pipeline(fs.createReadStream(file), parse({ bom: true, to: 1, info: true, skip_empty_lines: true }), () => undefined);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
    parser.destroy();
    return { columns: record, lines: info.lines, emptyLines: info.empty_lines };
  }
  throw refused(`${path.basename(file)} is empty: it needs a header row naming its columns (docs/child-import-format.md)`);
}

/** Unknown, duplicated or missing required columns refuse the whole file before anything is written. */
export function checkHeader(columns: readonly string[], fileName: string): void {
  const problems: string[] = [];
  const unknown = columns.filter((c) => !IMPORT_COLUMNS.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${list(unknown)}`);
  if (repeated.length) problems.push(`column${repeated.length > 1 ? 's' : ''} ${list([...new Set(repeated)])} given more than once`);
  if (missing.length) problems.push(`required column${missing.length > 1 ? 's' : ''} ${list(missing)} missing`);
  if (problems.length) {
    throw refused(
      `${fileName} was refused and nothing was imported: ${problems.join('; ')}. ` +
        `The columns are: ${IMPORT_COLUMNS.join(', ')} (docs/child-import-format.md).`,
    );
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Opens the errors CSV. A fresh import starts it anew; a resumed one keeps the lines of rows
 * already committed (up to `keepThroughLine`) and drops any a crashed batch left behind.
 */
async function openErrors(file: string, keepThroughLine: number | null): Promise<fs.promises.FileHandle> {
  if (keepThroughLine === null || !fs.existsSync(file)) {
    const handle = await fs.promises.open(file, 'w');
    await handle.write(ERRORS_HEADER);
    return handle;
  }
  const kept = `${file}.resume-${process.pid}`;
  const out = await fs.promises.open(kept, 'w');
  await out.write(ERRORS_HEADER);
  for await (const text of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    const line = Number(text.slice(0, text.indexOf(',')));
    if (Number.isInteger(line) && line > 0 && line <= keepThroughLine) await out.write(`${text}\n`);
  }
  await out.close();
  await fs.promises.rename(kept, file);
  return fs.promises.open(file, 'a');
}

/**
 * The valid rows of a batch as COPY text in a reused buffer: off the garbage-collected heap, so
 * rows waiting for their batch are not promoted to the old generation, and the heap stays small.
 */
class StagedRows {
  private buf = Buffer.alloc(1 << 22);
  private len = 0;
  count = 0;
  /** Rows marked to be looked up in the index. */
  private probes = 0;
  /** What the rows so far hold, to tell whether one repeats another (repository.ts, Repeats). */
  private seen = { sources: new Set<string>(), nhs: new Set<string>(), upns: new Set<string>() };
  readonly repeats: Repeats = { sources: false, nhs: false, upns: false };

  private note(kind: keyof Repeats, value: string | null): void {
    if (value === null) return;
    if (this.seen[kind].has(value)) this.repeats[kind] = true;
    else this.seen[kind].add(value);
  }

  /** `earlier`: the identifiers of the rows staged before, when only a row that may repeat one is looked up (earlier.ts). */
  constructor(private readonly earlier: EarlierIdentifiers | null) {}

  add(row: Omit<StagedRow, StagedIds>): void {
    this.note('sources', `${row.source}\u0000${row.source_id}`);
    this.note('nhs', row.nhs);
    this.note('upns', row.upn);
    const probe = this.earlier?.note(row) ?? true;
    if (probe) this.probes += 1;
    const ids = { child_id: timeOrderedUuid(), name_id: timeOrderedUuid(), carer_id: timeOrderedUuid(), record_id: timeOrderedUuid() };
    const text = copyLine({ n: this.count, ...ids, probe, ...row });
    const need = this.len + Buffer.byteLength(text);
    if (need > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(need, 2 * this.buf.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.len += this.buf.write(text, this.len);
    this.count += 1;
  }
  /** Whether this batch and another hold a source record, an NHS number or a UPN in common. */
  shares(other: StagedRows): boolean {
    return (['sources', 'nhs', 'upns'] as const).some((kind) => {
      const [fewer, more] =
        this.seen[kind].size <= other.seen[kind].size ? [this.seen[kind], other.seen[kind]] : [other.seen[kind], this.seen[kind]];
      for (const value of fewer) if (more.has(value)) return true;
      return false;
    });
  }
  /** Which rows are looked up in the index (repository.ts, Lookups). */
  lookups(): Lookups {
    return this.earlier === null ? 'every row' : this.probes > 0 ? 'marked rows' : 'none';
  }
  /** The rows: a view of the buffer, valid until the next reset. */
  text(): Buffer {
    return this.buf.subarray(0, this.len);
  }
  reset(): this {
    this.len = 0;
    this.count = 0;
    this.probes = 0;
    for (const kind of ['sources', 'nhs', 'upns'] as const) {
      this.seen[kind].clear();
      this.repeats[kind] = false;
    }
    return this;
  }
}

/** What a batch counts; likely duplicates are queued once, at the end (import/repository.ts, queueDuplicates). */
const BATCH_COUNTS = ['created', 'updated', 'matched', 'rejected'] as const;
type BatchCounts = Record<(typeof BATCH_COUNTS)[number], number>;
type Counts = BatchCounts & { queued: number };
/** One batch, as handed to the database: its valid rows and the error lines of the rows it refused. */
interface Batch {
  rows: StagedRows;
  errorLines: string[];
  rejected: number;
  lines: number;
  linesDone: number;
}

const conflictLine = (c: { line: number; upn: string }): string =>
  errorLine(c.line, {
    field: 'upn',
    rule: 'upn_conflict',
    message: `UPN ${c.upn} belongs to a child in the index, or to an earlier row, with a different NHS number`,
  });

/** Creates the import's child_import row, or takes up the unfinished one for the same area and file. */
async function startImport(db: Db, actor: Actor, areaCode: string, fileName: string, sha256: string): Promise<ImportJob> {
  return db.transaction(async (tx) => {
    const row = await imports.findOrCreateImport(tx, areaCode, fileName, sha256);
    await recordAudit(tx, actor, CONTEXT, {
      action: 'children.import_started',
      subject: { type: 'child_import', id: row.id },
      details: { fileName, sha256, resumingAfterLines: row.linesDone },
    });
    return row;
  });
}

export async function importChildren(db: Db, options: ImportOptions): Promise<ImportReport> {
  const started = process.hrtime.bigint();
  const { file, areaCode } = options;
  const fileName = path.basename(file);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const today = options.today ?? new Date();
  const errorsFile = options.errorsFile ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.errors.csv`);
  const totalBytes = (await fs.promises.stat(file).catch(() => null))?.size;
  if (totalBytes === undefined) throw refused(`Cannot read ${file}: no such file`);
  if (!(await imports.areaExists(db, areaCode))) throw refused(`There is no area with the code ${areaCode}`);
  if (path.resolve(errorsFile) === path.resolve(file)) throw refused('The errors file must not be the file being imported');
  await fs.promises.access(path.dirname(path.resolve(errorsFile)), fs.constants.W_OK).catch(() => {
    throw refused(`Cannot write the errors file ${errorsFile}: its folder does not exist or is not writable`);
  });
  const header = await readHeader(file);
  checkHeader(header.columns, fileName);
  const sha256 = await sha256Of(file);
  const actor = { ...OPERATOR, areaCode };
  const job = await startImport(db, actor, areaCode, fileName, sha256);
  const totals: Counts = { created: job.created, updated: job.updated, matched: job.matched, queued: job.queued, rejected: job.rejected };
  const resumedAfter = job.linesDone;

  const input = fs.createReadStream(file);
  const parser = pipeline(
    input,
    parse({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true, info: true, skip_records_with_error: true }),
    () => undefined,
  );
  // Rows the parser refuses (wrong number of values, bad quoting) arrive as events, ahead of the records before them.
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  const progress = (lines: number) => options.onProgress?.({ bytesRead: input.bytesRead, totalBytes, lines });

  let errors = resumedAfter === 0 ? await openErrors(errorsFile, null) : null;
  let committed = 0;
  let rewritten = 0;
  const writers = db.engine === 'postgres' ? Math.max(1, options.writers ?? 2) : 1;
  /** Whether the import holds its area for its whole run (imports.holdArea), as it must to write batches side by side. */
  let releaseArea: (() => Promise<void>) | null = null;
  /**
   * Writes one batch in one transaction: rows, refusals, counts and the resume point commit together, after the batch
   * before it. `alone`: that batch had committed when this one started; if not, this one may only create children.
   * `everyRow`: every row is looked up in the index, whatever the batch marked.
   */
  const write = async (b: Batch, alone: boolean, everyRow: boolean) => {
    const out = errors;
    if (!out) throw new Error('errors file not open');
    const lines = { from: b.linesDone - b.lines, to: b.linesDone };
    const result = await db.transaction(async (tx) => {
      const open = await imports.beginBatch(tx, job.id, areaCode, lines, releaseArea !== null);
      const r = b.rows.count
        ? await writeBatch(tx, areaCode, open, b.rows.text(), b.rows.repeats, everyRow ? 'every row' : b.rows.lookups(), !alone)
        : null;
      const counts: BatchCounts = {
        created: r?.created ?? 0,
        updated: r?.updated ?? 0,
        matched: r?.matched ?? 0,
        rejected: b.rejected + (r?.conflicts.length ?? 0),
      };
      if (!(await imports.finishBatch(tx, job.id, lines, counts, releaseArea !== null && r !== null))) {
        if (!alone) throw new BatchRace('the batch before it did not commit');
        throw refused(`Another run is importing ${fileName} into ${areaCode} at the same time: this one stopped`);
      }
      await out.write([...b.errorLines, ...(r?.conflicts ?? []).map(conflictLine)].join(''));
      return counts;
    });
    for (const k of BATCH_COUNTS) totals[k] += result[k];
    committed += 1;
    if (committed === 1) await imports.refreshLookupStatistics(db);
    await options.afterBatch?.(committed);
    progress(b.linesDone);
    if (options.failAfterBatches !== undefined && committed >= options.failAfterBatches) {
      throw new Error(`Simulated crash after ${committed} committed batch(es) (failAfterBatches test hook)`);
    }
  };
  /**
   * Batches being written, oldest first: at most `writers`, while the next is read and checked. A batch is written
   * beside the one before it unless they share a source record, an NHS number or a UPN (a row may then follow a
   * row of that batch); one that turns out to need that batch (BatchRace, or a key or deadlock the two made) is
   * rolled back and written again after it. A failed write surfaces at a later hand-over, or at the end.
   */
  const inFlight: { rows: StagedRows; done: Promise<void>; settled: boolean }[] = [];
  const handOver = async (b: Batch) => {
    if (inFlight.length >= writers) await inFlight.shift()?.done;
    const before = inFlight.at(-1);
    if (before && (before.settled || b.rows.shares(before.rows))) await before.done;
    const alone = !before || before.settled;
    const writing = (async () => {
      try {
        await write(b, alone, false);
      } catch (error) {
        if (!isRaceError(error) || (alone && b.rows.lookups() === 'every row')) throw error;
        rewritten += 1;
        await before?.done;
        await write(b, true, true);
      }
    })();
    const entry = { rows: b.rows, settled: false, done: writing.finally(() => (entry.settled = true)) };
    entry.done.catch(() => undefined);
    inFlight.push(entry);
  };

  let lines = 0;
  let prevEnd = header.lines;
  let prevEmpty = header.emptyLines;
  // An import into an area with no child yet looks up only the rows that may repeat an earlier row (earlier.ts).
  const earlier = resumedAfter === 0 && (await imports.areaHasNoChild(db, areaCode)) ? new EarlierIdentifiers(totalBytes) : null;
  // A buffer for each batch being written, and one the next fills.
  const buffers = Array.from({ length: writers + 1 }, () => new StagedRows(earlier));
  let batches = 0;
  const newBatch = (): Batch => {
    const rows = (buffers[batches++ % buffers.length] as StagedRows).reset();
    return { rows, errorLines: [], rejected: 0, lines: 0, linesDone: 0 };
  };
  let next = newBatch();
  const flush = async () => {
    if (next.lines === 0) return;
    const b = next;
    b.linesDone = lines;
    await handOver(b);
    next = newBatch();
  };

  /** One data line: its record, or the parser's reason for refusing it. */
  const take = async (endLine: number, emptyLines: number, record: Record<string, string> | null, parseError: CsvError | null) => {
    const line = prevEnd + 1 + (emptyLines - prevEmpty);
    prevEnd = endLine;
    prevEmpty = emptyLines;
    lines += 1;
    if (lines <= resumedAfter) {
      if (lines === resumedAfter) errors = await openErrors(errorsFile, endLine);
      else if (lines % 10_000 === 0) progress(lines);
      return;
    }
    next.lines += 1;
    const checked = record ? checkRow(record, line, today) : null;
    if (checked?.ok) next.rows.add(checked.row);
    else {
      next.rejected += 1;
      for (const e of checked?.errors ?? [parseFault(parseError, header.columns.length)]) next.errorLines.push(errorLine(line, e));
    }
    if (next.rows.count >= batchSize || next.lines >= batchSize * LINES_PER_BATCH_FACTOR) await flush();
  };
  const takeSkipped = async (beforeLine: number) => {
    while (skipped.length && Number(skipped[0]?.lines) < beforeLine) {
      const error = skipped.shift() as CsvError;
      await take(Number(error.lines), Number(error.empty_lines), null, error);
    }
  };

  try {
    if (writers > 1) releaseArea = await imports.holdArea(db, areaCode);
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      await takeSkipped(info.lines);
      await take(info.lines, info.empty_lines, record, null);
    }
    await takeSkipped(Infinity);
    await flush();
    for (const entry of inFlight) await entry.done;
  } finally {
    parser.destroy();
    await Promise.allSettled(inFlight.map((entry) => entry.done));
    await releaseArea?.();
    await errors?.close();
  }

  // Likely duplicates of every child this import (with any earlier, interrupted run of it) created, in one pass: on a
  // server, a part of the dates of birth on each writer's connection (a pair is born the same day). The other parts
  // commit their pairs and counts first; the import is finished with the first part's.
  const parts = { of: writers, index: 0 };
  const others = Array.from({ length: writers - 1 }, (_, k) =>
    db.transaction(async (tx) => {
      const queued = await queueDuplicates(tx, areaCode, job.startedAt, { ...parts, index: k + 1 });
      await imports.countQueued(tx, job.id, queued);
      return queued;
    }),
  );
  for (const other of others) other.catch(() => undefined);
  await db
    .transaction(async (tx) => {
      const queued = await queueDuplicates(tx, areaCode, job.startedAt, parts);
      totals.queued += queued;
      for (const other of others) totals.queued += await other;
      await imports.markImportFinished(tx, job.id, queued);
      await recordAudit(tx, actor, CONTEXT, {
        action: 'children.imported',
        subject: { type: 'child_import', id: job.id },
        details: { fileName, sha256, lines, ...totals },
      });
    })
    .finally(() => Promise.allSettled(others));
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rowsPerSecond = elapsedSeconds > 0 ? (lines - resumedAfter) / elapsedSeconds : 0;
  return { importId: job.id, file, sha256, errorsFile, ...totals, lines, resumedAfter, elapsedSeconds, rowsPerSecond, rewritten };
}

import fs from 'node:fs';
import { recordAudit } from '../platform/audit.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { FaultTally } from '../platform/faults.js';
import type { ReadValue } from './copy-rows.js';
import type { ImportFault, ImportFaultKind } from './import-rows.js';
import { removeDemoValuesOfImport } from './demo-places.js';
import { importOtherKind, type JobOrigin } from './import-kinds.js';
import { loadLookupData, lookupsOf, readBeside, readEvents, streamOf, type ReadEvent } from './import-read.js';
import {
  applyBatch,
  insertImport,
  publishImport,
  removeSuperseded,
  refreshValueStatistics,
  removeUnappliedImport,
  valueIdsOf,
  nextValueId,
  type ImportNotice,
  type MergeCounts,
} from './import-sql.js';
import { RepeatOfEarlierBatch, writeValues } from './import-write.js';
import {
  appliedSince,
  applySkipped,
  heldAtStart,
  idsSupersedingNothing,
  idsToClean,
  type HeldAtStart,
  type SkippedIds,
} from './import-held.js';
import { BatchPace, letOthersGo, PROGRESS_EVERY_MS } from './import-pace.js';
import { findImportJob, finishJob, markJobCleaned, recordJobProgress, setJobImport, type ImportJob } from './import-job-sql.js';
import { reportOf, type IndicatorImportProgress, type IndicatorImportReport, type SkippedRows } from './import-report.js';

/**
 * One import job's work (ADR 0018), run by the runner in the background or in-process by the
 * command line: read and check the file in bounded memory, writing and applying each batch in its
 * own short transaction, invisible (ADR 0031); refuse it, or publish it in one tiny transaction
 * with its audit entry; then clean up in batches. Between batches the job yields,
 * so other requests on the single embedded connection interleave with their normal latency.
 */

/** Faults kept of each kind (with the count of every kind): a file of a million faults reports in bounded size. */
export const FAULTS_KEPT_PER_KIND = 1_000;

/**
 * How much of a file is read at a time: the CSV reader checks a chunk's rows in one go, holding the
 * event loop (about 15-25 µs a row), so 16 KB (about 400 rows of our long layout) keeps that under
 * 10 ms where the default 64 KB held it for 30 ms and more (ADR 0039).
 */
export const READ_CHUNK_BYTES = 16 * 1024;

/**
 * From this size a file is read in a worker thread beside the job (ADR 0050): for a smaller one, starting the
 * worker (and, from the sources, compiling its modules) costs more than reading beside the writing saves.
 */
export const READ_BESIDE_FROM_BYTES = 4 * 1024 * 1024;

export type ImportPhase = IndicatorImportProgress['phase'];

export interface ImportJobHooks {
  /**
   * Called after each batch, before the next. Tests pause a job here (to show a page is answered
   * while it runs) or throw (to show a failure half-way leaves nothing visible).
   */
  afterBatch?: (job: { id: string; phase: ImportPhase; batch: number }) => Promise<void>;
}

export interface JobInput {
  totalBytes: number;
  /**
   * What to read: a file (a spooled upload), text or bytes. The look at its start (import-kinds.ts) and the
   * reading, here or in a worker thread (import-read.ts `streamOf`), each open it themselves.
   */
  origin: JobOrigin;
}

export interface RunJobOptions {
  hooks?: ImportJobHooks;
  onProgress?: (p: IndicatorImportProgress) => void;
  /** Asked between batches: true when the runner is stopping (the job is then left to be failed and cleaned). */
  stopping?: () => boolean;
  /** Where the job's moments come from (ADR 0010): its heartbeat, its end, its import's record. The system's when left out. */
  clock?: Clock;
  /** Whether the file is read in a worker thread beside the job (import-read.ts): by its size when left out. */
  readBeside?: boolean;
}

/** Thrown between batches when the runner stops: the job is marked failed and cleaned at the next start. */
export class JobInterrupted extends Error {
  constructor() {
    super('The service stopped while the import ran. Nothing of it was applied: import the file again');
  }
}

type Tally = FaultTally<ImportFault, ImportFaultKind>;

const addCounts = (to: MergeCounts, c: MergeCounts): void => {
  to.created += c.created;
  to.replaced += c.replaced;
  to.unchanged += c.unchanged;
};

interface Read {
  /** The file's layout, found from its header; null when the header could not be read. */
  layout: { name: string; words: string } | null;
  rows: number;
  /** The import the values are written under, not yet applied; null when the header could not be read. */
  importId: string | null;
  skipped: SkippedRows[];
  /** Values not written because a later revision is held: the first 1,000, and how many in all. */
  notReplaced: ImportNotice[];
  notReplacedCount: number;
  /** The written values against those held: new, replaced (the change recorded) or unchanged. */
  counts: MergeCounts;
  /** What was held when the import was created, and the batches not applied because none of their indicators held a value. */
  held: HeldAtStart | null;
  skippedIds: SkippedIds[];
}

/** What a file whose header could not be read (or that is not values) leaves: nothing. */
const NOTHING_READ: Read = {
  layout: null,
  rows: 0,
  importId: null,
  skipped: [],
  notReplaced: [],
  notReplacedCount: 0,
  counts: { created: 0, replaced: 0, unchanged: 0 },
  held: null,
  skippedIds: [],
};

/**
 * Reads, checks and writes every row, batch by batch, each batch its own transaction. The values
 * go under an import created once the header is read, and stay invisible until it is published.
 * Each batch is applied as it is written, in the same transaction (ADR 0031): its changes to the
 * values held are recorded and counted, still invisible, so no second pass reads the values again.
 */
async function readAndWrite(db: Db, job: ImportJob, input: JobInput, tally: Tally, options: RunJobOptions, clock: Clock): Promise<Read> {
  const lookups = await loadLookupData(db, areaOf(job));
  // CSV, .csv.gz or .xlsx, told by its first bytes; a line or a file that cannot be read is a fault (import-input.ts).
  // A big file is read in a worker thread beside this one, which writes (ADR 0050); a small one here.
  const wantedLayout = job.options.layout ?? 'auto';
  const beside = options.readBeside ?? input.totalBytes >= READ_BESIDE_FROM_BYTES;
  const events: AsyncGenerator<ReadEvent> = beside
    ? readBeside({ origin: input.origin, wantedLayout, lookups })
    : readEvents(streamOf(input.origin, READ_CHUNK_BYTES), wantedLayout, lookupsOf(lookups));
  const skipped = new Map<string, number>();
  const notReplaced: ImportNotice[] = [];
  let notReplacedCount = 0;
  let layout: Read['layout'] = null;
  let importId: string | null = null;
  let held: HeldAtStart | null = null;
  const skippedIds: SkippedIds[] = [];
  // Where the next batch's values will be numbered from: its values are found from there up (ADR 0051).
  let nextId = 0;
  let batch: ReadValue[] = [];
  let staged = 0;
  let rows = 0;
  let batches = 0;
  let bytesRead = 0;
  const counts: MergeCounts = { created: 0, replaced: 0, unchanged: 0 };
  const pace = new BatchPace();
  // When the job last let others have the process: reading and checking a batch's rows holds the event
  // loop as its write holds the connection, so a batch is sized by both (ADR 0039).
  let workingSince = performance.now();
  // When the job's progress (and heartbeat) was last written: at most every PROGRESS_EVERY_MS, not in every batch.
  let progressAt = Number.NEGATIVE_INFINITY;
  /** One batch's transaction: its values written and applied, and now and then the job's progress. Resolves to where the next batch's ids start. */
  const writeAndApply = (values: ReadValue[], careful: boolean) =>
    db.transaction(async (tx) => {
      let next = nextId;
      if (importId) {
        const written = await writeValues(tx, importId, values, staged, held, careful);
        for (const f of written.faults) tally.add(f.kind, f);
        notReplacedCount += written.notReplaced.length;
        notReplaced.push(...written.notReplaced.slice(0, Math.max(0, FAULTS_KEPT_PER_KIND - notReplaced.length)));
        // The batch's values are this import's numbered from nextId up to the next id now (ADR 0051). A batch holds
        // whole lines, so its values are applied now (invisible until published), unless none of its indicators
        // held a value when the job started: then all are new (import-held.ts).
        if (written.stored > 0) next = await nextValueId(tx);
        if (held && !values.some((v) => held?.indicators.has(v.indicatorId))) {
          counts.created += written.stored;
          if (written.stored > 0) skippedIds.push({ from: nextId, to: next, created: written.stored });
        } else if (written.stored > 0) addCounts(counts, await applyBatch(tx, importId, nextId, next));
      }
      if (performance.now() - progressAt >= PROGRESS_EVERY_MS) {
        const applied = counts.created + counts.replaced + counts.unchanged;
        const progress = { bytesRead, rowsRead: rows, valuesWritten: staged + values.length, valuesApplied: applied, faults: tally.total };
        await recordJobProgress(tx, job.id, progress, clock.now());
        progressAt = performance.now();
      }
      return next;
    });
  const flush = async () => {
    const values = batch;
    batch = [];
    // A value repeating one of an earlier batch rolls the batch back (import-write.ts): it is written again carefully.
    nextId = await writeAndApply(values, false).catch((error: unknown) => {
      if (!(error instanceof RepeatOfEarlierBatch)) throw error;
      return writeAndApply(values, true);
    });
    pace.took(values.length, performance.now() - workingSince);
    staged += values.length;
    batches += 1;
    // The table grows as the job writes: its planner statistics follow, at each doubling, from a small sample.
    if ((batches & (batches - 1)) === 0) await refreshValueStatistics(db, 'sample');
    options.onProgress?.({ phase: 'reading', bytesRead, totalBytes: input.totalBytes, lines: rows, valuesApplied: 0, valuesToApply: 0 });
    await betweenBatches(db, pace, job, 'reading', batches, options);
    workingSince = performance.now();
  };
  const read = (): Read => ({
    layout,
    rows,
    importId,
    skipped: [...skipped].map(([reason, n]) => ({ reason, rows: n })),
    notReplaced: notReplaced.sort((x, y) => x.line - y.line),
    notReplacedCount,
    counts,
    held,
    skippedIds,
  });
  for await (const event of events) {
    for (const f of event.faults) tally.add(f.kind, f);
    if (event.kind === 'unreadable') return { ...NOTHING_READ };
    if (event.kind === 'layout') {
      layout = event.layout;
      ({ id: importId, firstValueId: nextId } = await createImport(db, job, layout.name, clock.now()));
      held = await heldAtStart(db);
      continue;
    }
    rows += event.rows;
    bytesRead = event.bytes;
    for (const [reason, n] of event.skipped) skipped.set(reason, (skipped.get(reason) ?? 0) + n);
    // Good rows are staged even in a file that will be refused, so values given twice are found too. A batch
    // ends once it reaches the pace's size, with the end of a line: it holds whole lines.
    const values = event.values;
    for (let i = 0; i < values.length; i += 1) {
      const v = values[i] as ReadValue;
      batch.push(v);
      if (batch.length >= pace.size && values[i + 1]?.line !== v.line) await flush();
    }
  }
  bytesRead = input.totalBytes;
  progressAt = Number.NEGATIVE_INFINITY; // The last batch writes the progress of the whole file.
  await flush();
  if (!layout && tally.total === 0)
    tally.add('empty_file', {
      line: 1,
      column: '',
      kind: 'empty_file',
      reason: 'The file is empty: it needs a header row naming its columns',
    });
  return read();
}

/** The import's record, not yet applied: what is written under it is invisible until it is published. */
async function createImport(db: Db, job: ImportJob, layout: string, at: Date): Promise<{ id: string; firstValueId: number }> {
  return db.transaction(async (tx) => {
    const created = await insertImport(
      tx,
      {
        actorUserId: job.actor.userId,
        actorLabel: job.actor.label,
        areaCode: areaOf(job),
        fileName: job.fileName,
        layout,
        rowsRead: 0,
        faults: 0,
      },
      at,
    );
    await setJobImport(tx, job.id, created.id, at);
    return created;
  });
}

const areaOf = (job: ImportJob): string | null => job.actor.areaCode;

async function betweenBatches(
  db: Db,
  pace: BatchPace,
  job: ImportJob,
  phase: ImportPhase,
  batch: number,
  options: RunJobOptions,
): Promise<void> {
  await options.hooks?.afterBatch?.({ id: job.id, phase, batch });
  if (options.stopping?.()) throw new JobInterrupted();
  // Lets requests waiting for the connection (and the event loop) go before the next batch (import-pace.ts).
  await pace.pause(db);
}

/**
 * Runs a job from reading to its end. Returns its report (also stored on the job). A failure
 * (a fault in the job, or the process stopping) leaves nothing visible: the import is never
 * published, the job is marked failed and its leftovers are removed in batches.
 */
export async function runIndicatorJob(
  db: Db,
  job: ImportJob,
  input: JobInput,
  options: RunJobOptions = {},
): Promise<IndicatorImportReport> {
  const started = performance.now();
  const clock = options.clock ?? systemClock;
  const tally: Tally = new FaultTally(FAULTS_KEPT_PER_KIND);
  const areaCode = areaOf(job);
  try {
    // A dictionary or a statistical neighbours file is not values, and a file that is not text is one fault (import-kinds.ts).
    const other = await importOtherKind(db, job, input.origin, clock.now());
    if (other && 'report' in other) {
      const report = other.report;
      await finishJob(db, job.id, report.status === 'imported' ? 'done' : 'refused', { report }, clock.now());
      await cleanUpJob(db, { ...job, state: 'done', importId: null }, clock);
      return report;
    }
    if (other) tally.add(other.fault.kind, other.fault);
    const read: Read = other ? { ...NOTHING_READ } : await readAndWrite(db, job, input, tally, options, clock);
    job = { ...job, importId: read.importId, rowsRead: read.rows };
    const layout = read.layout?.name ?? null;
    const layoutWords = read.layout?.words ?? null;
    if (layout === null || !read.importId || (tally.total > 0 && !job.options.importGoodRows)) {
      const none = { created: 0, replaced: 0, unchanged: 0, values: 0, notReplaced: [] };
      const report = reportOf(job.fileName, started, tally, {
        status: 'rejected',
        importId: null,
        layout,
        layoutWords,
        rows: read.rows,
        skipped: read.skipped,
        ...none,
      });
      await endUnapplied(db, job, areaCode, 'refused', { report }, { layout, rows: read.rows, faults: tally.total }, clock);
      await cleanUpJob(db, { ...job, state: 'refused' }, clock);
      return report;
    }
    const importId = read.importId;
    const counts = read.counts;
    // Another import applied meanwhile: the batches skipped as new are compared with what it holds after all.
    const appliedMeanwhile = read.held !== null && read.skippedIds.length > 0 && (await appliedSince(db, read.held.appliedSeq));
    if (appliedMeanwhile) {
      const pace = new BatchPace();
      await applySkipped(db, importId, read.skippedIds, counts, async () => {
        if (options.stopping?.()) throw new JobInterrupted();
        await pace.pause(db);
      });
    }
    // Statistics, publishing, clean-up: each holds the connection a moment; requests that waited go first.
    const analysing = performance.now();
    await refreshValueStatistics(db);
    await letOthersGo(db, performance.now() - analysing);
    const publishing = performance.now();
    const values = counts.created + counts.replaced + counts.unchanged;
    // The one moment the import becomes visible, all at once, with its audit entry. The demo's invented
    // values of the indicators given real ones go in the same moment (issue 15 item 5): a few hundred at most.
    const report = await db.transaction(async (tx) => {
      const at = clock.now();
      await publishImport(tx, importId, { ...counts, rowsRead: read.rows, faults: tally.total }, at);
      const demoValuesRemoved = await removeDemoValuesOfImport(tx, importId);
      const done = reportOf(job.fileName, started, tally, {
        status: 'imported',
        importId,
        layout,
        layoutWords,
        rows: read.rows,
        skipped: read.skipped,
        values,
        ...counts,
        notReplaced: read.notReplaced,
        demoValuesRemoved,
      });
      // A job the restart sweep has already failed (its heartbeat went stale) is never published after all.
      if (!(await finishJob(tx, job.id, 'done', { report: done }, at))) throw new JobInterrupted();
      await recordAudit(tx, job.actor, job.context, {
        occurredAt: at,
        action: 'indicators.imported',
        subject: { type: 'indicator_import', id: importId },
        areaCode,
        details: {
          file: job.fileName,
          layout,
          rows: read.rows,
          values,
          ...counts,
          demoValuesRemoved,
          notReplaced: read.notReplacedCount,
          faults: tally.total,
        },
      });
      return done;
    });
    await letOthersGo(db, performance.now() - publishing);
    // Lines whose values were all new superseded nothing: the clean-up skips them (unless an import was applied meanwhile).
    const nothingSuperseded = read.held && !appliedMeanwhile ? await idsSupersedingNothing(db, importId, read.held, read.skippedIds) : [];
    await cleanUpJob(db, { ...job, state: 'done' }, clock, nothingSuperseded);
    return report;
  } catch (error) {
    const failure =
      error instanceof JobInterrupted
        ? error.message
        : 'The import failed and nothing of it was applied: import the file again, or ask your administrator to look at the service log';
    await endUnapplied(db, job, areaCode, 'failed', { failure }, { failed: true }, clock);
    // A stopping runner leaves the cleaning to the next start; otherwise it is done now. A job that failed
    // while reading has written values under its import already: the import is the one the job records.
    if (!(error instanceof JobInterrupted)) {
      const importId = job.importId ?? (await findImportJob(db, job.id))?.importId ?? null;
      await cleanUpJob(db, { ...job, importId, state: 'failed' }, clock);
    }
    throw error;
  }
}

/**
 * Removes a finished job's leftovers in short batches: for an applied import the versions it
 * superseded (except in `supersededNothing`, lines known to have superseded nothing) and its staged
 * values; for a refused or failed one everything it wrote (never visible); then its spooled file.
 */
export async function cleanUpJob(
  db: Db,
  job: Pick<ImportJob, 'id' | 'state' | 'importId' | 'spoolPath'>,
  clock: Clock,
  supersededNothing: readonly SkippedIds[] = [],
): Promise<void> {
  const pace = new BatchPace();
  if (job.importId && job.state === 'done') {
    const ids = await valueIdsOf(db, job.importId);
    for (const [start, end] of idsToClean(ids.from, ids.to, supersededNothing)) {
      for (let from = start, step = pace.size; from < end; from += step, step = pace.size) {
        const started = performance.now();
        await removeSuperseded(db, job.importId, from, Math.min(end, from + step));
        pace.took(pace.size, performance.now() - started);
        await pace.pause(db);
      }
    }
  } else if (job.importId) {
    for (let removed = 1; removed > 0; await pace.pause(db)) {
      const started = performance.now();
      removed = await removeUnappliedImport(db, job.importId, pace.size);
      pace.took(removed, performance.now() - started);
    }
  }
  if (job.spoolPath) await fs.promises.rm(job.spoolPath, { force: true });
  await markJobCleaned(db, job.id, clock.now());
}

/**
 * A job ending with its import never applied (refused, failed, or failed by the runner's restart
 * sweep): its state and the import's failure audit entry, together. A job ends once: false, and no
 * second entry, when it had already ended.
 */
export async function endUnapplied(
  db: Db,
  job: ImportJob,
  areaCode: string | null,
  state: 'refused' | 'failed',
  end: { report?: IndicatorImportReport; failure?: string },
  details: Record<string, unknown>,
  clock: Clock,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const at = clock.now();
    if (!(await finishJob(tx, job.id, state, end, at))) return false;
    await recordAudit(tx, job.actor, job.context, {
      occurredAt: at,
      action: 'indicators.imported',
      outcome: 'failure',
      areaCode,
      details: { file: job.fileName, ...details },
    });
    return true;
  });
}

import type { Actor, RequestContext } from '../platform/audit.js';
import { insertReturning, type Queryable } from '../platform/db.js';
import { defineEnum, type EnumValue } from '../platform/enums.js';
import { byPlace, type IndicatorImportReport } from './import-report.js';
import type { Layout } from './import-rows.js';

/**
 * The import_job table (ADR 0018): one function per question. Every moment it records or compares
 * with (created, started, heartbeat, finished, cleaned, "stale") is the injected clock's (ADR 0010),
 * passed in as `at`: no now() in its SQL.
 */

export const IMPORT_JOB_STATES = defineEnum(['queued', 'reading', 'applying', 'done', 'refused', 'failed']);
export type ImportJobState = EnumValue<typeof IMPORT_JOB_STATES>;

/** A job reading or applying whose heartbeat is older than this was interrupted (its process stopped). */
export const STALE_AFTER_SECONDS = 60;

export interface ImportJobOptions {
  layout?: Layout | 'auto';
  importGoodRows?: boolean;
}

export interface ImportJob {
  id: string;
  state: ImportJobState;
  fileName: string;
  spoolPath: string | null;
  options: ImportJobOptions;
  actor: Actor;
  context: RequestContext;
  totalBytes: number;
  bytesRead: number;
  rowsRead: number;
  valuesWritten: number;
  valuesApplied: number;
  faults: number;
  importId: string | null;
  report: IndicatorImportReport | null;
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  cleanedAt: Date | null;
}

interface JobRow {
  id: string;
  state: ImportJobState;
  file_name: string;
  spool_path: string | null;
  options: ImportJobOptions;
  actor_user_id: string | null;
  actor_label: string;
  actor_role: string | null;
  area_code: string | null;
  request_context: RequestContext;
  total_bytes: number;
  bytes_read: number;
  rows_read: number;
  values_written: number;
  values_applied: number;
  faults: number;
  import_id: string | null;
  report: IndicatorImportReport | null;
  failure: string | null;
  created_at: Date;
  finished_at: Date | null;
  cleaned_at: Date | null;
}

const toJob = (r: JobRow): ImportJob => ({
  id: r.id,
  state: IMPORT_JOB_STATES.parse(r.state),
  fileName: r.file_name,
  spoolPath: r.spool_path,
  options: r.options,
  actor: { userId: r.actor_user_id, label: r.actor_label, role: r.actor_role, areaCode: r.area_code },
  context: r.request_context,
  totalBytes: r.total_bytes,
  bytesRead: r.bytes_read,
  rowsRead: r.rows_read,
  valuesWritten: r.values_written,
  valuesApplied: r.values_applied,
  faults: r.faults,
  importId: r.import_id,
  // Stored once, in the summary (finishJob): the list by place is made again from it.
  report: r.report && { ...r.report, faults: r.report.faultSummary.kinds.flatMap((k) => k.shown).sort(byPlace) },
  failure: r.failure,
  createdAt: new Date(r.created_at),
  finishedAt: r.finished_at && new Date(r.finished_at),
  cleanedAt: r.cleaned_at && new Date(r.cleaned_at),
});

export interface NewImportJob {
  state: 'queued' | 'reading';
  fileName: string;
  spoolPath: string | null;
  totalBytes: number;
  options: ImportJobOptions;
  actor: Actor;
  /** Whose local indicators the file may name (the actor's area unless the operator says otherwise). */
  areaCode: string | null;
  context: RequestContext;
  runner: string | null;
}

export async function insertImportJob(q: Queryable, j: NewImportJob, at: Date): Promise<ImportJob> {
  const row = await insertReturning<JobRow>(
    q,
    `INSERT INTO import_job (kind, state, file_name, spool_path, total_bytes, options, actor_user_id, actor_label, actor_role, area_code,
                             request_context, runner, created_at, started_at, heartbeat_at)
     VALUES ('indicator_values', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz,
             CASE WHEN $1 = 'reading' THEN $12::timestamptz END, CASE WHEN $1 = 'reading' THEN $12::timestamptz END)
     RETURNING *`,
    [
      j.state,
      j.fileName,
      j.spoolPath,
      j.totalBytes,
      JSON.stringify(j.options),
      j.actor.userId,
      j.actor.label,
      j.actor.role,
      j.areaCode,
      JSON.stringify(j.context),
      j.runner,
      at,
    ],
  );
  return toJob(row);
}

export async function findImportJob(q: Queryable, id: string): Promise<ImportJob | undefined> {
  const [row] = await q.query<JobRow>('SELECT * FROM import_job WHERE id = $1', [id]);
  return row && toJob(row);
}

export async function listImportJobsOf(q: Queryable, userId: string, limit: number): Promise<ImportJob[]> {
  const rows = await q.query<JobRow>('SELECT * FROM import_job WHERE actor_user_id = $1 ORDER BY created_at DESC LIMIT $2', [
    userId,
    limit,
  ]);
  return rows.map(toJob);
}

/** Takes the oldest queued job for this runner; none when there is none (or another runner took it). */
export async function claimQueuedJob(q: Queryable, runner: string, at: Date): Promise<ImportJob | undefined> {
  const [row] = await q.query<JobRow>(
    `UPDATE import_job SET state = 'reading', runner = $1, started_at = $2, heartbeat_at = $2
      WHERE id = (SELECT id FROM import_job WHERE state = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [runner, at],
  );
  return row && toJob(row);
}

export interface JobProgress {
  bytesRead?: number;
  rowsRead?: number;
  valuesWritten?: number;
  valuesApplied?: number;
  faults?: number;
}

/** The job's progress so far, and its heartbeat: written in each batch's own transaction. */
export async function recordJobProgress(q: Queryable, id: string, p: JobProgress, at: Date): Promise<void> {
  await q.query(
    `UPDATE import_job SET bytes_read = coalesce($2, bytes_read), rows_read = coalesce($3, rows_read),
            values_written = coalesce($4, values_written), values_applied = coalesce($5, values_applied),
            faults = coalesce($6, faults), heartbeat_at = $7
      WHERE id = $1`,
    [id, p.bytesRead ?? null, p.rowsRead ?? null, p.valuesWritten ?? null, p.valuesApplied ?? null, p.faults ?? null, at],
  );
}

/** The import the job writes its values under (unapplied until published), once the file's header is read. */
export async function setJobImport(q: Queryable, id: string, importId: string, at: Date): Promise<void> {
  await q.query('UPDATE import_job SET import_id = $2, heartbeat_at = $3 WHERE id = $1', [id, importId, at]);
}

/**
 * The job's end: done, refused or failed, with its bounded report or the reason it failed. A job
 * ends once: true when this ended it, false when it had already ended (so its end is audited once).
 */
export async function finishJob(
  q: Queryable,
  id: string,
  state: 'done' | 'refused' | 'failed',
  end: { report?: IndicatorImportReport; failure?: string },
  at: Date,
): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `UPDATE import_job SET state = $2, report = coalesce($3::jsonb, report), failure = $4, finished_at = $5, heartbeat_at = $5
      WHERE id = $1 AND state NOT IN ('done', 'refused', 'failed')
     RETURNING id`,
    [id, state, end.report ? JSON.stringify({ ...end.report, faults: [] }) : null, end.failure ?? null, at],
  );
  return rows.length > 0;
}

/**
 * Jobs left reading or applying by a process that stopped (their heartbeat is old): the runner
 * fails each through the job's own end (`endUnapplied`, audited), to be cleaned up, never resumed
 * half-applied.
 */
export async function listInterruptedJobs(q: Queryable, at: Date): Promise<ImportJob[]> {
  const rows = await q.query<JobRow>(
    `SELECT * FROM import_job
      WHERE state IN ('reading', 'applying') AND heartbeat_at < $2::timestamptz - make_interval(secs => $1)
      ORDER BY created_at`,
    [STALE_AFTER_SECONDS, at],
  );
  return rows.map(toJob);
}

/** Finished jobs whose leftovers (unapplied or superseded versions, spooled file) remain. */
export async function listJobsToClean(q: Queryable): Promise<ImportJob[]> {
  const rows = await q.query<JobRow>(
    `SELECT * FROM import_job WHERE cleaned_at IS NULL AND state IN ('done', 'refused', 'failed') ORDER BY finished_at`,
  );
  return rows.map(toJob);
}

export async function markJobCleaned(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('UPDATE import_job SET cleaned_at = $2, spool_path = NULL WHERE id = $1', [id, at]);
}

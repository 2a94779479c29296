import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { claimQueuedJob, listInterruptedJobs, listJobsToClean, type ImportJob } from './import-job-sql.js';
import { cleanUpJob, endUnapplied, JobInterrupted, runIndicatorJob, type ImportJobHooks } from './import-job.js';

/**
 * The in-process runner of import jobs (ADR 0018), started with the app (`ctp serve`, tests) and
 * stopped with it, as the notification jobs are. One job at a time: an upload queues its job and
 * wakes the runner. Each round first fails the jobs a stopped process left reading or applying
 * (their heartbeat is old: never resumed half-applied), each ended and audited as any failed job is
 * (`endUnapplied`), and removes the leftovers of finished jobs.
 */
export interface ImportJobRunner {
  /** Set by tests and the benchmark: called between batches of every job this runner runs. */
  hooks: ImportJobHooks;
  /** Where a job's unexpected failure is told (the app's log); the job itself is marked failed. */
  onError: (error: unknown) => void;
  start(): void;
  /** Wakes the runner: a job was queued. */
  wake(): void;
  /** Stops between two batches; a job cut short is failed and cleaned at the next start. */
  stop(): Promise<void>;
  /** Resolves when the runner has nothing left to do (tests). */
  idle(): Promise<void>;
}

export function importJobRunner({ db, pollMs = 15_000, clock = systemClock }: { db: Db; pollMs?: number; clock?: Clock }): ImportJobRunner {
  const runnerId = randomUUID();
  let stopping = false;
  let started = false;
  let again = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const runner: ImportJobRunner = {
    hooks: {},
    onError: (error) => process.stderr.write(`import job: ${error instanceof Error ? error.message : String(error)}\n`),
    start() {
      if (started) return;
      started = true;
      stopping = false;
      runner.wake();
      timer = setInterval(() => runner.wake(), pollMs);
      timer.unref();
    },
    wake() {
      if (!started || stopping) return;
      if (running) {
        again = true;
        return;
      }
      running = rounds().finally(() => {
        running = null;
      });
    },
    async stop() {
      stopping = true;
      started = false;
      clearInterval(timer);
      await running;
    },
    async idle() {
      while (running) await running;
    },
  };

  async function runOne(job: ImportJob): Promise<void> {
    if (!job.spoolPath || !fs.existsSync(job.spoolPath)) {
      const failure = 'The uploaded file was lost before it could be read: upload it again';
      await endUnapplied(db, job, job.actor.areaCode, 'failed', { failure }, { failed: true, fileLost: true }, clock);
      return;
    }
    const file = job.spoolPath;
    const input = { totalBytes: fs.statSync(file).size, origin: { file } };
    await runIndicatorJob(db, job, input, { hooks: runner.hooks, stopping: () => stopping, clock });
  }

  async function rounds(): Promise<void> {
    do {
      again = false;
      try {
        for (const job of await listInterruptedJobs(db, clock.now())) {
          if (stopping) return;
          // The same end as a job failing in its own process: its state and the failure audit entry together.
          const failure = new JobInterrupted().message;
          await endUnapplied(db, job, job.actor.areaCode, 'failed', { failure }, { failed: true, interrupted: true }, clock);
        }
        for (const job of await listJobsToClean(db)) {
          if (stopping) return;
          await cleanUpJob(db, job, clock);
        }
        for (
          let job = await claimQueuedJob(db, runnerId, clock.now());
          job && !stopping;
          job = await claimQueuedJob(db, runnerId, clock.now())
        ) {
          // A job's own failure is in its state and report; the runner goes on with the next.
          await runOne(job).catch((error: unknown) => runner.onError(error));
        }
      } catch (error) {
        runner.onError(error);
      }
    } while (again && !stopping);
  }

  return runner;
}

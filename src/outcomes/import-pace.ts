import type { Db } from '../platform/db.js';

/**
 * How big an import job's batches are and how long it waits between them (ADR 0018, "Speed"; ADR 0031).
 * Each batch is one transaction on the embedded engine's one connection, so a request arriving
 * meanwhile waits for it: batches are sized to take about BATCH_BUDGET_MS, measured as they go
 * (a value costs more as the engine warms up, on a busy machine, or with wider rows). Between two
 * batches the job waits until no request is being answered and no query has run for QUIET_MS
 * (`Db.whenQuiet`), so a request waits for at most the one batch running when it arrived; under a
 * stream of requests it waits at most as long as its last batch took, so the job still gets about
 * half the connection. Fixed, not read from the environment: measuring runs the code as it ships (ADR 0039).
 */
export const BATCH_BUDGET_MS = 25;
export const QUIET_MS = 3;
/**
 * A LAIT value costs about 45 µs to read, check and write: a floor of 1,000 values made every batch about 45 ms,
 * and a page waiting for one took 2.3x its idle p95 (ADR 0048). 250 lets the budget decide.
 */
export const MIN_VALUES = 250;
export const MAX_VALUES = 20_000;

export class BatchPace {
  /** Values in the next batch. */
  size: number;
  private lastMs = 0;

  constructor(initial = 1_000) {
    this.size = initial;
  }

  /** Records a batch of `values` that took `ms`: the next is sized to take about the budget. */
  took(values: number, ms: number): void {
    this.lastMs = ms;
    if (values <= 0 || ms <= 0) return;
    const fits = (values * BATCH_BUDGET_MS) / ms;
    // Halfway to what fits, so one slow batch (a pause of the machine) does not swing the size.
    this.size = Math.round(Math.min(MAX_VALUES, Math.max(MIN_VALUES, (this.size + fits) / 2)));
  }

  /** Lets other requests have the connection before the next batch. */
  async pause(db: Db): Promise<void> {
    await letOthersGo(db, this.lastMs);
  }
}

/** Lets the requests that waited while the job held the connection for `heldMs` go first, for at most as long. */
export async function letOthersGo(db: Db, heldMs: number): Promise<void> {
  await db.whenQuiet(QUIET_MS, Math.max(QUIET_MS, heldMs));
}

/**
 * How often a job writes its progress (and heartbeat) while reading: in a batch's own transaction, at most this
 * often. In every batch it was one statement of about ten a batch, for a page that checks progress every few
 * seconds and a heartbeat read as stale only after minutes.
 */
export const PROGRESS_EVERY_MS = 250;

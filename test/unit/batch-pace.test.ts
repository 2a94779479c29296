import { describe, expect, it } from 'vitest';
import { BATCH_BUDGET_MS, BatchPace, MAX_VALUES, MIN_VALUES } from '../../src/outcomes/import-pace.js';

/** import-pace.ts: an import job's batches are sized to hold the one embedded connection about BATCH_BUDGET_MS. */
describe('the pace of an import job’s batches', () => {
  it('moves halfway to the size that fits the budget, so one slow batch does not swing it', () => {
    const pace = new BatchPace(1_000);
    // 1,000 values took twice the budget: 500 fit, and the next batch is halfway there.
    pace.took(1_000, 2 * BATCH_BUDGET_MS);
    expect(pace.size).toBe(750);
    pace.took(750, BATCH_BUDGET_MS);
    expect(pace.size).toBe(750);
  });

  it('goes down to the floor when values are slow (a LAIT value with its reading is about 45 µs), never below', () => {
    const pace = new BatchPace(1_000);
    for (let i = 0; i < 20; i += 1) pace.took(pace.size, (pace.size * 45) / 1_000);
    // 25 ms at 45 µs a value is about 555 values: the floor no longer holds a batch at 45 ms.
    expect(pace.size).toBeGreaterThan(540);
    expect(pace.size).toBeLessThan(570);
    for (let i = 0; i < 20; i += 1) pace.took(pace.size, 10 * BATCH_BUDGET_MS);
    expect(pace.size).toBe(MIN_VALUES);
  });

  it('goes up to the ceiling when values are fast, and ignores a batch that measured nothing', () => {
    const pace = new BatchPace(1_000);
    for (let i = 0; i < 20; i += 1) pace.took(pace.size, 1);
    expect(pace.size).toBe(MAX_VALUES);
    pace.took(0, 5);
    pace.took(100, 0);
    expect(pace.size).toBe(MAX_VALUES);
  });
});

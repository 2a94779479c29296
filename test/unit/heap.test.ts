import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { boundHeap } from '../../src/platform/heap.js';

const MB = 1024 * 1024;
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** A command-line import's heap kept near what it holds (platform/heap.ts, ADR 0051). */
describe('the bounded heap', () => {
  it('collects the garbage a burst of work leaves, soon after it passes the bound, and stops when told', async () => {
    const stop = boundHeap(8 * MB);
    try {
      await sleep(150);
      const before = held();
      // About 60 MB of rows and buffers, kept long enough to outlive the young generation, then dropped.
      let rows: string[][] = [];
      for (let i = 0; i < 300; i += 1) {
        rows.push(Array.from({ length: 2_000 }, (_, j) => `${i}\t${j}\tE06000046\t2014-15\t${(i * j) % 97}`));
        Buffer.alloc(64 * 1024, 1);
      }
      expect(held() - before).toBeGreaterThan(40 * MB);
      rows = [];
      await sleep(400);
      expect(rows).toHaveLength(0);
      expect(held() - before).toBeLessThan(24 * MB);
    } finally {
      stop();
    }
  });
});

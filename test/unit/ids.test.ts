import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../../src/platform/ids.js';

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID holding the time in milliseconds', () => {
    const at = Date.UTC(2026, 11, 1, 9, 30, 0, 123);
    const id = timeOrderedUuid(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('orders by time, and never repeats', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => timeOrderedUuid(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(1_700_000_000_000))).size).toBe(10_000);
  });
});

import crypto from 'node:crypto';

/**
 * Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix time in milliseconds, then 74 random
 * bits. The same layout as the database's time_ordered_uuid() (migration 0003), for ids made where
 * the rows are made in bulk: new rows land at the right-hand end of each id index.
 */

const POOL_IDS = 4096;
let pool = Buffer.alloc(0);
let next = 0;

export function timeOrderedUuid(now: number = Date.now()): string {
  if (next >= pool.length) {
    pool = crypto.randomFillSync(Buffer.alloc(16 * POOL_IDS));
    next = 0;
  }
  const b = Buffer.from(pool.subarray(next, next + 16));
  next += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70; // version 7
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // variant 10
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL or a document is a UUID: the one check before it meets a uuid column. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

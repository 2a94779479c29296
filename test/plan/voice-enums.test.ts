import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_GROUPS, PARTICIPANT_GROUPS } from '../../src/plan/participation/types.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * Migration 0058's lists held in arrays (an activity's age groups and groups): enums-check.test.ts reads only
 * CHECKs of one value (`x IN (...)`), so the array CHECKs (`x <@ ARRAY[...]`) are held to their enumerations here.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

const valuesOf = async (name: string): Promise<string[]> => {
  const [row] = await t.db.query<{ definition: string }>(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1`,
    [name],
  );
  return [...(row?.definition ?? '').matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1] ?? '').sort();
};

describe('participation activities’ array CHECKs', () => {
  it.each([
    ['plan_participation_activity_age_groups_known', AGE_GROUPS.values],
    ['plan_participation_activity_groups_known', PARTICIPANT_GROUPS.values],
  ] as const)('%s allows exactly the enumeration’s values', async (name, values) => {
    expect(await valuesOf(name)).toEqual([...values].sort());
  });
});

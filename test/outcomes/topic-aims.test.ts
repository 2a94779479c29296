import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../../src/outcomes/catalogue/service.js';
import { findIndicatorByCode } from '../../src/outcomes/repository.js';
import { MIGRATIONS_DIR } from '../../src/platform/migrate.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/**
 * The guessed default mapping of LAIT's topics to aims (migration 0037), checked against the aims'
 * words (domain.md §1): migration 0047 takes away three pairs that contradict them, and only where a
 * planner has not made the topic's mapping their own.
 */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  expect(await importCatalogue(t.db, { file: 'test/fixtures/lait/data-dictionary.csv' })).toMatchObject({ status: 'imported' });
});
afterAll(async () => t?.close());

const aimsOf = async (topic: string) =>
  (await t.db.query<{ aim_code: string }>(`SELECT aim_code FROM indicator_topic_aim WHERE topic = $1 ORDER BY aim_code`, [topic])).map(
    (r) => r.aim_code,
  );

const migration0047 = () => fs.readFileSync(path.join(MIGRATIONS_DIR, '0047_topic_aims_corrected.sql'), 'utf8');

describe('the default topic-to-aims mapping', () => {
  it('maps no topic to an aim its words contradict', async () => {
    expect(await aimsOf('Finance')).toEqual([]); // the authority's spending: no child's aim
    expect(await aimsOf('Youth justice')).toEqual(['make-a-positive-contribution.2']);
    expect(await aimsOf('Special educational needs')).toEqual(['enjoy-and-achieve.2']);
    // The rest of 0037's guesses stand (said in the report): a sample.
    expect(await aimsOf('Key stage 2')).toEqual(['enjoy-and-achieve.3']);
    expect(await aimsOf('Post 16')).toEqual(['achieve-economic-wellbeing.1', 'achieve-economic-wellbeing.2']);
    // LAIT's weekly cost of a looked after child (Finance) evidences no aim.
    expect((await findIndicatorByCode(t.db, 'CLA_COST_WEEK', null))?.aimCodes).toEqual([]);
  });

  it('corrects a topic still at its default, with its indicators, and leaves a planner’s own mapping alone', async () => {
    const cost = await findIndicatorByCode(t.db, 'CLA_COST_WEEK', null);
    // As an installation migrated to 0046 had it: Finance at 0037's default, its indicator following it.
    await t.db.query(`INSERT INTO indicator_topic_aim (topic, aim_code) VALUES ('Finance', 'achieve-economic-wellbeing.4')`);
    await t.db.query(`INSERT INTO indicator_aim (indicator_id, aim_code) VALUES ($1, 'achieve-economic-wellbeing.4')`, [cost?.id]);
    // A planner chose Youth justice's aims, stay-safe.4 among them.
    await t.db.query(
      `INSERT INTO indicator_topic_aim (topic, aim_code) VALUES ('Youth justice', 'stay-safe.4'), ('Youth justice', 'stay-safe.1')`,
    );
    await t.db.exec(migration0047());
    expect(await aimsOf('Finance')).toEqual([]);
    expect((await findIndicatorByCode(t.db, 'CLA_COST_WEEK', null))?.aimCodes).toEqual([]);
    expect(await aimsOf('Youth justice')).toEqual(['make-a-positive-contribution.2', 'stay-safe.1', 'stay-safe.4']);
  });
});

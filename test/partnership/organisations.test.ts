import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationIsInArea } from '../../src/partnership/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

describe('organisationIsInArea', () => {
  it('holds for an organisation of the area only, and for no text that is not a uuid', async () => {
    const area = await buildArea(t.db);
    const elsewhere = await buildArea(t.db);
    const ours = await buildOrganisation(t.db, area);
    const theirs = await buildOrganisation(t.db, elsewhere);
    expect(await organisationIsInArea(t.db, ours, area)).toBe(true);
    expect(await organisationIsInArea(t.db, theirs, area)).toBe(false);
    expect(await organisationIsInArea(t.db, crypto.randomUUID(), area)).toBe(false);
    // 36 characters of hex and dashes, but not a uuid: once a database error, now a plain "no".
    for (const notUuid of ['', 'school', '-'.repeat(36), `${ours.slice(0, 35)}-`]) {
      expect(await organisationIsInArea(t.db, notUuid, area)).toBe(false);
    }
  });
});

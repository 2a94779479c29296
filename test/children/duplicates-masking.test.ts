import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/platform/audit.js';
import { findUserById, type User } from '../../src/platform/auth/repository.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { expectStatus, recordChild, signedIn, type SignedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * The duplicates comparison is masked by the service (ADR 0009): a practice manager outside a
 * sensitive service's organisation gets "a sensitive service" and whom to contact, never what the
 * service is or who provides it, the same as the child record shows them.
 */

const ctx: RequestContext = { ip: '127.0.0.1', userAgent: 'vitest', requestId: 'duplicates-masking' };

let t: TestApp;
let practitioner: SignedIn;
let managerInside: SignedIn;
let managerOutside: SignedIn;
let pairId: string;

const userOf = async (agent: SignedIn): Promise<User> => {
  const user = await findUserById(t.testDb.db, agent.user.id);
  if (!user) throw new Error('test user missing');
  return user;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  const health = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  const youth = await buildOrganisation(db, area, 'Testshire Youth Service');
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: health });
  const youthWorker = await signedIn(t, 'practitioner', { areaCode: area, organisationId: youth });
  managerInside = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: health });
  managerOutside = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: youth });

  const child = await recordChild(practitioner, { givenName: 'Jack', familyName: 'Robinson', dateOfBirth: '2013-07-07' });
  await expectStatus(practitioner.postJson(`/api/children/${child}/involvements`, { service: 'Sexual health', me: true, sensitive: true }));
  await recordChild(youthWorker, { givenName: 'Jak', familyName: 'Robinson', dateOfBirth: '2013-07-07' });
  const [pair] = await db.query<{ id: string }>(
    `SELECT id FROM possible_duplicate WHERE status = 'pending' AND (child_id = $1 OR other_child_id = $1)`,
    [child],
  );
  pairId = String(pair?.id);
}, 120_000);
afterAll(async () => t?.close());

describe('comparing a likely duplicate', () => {
  it('gives a caller outside the sensitive service its involvement masked', async () => {
    const pair = await t.services.children.duplicates.compare(await userOf(managerOutside), pairId, ctx);
    const jack = [pair.child, pair.other].find((c) => c.givenName === 'Jack');
    // Beside the sensitive service, the involvement of the practitioner who added Jack (issue 14, bug 5), not sensitive.
    expect(jack?.involvements).toHaveLength(2);
    const masked = jack?.involvements.filter((i) => i.masked) ?? [];
    expect(masked).toHaveLength(1);
    expect(masked[0]).toMatchObject({ masked: true, practitionerName: expect.any(String) });
    expect(JSON.stringify(pair)).not.toContain('Sexual health');
    expect(JSON.stringify(masked)).not.toContain('Primary Care Trust');
  });

  it('gives a caller in the sensitive service its involvement in full', async () => {
    const pair = await t.services.children.duplicates.compare(await userOf(managerInside), pairId, ctx);
    const jack = [pair.child, pair.other].find((c) => c.givenName === 'Jack');
    expect(jack?.involvements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ masked: false, service: 'Sexual health', organisationName: 'Testshire Primary Care Trust' }),
      ]),
    );
  });

  it('shows the compare page as the service gave it', async () => {
    const outside = await managerOutside.get(paths.possibleDuplicate(pairId));
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain('A sensitive service (contact');
    expect(outside.body).not.toContain('Sexual health');
    const inside = await managerInside.get(paths.possibleDuplicate(pairId));
    expect(inside.body).toContain('Sexual health, Testshire Primary Care Trust');
  });
});

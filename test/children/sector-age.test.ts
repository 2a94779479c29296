import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { problemCode, recordChild, signedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

/**
 * 000 §1.15 note 4: for probation, police and YOTs the arrangements apply only up to the age of 17.
 * Their practitioners do not find young people of 18 or over, and opening one is refused with the
 * limit named; everyone else keeps the index's whole age scope.
 */

let t: TestApp;
let council: Agent;
const byPolice: Record<string, Agent> = {};
let under18: string;
let careLeaver: string;
const reason = 'Checking who works with this young person';

/** A date of birth `years` years and `days` days before today (UTC), as the test app's clock reads it. */
function bornYearsAgo(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Each sector's relevant-partner duty, Children Act 2004 s10(4)(b) to (d). */
const DUTY_OF_SECTOR: Record<string, string> = { police: 's10-4-b', probation: 's10-4-c', 'youth offending': 's10-4-d' };

async function orgOfSector(area: string, sector: string): Promise<string> {
  const id = await buildOrganisation(t.testDb.db, area, `Testshire ${sector}`);
  await t.testDb.asOwner((owner) =>
    owner.query(`UPDATE organisation SET sector = $2, duty_code = $3 WHERE id = $1`, [id, sector, DUTY_OF_SECTOR[sector]]),
  );
  return id;
}

const search = (agent: Agent) => agent.get(`/api/children?${new URLSearchParams({ reason, familyName: 'Okafor' })}`);
const ids = (response: { json(): unknown }) => (response.json() as { results: { id: string }[] }).results.map((r) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  council = await signedIn(t, 'practitioner', { areaCode: area });
  for (const sector of ['police', 'probation', 'youth offending']) {
    byPolice[sector] = await signedIn(t, 'practitioner', { areaCode: area, organisationId: await orgOfSector(area, sector) });
  }
  under18 = await recordChild(council, { givenName: 'Tayo', familyName: 'Okafor', dateOfBirth: bornYearsAgo(17, 300) });
  careLeaver = await recordChild(council, {
    givenName: 'Ade',
    familyName: 'Okafor',
    dateOfBirth: bornYearsAgo(23, 10),
    extendedScope: 'care leaver',
  });
}, 120_000);
afterAll(async () => t?.close());

describe('age limits by sector (000 §1.15 note 4)', () => {
  it('holds a care leaver over 21 in the index (no fixed cap: Children Act 2004 s10(9)(b))', async () => {
    const found = await search(council);
    expect(found.statusCode, found.body).toBe(200);
    expect(ids(found).sort()).toEqual([under18, careLeaver].sort());
  });

  it.each(['police', 'probation', 'youth offending'])('leaves young people of 18 or over out of a %s practitioner’s searches', async (sector) => {
    const agent = byPolice[sector] as Agent;
    const found = await search(agent);
    expect(found.statusCode, found.body).toBe(200);
    expect(ids(found)).toEqual([under18]);
    const byDate = await agent.get(`/api/children?${new URLSearchParams({ reason, dateOfBirth: bornYearsAgo(23, 10) })}`);
    expect(ids(byDate)).toEqual([]);
  });

  it('refuses a police practitioner’s view of a young person of 18 or over, naming the limit, and allows one under 18', async () => {
    const police = byPolice.police as Agent;
    const refused = await police.get(`/api/children/${careLeaver}?${new URLSearchParams({ reason })}`);
    expect(refused.statusCode).toBe(403);
    expect(problemCode(refused)).toBe('beyond_sector_age');
    expect(refused.json().detail).toContain('under 18');
    const allowed = await police.get(`/api/children/${under18}?${new URLSearchParams({ reason })}`);
    expect(allowed.statusCode, allowed.body).toBe(200);
    // Other reads of the record are refused the same way (the level of need, the assessments).
    const level = await police.get(`/api/children/${careLeaver}/level-of-need?${new URLSearchParams({ reason })}`);
    expect(problemCode(level)).toBe('beyond_sector_age');
  });

  it('refuses the record page with the reason on a page', async () => {
    const yot = byPolice['youth offending'] as Agent;
    await yot.get(paths.child(careLeaver));
    const page = await yot.postAndFollow(paths.childOpen(careLeaver), { reason });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('under 18');
    expect(page.body).not.toContain('Ade');
  });

  it('lets the council’s practitioner open the same record', async () => {
    const opened = await council.get(`/api/children/${careLeaver}?${new URLSearchParams({ reason })}`);
    expect(opened.statusCode, opened.body).toBe(200);
  });
});

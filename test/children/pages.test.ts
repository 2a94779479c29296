import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { recordFrontLine, startAssessment } from './front-line.js';

/** The child index's GOV.UK pages, through app.inject against the real database. */

let t: TestApp;
let area: string;
let practitioner: Agent;
let colleague: Agent;
let outsider: Agent;
let lead: Agent;
let manager: Agent;
const reason = 'I am working with this child';

async function create(agent: Agent, body: Record<string, unknown>): Promise<string> {
  const response = await agent.postJson('/api/children', body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

const dob = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year };
};

/** Opens a record the way the pages do: the "why" answer posted, the record rendered. */
async function open(agent: Agent, id: string, why = reason) {
  await agent.get(paths.child(id));
  return agent.postAndFollow(paths.childOpen(id), { reason: why });
}

const count = async (sql: string, params: unknown[] = []) => (await t.testDb.db.query(sql, params)).length;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  const orgA = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  const orgB = await buildOrganisation(db, area, 'Testshire Youth Service');
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: orgA });
  colleague = await signedIn(t, 'practitioner', { areaCode: area, organisationId: orgA });
  outsider = await signedIn(t, 'practitioner', {
    areaCode: area,
    organisationId: orgB,
    email: `outsider.${area.toLowerCase()}@test.example`,
  });
  await t.testDb.asOwner((owner) =>
    owner.query(`INSERT INTO area_setting (area_code, key, value) VALUES ($1, 'children.shieldedContact', '"Jo Bloggs, 01632 960 000"')`, [
      area,
    ]),
  );
  lead = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: orgB, designatedSafeguarding: true });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: orgA });
}, 120_000);
afterAll(async () => t?.close());

describe('finding a child', () => {
  let thompson: string;
  beforeAll(async () => {
    thompson = await create(practitioner, {
      givenName: 'William',
      familyName: 'Thompson',
      dateOfBirth: '2014-06-15',
      postcode: 'KE7 3BX',
      town: 'Dunstow',
    });
  });

  it('shows the search form with the reasons and a way to add a child', async () => {
    const page = await practitioner.get(paths.children);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Why are you searching?');
    expect(page.body).toContain('name="dateOfBirth-day"');
    expect(page.body).toContain('Safeguarding concern');
    expect(page.body).toContain(`href="${paths.childrenNew}"`);
    expect(page.body).not.toContain(paths.possibleDuplicates);
    expect((await manager.get(paths.children)).body).toContain(paths.possibleDuplicates);
  });

  it('asks why before searching, naming the field in the error summary', async () => {
    const response = await practitioner.postAndFollow(paths.childrenSearch, { familyName: 'Thompson' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#reason"');
    expect(response.body).toContain('value="Thompson"');
    const other = await practitioner.postAndFollow(paths.childrenSearch, { familyName: 'Thompson', reason: 'Other' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('href="#reasonDetail"');
    const badDate = await practitioner.postAndFollow(paths.childrenSearch, { familyName: 'Thompson', ...dob('2014-02-30'), reason });
    expect(badDate.body).toContain('href="#dateOfBirth-day"');
  });

  it('finds a misspelt name with the date of birth, and opens each result with the reason', async () => {
    const response = await practitioner.postAndFollow(paths.childrenSearch, { familyName: 'Tompson', ...dob('2014-06-15'), reason });
    expect(response.statusCode).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('William Thompson');
    expect(response.body).toContain('15 June 2014');
    expect(response.body).toContain('Dunstow');
    expect(response.body).toContain('KE7');
    expect(response.body).toMatch(/govuk-tag--green[^>]*>\s*Strong/);
    expect(response.body).toContain(`action="${paths.childOpen(thompson)}"`);
    expect(response.body).toContain(`name="reason" value="${reason}"`);
  });

  it('says when nothing matches, and whom to contact after every search (so it never tells that a hidden record matched)', async () => {
    const none = await practitioner.postAndFollow(paths.childrenSearch, { familyName: 'Zzyzx', reason: 'Other', reasonDetail: 'Checking a name' });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No children match');
    expect(none.body).toContain('Some records can only be seen by designated staff. If you are concerned about a child, contact Jo Bloggs');
  });
});

describe('a record', () => {
  let id: string;
  beforeAll(async () => {
    id = await create(practitioner, {
      givenName: 'Leo',
      familyName: 'Okafor',
      dateOfBirth: '2019-09-09',
      otherNames: [{ givenName: 'Leo', familyName: 'Smith' }],
      carer: { name: 'Ada Okafor', relationship: 'mother', phone: '07700 900123' },
    });
    const added = await practitioner.postJson(`/api/children/${id}/involvements`, { service: 'Sexual health', me: true, sensitive: true });
    expect(added.statusCode).toBe(201);
  });

  it('asks why before showing anything, then grants the record for the answer and shows it at its own address', async () => {
    // The colleague holds no grant to this record yet (the practitioner who added the child does).
    const ask = await colleague.get(paths.child(id));
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Why are you viewing this record?');
    expect(ask.body).not.toContain('Okafor');
    const refused = await colleague.post(paths.childOpen(id), {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#reason"');

    const page = await open(practitioner, id);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Leo Okafor');
    expect(page.body).toContain('9 September 2019');
    expect(page.body).toContain('Leo Smith');
    expect(page.body).toContain('Ada Okafor');
    expect(page.body).toContain('Sexual health');
    expect(page.body).toContain('Level of need and common assessment');
    // No episode, so no team around the child yet: the front line is withheld (003 §2.39, 004 Box 6.1).
    expect(page.body).toContain('shown only to the team around the child');
    expect(page.body).not.toContain('You are not recorded as involved');
    expect(page.body).toMatch(new RegExp(`action="${paths.child(id)}/involvements/[0-9a-f-]{36}/end"`));
    expect(await count(`SELECT 1 FROM audit_event WHERE action = 'child.viewed' AND subject_id = $1 AND reason = $2`, [id, reason])).toBe(
      1,
    );
  });

  it('never shows a sensitive service or its organisation to someone outside it, and says the view will be reviewed', async () => {
    const page = await open(outsider, id, 'Safeguarding concern');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You are not recorded as involved with this child');
    expect(page.body).toContain('A sensitive service is involved. Contact Test practitioner');
    expect(page.body).not.toContain('Sexual health');
    // The one organisation named is the practitioner's who added the child (an involvement, not sensitive), once.
    expect(page.body.match(/<dd class="govuk-summary-list__value">\s*Testshire Primary Care Trust/g)?.length).toBe(1);
    expect(page.body).toContain('Ada Okafor');
  });

  it('records and ends an involvement through the pages', async () => {
    const form = await practitioner.get(paths.childInvolvementNew(id));
    expect(form.body).toContain('Testshire Youth Service');
    const bad = await practitioner.post(paths.childInvolvementNew(id), { service: '', email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#service"');
    expect(bad.body).toContain('href="#email"');
    const added = await practitioner.post(paths.childInvolvementNew(id), {
      service: 'Health visiting',
      practitionerName: 'Rosa Diaz',
      organisationId: String(
        (await t.testDb.db.query<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Testshire Youth Service'`))[0]?.id,
      ),
      'startedOn-day': '1',
      'startedOn-month': '2',
      'startedOn-year': '2024',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${paths.child(id)}?done=involvement`);
    expect((await practitioner.get(String(added.headers.location))).body).toContain('Involvement recorded');
    const [row] = await t.testDb.db.query<{ id: string }>(
      `SELECT id FROM involvement WHERE child_id = $1 AND service = 'Health visiting'`,
      [id],
    );
    const early = await practitioner.post(paths.childInvolvementEnd(id, String(row?.id)), {
      'endedOn-day': '1',
      'endedOn-month': '1',
      'endedOn-year': '2020',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#endedOn-day"');
    const ended = await practitioner.post(paths.childInvolvementEnd(id, String(row?.id)), {});
    expect(ended.statusCode).toBe(303);
    const page = await open(practitioner, id);
    expect(page.body).toMatch(/Before[\s\S]*Health visiting/);
  });
});

describe('adding and correcting a child', () => {
  it('names a bad NHS number and saves nothing', async () => {
    const before = await count('SELECT 1 FROM child');
    const response = await practitioner.post(paths.childrenNew, {
      givenName: 'Amy',
      familyName: 'Smith',
      ...dob('2016-01-01'),
      nhsNumber: '9434765918',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('NHS number is not valid');
    expect(response.body).toContain('href="#nhsNumber"');
    expect(response.body).toContain('value="Amy"');
    expect(await count('SELECT 1 FROM child')).toBe(before);
  });

  it('adds a child with a carer and a previous name, then asks why before showing them', async () => {
    const response = await practitioner.post(paths.childrenNew, {
      givenName: 'Ellie-May',
      familyName: 'Thompson',
      ...dob('2016-03-04'),
      gender: 'female',
      postcode: 'KE7 3BX',
      carerName: 'Sam Thompson',
      carerRelationship: 'father',
      previousGivenName: 'Ellie',
      previousFamilyName: 'Jones',
    });
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/children\/[0-9a-f-]{36}\?done=created&duplicates=0$/);
    const banner = await practitioner.get(location);
    expect(banner.body).toContain('Child added to the index');
    const id = location.split('/')[2]?.split('?')[0] ?? '';
    const page = await open(practitioner, id);
    expect(page.body).toContain('Sam Thompson');
    expect(page.body).toContain('Ellie Jones');
  });

  it('refuses a stale edit and says why, keeping the newer data', async () => {
    const id = await create(practitioner, { givenName: 'Zoe', familyName: 'Hall', dateOfBirth: '2018-03-03' });
    const mine = await practitioner.post(paths.childEditOpen(id), { reason });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('name="version" value="1"');
    expect(mine.body).toContain('value="Zoe"');
    await colleague.post(paths.childEditOpen(id), { reason });
    const theirs = await colleague.post(paths.childEdit(id), { version: '1', givenName: 'Zoë', familyName: 'Hall', ...dob('2018-03-03') });
    expect(theirs.statusCode).toBe(303);
    expect(theirs.headers.location).toBe(`${paths.child(id)}?done=updated`);
    const stale = await practitioner.post(paths.childEdit(id), {
      version: '1',
      reason,
      givenName: 'Zoey',
      familyName: 'Hall',
      ...dob('2018-03-03'),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('govuk-error-summary');
    expect(stale.body).toContain('Someone else changed this record after you opened it');
    expect(stale.body).toContain('Open the record again');
    const [row] = await t.testDb.db.query<{ given_name: string }>('SELECT given_name FROM child WHERE id = $1', [id]);
    expect(row?.given_name).toBe('Zoë');
  });
});

describe('shielding', () => {
  it('takes a request, lets a designated lead approve it, then hides the record from others', async () => {
    const id = await create(practitioner, { givenName: 'Hidden', familyName: 'Safeguard', dateOfBirth: '2015-05-05' });
    const form = await practitioner.get(`${paths.childShielding(id)}?action=shield`);
    expect(form.body).toMatch(/value="shield" checked/);
    const empty = await practitioner.post(paths.childShielding(id), { action: 'shield' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#reason"');
    const sent = await practitioner.post(paths.childShielding(id), { action: 'shield', reason: 'Family fleeing violence' });
    expect(sent.statusCode).toBe(303);
    const again = await practitioner.post(paths.childShielding(id), { action: 'shield', reason: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already waiting for approval');

    expect((await practitioner.get(paths.shieldingRequests)).body).toContain('Only designated safeguarding leads decide');
    const list = await lead.get(paths.shieldingRequests);
    expect(list.body).toContain('Hidden Safeguard');
    expect(list.body).toContain('Family fleeing violence');
    const [request] = await t.testDb.db.query<{ id: string }>('SELECT id FROM shielding_request WHERE child_id = $1', [id]);
    const decided = await lead.post(paths.shieldingDecision(String(request?.id)), { decision: 'approve', note: 'Agreed' });
    expect(decided.statusCode).toBe(303);
    expect((await lead.get(String(decided.headers.location))).body).toContain('Request approved');

    const search = { familyName: 'Safeguard', ...dob('2015-05-05'), reason };
    expect((await practitioner.postAndFollow(paths.childrenSearch, search)).body).toContain('Hidden Safeguard');
    const hidden = await outsider.postAndFollow(paths.childrenSearch, search);
    expect(hidden.body).not.toContain('Hidden Safeguard');
    expect(hidden.body).toContain(
      'Some records can only be seen by designated staff. If you are concerned about a child, contact Jo Bloggs',
    );
    expect((await open(outsider, id)).statusCode).toBe(404);
    expect((await open(practitioner, id)).body).toContain('Shielded');
  });
});

describe('duplicates', () => {
  it('merges a likely duplicate through the pages and undoes the merge', async () => {
    const a = await create(practitioner, { givenName: 'Jack', familyName: 'Robinson', dateOfBirth: '2013-07-07', nhsNumber: '9434765870' });
    await outsider.get(paths.childrenNew);
    const created = await outsider.post(paths.childrenNew, { givenName: 'Jak', familyName: 'Robinson', ...dob('2013-07-07') });
    expect(created.headers.location).toMatch(/duplicates=1$/);
    expect((await outsider.get(String(created.headers.location))).body).toContain('1 possible duplicate was queued for review');
    const [pair] = await t.testDb.db.query<{ id: string }>(
      `SELECT id FROM possible_duplicate WHERE status = 'pending' AND (child_id = $1 OR other_child_id = $1)`,
      [a],
    );
    const pairId = String(pair?.id);

    const queue = await manager.get(paths.possibleDuplicates);
    expect(queue.body).toContain('Jack Robinson, born 7 July 2013');
    expect(queue.body).toContain(paths.possibleDuplicate(pairId));
    const compare = await manager.get(paths.possibleDuplicate(pairId));
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('Keep the record of Jack Robinson');
    expect(compare.body).toContain('Keep the record of Jak Robinson');
    expect(compare.body).toContain('943 476 5870');
    expect(await count(`SELECT 1 FROM audit_event WHERE action = 'child.duplicate_compared' AND subject_id = $1`, [pairId])).toBe(1);

    const noChoice = await manager.post(paths.possibleDuplicateMerge(pairId), {});
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.body).toContain('href="#keep"');
    const merged = await manager.post(paths.possibleDuplicateMerge(pairId), { keep: a });
    expect(merged.statusCode).toBe(303);
    const banner = await manager.get(String(merged.headers.location));
    expect(banner.body).toContain('Records merged');
    const mergeId = /\/child-merges\/([0-9a-f-]{36})\/undo/.exec(banner.body)?.[1] ?? '';
    expect(mergeId).not.toBe('');

    const undone = await manager.post(paths.childMergeUndo(mergeId), {});
    expect(undone.statusCode).toBe(303);
    expect((await manager.get(String(undone.headers.location))).body).toContain('Merge undone');
    const again = await manager.post(paths.childMergeUndo(mergeId), {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been undone');
    const [status] = await t.testDb.db.query<{ status: string }>('SELECT status FROM possible_duplicate WHERE id = $1', [pairId]);
    expect(status?.status).toBe('pending');

    expect((await manager.post(paths.possibleDuplicateKeepApart(pairId), {})).statusCode).toBe(303);
    expect((await manager.get(paths.possibleDuplicate(pairId))).body).toContain('already been decided: kept apart');
  });

  /** Two records of one child, the second added by someone in another organisation; the pair's id. */
  async function twoRecords(givenName: string, dateOfBirth: string): Promise<{ kept: string; other: string; pairId: string }> {
    const kept = await create(practitioner, { givenName, familyName: 'Morgan', dateOfBirth, postcode: 'KE1 1AA' });
    const other = await create(outsider, { givenName, familyName: 'Morgan', dateOfBirth, postcode: 'KE9 9ZZ' });
    const [pair] = await t.testDb.db.query<{ id: string }>(
      `SELECT id FROM possible_duplicate WHERE status = 'pending' AND $1 IN (child_id, other_child_id) AND $2 IN (child_id, other_child_id)`,
      [kept, other],
    );
    return { kept, other, pairId: String(pair?.id) };
  }

  it('shows the merged record’s common assessment and level of need on the kept record', async () => {
    const { kept, other, pairId } = await twoRecords('Isla', '2011-11-11');
    const { assessmentId } = await recordFrontLine(outsider, other, 'complex');
    // A practice manager counts as on every team of the area, so sees the front line (assessment/subject-rules.ts).
    const before = await open(manager, kept);
    expect(before.body).not.toContain(paths.assessment(assessmentId));
    expect(before.body).toMatch(/Level of need\s*<\/dt>\s*<dd[^>]*>\s*Not recorded/);

    await manager.get(paths.possibleDuplicate(pairId));
    const merged = await manager.post(paths.possibleDuplicateMerge(pairId), { keep: kept });
    expect(merged.statusCode).toBe(303);
    const page = await open(manager, kept);
    expect(page.body).toContain('Common assessment started');
    // The manager sees the episode but may open it only under the family's consent, so no "Open" link (issue 14 item 9).
    expect(page.body).not.toContain(`href="${paths.assessment(assessmentId)}"`);
    expect(page.body).toContain('Complex since');
    expect(page.body).not.toContain(paths.childAssessmentNew(kept));
    // The practitioner who recorded the kept child is not on the merged episode's team: withheld.
    expect((await open(practitioner, kept)).body).not.toContain('Complex since');
  });

  it('explains on the compare page why two records that both have an open assessment cannot be merged', async () => {
    const { kept, other, pairId } = await twoRecords('Esme', '2010-05-06');
    await startAssessment(practitioner, kept);
    await startAssessment(outsider, other);
    await manager.get(paths.possibleDuplicate(pairId));
    const refused = await manager.post(paths.possibleDuplicateMerge(pairId), { keep: kept });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('<title>Error: Compare two records');
    expect(refused.body).toMatch(/govuk-error-summary[\s\S]*both have an open common assessment[\s\S]*only one open common assessment/);
    expect(refused.body).toContain('Keep the record of Esme Morgan');
    const [pair] = await t.testDb.db.query<{ status: string }>('SELECT status FROM possible_duplicate WHERE id = $1', [pairId]);
    expect(pair?.status).toBe('pending');
    expect(await count('SELECT 1 FROM child WHERE id = ANY($1::uuid[]) AND merged_into_id IS NOT NULL', [[kept, other]])).toBe(0);
  });
});

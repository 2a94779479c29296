import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { twoRecordsOfOneChild } from './front-line.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';

let t: TestApp;
let area: string;
let orgA: string;
let orgB: string;
let practitioner: Agent;
let colleague: Agent;
let outsider: Agent;
let lead: Agent;
let manager: Agent;
let auditor: Agent;
const reason = 'Arranging a team around the child meeting';

async function create(agent: Agent, body: Record<string, unknown>) {
  const response = await agent.postJson('/api/children', body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

const search = (agent: Agent, query: Record<string, string>) => agent.get(`/api/children?${new URLSearchParams({ reason, ...query })}`);
const ids = (response: { json(): unknown }) => (response.json() as { results: { id: string }[] }).results.map((r) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  area = await buildArea(db);
  orgA = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  orgB = await buildOrganisation(db, area, 'Testshire Youth Service');
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: orgA });
  colleague = await signedIn(t, 'practitioner', { areaCode: area, organisationId: orgA });
  outsider = await signedIn(t, 'practitioner', { areaCode: area, organisationId: orgB });
  lead = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: orgB, designatedSafeguarding: true });
  manager = await signedIn(t, 'practice_manager', { areaCode: area, organisationId: orgA });
  auditor = await signedIn(t, 'auditor', { areaCode: area });
}, 120_000);
afterAll(async () => t?.close());

describe('recording a child', () => {
  it('names every faulty field with its rule, and saves nothing', async () => {
    const response = await practitioner.postJson('/api/children', {
      givenName: 'Amy',
      familyName: 'Smith',
      dateOfBirth: '2031-01-01',
      nhsNumber: '9434765918',
      upn: 'A801200014000',
      postcode: 'QQ1 1AA',
    });
    expect(response.statusCode).toBe(400);
    const rules = (response.json().errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'dateOfBirth:date_in_future',
        'nhsNumber:nhs_number_check_digit',
        'upn:upn_check_letter',
        'postcode:postcode_format',
      ]),
    );
    expect(await t.testDb.db.query('SELECT 1 FROM child')).toHaveLength(0);
  });

  it('refuses names made only of invisible characters, naming each field, and strips them from a visible name', async () => {
    const response = await practitioner.postJson('/api/children', {
      givenName: '\u3164',
      familyName: ' \u200B\u2060\uFEFF ',
      dateOfBirth: '2016-04-02',
      carer: { name: '\u115F\u1160\uFFA0\u00AD', phone: '07700 900123' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'givenName', rule: 'required', message: 'Enter the given name' },
        { field: 'familyName', rule: 'required', message: 'Enter the family name' },
        expect.objectContaining({ field: 'carerName', rule: 'required' }),
      ]),
    );
    expect(await t.testDb.db.query('SELECT 1 FROM child')).toHaveLength(0);

    const saved = await practitioner.postJson('/api/children', {
      givenName: 'Am\u200By\u3164',
      familyName: '\uFEFFSmith',
      dateOfBirth: '2016-04-02',
    });
    expect(saved.statusCode).toBe(201);
    const [stored] = await t.testDb.db.query<{ given_name: string; family_name: string }>(
      'SELECT given_name, family_name FROM child WHERE id = $1',
      [(saved.json() as { id: string }).id],
    );
    expect(stored).toEqual({ given_name: 'Amy', family_name: 'Smith' });
  });

  it('refuses a second child with the same NHS number, naming the field', async () => {
    await create(practitioner, {
      givenName: 'Priya',
      familyName: 'Shah',
      dateOfBirth: '2016-04-02',
      nhsNumber: '9434765919',
      postcode: 'ke1 4ab',
    });
    const again = await practitioner.postJson('/api/children', {
      givenName: 'Other',
      familyName: 'Child',
      dateOfBirth: '2015-01-01',
      nhsNumber: '943 476 5919',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: 'nhsNumber', rule: 'unique' })]);
  });
});

describe('searching', () => {
  let thompson: string;
  let smithJones: string;
  beforeAll(async () => {
    thompson = await create(practitioner, {
      givenName: 'William',
      familyName: 'Thompson',
      dateOfBirth: '2014-06-15',
      postcode: 'KE7 3BX',
      town: 'Dunstow',
    });
    smithJones = await create(practitioner, {
      givenName: 'Katherine',
      familyName: 'Smith-Jones',
      dateOfBirth: '2012-02-29',
      postcode: 'KE2 1AA',
    });
    await create(practitioner, { givenName: 'Noah', familyName: 'Patel', dateOfBirth: '2014-06-15', postcode: 'KE7 3BX' });
  });

  it('finds a misspelt family name with the date of birth', async () => {
    expect(ids(await search(practitioner, { familyName: 'Tompsen', dateOfBirth: '2014-06-15' }))[0]).toBe(thompson);
    expect(ids(await search(practitioner, { familyName: 'Thmopson', dateOfBirth: '2014-06-15' }))[0]).toBe(thompson);
  });

  it('finds a nickname, a sound-alike and one part of a hyphenated name without the date', async () => {
    expect(ids(await search(practitioner, { familyName: 'Thomson', givenName: 'Bill' }))[0]).toBe(thompson);
    expect(ids(await search(practitioner, { familyName: 'Jones', givenName: 'Kate' }))).toContain(smithJones);
    expect(ids(await search(practitioner, { familyName: 'Smith Jones' }))[0]).toBe(smithJones);
    // Different Double Metaphone codes (TMSN, TMPS), trigram similarity 0.23: still found.
    expect(ids(await search(practitioner, { familyName: 'Tomson' }))).toContain(thompson);
  });

  it('ranks by match quality and shows only enough to tell children apart', async () => {
    const response = await search(practitioner, { familyName: 'Thompson', givenName: 'William', dateOfBirth: '2014-06-15' });
    const [first] = response.json().results as Record<string, unknown>[];
    expect(Object.keys(first ?? {}).sort()).toEqual([
      'dateOfBirth',
      'familyName',
      'givenName',
      'id',
      'matchQuality',
      'matchedOn',
      'postcodeDistrict',
      'town',
    ]);
    expect(first).toMatchObject({ postcodeDistrict: 'KE7', matchQuality: 1 });
  });

  it('finds by identifier, by date and postcode, and refuses searches without a reason or criteria', async () => {
    expect((await search(practitioner, { nhsNumber: '943 476 5919' })).json().results).toHaveLength(1);
    expect(ids(await search(practitioner, { dateOfBirth: '2014-06-15', postcode: 'KE7 3BX' })).length).toBe(2);
    const noReason = await practitioner.get('/api/children?familyName=Thompson&reason=');
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason', rule: 'required' })]);
    const nothing = await search(practitioner, {});
    expect(nothing.statusCode).toBe(400);
    const badDate = await search(practitioner, { familyName: 'Thompson', dateOfBirth: '2014-02-30' });
    expect(badDate.json().errors).toEqual([expect.objectContaining({ field: 'dateOfBirth', rule: 'date_real' })]);
  });

  it('audits each search with its terms, reason and the ids it returned', async () => {
    await search(practitioner, { familyName: 'Patel', dateOfBirth: '2014-06-15' });
    const [entry] = await t.testDb.db.query<{ reason: string; details: { terms: { familyName: string }; childIds: string[] } }>(
      `SELECT reason, details FROM audit_event WHERE action = 'child.searched' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry?.reason).toBe(reason);
    expect(entry?.details.terms.familyName).toBe('Patel');
    expect(entry?.details.childIds).toHaveLength(1);
  });
});

describe('viewing, involvement and review', () => {
  it('shows the record, masks a sensitive service to outsiders, and flags views without involvement', async () => {
    const id = await create(practitioner, {
      givenName: 'Leo',
      familyName: 'Okafor',
      dateOfBirth: '2019-09-09',
      carer: { name: 'Ada Okafor', relationship: 'mother', phone: '07700 900123' },
    });
    expect(
      (await practitioner.postJson(`/api/children/${id}/involvements`, { service: 'Sexual health', me: true, sensitive: true })).statusCode,
    ).toBe(201);
    const own = await practitioner.get(`/api/children/${id}?reason=${encodeURIComponent(reason)}`);
    // The practitioner who added the child is involved from that day (issue 14, bug 5), beside the sensitive service.
    expect(own.json()).toMatchObject({ involved: true, carers: [{ name: 'Ada Okafor' }] });
    expect(own.json().involvements).toEqual(
      expect.arrayContaining([expect.objectContaining({ masked: false, service: 'Sexual health' })]),
    );

    const other = await outsider.get(`/api/children/${id}?reason=${encodeURIComponent(reason)}`);
    expect(other.statusCode).toBe(200);
    expect(other.json().involved).toBe(false);
    const masked = (other.json().involvements as { masked: boolean }[]).filter((i) => i.masked);
    expect(masked).toHaveLength(1);
    expect(JSON.stringify(other.json().involvements)).not.toContain('Sexual health');
    expect(JSON.stringify(masked)).not.toContain('Primary Care Trust');

    const [flag] = await t.testDb.db.query<{ id: string }>('SELECT id FROM access_review WHERE child_id = $1', [id]);
    expect(flag).toBeDefined();
    expect((await manager.postJson(`/api/access-reviews/${flag?.id}`, { outcome: 'appropriate' })).statusCode).toBe(204);
  });

  it('asks for a reason before showing a record, and audits the view', async () => {
    const id = await create(practitioner, { givenName: 'Mia', familyName: 'Brown', dateOfBirth: '2020-01-01' });
    expect((await practitioner.get(`/api/children/${id}`)).statusCode).toBe(400);
    await practitioner.get(`/api/children/${id}?reason=${encodeURIComponent('Health visiting')}`);
    const rows = await t.testDb.db.query(
      `SELECT 1 FROM audit_event WHERE action = 'child.viewed' AND subject_id = $1 AND reason = 'Health visiting'`,
      [id],
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses a stale update and keeps the newer data', async () => {
    const id = await create(practitioner, { givenName: 'Zoe', familyName: 'Hall', dateOfBirth: '2018-03-03' });
    const body = { givenName: 'Zoë', familyName: 'Hall', dateOfBirth: '2018-03-03', version: 1 };
    expect(
      (
        await practitioner.request({
          method: 'PUT',
          url: `/api/children/${id}`,
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        })
      ).statusCode,
    ).toBe(204);
    const stale = await colleague.request({
      method: 'PUT',
      url: `/api/children/${id}`,
      payload: JSON.stringify({ ...body, givenName: 'Zoey' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(stale.statusCode).toBe(409);
    const record = (await practitioner.get(`/api/children/${id}?reason=check`)).json();
    expect(record.givenName).toBe('Zoë');
    expect(record.names.map((n: { kind: string; givenName: string }) => `${n.kind}:${n.givenName}`)).toEqual([
      'current:Zoë',
      'previous:Zoe',
    ]);
  });
});

describe('shielding', () => {
  it('needs a second person, then hides the record from everyone but the shielding organisation and safeguarding leads', async () => {
    const id = await create(practitioner, { givenName: 'Hidden', familyName: 'Safeguard', dateOfBirth: '2015-05-05' });
    const requested = await practitioner.postJson(`/api/children/${id}/shielding-requests`, {
      action: 'shield',
      reason: 'Family fleeing violence',
    });
    expect(requested.statusCode).toBe(201);
    const requestId = requested.json().id as string;
    expect((await colleague.postJson(`/api/shielding-requests/${requestId}/decision`, { approve: true })).statusCode).toBe(403);
    expect((await lead.postJson(`/api/shielding-requests/${requestId}/decision`, { approve: true })).statusCode).toBe(204);

    const query = { familyName: 'Safeguard', dateOfBirth: '2015-05-05' };
    expect(ids(await search(practitioner, query))).toEqual([id]);
    expect(ids(await search(colleague, query))).toEqual([id]);
    expect(ids(await search(lead, query))).toEqual([id]);
    expect(ids(await search(outsider, query))).toEqual([]);
    expect((await outsider.get(`/api/children/${id}?reason=x`)).statusCode).toBe(404);
    const actions = (
      await t.testDb.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY seq`, [id])
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['child.shield_requested', 'child.shielded']));
  });
});

describe('duplicates', () => {
  it('queues a likely duplicate, merges it, and undoes the merge exactly', async () => {
    const a = await create(practitioner, { givenName: 'Jack', familyName: 'Robinson', dateOfBirth: '2013-07-07', nhsNumber: '9434765870' });
    const created = await outsider.postJson('/api/children', {
      givenName: 'Jak',
      familyName: 'Robinson',
      dateOfBirth: '2013-07-07',
      postcode: 'KE3 2AB',
    });
    expect(created.json().possibleDuplicates).toBe(1);
    const b = created.json().id as string;
    await outsider.postJson(`/api/children/${b}/involvements`, { service: 'Youth work', me: true });
    const [pair] = await t.testDb.db.query<{ id: string }>(`SELECT id FROM possible_duplicate WHERE status = 'pending'`);

    const merged = await manager.postJson(`/api/possible-duplicates/${pair?.id}/merge`, { keep: a });
    expect(merged.statusCode).toBe(201);
    const afterMerge = (await manager.get(`/api/children/${a}?reason=check`)).json();
    expect(afterMerge.names.map((n: { givenName: string }) => n.givenName)).toEqual(['Jack', 'Jak']);
    // Each creator's involvement (issue 14, bug 5) and the youth work moved with the merged record.
    expect(afterMerge.involvements).toHaveLength(3);
    expect(ids(await search(practitioner, { familyName: 'Robinson', dateOfBirth: '2013-07-07' }))).toEqual([a]);

    expect((await manager.postJson(`/api/child-merges/${merged.json().mergeId}/undo`, {})).statusCode).toBe(204);
    expect(ids(await search(practitioner, { familyName: 'Robinson', dateOfBirth: '2013-07-07' })).sort()).toEqual([a, b].sort());
    const back = (await outsider.get(`/api/children/${b}?reason=check`)).json();
    expect(back).toMatchObject({ givenName: 'Jak' });
    expect(back.involvements).toHaveLength(2);
    expect(back.involvements).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'Youth work' })]));
    expect(
      (await t.testDb.db.query<{ status: string }>('SELECT status FROM possible_duplicate WHERE id = $1', [pair?.id]))[0]?.status,
    ).toBe('pending');
  });
});

describe('merging records', () => {
  const db = () => t.testDb.db;

  const twoRecords = (givenName: string, dateOfBirth: string) =>
    twoRecordsOfOneChild(db(), [practitioner, outsider], givenName, dateOfBirth);

  it('gives the merged record its current name back on undo, when it was removed from the kept record meanwhile', async () => {
    const { kept, other, pairId } = await twoRecords('Ivy', '2013-02-14');
    const merged = await manager.postJson(`/api/possible-duplicates/${pairId}/merge`, { keep: kept });
    const record = (await practitioner.get(`/api/children/${kept}?reason=check`)).json();
    const moved = (record.names as { id: string; kind: string }[]).find((n) => n.kind === 'alternative');
    const removed = await practitioner.request({
      method: 'DELETE',
      url: `/api/children/${kept}/names/${moved?.id}?version=${record.version}`,
    });
    expect(removed.statusCode).toBe(204);

    expect((await manager.postJson(`/api/child-merges/${merged.json().mergeId}/undo`, {})).statusCode).toBe(204);
    expect((await outsider.get(`/api/children/${other}?reason=check`)).json().names).toEqual([
      expect.objectContaining({ kind: 'current', givenName: 'Ivy', familyName: 'Fenwick' }),
    ]);
    expect(ids(await search(outsider, { familyName: 'Fenwick', givenName: 'Ivy', dateOfBirth: '2013-02-14' })).sort()).toEqual(
      [kept, other].sort(),
    );
  });

  it('undoes a merge recorded before front-line records moved with merges', async () => {
    const { kept, other, pairId } = await twoRecords('Hazel', '2014-01-20');
    const merged = await manager.postJson(`/api/possible-duplicates/${pairId}/merge`, { keep: kept });
    const mergeId = String(merged.json().mergeId);
    await db().query(
      `UPDATE child_merge SET moved = moved - 'preAssessmentChecks' - 'commonAssessments' - 'needLevelChanges' WHERE id = $1`,
      [mergeId],
    );
    expect((await manager.postJson(`/api/child-merges/${mergeId}/undo`, {})).statusCode).toBe(204);
    expect((await outsider.get(`/api/children/${other}?reason=check`)).json()).toMatchObject({
      givenName: 'Hazel',
      names: [{ kind: 'current' }],
    });
  });
});

describe('oversight', () => {
  it('lists who looked at a child, and exports a subject access request', async () => {
    const id = await create(practitioner, { givenName: 'Ella', familyName: 'Watson', dateOfBirth: '2017-08-08' });
    await search(outsider, { familyName: 'Watson', dateOfBirth: '2017-08-08' });
    await outsider.get(`/api/children/${id}?reason=${encodeURIComponent('Youth club registration')}`);
    const report = await auditor.get(`/api/children/${id}/access-report?reason=${encodeURIComponent('Complaint from parent')}`);
    expect(report.statusCode).toBe(200);
    const actions = (report.json().entries as { action: string; reason: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['child.created', 'child.searched', 'child.viewed']));
    const sar = await auditor.get(`/api/children/${id}/subject-access-export?reason=${encodeURIComponent('Subject access request')}`);
    expect(sar.headers['content-disposition']).toContain('attachment');
    expect(sar.json()).toMatchObject({ format: 'ctp-subject-access/2', held: { givenName: 'Ella' } });
    expect((await practitioner.get(`/api/children/${id}/access-report?reason=x`)).statusCode).toBe(403);
  });
});

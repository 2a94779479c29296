import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from '../helpers/app.js';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildOrganisation, buildUser } from '../helpers/factories.js';

/** Removing a parent or carer, or a previous or other name: pages, API, version checks, audit and who may. */

let t: TestApp;
let practitioner: Agent;
let colleague: Agent;
let outsider: Agent;
let away: Agent;
let orgA: string;
const reason = 'I am working with this child';

interface ChildRecord {
  version: number;
  names: { id: string; kind: string; givenName: string; familyName: string }[];
  carers: { id: string; name: string }[];
}

/** A child with a carer and a previous name, added through the API; and the record as the API returns it. */
async function childWithCarerAndName(givenName: string, dateOfBirth: string): Promise<{ id: string; record: ChildRecord }> {
  const created = await practitioner.postJson('/api/children', {
    givenName,
    familyName: 'Okafor',
    dateOfBirth,
    otherNames: [{ givenName, familyName: 'Smith' }],
    carer: { name: 'Ada Okafor', relationship: 'mother', phone: '07700 900123' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  return { id, record: await read(practitioner, id) };
}

const read = async (agent: Agent, id: string): Promise<ChildRecord> =>
  (await agent.get(`/api/children/${id}?reason=check`)).json() as ChildRecord;
const del = (agent: Agent, url: string) => agent.request({ method: 'DELETE', url });
const previousName = (r: ChildRecord) => r.names.find((n) => n.kind === 'previous') ?? { id: '', givenName: '', familyName: '' };
const currentName = (r: ChildRecord) => r.names.find((n) => n.kind === 'current') ?? { id: '' };
const carerOf = (r: ChildRecord) => r.carers[0] ?? { id: '', name: '' };

/** Opens the record page as the pages do: the reason posted, the record rendered. */
async function openRecord(agent: Agent, id: string) {
  await agent.get(paths.child(id));
  return agent.postAndFollow(paths.childOpen(id), { reason });
}

async function auditOf(action: string, childId: string) {
  return t.testDb.db.query<{ details: Record<string, unknown> & { childIds: string[] } }>(
    'SELECT details FROM audit_event WHERE action = $1 AND subject_id = $2',
    [action, childId],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.testDb.db;
  const area = await buildArea(db);
  orgA = await buildOrganisation(db, area, 'Testshire Primary Care Trust');
  const orgB = await buildOrganisation(db, area, 'Testshire Youth Service');
  practitioner = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: orgA }));
  colleague = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: orgA }));
  outsider = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: area, organisationId: orgB }));
  away = await signIn(t.app, await buildUser(db, t.config, { role: 'practitioner', areaCode: await buildArea(db) }));
}, 120_000);
afterAll(async () => t?.close());

describe('removing through the pages', () => {
  it('asks to confirm, naming the parent or carer, then removes them and says so', async () => {
    const { id, record } = await childWithCarerAndName('Leo', '2019-09-09');
    const carer = carerOf(record);
    const page = await openRecord(practitioner, id);
    expect(page.body).toContain(`action="${paths.childCarerRemoveOpen(id, carer.id)}"`);
    expect(page.body).toContain('Remove<span class="govuk-visually-hidden"> Ada Okafor</span>');

    const noReason = await practitioner.post(paths.childCarerRemoveOpen(id, carer.id), {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    const confirm = await practitioner.post(paths.childCarerRemoveOpen(id, carer.id), { reason });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1 class="govuk-heading-l">Are you sure you want to remove Ada Okafor as a parent or carer?</h1>');
    expect(confirm.body).toContain('govuk-warning-text');
    expect(confirm.body).toContain('This cannot be undone.');
    expect(confirm.body).toContain('mother');
    expect(confirm.body).toContain('name="version" value="1"');
    expect(confirm.body).toMatch(/govuk-button--warning[^>]*>\s*Remove parent or carer/);
    expect(confirm.body).toContain(`href="${paths.child(id)}">Cancel`);

    const removed = await practitioner.post(paths.childCarerRemove(id, carer.id), { version: '1', reason });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${paths.child(id)}?done=carer-removed`);
    expect((await practitioner.get(String(removed.headers.location))).body).toContain('Parent or carer removed');
    const after = await read(practitioner, id);
    expect(after.carers).toEqual([]);
    expect(after.version).toBe(2);
    expect(await auditOf('child.carer_removed', id)).toEqual([
      { details: { childIds: [id], carerId: carer.id, relationship: 'mother', version: 2 } },
    ]);
    expect((await openRecord(practitioner, id)).body).toMatch(/Parents and carers<\/h2>\s*<p class="govuk-body">None recorded/);
  });

  it('removes a previous name, so searches for it no longer find the child', async () => {
    const { id, record } = await childWithCarerAndName('Mia', '2018-08-08');
    const name = previousName(record);
    const search = { familyName: 'Smith', 'dateOfBirth-day': '8', 'dateOfBirth-month': '8', 'dateOfBirth-year': '2018', reason };
    await practitioner.get(paths.children);
    expect((await practitioner.postAndFollow(paths.childrenSearch, search)).body).toContain('Mia Okafor');

    const page = await openRecord(practitioner, id);
    expect(page.body).toContain('Remove<span class="govuk-visually-hidden"> previous name Mia Smith</span>');
    const confirm = await practitioner.post(paths.childNameRemoveOpen(id, name.id), { reason });
    expect(confirm.body).toContain('Are you sure you want to remove the previous name Mia Smith?');
    expect(confirm.body).toContain('Searches for Mia Smith will no longer find this child.');
    const removed = await practitioner.post(paths.childNameRemove(id, name.id), { version: '1', reason });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${paths.child(id)}?done=name-removed`);
    expect((await practitioner.postAndFollow(paths.childrenSearch, search)).body).not.toContain('Mia Okafor');
    expect(await auditOf('child.name_removed', id)).toEqual([
      { details: { childIds: [id], nameId: name.id, kind: 'previous', version: 2 } },
    ]);
  });

  it('offers no way to remove the current name, and refuses it when asked', async () => {
    const { id, record } = await childWithCarerAndName('Noor', '2017-07-07');
    const current = currentName(record);
    const page = await openRecord(practitioner, id);
    expect(page.body).not.toContain(paths.childNameRemoveOpen(id, current.id));
    const confirm = await practitioner.post(paths.childNameRemoveOpen(id, current.id), { reason });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.body).toContain(
      'Noor Okafor is the child’s current name, which cannot be removed. Change it by editing the basic details.',
    );
    const posted = await practitioner.post(paths.childNameRemove(id, current.id), { version: '1', reason });
    expect(posted.statusCode).toBe(409);
    expect((await read(practitioner, id)).names.map((n) => n.kind)).toEqual(['current', 'previous']);
  });

  it('refuses a removal based on an old copy, and shows the record as it is now to confirm again', async () => {
    const { id, record } = await childWithCarerAndName('Omar', '2016-06-06');
    const carer = carerOf(record);
    await openRecord(practitioner, id);
    expect((await practitioner.post(paths.childCarerRemoveOpen(id, carer.id), { reason })).body).toContain('name="version" value="1"');
    // Meanwhile a colleague removes the previous name: the record is now at version 2.
    expect((await del(colleague, `/api/children/${id}/names/${previousName(record).id}?version=1`)).statusCode).toBe(204);

    const stale = await practitioner.post(paths.childCarerRemove(id, carer.id), { version: '1', reason });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('govuk-error-summary');
    expect(stale.body).toContain('Someone else changed this record after you opened it. Nothing was removed');
    expect(stale.body).toContain('Are you sure you want to remove Ada Okafor as a parent or carer?');
    expect(stale.body).toContain('name="version" value="2"');
    expect((await read(practitioner, id)).carers).toHaveLength(1);

    expect((await practitioner.post(paths.childCarerRemove(id, carer.id), { version: '2', reason })).statusCode).toBe(303);
    expect((await read(practitioner, id)).carers).toEqual([]);
  });
});

describe('removing through the API', () => {
  it('removes a carer and a name with the version read, refusing an old version and the current name', async () => {
    const { id, record } = await childWithCarerAndName('Pia', '2015-05-05');
    const carerUrl = `/api/children/${id}/carers/${carerOf(record).id}`;
    const nameUrl = `/api/children/${id}/names/${previousName(record).id}`;

    const noVersion = await del(practitioner, carerUrl);
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors).toEqual([expect.objectContaining({ field: 'version', rule: 'required' })]);
    expect((await del(practitioner, `${carerUrl}?version=${record.version}`)).statusCode).toBe(204);

    const stale = await del(practitioner, `${nameUrl}?version=${record.version}`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: 'about:blank#stale', title: 'This record has changed' });
    expect((await read(practitioner, id)).names).toHaveLength(2);
    expect((await del(practitioner, `${nameUrl}?version=${record.version + 1}`)).statusCode).toBe(204);

    const after = await read(practitioner, id);
    expect(after).toMatchObject({ version: record.version + 2, carers: [], names: [{ kind: 'current', givenName: 'Pia' }] });
    const current = await del(practitioner, `/api/children/${id}/names/${currentName(after).id}?version=${after.version}`);
    expect(current.statusCode).toBe(409);
    expect(current.json()).toMatchObject({ type: 'about:blank#current_name', title: 'The current name cannot be removed' });
    expect((await read(practitioner, id)).version).toBe(after.version);
    expect(await auditOf('child.carer_removed', id)).toHaveLength(1);
    expect(await auditOf('child.name_removed', id)).toHaveLength(1);

    expect((await del(practitioner, `${carerUrl}?version=${after.version}`)).statusCode).toBe(404);
  });
});

describe('the API document', () => {
  it('documents both removals with the version to send', async () => {
    const doc = (await practitioner.get(paths.openApi)).json();
    for (const path of ['/api/children/{childId}/carers/{carerId}', '/api/children/{childId}/names/{nameId}']) {
      const operation = doc.paths[path].delete;
      expect(operation.parameters.map((p: { name: string }) => p.name).sort(), path).toEqual(
        ['childId', path.includes('carers') ? 'carerId' : 'nameId', 'version'].sort(),
      );
      expect(Object.keys(operation.responses), path).toContain('204');
    }
  });
});

describe('who may remove', () => {
  it('treats a record in another area, or one shielded from the practitioner, as not found, and removes nothing', async () => {
    const { id, record } = await childWithCarerAndName('Quinn', '2014-04-04');
    const carerUrl = `/api/children/${id}/carers/${carerOf(record).id}?version=1`;
    const nameUrl = `/api/children/${id}/names/${previousName(record).id}?version=1`;
    expect((await del(away, carerUrl)).statusCode).toBe(404);
    expect((await del(away, nameUrl)).statusCode).toBe(404);
    await away.get(paths.children);
    expect((await away.post(paths.childCarerRemoveOpen(id, carerOf(record).id), { reason })).statusCode).toBe(404);
    expect((await away.post(paths.childCarerRemove(id, carerOf(record).id), { version: '1', reason })).statusCode).toBe(404);

    await t.testDb.asOwner((owner) =>
      owner.query('UPDATE child SET shielded_at = now(), shielded_by_organisation_id = $2 WHERE id = $1', [id, orgA]),
    );
    expect((await del(outsider, carerUrl)).statusCode).toBe(404);
    await outsider.get(paths.children);
    expect((await outsider.post(paths.childNameRemove(id, previousName(record).id), { version: '1', reason })).statusCode).toBe(404);

    const after = await read(practitioner, id);
    expect(after).toMatchObject({ version: 1, carers: [{ name: 'Ada Okafor' }] });
    expect(after.names).toHaveLength(2);
  });
});

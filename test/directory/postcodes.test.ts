import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milesBetween, milesText, normalisePostcode } from '../../src/directory/postcodes/postcode.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildArea } from '../helpers/factories.js';
import { expectStatus, faultRules, signedIn, type SignedIn } from '../helpers/builders.js';
import { postFile } from '../helpers/multipart.js';

/**
 * Issue 17: a member of the public finds a service near a postcode. An area loads its postcodes from
 * the ONS Postcode Directory (the real layout: quoted fields, pcd padded, terminated postcodes, lat
 * 99.999999 for no grid reference) on its settings page; the public directory sorts by distance and
 * refuses a postcode it cannot place, naming the field and rule.
 */

const FIXTURE = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'onspd-sample.csv'));
const HEADER = FIXTURE.toString('utf8').split('\r\n')[0] ?? '';
/** A line of the fixture with its postcode columns and coordinates replaced. */
const line = (n: number, edit: (cells: string) => string) => edit(FIXTURE.toString('utf8').split('\r\n')[n] ?? '');

let t: TestApp;
let area: string;
let emptyArea: string;
let admin: SignedIn;
const upload = (agent: SignedIn, bytes: Buffer, name = 'ONSPD_NOV_2026_UK_KS.csv') => postFile(agent, paths.localSettingsPostcodes, { name, bytes }, {});
const search = (query: string, code = area) => t.app.inject({ method: 'GET', url: `/api/services-directory/${code}?${query}` });

beforeAll(async () => {
  t = await createTestApp();
  area = await buildArea(t.testDb.db);
  emptyArea = await buildArea(t.testDb.db);
  admin = await signedIn(t, 'area_admin', { areaCode: area });
});
afterAll(async () => t.close());

describe('postcodes', () => {
  it('are normalised whatever their spacing and case, and refused when not a full UK postcode', () => {
    expect(normalisePostcode('ks11aa')).toBe('KS1 1AA');
    expect(normalisePostcode(' KS10   3cd ')).toBe('KS10 3CD');
    expect(normalisePostcode('EC1A1BB')).toBe('EC1A 1BB');
    expect(normalisePostcode('B1  1AA')).toBe('B1 1AA');
    for (const bad of ['KS1', 'KS1 1A', '1KS 1AA', 'KS1 1AAA', 'not a postcode', '']) expect(normalisePostcode(bad), bad).toBeNull();
    expect(milesText(milesBetween({ latitude: 52.4, longitude: -0.9 }, { latitude: 52.41, longitude: -0.91 }))).toBe('0.8 miles');
    expect(milesText(1)).toBe('1.0 mile');
  });

  it('load from an ONSPD file on the settings page: live ones kept, terminated and ungridded left out, audited', async () => {
    const page = await admin.get(paths.localSettingsPostcodes);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ONS Postcode Directory');
    const loaded = await upload(admin, FIXTURE);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.body).toContain('3 live postcodes loaded');
    const held = await t.testDb.db.query<{ postcode: string; latitude: string; local_authority_code: string }>(
      'SELECT postcode, latitude::text, local_authority_code FROM area_postcode WHERE area_code = $1 ORDER BY postcode',
      [area],
    );
    expect(held.map((r) => r.postcode)).toEqual(['KS1 1AA', 'KS1 2AB', 'KS10 3CD']);
    expect(held[0]).toMatchObject({ latitude: '52.400000', local_authority_code: 'E07000901' });
    const [audit] = await t.testDb.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_event WHERE action = 'directory.postcodes_loaded' AND area_code = $1 AND outcome = 'success'",
      [area],
    );
    expect(audit?.details).toMatchObject({ file: 'ONSPD_NOV_2026_UK_KS.csv', rows: 5, terminated: 1, noGridReference: 1, held: 3 });
  });

  it('a later file moves and removes: a postcode terminated since is taken out', async () => {
    const terminated = line(1, (l) => l.replace('"199801","",', '"199801","202601",'));
    const loaded = await upload(admin, Buffer.from(`${HEADER}\r\n${terminated}\r\n`));
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.body).toContain('1 removed from those held');
    const held = await t.testDb.db.query('SELECT 1 FROM area_postcode WHERE area_code = $1', [area]);
    expect(held.length).toBe(2);
    expect((await upload(admin, FIXTURE)).statusCode).toBe(200);
  });

  it('refuse a faulty file whole, listing each fault by line and column, never a 500', async () => {
    const badPostcode = line(1, (l) => l.replace(/"KS1 1AA"/g, '"KS1 1A"'));
    const badLatitude = line(2, (l) => l.replace('52.410000', '5.41'));
    const refused = await upload(admin, Buffer.from(`${HEADER}\r\n${badPostcode}\r\n${badLatitude}\r\n${line(3, (l) => l)}\r\n`));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Nothing was loaded');
    expect(refused.body).toContain('is not a full UK postcode');
    expect(refused.body).toContain('Latitude “5.41” of KS1 2AB is not in the UK');
    const missing = await upload(admin, Buffer.from('pcds,doterm,long\r\n"KS1 1AA","",-0.9\r\n'));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('lat is missing');
    const broken = await upload(admin, Buffer.from(`${HEADER}\r\n"KS1 1AA,"unclosed\r\n`));
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('not a readable CSV');
    const none = await postFile(admin, paths.localSettingsPostcodes, { name: 'empty.csv', bytes: Buffer.alloc(0) }, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose the ONS Postcode Directory CSV file');
    // Nothing of the refused files was kept: still the fixture's three.
    const held = await t.testDb.db.query('SELECT 1 FROM area_postcode WHERE area_code = $1', [area]);
    expect(held.length).toBe(3);
  });

  it('sort the public directory by distance from a postcode, and refuse one it cannot place', async () => {
    const add = (name: string, postcode: string) =>
      expectStatus(admin.postJson('/api/services', { name, postcode, description: 'Parenting support', address: 'Somewhere' }));
    await add('Far parenting group', 'KS10 3CD');
    await add('Near parenting group', 'ks1 2ab');
    await add('Online parenting group', '');
    const found = (await search('postcode=ks1%201aa&words=parenting%20gro')).json() as { entries: { name: string; postcode: string; distanceMiles: number | null }[] };
    expect(found.entries.map((e) => [e.name, e.distanceMiles])).toEqual([
      ['Near parenting group', 0.8],
      ['Far parenting group', 25.6],
      ['Online parenting group', null],
    ]);
    expect(found.entries[0]?.postcode).toBe('KS1 2AB');
    const page = await t.app.inject({ method: 'GET', url: `${paths.servicesDirectory(area)}?postcode=KS1+1AA&words=parenting` });
    expect(page.body).toContain('nearest KS1 1AA first');
    expect(page.body).toContain('0.8 miles from KS1 1AA');

    const invalid = await search('postcode=KS1');
    expect(invalid.statusCode).toBe(400);
    expect(faultRules(invalid)).toEqual(['postcode:postcode_format']);
    const unknown = await search('postcode=KS9%209ZZ');
    expect(unknown.statusCode).toBe(400);
    expect(faultRules(unknown)).toEqual(['postcode:postcode_known']);
    expect(JSON.stringify(unknown.json())).toContain('KS9 9ZZ is not a postcode this directory knows');
    const terminated = await search('postcode=KS2%209ZZ');
    expect(faultRules(terminated)).toEqual(['postcode:postcode_known']);
    const noData = await search('postcode=KS1%201AA', emptyArea);
    expect(faultRules(noData)).toEqual(['postcode:postcode_data']);
    const refusedPage = await t.app.inject({ method: 'GET', url: `${paths.servicesDirectory(area)}?postcode=nonsense` });
    expect(refusedPage.statusCode).toBe(400);
    expect(refusedPage.body).toContain('Postcode must be a full UK postcode, like KS1 4AB');
    // District and town search still work beside it.
    const town = (await search('place=somewhere')).json() as { entries: unknown[] };
    expect(town.entries.length).toBe(3);
  });

  it('an entry’s postcode is kept normalised and refused when not a full postcode', async () => {
    const refused = await admin.postJson('/api/services', { name: 'Bad postcode service', postcode: 'KS1 1' });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused)).toEqual(['postcode:postcode_format']);
    const page = await admin.post(paths.localSettingsServiceNew, { name: 'Bad postcode page', postcode: 'nowhere' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Postcode must be a full UK postcode');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea, buildOrganisation } from '../helpers/factories.js';
import { paths } from '../../src/platform/paths.js';
import { ageOn } from '../../src/children/validation.js';

// Issue 19 item 3: names as people type them. Swapped letters in short family names, nicknames found as
// often as the exact given name, and equally good matches ordered by what was typed, on the real engine.

let t: TestApp;
let practitioner: Agent;
const reason = 'Finding the child for a team around the child meeting';
const made = new Map<string, string>();

interface Found {
  results: { id: string; postcodeDistrict: string; matchedOn: string[] }[];
  total: number;
  equallyGood: number;
  narrowBy: string[];
}
const search = async (query: Record<string, string>): Promise<Found> => {
  const response = await practitioner.get(`/api/children?${new URLSearchParams({ reason, ...query })}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Found;
};
const ids = async (query: Record<string, string>) => (await search(query)).results.map((r) => r.id);

async function child(key: string, givenName: string, familyName: string, dateOfBirth: string, postcode: string) {
  const response = await practitioner.postJson('/api/children', { givenName, familyName, dateOfBirth, postcode });
  expect(response.statusCode, response.body).toBe(201);
  made.set(key, (response.json() as { id: string }).id);
}
const id = (key: string) => made.get(key) ?? 'missing';

beforeAll(async () => {
  t = await createTestApp();
  const area = await buildArea(t.testDb.db);
  const org = await buildOrganisation(t.testDb.db, area, 'Testshire Primary Care Trust');
  practitioner = await signedIn(t, 'practitioner', { areaCode: area, organisationId: org });
  await child('ball', 'Amy', 'Ball', '2015-03-02', 'KE1 1AA');
  await child('bell', 'Amy', 'Bell', '2015-03-02', 'KE1 1AB');
  await child('hill', 'Jack', 'Hill', '2013-07-19', 'KE2 2AA');
  await child('dunn', 'Ruby', 'Dunn', '2017-01-30', 'KE3 3AA');
  await child('edward', 'Edward', 'Clarke', '2012-05-05', 'KE4 4AA');
  await child('ted', 'Ted', 'Clarke', '2016-08-08', 'KE4 4AB');
  await child('oliver', 'Oliver', 'Clarke', '2014-02-14', 'KE4 4AD');
  await child('mohammed', 'Mohammed', 'Khan', '2011-11-11', 'KE5 5AA');
  await child('muhammad', 'Muhammad', 'Khan', '2019-09-09', 'KE5 5AB');
  for (const [i, district] of ['KE1', 'KE5', 'KE9'].entries())
    await child(`jones-${district}`, 'Amy', 'Jones', `201${i}-04-0${i + 1}`, `${district} 1AA`);
  // More children of one name than a page holds: only a date of birth or a postcode tells them apart.
  for (let i = 0; i < 22; i++)
    await child(`brown-${i}`, 'Lily', 'Brown', `2014-06-${String(i + 1).padStart(2, '0')}`, `KE${1 + (i % 9)} 2BB`);
}, 240_000);
afterAll(async () => t?.close());

describe('family names one edit apart', () => {
  it('finds a short family name typed with two letters swapped, without and with the date of birth', async () => {
    expect((await ids({ familyName: 'Blal', givenName: 'Amy' }))[0]).toBe(id('ball'));
    expect((await ids({ familyName: 'Hlil' }))[0]).toBe(id('hill'));
    expect((await ids({ familyName: 'Dnun', givenName: 'Ruby' }))[0]).toBe(id('dunn'));
    expect((await ids({ familyName: 'Dnun', dateOfBirth: '2017-01-30' }))[0]).toBe(id('dunn'));
    // Ball is one swap from Blal; Bell, a letter changed and a letter swapped, is two edits and ranks below it.
    const blal = await ids({ familyName: 'Blal' });
    expect(blal.indexOf(id('ball'))).toBeLessThan(blal.indexOf(id('bell')) === -1 ? Infinity : blal.indexOf(id('bell')));
    expect((await search({ familyName: 'Hlil' })).results[0]?.matchedOn).toEqual(['similar spelling']);
  });
});

describe('nicknames and formal names', () => {
  it('finds Edward when Ted is typed, Ted when Edward is, and every spelling of Muhammad from Mo', async () => {
    const ted = await ids({ familyName: 'Clarke', givenName: 'Ted' });
    expect(ted.slice(0, 2).sort()).toEqual([id('edward'), id('ted')].sort());
    expect(ted.indexOf(id('oliver'))).toBe(-1);
    expect((await ids({ familyName: 'Clarke', givenName: 'Edward' })).slice(0, 2).sort()).toEqual([id('edward'), id('ted')].sort());
    expect((await ids({ familyName: 'Khan', givenName: 'Mo' })).slice(0, 2).sort()).toEqual([id('mohammed'), id('muhammad')].sort());
    expect((await search({ familyName: 'Clarke', givenName: 'Ted' })).results.find((r) => r.id === id('edward'))?.matchedOn).toEqual([
      'nickname',
    ]);
  });
});

describe('equally good matches', () => {
  it('puts the children of the postcode district typed first, and lists the rest in the same order every time', async () => {
    for (const district of ['KE1', 'KE5', 'KE9']) {
      const found = await search({ familyName: 'Jones', givenName: 'Amy', postcode: district });
      expect(found.results[0]?.id).toBe(id(`jones-${district}`));
      expect(found.total).toBe(3);
    }
    // A district filters nothing: the children of other districts are still listed.
    expect((await ids({ familyName: 'Jones', givenName: 'Amy', postcode: 'KE5' })).sort()).toEqual(
      ['KE1', 'KE5', 'KE9'].map((d) => id(`jones-${d}`)).sort(),
    );
    const once = await ids({ familyName: 'Brown', givenName: 'Lily' });
    expect(await ids({ familyName: 'Brown', givenName: 'Lily' })).toEqual(once);
  });

  it('asks for a date of birth or a postcode when more equally good matches than a page hold', async () => {
    const found = await search({ familyName: 'Brown', givenName: 'Lily' });
    expect(found.total).toBe(22);
    expect(found.equallyGood).toBe(22);
    expect(found.narrowBy).toEqual(['dateOfBirth', 'postcode']);
    const few = await search({ familyName: 'Jones', givenName: 'Amy' });
    expect(few.equallyGood).toBe(3);
    expect(few.narrowBy).toEqual([]);
    // The page says so in words.
    const page = await practitioner.postAndFollow(paths.childrenSearch, {
      familyName: 'Brown',
      givenName: 'Lily',
      reason: 'Other',
      reasonDetail: reason,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      '22 children match what you typed equally well, more than fit on a page. Add a date of birth or a postcode to tell them apart.',
    );
  });
});

describe('a postcode district with a date of birth and no name', () => {
  const problem = async (query: Record<string, string>) => {
    const response = await practitioner.get(`/api/children?${new URLSearchParams({ reason, ...query })}`);
    expect(response.statusCode).toBe(400);
    return (response.json() as { errors: { field: string; rule: string; message: string }[] }).errors;
  };

  it('finds only the children of that district born in the range, however the district is typed', async () => {
    const range = { bornFrom: '2010-01-01', bornTo: '2012-12-31' };
    const found = await search({ ...range, postcode: 'KE5' });
    expect(found.results.map((r) => r.id).sort()).toEqual([id('jones-KE5'), id('mohammed')].sort());
    expect(found.total).toBe(2);
    expect(found.results.every((r) => r.postcodeDistrict === 'KE5' && r.matchedOn[0] === 'date of birth or postcode')).toBe(true);
    expect((await ids({ ...range, postcode: ' ke5 ' })).sort()).toEqual([id('jones-KE5'), id('mohammed')].sort());
    // Brown children are born in June 2014 across nine districts: KE5 holds the fifth and the fourteenth.
    expect((await ids({ bornFrom: '2014-06-01', bornTo: '2014-06-30', postcode: 'KE5' })).sort()).toEqual(
      [id('brown-4'), id('brown-13')].sort(),
    );
  });

  it('filters by the district with an exact date of birth too', async () => {
    expect(await ids({ dateOfBirth: '2014-06-05', postcode: 'KE5' })).toEqual([id('brown-4')]);
    expect(await ids({ dateOfBirth: '2014-06-05', postcode: 'KE6' })).toEqual([]);
  });

  it('still asks for a postcode with a range and nothing else, and names the field and rule of a postcode that is not one', async () => {
    expect(await problem({ bornFrom: '2010-01-01', bornTo: '2012-12-31' })).toEqual([
      {
        field: 'postcode',
        rule: 'criteria',
        message: 'With a range of dates and no name, enter a postcode or its first half, like KE5, too',
      },
    ]);
    expect(await problem({ bornFrom: '2010-01-01', bornTo: '2012-12-31', postcode: 'KE5 XYZ' })).toEqual([
      { field: 'postcode', rule: 'postcode_format', message: 'Enter a real postcode, like SW1A 1AA' },
    ]);
  });

  it('records the district among the terms of the audited search', async () => {
    await search({ bornFrom: '2010-01-01', bornTo: '2012-12-31', postcode: 'KE5' });
    const [entry] = await t.testDb.db.query<{ details: { terms: { postcodeDistrict: string }; childIds: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'child.searched' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry?.details.terms.postcodeDistrict).toBe('KE5');
    expect(entry?.details.childIds.sort()).toEqual([id('jones-KE5'), id('mohammed')].sort());
  });
});

describe('an approximate age breaks ties', () => {
  const jones = { 'jones-KE1': '2010-04-01', 'jones-KE5': '2011-04-02', 'jones-KE9': '2012-04-03' };
  const ageOf = (key: keyof typeof jones) => String(ageOn(jones[key], new Date()));
  const problem = async (query: Record<string, string>) => {
    const response = await practitioner.get(`/api/children?${new URLSearchParams({ reason, ...query })}`);
    expect(response.statusCode).toBe(400);
    return (response.json() as { errors: { field: string; rule: string; message: string }[] }).errors;
  };

  it('puts the children of the age typed first among equally good matches, and leaves nobody out', async () => {
    for (const key of ['jones-KE1', 'jones-KE5', 'jones-KE9'] as const) {
      const found = await search({ familyName: 'Jones', givenName: 'Amy', ageFrom: ageOf(key), ageTo: ageOf(key) });
      expect(found.results[0]?.id).toBe(id(key));
      expect(found.total).toBe(3);
      expect(found.equallyGood).toBe(1);
    }
    // Either end alone: "at least" the oldest's age, "at most" the youngest's.
    expect((await ids({ familyName: 'Jones', givenName: 'Amy', ageFrom: ageOf('jones-KE1') }))[0]).toBe(id('jones-KE1'));
    expect((await ids({ familyName: 'Jones', givenName: 'Amy', ageTo: ageOf('jones-KE9') }))[0]).toBe(id('jones-KE9'));
    // A range holding two of them puts both first, in the usual order of the rest (names, then the youngest first).
    const two = await ids({ familyName: 'Jones', givenName: 'Amy', ageFrom: ageOf('jones-KE9'), ageTo: ageOf('jones-KE5') });
    expect(two).toEqual([id('jones-KE9'), id('jones-KE5'), id('jones-KE1')]);
    // With a date of birth range too (the other road of the name search).
    const dated = await ids({
      familyName: 'Jones',
      givenName: 'Amy',
      bornFrom: '2010-01-01',
      bornTo: '2012-12-31',
      ageTo: ageOf('jones-KE9'),
    });
    expect(dated[0]).toBe(id('jones-KE9'));
  });

  it('comes after the postcode district typed', async () => {
    const both = await ids({
      familyName: 'Jones',
      givenName: 'Amy',
      postcode: 'KE1',
      ageFrom: ageOf('jones-KE9'),
      ageTo: ageOf('jones-KE9'),
    });
    expect(both).toEqual([id('jones-KE1'), id('jones-KE9'), id('jones-KE5')]);
  });

  it('is refused naming the field and the rule when it is not a whole number from 0 to 25, or ends before it starts', async () => {
    expect(await problem({ familyName: 'Jones', ageFrom: 'ten', ageTo: '26' })).toEqual([
      { field: 'ageFrom', rule: 'whole_number', message: 'Age from must be a whole number from 0 to 25' },
      { field: 'ageTo', rule: 'whole_number', message: 'Age to must be a whole number from 0 to 25' },
    ]);
    expect(await problem({ familyName: 'Jones', ageFrom: '9', ageTo: '4' })).toEqual([
      { field: 'ageTo', rule: 'age_order', message: 'Age to must be the same as or more than age from' },
    ]);
  });

  it('on the page: re-shows the form with the error at the field, or lists the child of that age first', async () => {
    const refused = await practitioner.postAndFollow(paths.childrenSearch, {
      familyName: 'Jones',
      ageFrom: '3.5',
      reason: 'Other',
      reasonDetail: reason,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#ageFrom"');
    expect(refused.body).toMatch(/id="ageFrom-error"[^]*Age from must be a whole number from 0 to 25/);
    expect(refused.body).toContain('value="3.5"');

    const page = await practitioner.postAndFollow(paths.childrenSearch, {
      familyName: 'Jones',
      givenName: 'Amy',
      ageFrom: ageOf('jones-KE5'),
      ageTo: ageOf('jones-KE5'),
      reason: 'Other',
      reasonDetail: reason,
    });
    expect(page.statusCode).toBe(200);
    const born = [...page.body.matchAll(/(\d{1,2} \w+ 201[012])/g)].map((m) => m[1]);
    expect(born[0]).toBe('2 April 2011');
    expect(page.body).toMatch(new RegExp(`id="ageTo" name="ageTo"[^>]*value="${ageOf('jones-KE5')}"`));
  });
});

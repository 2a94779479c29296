import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishAreas, findEnglishArea } from '../../src/platform/english-areas.js';
import { findUpperTierAuthority } from '../../src/partnership/authorities.js';
import { loadAreaLookup, type AreaLookup } from '../../src/outcomes/area-lookup.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let t: TestDb;
let lookup: AreaLookup;
beforeAll(async () => {
  t = await createTestDb();
  lookup = await loadAreaLookup(t.db);
});
afterAll(async () => t?.close());

// One list of areas (issue 15 item 2): the shipped file, read by partnership, and reference_area, written
// by migration 0036, must say the same thing. A change to one is a change to both, in a new migration.
describe('the shipped list of English areas and reference_area', () => {
  it('hold the same rows: codes, DfE numbers, names, kinds, regions and dates', async () => {
    const rows = await t.db.query<Record<string, string | null>>(
      `SELECT code, la_number, name, kind, region, region_code, valid_from::text, valid_to::text FROM reference_area ORDER BY code`,
    );
    const file = [...englishAreas()]
      .map((a) => ({
        code: a.onsCode,
        la_number: a.laNumber,
        name: a.name,
        kind: a.kind,
        region: a.region,
        region_code: a.regionCode,
        valid_from: a.validFrom,
        valid_to: a.validTo,
      }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(rows).toEqual(file);
    expect(rows).toHaveLength(180);
  });

  it('hold the same successions, each dated the day after its predecessor ended', async () => {
    const rows = await t.db.query<{ p: string; s: string; on: string }>(
      'SELECT predecessor_code AS p, successor_code AS s, succeeded_on::text AS on FROM reference_area_succession ORDER BY 1, 2',
    );
    const file = englishAreas()
      .flatMap((a) => a.successors.map((s) => ({ p: a.onsCode, s, ended: a.validTo })))
      .sort((a, b) => (a.p + a.s < b.p + b.s ? -1 : 1));
    expect(rows.map((r) => [r.p, r.s])).toEqual(file.map((f) => [f.p, f.s]));
    for (const r of rows) {
      const ended = findEnglishArea(r.p)?.validTo ?? '';
      expect(new Date(`${ended}T00:00:00Z`).getTime() + 86_400_000, r.p).toBe(new Date(`${r.on}T00:00:00Z`).getTime());
      expect(findEnglishArea(r.s)?.validFrom, r.s).toBe(r.on);
    }
  });

  it('gives every authority a DfE number and a region, and every ended code a successor', () => {
    for (const a of englishAreas()) {
      if (a.kind === 'country' || a.kind === 'region') {
        expect(a.laNumber, a.onsCode).toBeNull();
        continue;
      }
      expect(a.laNumber, a.onsCode).toMatch(/^\d{3}$/);
      expect(a.regionCode, a.onsCode).toMatch(/^E12\d{6}$/);
      expect(a.successors.length > 0, a.onsCode).toBe(a.validTo !== null);
    }
  });

  it('lets partnership check an area against the authorities only, ended ones included', () => {
    expect(findUpperTierAuthority('E10000016')).toMatchObject({ name: 'Kent', kind: 'county', region: 'South East' });
    expect(findUpperTierAuthority('E10000021')).toMatchObject({ name: 'Northamptonshire', validTo: '2021-03-31' });
    expect(findUpperTierAuthority('E12000008')).toBeUndefined();
    expect(findUpperTierAuthority('E92000001')).toBeUndefined();
  });
});

describe('the area code history', () => {
  const history = (code: string) => {
    const a = findEnglishArea(code);
    return a && [a.name, a.laNumber, a.validFrom, a.validTo, a.successors];
  };

  it('keeps both codes of the 2013 recodes (Northumberland, Gateshead) under one DfE number', () => {
    expect(history('E06000048')).toEqual(['Northumberland', '929', '2009-04-01', '2013-03-31', ['E06000057']]);
    expect(history('E06000057')).toEqual(['Northumberland', '929', '2013-04-01', null, []]);
    expect(history('E08000020')).toEqual(['Gateshead', '390', null, '2013-03-31', ['E08000037']]);
    expect(history('E08000037')).toEqual(['Gateshead', '390', '2013-04-01', null, []]);
  });

  it('dates the 2019-2023 reorganisations with their successors and DfE numbers', () => {
    expect(history('E10000002')).toEqual(['Buckinghamshire', '825', null, '2020-03-31', ['E06000060']]);
    expect(history('E06000060')).toEqual(['Buckinghamshire', '825', '2020-04-01', null, []]);
    expect(history('E10000009')).toEqual(['Dorset', '835', null, '2019-03-31', ['E06000058', 'E06000059']]);
    expect(history('E06000028')).toEqual(['Bournemouth', '837', null, '2019-03-31', ['E06000058']]);
    expect(history('E06000029')).toEqual(['Poole', '836', null, '2019-03-31', ['E06000058']]);
    expect(history('E06000058')).toEqual(['Bournemouth, Christchurch and Poole', '839', '2019-04-01', null, []]);
    expect(history('E06000059')).toEqual(['Dorset', '838', '2019-04-01', null, []]);
    expect(history('E10000021')).toEqual(['Northamptonshire', '928', null, '2021-03-31', ['E06000061', 'E06000062']]);
    expect(history('E06000061')?.slice(0, 3)).toEqual(['North Northamptonshire', '940', '2021-04-01']);
    expect(history('E06000062')?.slice(0, 3)).toEqual(['West Northamptonshire', '941', '2021-04-01']);
    expect(history('E10000006')).toEqual(['Cumbria', '909', null, '2023-03-31', ['E06000063', 'E06000064']]);
    expect(history('E06000063')?.slice(0, 3)).toEqual(['Cumberland', '942', '2023-04-01']);
    expect(history('E06000064')?.slice(0, 3)).toEqual(['Westmorland and Furness', '943', '2023-04-01']);
    expect(history('E10000023')).toEqual(['North Yorkshire', '815', null, '2023-03-31', ['E06000065']]);
    expect(history('E06000065')?.slice(0, 3)).toEqual(['North Yorkshire', '815', '2023-04-01']);
    expect(history('E10000027')).toEqual(['Somerset', '933', null, '2023-03-31', ['E06000066']]);
    expect(history('E06000066')?.slice(0, 3)).toEqual(['Somerset', '933', '2023-04-01']);
  });
});

describe('the area lookup of an import', () => {
  it('resolves an ONS code of any era to itself, never to its successor', () => {
    expect(lookup.resolve({ code: 'E06000048' })).toBe('E06000048');
    expect(lookup.resolve({ code: 'e10000021' })).toBe('E10000021');
    expect(lookup.resolve({ code: 'E12000008' })).toBe('E12000008');
    expect(lookup.resolve({ code: 'E92000001' })).toBe('E92000001');
    expect(lookup.has('E06000062')).toBe(true);
    expect(lookup.has('E10000099')).toBe(false);
  });

  it('resolves a DfE number to the newest code that carries it', () => {
    expect(lookup.resolve({ laNumber: '886' })).toBe('E10000016');
    expect(lookup.resolve({ laNumber: '209' })).toBe('E09000023');
    expect(lookup.resolve({ laNumber: '929' })).toBe('E06000057');
    expect(lookup.resolve({ laNumber: '390' })).toBe('E08000037');
    expect(lookup.resolve({ laNumber: '825' })).toBe('E06000060');
    expect(lookup.resolve({ laNumber: '928' })).toBe('E10000021');
    expect(lookup.resolve({ laNumber: '941' })).toBe('E06000062');
    expect(lookup.resolve({ laNumber: '835' })).toBe('E10000009');
    expect(lookup.resolve({ laNumber: '999' })).toBeNull();
  });

  it('resolves a DfE number or name several codes carried to the code in use in the value’s period, else the newest', () => {
    const year = (label: string, start: string, kind: 'financial year' | 'academic year' = 'financial year') => ({ label, kind, start });
    // Northumberland 929: the county until March 2009, E06000048 until the 2013 recode, E06000057 since.
    expect(lookup.resolve({ laNumber: '929', period: year('2007-08', '2007-04-01') })).toBe('E10000022');
    expect(lookup.resolve({ laNumber: '929', period: year('2011-12', '2011-04-01') })).toBe('E06000048');
    expect(lookup.resolve({ laNumber: '929', period: year('2015-16', '2015-09-01', 'academic year') })).toBe('E06000057');
    // A period across the recode (September 2012 to August 2013): the newest code in use during it.
    expect(lookup.resolve({ laNumber: '929', period: year('2012-13', '2012-09-01', 'academic year') })).toBe('E06000057');
    // A rolling period carries its own end.
    expect(
      lookup.resolve({ laNumber: '390', period: { label: '2010-12', kind: 'rolling years', start: '2010-01-01', end: '2012-12-31' } }),
    ).toBe('E08000020');
    expect(lookup.resolve({ laNumber: '825', period: year('2018-19', '2018-04-01') })).toBe('E10000002');
    expect(lookup.resolve({ laNumber: '825', period: year('2021-22', '2021-04-01') })).toBe('E06000060');
    // By name: "Dorset" the county before April 2019, the unitary after.
    expect(lookup.resolve({ name: 'Dorset', period: year('2016-17', '2016-04-01') })).toBe('E10000009');
    expect(lookup.resolve({ name: 'Dorset', period: year('2020-21', '2020-04-01') })).toBe('E06000059');
    // No code of the number in use in the period (North Northamptonshire began in 2021): the newest.
    expect(lookup.resolve({ laNumber: '940', period: year('2015-16', '2015-04-01') })).toBe('E06000061');
    // An ONS code is its own series whatever the period.
    expect(lookup.resolve({ code: 'E06000048', period: year('2020-21', '2020-04-01') })).toBe('E06000048');
  });

  it('keeps the DfE numbers once written from memory, now checked against DfE’s own lists (Edubase / GIAS LA codes)', () => {
    // Checked 2026-12-03 against the Edubase LA code list (openregister/local-authority-data lists/edubase/local-authorities.tsv:
    // "820 Pre LGR (2009) Bedfordshire", "875 Pre LGR (2009) Cheshire") and a GIAS-derived establishment.local_authority seed.
    expect(['E10000001', 'E06000055', 'E06000056', 'E10000004', 'E06000049', 'E06000050'].map((c) => findEnglishArea(c)?.laNumber)).toEqual(
      ['820', '822', '823', '875', '895', '896'],
    );
  });

  it('resolves a name ignoring case, spaces and punctuation, England and the regions included', () => {
    expect(lookup.resolve({ name: 'England' })).toBe('E92000001');
    expect(lookup.resolve({ name: 'SOUTH EAST' })).toBe('E12000008');
    expect(lookup.resolve({ name: 'Yorkshire and the Humber' })).toBe('E12000003');
    expect(lookup.resolve({ name: 'Kent' })).toBe('E10000016');
    expect(lookup.resolve({ name: 'Bristol, City of' })).toBe('E06000023');
    expect(lookup.resolve({ name: 'Bristol' })).toBe('E06000023');
    expect(lookup.resolve({ name: 'City of Bristol' })).toBe('E06000023');
    expect(lookup.resolve({ name: 'Kingston upon Hull' })).toBe('E06000010');
    expect(lookup.resolve({ name: 'St Helens' })).toBe('E08000013');
    expect(lookup.resolve({ name: 'Durham' })).toBe('E06000047');
    expect(lookup.resolve({ name: 'Dorset' })).toBe('E06000059');
    expect(lookup.resolve({ name: 'Northamptonshire' })).toBe('E10000021');
    expect(lookup.resolve({ name: 'Atlantis' })).toBeNull();
    expect(lookup.resolve({})).toBeNull();
  });

  it('takes the code first, then the number, then the name', () => {
    expect(lookup.resolve({ code: 'E10000016', laNumber: '209', name: 'Lewisham' })).toBe('E10000016');
    expect(lookup.resolve({ code: '', laNumber: '209', name: 'Kent' })).toBe('E09000023');
    expect(lookup.resolve({ code: 'X', laNumber: '', name: 'Kent' })).toBe('E10000016');
  });

  it('knows installed areas by code and by name', async () => {
    await t.asOwner((db) =>
      db.query(
        `INSERT INTO area (code, name, kind, region) VALUES ('E10000099', 'Testshire', 'county', 'South West') ON CONFLICT DO NOTHING`,
      ),
    );
    const withArea = await loadAreaLookup(t.db);
    expect(withArea.has('E10000099')).toBe(true);
    expect(withArea.resolve({ name: 'testshire' })).toBe('E10000099');
  });
});

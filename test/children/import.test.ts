import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChildren, type ImportReport } from '../../src/children/import/service.js';
import { findLikelyDuplicates } from '../../src/children/duplicates/repository.js';
import { CSV_COLUMNS, nearDuplicates, syntheticChildren, toCsvRow, type SyntheticChild } from '../../src/demo/synthetic/children.js';
import { verifyAuditTrail } from '../../src/platform/audit.js';
import { AppError } from '../../src/platform/errors.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea } from '../helpers/factories.js';

const TODAY = new Date(Date.UTC(2026, 10, 23));
const HEADER = CSV_COLUMNS.join(',');

let t: TestDb;
let dir: string;
let fileNumber = 0;

beforeAll(async () => {
  t = await createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-import-'));
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A CSV file of the given data lines (already CSV text) under the standard header. */
function writeCsv(lines: string[], header = HEADER): string {
  const file = path.join(dir, `children-${(fileNumber += 1)}.csv`);
  fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  return file;
}

const children = (count: number, options: { startIndex?: number; source?: string; seed?: number } = {}): SyntheticChild[] => [
  ...syntheticChildren({ seed: options.seed ?? 11, count, startIndex: options.startIndex ?? 0, source: options.source ?? 'school-census' }),
];

const run = (file: string, areaCode: string, extra: Partial<Parameters<typeof importChildren>[1]> = {}): Promise<ImportReport> =>
  importChildren(t.db, { file, areaCode, today: TODAY, ...extra });

async function countIn(table: string, areaCode: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE area_code = $1`, [areaCode]);
  return row?.n ?? -1;
}

const errorLines = (file: string): string[] => fs.readFileSync(file, 'utf8').trimEnd().split('\n');

describe('ctp import children', () => {
  it('imports a clean file with the right counts and searchable names', async () => {
    const area = await buildArea(t.db);
    const rows = children(300);
    const file = writeCsv(rows.map(toCsvRow));
    const report = await run(file, area);

    expect(report).toMatchObject({ created: 300, updated: 0, matched: 0, rejected: 0, lines: 300, resumedAfter: 0 });
    expect(await countIn('child', area)).toBe(300);
    expect(await countIn('child_source_record', area)).toBe(300);
    expect(await countIn('carer', area)).toBe(rows.filter((c) => c.carer).length);
    expect(errorLines(report.errorsFile)).toEqual(['line,field,rule,message']);
    expect(report.errorsFile).toBe(file.replace(/\.csv$/, '.errors.csv'));

    const someone = rows[123] as SyntheticChild;
    const found = await t.db.query<{ date_of_birth: string; nhs_number: string | null; postcode: string }>(
      `SELECT c.date_of_birth, c.nhs_number, c.postcode FROM child_name n JOIN child c ON c.id = n.child_id
        WHERE n.area_code = $1 AND n.kind = 'current' AND n.family_sound = dmetaphone($2) AND n.given_name = $3`,
      [area, someone.familyName, someone.givenName],
    );
    expect(found).toContainEqual({ date_of_birth: someone.dateOfBirth, nhs_number: someone.nhsNumber, postcode: someone.postcode });
    const withOtherName = rows.find((c) => c.otherNames.length > 0) as SyntheticChild;
    const [previous] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM child_name WHERE area_code = $1 AND kind = 'previous' AND family_words = lower($2)`,
      [area, withOtherName.otherNames[0]?.familyName],
    );
    expect(previous?.n).toBeGreaterThan(0);
    const [job] = await t.db.query<{ lines_done: number; finished: boolean }>(
      'SELECT lines_done, finished_at IS NOT NULL AS finished FROM child_import WHERE area_code = $1',
      [area],
    );
    expect(job).toEqual({ lines_done: 300, finished: true });
  });

  it('rejects exactly the bad rows, with physical line numbers and rules, and imports the rest', async () => {
    const area = await buildArea(t.db);
    const rows = children(60, { startIndex: 1000 })
      .filter((c) => c.nhsNumber && c.upn)
      .slice(0, 14);
    const [a, b, c, d, e, f, g] = rows.map((r) => ({ ...r })) as SyntheticChild[];
    if (!a || !b || !c || !d || !e || !f || !g) throw new Error('not enough synthetic children with both identifiers');
    const nhs = a.nhsNumber as string;
    a.nhsNumber = nhs.slice(0, 9) + String((Number(nhs[9]) + 1) % 10);
    const upn = b.upn as string;
    b.upn = (upn[0] === 'A' ? 'B' : 'A') + upn.slice(1);
    c.dateOfBirth = '2027-01-01';
    d.familyName = '';
    e.postcode = 'XX1 1XX';
    const lines = [
      toCsvRow({ ...g, addressLine1: 'Flat 2\nRiver House' }), // line 2-3: a quoted line break
      toCsvRow(a), // 4
      toCsvRow(b), // 5
      toCsvRow(c), // 6
      '', // 7: empty, skipped
      toCsvRow(d), // 8
      toCsvRow(e), // 9
      toCsvRow(f).replace(/,male,|,female,|,other,|,unknown,/, ',robot,'), // 10
      `${toCsvRow(rows[7] as SyntheticChild)},extra`, // 11: one value too many
      ...rows.slice(8).map(toCsvRow), // 12 onwards
    ];
    const file = writeCsv(lines);
    const errorsFile = path.join(dir, 'bad-rows-errors.csv');
    const report = await run(file, area, { errorsFile });

    const good = 1 + rows.slice(8).length;
    expect(report).toMatchObject({ created: good, rejected: 7, lines: 8 + rows.slice(8).length, errorsFile });
    const errors = errorLines(errorsFile).map((l) => l.split(',').slice(0, 3).join(','));
    expect(errors).toEqual([
      'line,field,rule',
      '4,nhs_number,nhs_number_check_digit',
      '5,upn,upn_check_letter',
      '6,date_of_birth,date_in_future',
      '8,family_name,required',
      '9,postcode,postcode_format',
      '10,gender,one_of',
      '11,,csv_format',
    ]);
    expect(await countIn('child', area)).toBe(good);
    const [flat] = await t.db.query<{ address_line_1: string }>(
      'SELECT address_line_1 FROM child WHERE area_code = $1 AND nhs_number = $2',
      [area, g.nhsNumber],
    );
    expect(flat?.address_line_1).toBe('Flat 2 River House');
  });

  it('refuses a file with an unknown or a missing column whole, writing nothing', async () => {
    const area = await buildArea(t.db);
    const rows = children(5).map(toCsvRow);
    const unknown = writeCsv(
      rows.map((r) => `${r},blue`),
      `${HEADER},favourite_colour`,
    );
    await expect(run(unknown, area)).rejects.toThrow(/unknown column "favourite_colour"/);
    await expect(run(unknown, area)).rejects.toBeInstanceOf(AppError);
    const missing = writeCsv(
      children(5).map((c) => toCsvRow(c).split(',').slice(0, 5).join(',')),
      CSV_COLUMNS.slice(0, 5).join(','),
    );
    await expect(run(missing, area)).rejects.toThrow(/required columns "family_name", "date_of_birth" missing/);
    for (const table of ['child', 'child_import', 'child_source_record', 'audit_event']) expect(await countIn(table, area)).toBe(0);
    expect(fs.existsSync(unknown.replace(/\.csv$/, '.errors.csv'))).toBe(false);
  });

  it('queues near-duplicates from another source for review, by the same rule as duplicates/repository.ts', async () => {
    const area = await buildArea(t.db);
    const base = children(300, { seed: 5 });
    await run(writeCsv(base.map(toCsvRow)), area);
    const near = [...nearDuplicates(base, { seed: 9, rate: 0.4, source: 'child-health', today: TODAY })];
    // small batches, so that the duplicate search at the end finds pairs made by different batches
    const report = await run(writeCsv(near.map(toCsvRow)), area, { batchSize: 20 });

    expect(report.created + report.matched).toBe(near.length);
    expect(report.created).toBeGreaterThan(0);
    expect(report.queued).toBeGreaterThan(0);
    expect(await countIn('possible_duplicate', area)).toBe(report.queued);
    const pairs = await t.db.query<{ same_dob: boolean }>(
      `SELECT a.date_of_birth = b.date_of_birth AS same_dob FROM possible_duplicate d
         JOIN child a ON a.id = d.child_id JOIN child b ON b.id = d.other_child_id WHERE d.area_code = $1`,
      [area],
    );
    expect(pairs.every((p) => p.same_dob)).toBe(true);
    // duplicates/repository.ts (findLikelyDuplicates), asked about every child one at a time, finds no pair the import missed
    const ids = await t.db.query<{ id: string }>('SELECT id FROM child WHERE area_code = $1', [area]);
    const missed = await t.db.transaction(async (tx) => {
      let total = 0;
      for (const { id } of ids) total += await findLikelyDuplicates(tx, area, id);
      return total;
    });
    expect(missed).toBe(0);
  });

  it('pairs a new child holding an identifier with an alike child lacking it', async () => {
    const area = await buildArea(t.db);
    const base = children(200, { seed: 6 });
    const others = children(200, { seed: 6, startIndex: 700_000 });
    // the social-care copies have no UPN, and half of them another NHS number; half the originals arrive without one
    const near = [...nearDuplicates(base, { seed: 2, rate: 0.5, source: 'council-social-care', today: TODAY })];
    const copies = near.map((c, i) => ({ ...c, upn: null, nhsNumber: i % 2 ? null : (others[i]?.nhsNumber ?? null) }));
    const copied = new Set(near.map((c, i) => (i % 2 ? '' : `${c.givenName}|${c.dateOfBirth}`)));
    const originals = base.map((c) => (copied.has(`${c.givenName}|${c.dateOfBirth}`) ? { ...c, nhsNumber: null } : c));
    await run(writeCsv(copies.map(toCsvRow)), area);
    const report = await run(writeCsv(originals.map(toCsvRow)), area, { batchSize: 25 });

    expect(report.created).toBe(base.length);
    expect(report.queued).toBeGreaterThan(0);
    const ids = await t.db.query<{ id: string }>('SELECT id FROM child WHERE area_code = $1', [area]);
    const missed = await t.db.transaction(async (tx) => {
      let total = 0;
      for (const { id } of ids) total += await findLikelyDuplicates(tx, area, id);
      return total;
    });
    expect(missed).toBe(0);
  });

  it('links a row with a known NHS number from another source instead of creating a child', async () => {
    const area = await buildArea(t.db);
    const base = children(20, { startIndex: 2000 }).filter((c) => c.nhsNumber);
    await run(writeCsv(base.map(toCsvRow)), area);
    const other = base.slice(0, 10).map((c, i) => ({ ...c, source: 'child-health', sourceId: `CH${i}`, upn: null, school: '' }));
    const twin = { ...(base[12] as SyntheticChild), source: 'gp-register', sourceId: 'G1' };
    const unseen = children(5, { startIndex: 3000 }).find((c) => c.nhsNumber) as SyntheticChild;
    const sameInBatch = [unseen, { ...unseen, source: 'gp-register', sourceId: 'G2', familyName: 'Different' }];
    const report = await run(writeCsv([...other, twin, ...sameInBatch].map(toCsvRow)), area);

    expect(report).toMatchObject({ created: 1, matched: 12, updated: 0, rejected: 0 });
    expect(await countIn('child', area)).toBe(base.length + 1);
    expect(await countIn('child_source_record', area)).toBe(base.length + 13);
    const [linked] = await t.db.query<{ sources: number; alternative: number }>(
      `SELECT (SELECT count(*)::int FROM child_source_record s WHERE s.child_id = c.id) AS sources,
              (SELECT count(*)::int FROM child_name n WHERE n.child_id = c.id AND n.kind = 'alternative') AS alternative
         FROM child c WHERE c.area_code = $1 AND c.nhs_number = $2`,
      [area, unseen.nhsNumber],
    );
    expect(linked).toEqual({ sources: 2, alternative: 1 });
  });

  it('follows an earlier row with the same UPN, and refuses a row whose UPN an earlier row has with another NHS number, in one batch or two', async () => {
    for (const batchSize of [2000, 1]) {
      const area = await buildArea(t.db);
      const [c0, c1, c2] = children(60, { startIndex: 3700 }).filter((c) => c.upn && c.nhsNumber) as [
        SyntheticChild,
        SyntheticChild,
        SyntheticChild,
      ];
      const upnOnly = { ...c1, nhsNumber: null };
      const sameUpn = { ...c1, source: 'gp-register', sourceId: `G-${batchSize}`, nhsNumber: null, familyName: 'Other' };
      const conflicting = { ...c2, upn: c0.upn };
      const file = writeCsv([c0, upnOnly, sameUpn, conflicting].map(toCsvRow));
      const report = await run(file, area, { batchSize });
      expect(report).toMatchObject({ created: 2, matched: 1, updated: 0, rejected: 1 });
      expect(await countIn('child', area)).toBe(2);
      expect(await countIn('child_source_record', area)).toBe(3);
      expect(
        errorLines(report.errorsFile)
          .slice(1)
          .map((l) => l.split(',').slice(0, 3).join(',')),
      ).toEqual(['5,upn,upn_conflict']);
      const [followed] = await t.db.query<{ sources: number }>(
        `SELECT count(*)::int AS sources FROM child c JOIN child_source_record s ON s.child_id = c.id WHERE c.area_code = $1 AND c.upn = $2`,
        [area, c1.upn],
      );
      expect(followed).toEqual({ sources: 2 });
    }
  });

  it('lets the last row win when a file holds the same source row twice, in one batch or two', async () => {
    for (const batchSize of [2000, 1]) {
      const area = await buildArea(t.db);
      const [first, second] = children(2, { startIndex: 3500 }) as [SyntheticChild, SyntheticChild];
      const again = { ...first, givenName: 'Changed', nhsNumber: null, upn: null };
      const report = await run(writeCsv([first, second, again].map(toCsvRow)), area, { batchSize });
      expect(report).toMatchObject({ created: 2, updated: 1, matched: 0, rejected: 0 });
      const [child] = await t.db.query<{ given_name: string; nhs_number: string | null }>(
        `SELECT c.given_name, c.nhs_number FROM child_source_record s JOIN child c ON c.id = s.child_id
          WHERE s.area_code = $1 AND s.source_id = $2`,
        [area, first.sourceId],
      );
      expect(child).toEqual({ given_name: 'Changed', nhs_number: batchSize === 1 ? first.nhsNumber : null });
    }
  });

  it('keeps the basic data of the source that first brought the child: another source re-importing its spelling fills blanks only', async () => {
    const area = await buildArea(t.db);
    const [census] = children(1, { startIndex: 3700 }) as [SyntheticChild];
    const health = { ...census, source: 'child-health', sourceId: 'H-3700', givenName: 'Jonny', upn: null, school: '' };
    const current = async () => {
      const [row] = await t.db.query<{ given_name: string; version: number; names: string }>(
        `SELECT c.given_name, c.version, string_agg(n.kind || ':' || n.given_name, ',' ORDER BY n.kind, n.given_name) AS names
           FROM child c JOIN child_name n ON n.child_id = c.id WHERE c.area_code = $1 GROUP BY c.id`,
        [area],
      );
      return row;
    };
    await run(writeCsv([toCsvRow(census)]), area);
    expect(await run(writeCsv([toCsvRow(health)]), area)).toMatchObject({ created: 0, matched: 1 });
    const matched = await current();
    expect(matched).toMatchObject({ given_name: census.givenName, names: `alternative:Jonny,current:${census.givenName}` });

    // the health service sends its record again, and again: the census's name stays, and nothing flips
    for (let i = 0; i < 2; i++) expect(await run(writeCsv([toCsvRow({ ...health, town: '' })]), area)).toMatchObject({ updated: 1 });
    expect(await current()).toEqual(matched);

    // the census, the child's first source, changes the name: that is the child's name now
    expect(await run(writeCsv([toCsvRow({ ...census, givenName: 'Jon' })]), area)).toMatchObject({ updated: 1 });
    expect(await current()).toMatchObject({ given_name: 'Jon', names: `alternative:Jonny,current:Jon,previous:${census.givenName}` });
  });

  it('re-importing the same file updates and creates nothing', async () => {
    const area = await buildArea(t.db);
    const file = writeCsv(children(150, { startIndex: 4000 }).map(toCsvRow));
    const first = await run(file, area);
    const second = await run(file, area);
    expect(second).toMatchObject({ created: 0, matched: 0, queued: 0, updated: first.created, rejected: 0 });
    expect(await countIn('child', area)).toBe(first.created);
    expect(await countIn('child_source_record', area)).toBe(first.created);
    const [versions] = await t.db.query<{ max: number }>('SELECT max(version) AS max FROM child WHERE area_code = $1', [area]);
    expect(versions?.max).toBe(1);
  });

  it('resumes after a crash and ends with the same result as a clean import', async () => {
    const [clean, crashed] = [await buildArea(t.db), await buildArea(t.db)];
    const rows = [
      ...children(250, { startIndex: 5000 }),
      ...nearDuplicates(children(250, { startIndex: 5000 }), { seed: 4, rate: 0.2, source: 'child-health', today: TODAY }),
    ].map(toCsvRow);
    const [bad1, bad2] = children(2, { startIndex: 9000 }) as [SyntheticChild, SyntheticChild];
    rows.splice(70, 0, toCsvRow({ ...bad1, familyName: '' })); // line 72
    rows.splice(180, 0, toCsvRow({ ...bad2, dateOfBirth: '2030-01-01' })); // line 182
    const file = writeCsv(rows);
    const options = { batchSize: 50 };
    const expected = await run(file, clean, { ...options, errorsFile: path.join(dir, 'clean-errors.csv') });
    expect(expected.queued).toBeGreaterThan(0);

    // the crash comes before the duplicate search at the end: the resumed run searches all the import created
    const errorsFile = path.join(dir, 'crash-errors.csv');
    await expect(run(file, crashed, { ...options, failAfterBatches: 5, errorsFile })).rejects.toThrow(/failAfterBatches/);
    const [stopped] = await t.db.query<{ lines_done: number; finished: boolean }>(
      'SELECT lines_done, finished_at IS NOT NULL AS finished FROM child_import WHERE area_code = $1',
      [crashed],
    );
    expect(stopped?.finished).toBe(false);
    expect(stopped?.lines_done).toBeGreaterThan(250);
    expect(await countIn('child', crashed)).toBeGreaterThan(0);

    const resumed = await run(file, crashed, { ...options, errorsFile });
    expect(resumed.resumedAfter).toBe(stopped?.lines_done);
    const counts = (r: ImportReport) => [r.created, r.updated, r.matched, r.queued, r.rejected, r.lines];
    expect(counts(resumed)).toEqual(counts(expected));
    expect(resumed.rejected).toBe(2);
    expect(await countIn('child', crashed)).toBe(await countIn('child', clean));
    expect(await countIn('child_name', crashed)).toBe(await countIn('child_name', clean));
    expect(await countIn('possible_duplicate', crashed)).toBe(await countIn('possible_duplicate', clean));
    const jobs = await t.db.query<{ lines_done: number; finished: boolean }>(
      'SELECT lines_done, finished_at IS NOT NULL AS finished FROM child_import WHERE area_code = $1',
      [crashed],
    );
    expect(jobs).toEqual([{ lines_done: rows.length, finished: true }]);
    expect(fs.readFileSync(errorsFile, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'clean-errors.csv'), 'utf8'));
  });

  it('writes batches side by side on a server with the result of one at a time, linking, following and updating alike', async () => {
    const [sideBySide, oneAtATime] = [await buildArea(t.db), await buildArea(t.db)];
    const base = children(120, { seed: 21, startIndex: 12_000 });
    const fresh = children(150, { seed: 21, startIndex: 12_200 });
    // another source's copies of children already in the index (linked or created), fresh children, then fresh rows again, changed
    const near = [...nearDuplicates(base, { seed: 3, rate: 0.5, source: 'child-health', today: TODAY })];
    const again = fresh.filter((_, i) => i % 4 === 0).map((c) => ({ ...c, givenName: `${c.givenName}a`, postcode: '' }));
    const rows = [...fresh, ...near, ...again].map(toCsvRow);
    rows.splice(40, 0, toCsvRow({ ...(fresh[3] as SyntheticChild), dateOfBirth: '2031-02-30' }));
    const file = writeCsv(rows);
    const digest = async (area: string) =>
      t.db.query(
        `SELECT s.source, s.source_id, c.given_name, c.family_name, c.date_of_birth, c.nhs_number, c.upn, c.postcode, c.version,
                (SELECT string_agg(n.kind || ':' || n.given_name || ' ' || n.family_name, ',' ORDER BY n.kind, n.given_name, n.family_name)
                   FROM child_name n WHERE n.child_id = c.id) AS names,
                (SELECT string_agg(e.name || '/' || e.phone, ',' ORDER BY e.name) FROM carer e WHERE e.child_id = c.id) AS carers,
                (SELECT count(*)::int FROM possible_duplicate d WHERE c.id IN (d.child_id, d.other_child_id)) AS pairs
           FROM child_source_record s JOIN child c ON c.id = s.child_id WHERE s.area_code = $1 ORDER BY s.source, s.source_id`,
        [area],
      );
    const reports: ImportReport[] = [];
    for (const [area, writers] of [
      [sideBySide, 2],
      [oneAtATime, 1],
    ] as const) {
      await run(writeCsv(base.map(toCsvRow)), area);
      reports.push(await run(file, area, { batchSize: 15, writers, errorsFile: path.join(dir, `side-${writers}.errors.csv`) }));
    }
    const [two, one] = reports as [ImportReport, ImportReport];
    const counts = (r: ImportReport) => [r.created, r.updated, r.matched, r.queued, r.rejected, r.lines];
    expect(counts(two)).toEqual(counts(one));
    expect(one.matched).toBeGreaterThan(0);
    expect(one.updated).toBe(again.length);
    expect(one.rewritten).toBe(0);
    // on a server, batches of the linked copies and of the changed rows met a batch before them still being written
    if (t.db.engine === 'postgres') expect(two.rewritten).toBeGreaterThan(0);
    expect(await digest(sideBySide)).toEqual(await digest(oneAtATime));
    // the names in use, which batches written side by side add after the batch before them (migration 0069)
    const terms = (area: string) =>
      t.db.query('SELECT part, words, sound FROM child_name_term WHERE area_code = $1 ORDER BY part, words, sound', [area]);
    expect((await terms(sideBySide)).length).toBeGreaterThan(100);
    expect(await terms(sideBySide)).toEqual(await terms(oneAtATime));
    expect(fs.readFileSync(path.join(dir, 'side-2.errors.csv'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'side-1.errors.csv'), 'utf8'));
    const jobs = await t.db.query(
      'SELECT lines_done, finished_at IS NOT NULL AS finished FROM child_import WHERE area_code = $1 ORDER BY lines_done',
      [sideBySide],
    );
    expect(jobs).toEqual([
      { lines_done: base.length, finished: true },
      { lines_done: rows.length, finished: true },
    ]);
  });

  it('looks up only rows that may repeat an earlier one in an empty area, and links a child another user adds meanwhile', async () => {
    const area = await buildArea(t.db);
    const rows = children(40, { seed: 23, startIndex: 14_000 }).filter((c) => c.nhsNumber);
    const late = rows[rows.length - 2] as SyntheticChild;
    const afterBatch = async (committed: number) => {
      if (committed !== 1) return;
      await t.db.query(
        `INSERT INTO child (area_code, nhs_number, given_name, family_name, date_of_birth) VALUES ($1, $2, 'Added', 'Meanwhile', $3)`,
        [area, late.nhsNumber, late.dateOfBirth],
      );
    };
    const report = await run(writeCsv(rows.map(toCsvRow)), area, { batchSize: 5, afterBatch });
    expect(report).toMatchObject({ created: rows.length - 1, matched: 1, rejected: 0 });
    // the batch holding the row was refused by the NHS number's unique key, and written again looking up every row
    expect(report.rewritten).toBeGreaterThan(0);
    const [linked] = await t.db.query<{ given_name: string; sources: number }>(
      `SELECT c.given_name, (SELECT count(*)::int FROM child_source_record s WHERE s.child_id = c.id) AS sources
         FROM child c WHERE c.area_code = $1 AND c.nhs_number = $2`,
      [area, late.nhsNumber],
    );
    expect(linked).toEqual({ given_name: 'Added', sources: 1 });
  });

  it('records the import in the audit trail, which still verifies', async () => {
    const area = await buildArea(t.db);
    const file = writeCsv(children(10, { startIndex: 6000 }).map(toCsvRow));
    const report = await run(file, area);
    const events = await t.db.query<{ action: string; actor_label: string; subject_id: string; details: Record<string, unknown> }>(
      'SELECT action, actor_label, subject_id, details FROM audit_event WHERE area_code = $1 ORDER BY seq',
      [area],
    );
    expect(events.map((e) => e.action)).toEqual(['children.import_started', 'children.imported']);
    expect(events[1]).toMatchObject({
      actor_label: 'operator (command line)',
      subject_id: report.importId,
      details: { fileName: path.basename(file), sha256: report.sha256, created: 10, rejected: 0, lines: 10 },
    });
    expect((await verifyAuditTrail(t.db)).ok).toBe(true);
  });
});

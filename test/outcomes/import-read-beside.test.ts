import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../../src/outcomes/catalogue/service.js';
import { importIndicatorValues, type IndicatorImportReport } from '../../src/outcomes/import.js';
import { CHUNK_SIZE } from '../../src/outcomes/import-read.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// A big file is read in a worker thread beside the job (ADR 0050): the same file read there and in the job's own
// thread gives the same report and the same values, faults, repeats and rows left out included.

const HEADER = 'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region';
const MEASURES = ['KS2_RWM_EXP_PCT', 'CLA_RATE (per 10k)', 'U18_CONC [rolling]', 'FSM_SHARE', 'CLA_COST_WEEK'];
const YEARS = ['2016', '2017 (prov)', '2017/18 (Rev)', '2018-19 (Final)', '2020'];

let here: TestDb;
let beside: TestDb;
let dir: string;
beforeAll(async () => {
  [here, beside] = await Promise.all([createTestDb(), createTestDb()]);
  for (const t of [here, beside]) {
    const catalogue = await importCatalogue(t.db, { file: 'test/fixtures/lait/data-dictionary.csv' });
    expect(catalogue.status).toBe('imported');
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-beside-'));
});
afterAll(async () => {
  await Promise.all([here?.close(), beside?.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Several chunks of rows, with faults of the row's kinds (a calendar-year measure given academic years among them), a value given twice far apart, and a line the CSV reader cannot read. */
async function laitFile(): Promise<string> {
  const numbers = (
    await here.db.query<{ la_number: string }>(
      `SELECT la_number FROM reference_area WHERE la_number IS NOT NULL AND valid_to IS NULL AND NOT is_demo ORDER BY la_number LIMIT 30`,
    )
  ).map((r) => r.la_number);
  const lines = [HEADER];
  let n = 0;
  for (const code of MEASURES)
    for (const number of numbers)
      for (const year of YEARS) {
        n += 1;
        lines.push(`Measure,${code},${year},Authority ${number},${n % 17 === 0 ? '-' : (n % 97) + 0.5},${number},Region`);
        if (n === 40) lines.push(`Measure,NOT_A_MEASURE,2016,Somewhere,1,${number},Region`);
        if (n === 300) lines.push(`Measure,${code},20x6,Authority ${number},1,${number},Region`);
        if (n === 500) lines.push(`Measure,${code},${year},Authority ${number},abc,${number},Region`);
      }
  lines.push(lines[5] as string); // a value given again, in a later chunk and batch
  lines.push('Measure,"KS2_RWM_EXP_PCT,2016,Kent,1,886,South East'); // a quote never closed, at the end
  expect(lines.length).toBeGreaterThan(2 * CHUNK_SIZE);
  return `${lines.join('\n')}\n`;
}

const comparable = (r: IndicatorImportReport) => ({ ...r, importId: null, elapsedSeconds: 0, valuesPerSecond: 0, file: null });

async function heldValues(t: TestDb) {
  return t.db.query(
    `SELECT i.code, v.area_code, v.period_label, v.value::text, v.status, v.revision, v.import_line
       FROM indicator_value_current v JOIN indicator i ON i.id = v.indicator_id ORDER BY i.code, v.area_code, v.period_label`,
  );
}

describe('a file read beside the job', () => {
  it('gives the report and the values of the same file read in the job: faults, repeats and a .csv.gz alike', async () => {
    const text = await laitFile();
    const plain = path.join(dir, 'lait.csv');
    const gzipped = path.join(dir, 'lait.csv.gz');
    fs.writeFileSync(plain, text);
    fs.writeFileSync(gzipped, zlib.gzipSync(text));
    const inJob = await importIndicatorValues(here.db, { file: plain, importGoodRows: true, readBeside: false });
    const besideJob = await importIndicatorValues(beside.db, { file: gzipped, importGoodRows: true, readBeside: true });
    expect(inJob.status).toBe('imported');
    expect(new Set(inJob.faults.map((f) => f.kind))).toEqual(
      new Set(['unknown_indicator', 'bad_period', 'wrong_period_type', 'bad_value', 'csv_format', 'repeated_value']),
    );
    expect(comparable(besideJob)).toEqual(comparable(inJob));
    const values = await heldValues(here);
    expect(values.length).toBe(inJob.values);
    expect(await heldValues(beside)).toEqual(values);
  });

  it('refuses a file whose header is no layout the same way, from an upload’s text', async () => {
    const csvText = 'Area,When,How many\nKent,2016,4\n';
    const inJob = await importIndicatorValues(here.db, { csvText, readBeside: false });
    const besideJob = await importIndicatorValues(beside.db, { csvText, readBeside: true });
    expect(inJob.status).toBe('rejected');
    expect(inJob.faults.length).toBeGreaterThan(0);
    expect(comparable(besideJob)).toEqual(comparable(inJob));
  });
});

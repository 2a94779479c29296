import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sniffFileKind, uploadedFileLabel } from '../../src/outcomes/file-sniff.js';
import { runIndicatorImport } from '../../src/outcomes/import-cli.js';
import { paths } from '../../src/platform/paths.js';
import { createTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { signedIn } from '../helpers/builders.js';
import { buildArea } from '../helpers/factories.js';
import { afterImport } from '../helpers/imports.js';

/**
 * Issue 15 item 6: a compressed, spreadsheet or binary file where a CSV was expected is one fault
 * saying what it looks like, never a 500 nor a stream of unreadable rows; and every import keeps
 * the uploaded file's own name, in its record and its audit entry: the page, the API, the command.
 */

const CSV = 'indicator,area,period,value\nNI 117,E10000008,2008,6.0\n';
const gzip = zlib.gzipSync(Buffer.from(CSV));
/** The start of a real .xlsx: a zip whose first entry is [Content_Types].xml. */
const xlsx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0]),
  Buffer.alloc(20),
  Buffer.from('[Content_Types].xml'),
]);
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]), Buffer.alloc(20), Buffer.from('data/neet.csv')]);
const binary = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256));

let t: TestApp;
let planner: Agent;

function upload(agent: Agent, fileName: string, content: Buffer) {
  const boundary = '----ctp-sniff-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${agent.csrf}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return agent.request({
    method: 'POST',
    url: paths.outcomesImport,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const lastImportAudit = async () =>
  (
    await t.testDb.db.query<{ outcome: string; details: { file: string; faults: number } }>(
      `SELECT outcome, details FROM audit_event WHERE action = 'indicators.imported' ORDER BY seq DESC LIMIT 1`,
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  planner = await signedIn(t, 'planner', { areaCode: await buildArea(t.testDb.db) });
  await planner.get(paths.outcomesImport);
}, 60_000);
afterAll(async () => t?.close());

describe('what kind of bytes begin a file', () => {
  it('tells compressed files, spreadsheets and binary from text, as bytes or once decoded as UTF-8', () => {
    const cases: [Buffer, string][] = [
      [gzip, 'gzip'],
      [xlsx, 'xlsx'],
      [zip, 'zip'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'xls'],
      [Buffer.from('%PDF-1.7\n'), 'pdf'],
      [Buffer.from('\uFEFFindicator,area\n'), 'text'],
      [binary, 'binary'],
    ];
    for (const [bytes, kind] of cases) {
      expect(sniffFileKind(bytes), kind).toBe(kind);
      expect(sniffFileKind(bytes.toString('utf8')), `${kind} decoded`).toBe(kind);
    }
  });

  it('takes any printable text, in any language, for text', () => {
    const line = fc.array(
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\p{Cc}]/gu, '')),
      { maxLength: 30 },
    );
    fc.assert(fc.property(line, (cells) => sniffFileKind(`indicator,area\n${cells.join(',')}\n`) === 'text'));
  });

  it('keeps a file name without its folders or characters that do not belong', () => {
    expect(uploadedFileLabel('C:\\Users\\me\\neet "2008".csv', 'x')).toBe('neet 2008.csv');
    expect(uploadedFileLabel('', 'pasted text')).toBe('pasted text');
  });
});

describe('a file that is not a CSV table', () => {
  // A .csv.gz and a real .xlsx are read (import-input.ts, ADR 0021); a zip that is no workbook is one fault of its own kind.
  it.each([
    ['neet.xlsx', xlsx, /spreadsheet/, 'A file that is neither CSV nor a spreadsheet'],
    ['neet.zip', zip, /spreadsheet/, 'A file that is neither CSV nor a spreadsheet'],
    ['neet.bin', binary, /binary file/, 'A file that is not a CSV table'],
  ])('the page lists one fault for %s, never a 500, and records its name', async (name, bytes, reason, kind) => {
    // The job's page (ADR 0018) says it was not imported.
    const response = await afterImport(t, planner, await upload(planner, name, bytes));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The file was not imported');
    expect(response.body).toMatch(reason);
    expect(response.body).toContain(kind);
    expect(response.body).not.toContain('A line that is not valid CSV');
    expect(await lastImportAudit()).toMatchObject({ outcome: 'failure', details: { file: name, faults: 1 } });
  });

  it('the page reads a .csv.gz as the CSV inside it', async () => {
    const response = await afterImport(t, planner, await upload(planner, 'neet.csv.gz', gzip));
    expect(response.body).toContain('Indicator values imported');
    expect(await lastImportAudit()).toMatchObject({ outcome: 'success', details: { file: 'neet.csv.gz' } });
  });

  it('the command refuses a damaged compressed file with one fault, under its name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-sniff-'));
    const file = path.join(dir, 'neet-2008.csv.gz');
    fs.writeFileSync(file, gzip.subarray(0, 20));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runIndicatorImport(t.testDb.db, file, { errors: path.join(dir, 'errors.csv') })).toBe(1);
    } finally {
      errors.mockRestore();
      log.mockRestore();
    }
    expect(fs.readFileSync(path.join(dir, 'errors.csv'), 'utf8')).toMatch(/gzip-compressed file/);
    expect(await lastImportAudit()).toMatchObject({ outcome: 'failure', details: { file: 'neet-2008.csv.gz' } });
    fs.rmSync(dir, { recursive: true });
  });
});

describe('the uploaded file’s name is kept', () => {
  it('by the page, in the import and its audit entry', async () => {
    const response = await afterImport(t, planner, await upload(planner, 'neet-2008.csv', Buffer.from(CSV)));
    expect(response.statusCode).toBe(200);
    expect(await lastImportAudit()).toMatchObject({ outcome: 'success', details: { file: 'neet-2008.csv' } });
    const [row] = await t.testDb.db.query<{ file_name: string }>(
      'SELECT file_name FROM indicator_import ORDER BY imported_at DESC LIMIT 1',
    );
    expect(row?.file_name).toBe('neet-2008.csv');
  });

  it('by the API, as the caller names it, and pasted text is said to be', async () => {
    const named = await afterImport(t, planner, await planner.postJson('/api/outcomes/imports', { csv: CSV, fileName: 'neet-api.csv' }));
    expect(named.statusCode).toBe(200);
    expect((await lastImportAudit())?.details.file).toBe('neet-api.csv');
    const unnamed = await afterImport(t, planner, await planner.postJson('/api/outcomes/imports', { csv: CSV }));
    expect(unnamed.statusCode).toBe(200);
    expect((await lastImportAudit())?.details.file).toBe('API request');
    const pasted = await afterImport(t, planner, await planner.post(paths.outcomesImport, { csv: CSV }));
    expect(pasted.statusCode).toBe(200);
    expect((await lastImportAudit())?.details.file).toBe('pasted text');
  });

  it('by the command, as the file is called', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-sniff-'));
    const file = path.join(dir, 'neet-command.csv');
    fs.writeFileSync(file, CSV);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runIndicatorImport(t.testDb.db, file, {})).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect((await lastImportAudit())?.details.file).toBe('neet-command.csv');
    fs.rmSync(dir, { recursive: true });
  });
});

import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, readTable, sniffFormat, type InputFault, type InputFormat } from '../../src/outcomes/import-input.js';

async function read(bytes: Buffer | string, chunk = 3) {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunk) parts.push(buffer.subarray(i, i + chunk));
  const faults: InputFault[] = [];
  let format: InputFormat | null = null;
  const rows: { record: string[]; line: number }[] = [];
  for await (const r of readTable(
    Readable.from(parts),
    (f) => faults.push(f),
    (f) => (format = f),
  ))
    rows.push({ record: r.record, line: r.info.lines });
  return { rows, faults, format };
}

export async function workbook(rows: (string | number | Date | null)[][], extraSheet = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  for (const r of rows) ws.addRow(r);
  if (extraSheet) wb.addWorksheet('Notes').addRow(['not read']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip archive of stored (uncompressed) files, with its central directory. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('telling a file from its first bytes', () => {
  it('knows gzip, zip, an old .xls and text', () => {
    expect(sniffFormat(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('csv.gz');
    expect(sniffFormat(Buffer.from('PK\x03\x04', 'latin1'))).toBe('zip');
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toBe('ole');
    expect(sniffFormat(Buffer.from('indicator,area'))).toBe('csv');
  });
});

describe('reading an import file', () => {
  const text = '\uFEFFindicator,area_name\r\n"NI 1","Bristol, City of"\r\n';

  it('reads CSV with a byte-order mark and CRLF, quoted commas intact', async () => {
    const r = await read(text);
    expect(r.format).toBe('csv');
    expect(r.rows).toEqual([
      { record: ['indicator', 'area_name'], line: 1 },
      { record: ['NI 1', 'Bristol, City of'], line: 2 },
    ]);
  });

  it('reads the same compressed with gzip, whatever its name, in small chunks', async () => {
    const r = await read(zlib.gzipSync(text), 5);
    expect(r.format).toBe('csv.gz');
    expect(r.rows.map((x) => x.record)).toEqual([
      ['indicator', 'area_name'],
      ['NI 1', 'Bristol, City of'],
    ]);
    expect(r.faults).toEqual([]);
  });

  it('gives a fault, not an error, for a damaged gzip', async () => {
    const gz = zlib.gzipSync(text.repeat(50));
    const cut = Buffer.concat([gz.subarray(0, 20), Buffer.from('garbage garbage garbage')]);
    const r = await read(cut);
    expect(r.faults.map((f) => f.kind)).toEqual(['bad_compression']);
    const truncated = await read(gz.subarray(0, gz.length - 10));
    expect(truncated.faults.map((f) => f.kind)).toEqual(['bad_compression']);
  });

  it('reads the first worksheet of a spreadsheet, numbers and dates as a planner sees them', async () => {
    const xlsx = await workbook(
      [
        ['indicator', 'area', 'period', 'value', null],
        ['NI 117', 'E10000008', '2008-09', 6.5],
        ['NI 117', 'E10000008', 2009, 0.1 + 0.2],
        [null, null, null, null],
        ['NI 117', 'E10000008', new Date(Date.UTC(2010, 0, 1)), 'x'],
      ],
      true,
    );
    const r = await read(xlsx, 100);
    expect(r.format).toBe('xlsx');
    expect(r.faults).toEqual([]);
    expect(r.rows).toEqual([
      { record: ['indicator', 'area', 'period', 'value'], line: 1 },
      { record: ['NI 117', 'E10000008', '2008-09', '6.5'], line: 2 },
      { record: ['NI 117', 'E10000008', '2009', '0.3'], line: 3 },
      { record: ['NI 117', 'E10000008', '2010-01-01', 'x'], line: 5 },
    ]);
  });

  it('gives a fault for a zip that is not a spreadsheet, and for an old .xls', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x');
    const damaged = Buffer.from(await wb.xlsx.writeBuffer()).subarray(0, 60);
    expect((await read(storedZip({ 'notes.txt': 'hello', 'word/document.xml': '<w/>' }))).faults.map((f) => f.kind)).toEqual([
      'not_spreadsheet',
    ]);
    expect((await read(damaged)).faults.map((f) => f.kind)).toEqual(['not_spreadsheet']);
    expect((await read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).faults.map((f) => f.kind)).toEqual(['not_spreadsheet']);
  });

  it('reads formula results, rich text and errors as their text', () => {
    expect(cellText({ formula: 'A1*2', result: 4 } as ExcelJS.CellValue)).toBe('4');
    expect(cellText({ richText: [{ text: 'Bristol, ' }, { text: 'City of' }] })).toBe('Bristol, City of');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBe('#N/A');
    expect(cellText(12345678.9)).toBe('12345678.9');
    expect(cellText(0.0000001)).toBe('0.0000001');
  });
});

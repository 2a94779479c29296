import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { recordAudit, type Actor, type RequestContext } from '../platform/audit.js';
import type { Db } from '../platform/db.js';
import { AppError, type FieldError } from '../platform/errors.js';
import { queueDuplicates, writeBatch, type StagedRow } from './import-sql.js';
import { validateChild } from './input.js';

/**
 * `ctp import children FILE.csv --area CODE` (docs/child-import-format.md): streams the file,
 * checks every row with validateChild, writes valid rows in set-based batches of one transaction
 * each, and resumes after a crash from child_import.lines_done. Memory stays flat whatever the size.
 */

export interface ImportOptions {
  file: string;
  areaCode: string;
  /** Where rejected rows are listed; default FILE.errors.csv beside the input. */
  errorsFile?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Valid rows per batch (one transaction each); default 2,000. */
  batchSize?: number;
  /** New children per round of the likely-duplicate search (default 50,000; the last round runs at the end). */
  duplicateRound?: number;
  /** TEST HOOK ONLY: throws after this many committed batches, to simulate a crash mid-import. */
  failAfterBatches?: number;
  /** The date the age rules use (tests fix it); default today. */
  today?: Date;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data lines read so far, those skipped on resuming included. */
  lines: number;
}

export interface ImportReport {
  importId: string;
  file: string;
  sha256: string;
  errorsFile: string;
  created: number;
  updated: number;
  matched: number;
  queued: number;
  rejected: number;
  /** Data lines in the file (the header and empty lines not counted). */
  lines: number;
  /** Data lines an earlier, interrupted run had already committed (0 for a fresh import). */
  resumedAfter: number;
  elapsedSeconds: number;
  /** Data lines handled by this run per second. */
  rowsPerSecond: number;
}

// prettier-ignore
export const IMPORT_COLUMNS: readonly string[] = [
  'source', 'source_id', 'nhs_number', 'upn', 'given_name', 'family_name', 'other_names', 'date_of_birth', 'gender',
  'address_line_1', 'address_line_2', 'town', 'postcode', 'school', 'gp_practice', 'carer_name', 'carer_relationship',
  'carer_phone', 'carer_email', 'extended_scope',
];
export const REQUIRED_COLUMNS: readonly string[] = ['source', 'source_id', 'given_name', 'family_name', 'date_of_birth'];

const DEFAULT_BATCH_SIZE = 2000;
/** One scan of the index per this many new children finds their likely duplicates (see import-sql.ts). */
const DUPLICATE_ROUND = 50_000;
/** A batch also ends after this many lines, so a file of mostly rejected rows still commits as it goes. */
const LINES_PER_BATCH_FACTOR = 5;
const SOURCE = /^[a-z0-9-]{1,40}$/;
const SOURCE_ID_MAX = 200;
const ERRORS_HEADER = 'line,field,rule,message\n';
const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
const CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };

/** validateChild's field names as the file's column names, so the errors CSV speaks the sender's language. */
const COLUMN_OF: Record<string, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  nhsNumber: 'nhs_number',
  addressLine1: 'address_line_1',
  addressLine2: 'address_line_2',
  gpPractice: 'gp_practice',
  extendedScope: 'extended_scope',
  carerName: 'carer_name',
  carerRelationship: 'carer_relationship',
  carerPhone: 'carer_phone',
  carerEmail: 'carer_email',
};
const columnOf = (field: string): string => (field.startsWith('otherNames.') ? 'other_names' : (COLUMN_OF[field] ?? field));

const refused = (message: string): AppError => new AppError(422, 'import_refused', 'The file was refused', message);
const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const errorLine = (line: number, e: FieldError): string =>
  `${line},${csvField(e.field)},${csvField(e.rule)},${csvField(e.message.replace(/\s+/g, ' '))}\n`;

function uuidv7(): string {
  const b = crypto.randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The parser's reason for refusing a row, as an errors-CSV fault. */
function parseFault(error: CsvError | null, columns: number): FieldError {
  const got = Array.isArray(error?.record) ? error.record.length : null;
  const message =
    error?.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && got !== null
      ? `The row has ${got} values but the header has ${columns} columns`
      : (error?.message ?? 'The row could not be read');
  return { field: '', rule: 'csv_format', message };
}

/** The header's column names and where it ends (its last line, and empty lines before it). */
async function readHeader(file: string): Promise<{ columns: string[]; lines: number; emptyLines: number }> {
  const parser = pipeline(fs.createReadStream(file), parse({ bom: true, to: 1, info: true, skip_empty_lines: true }), () => undefined);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
    parser.destroy();
    return { columns: record, lines: info.lines, emptyLines: info.empty_lines };
  }
  throw refused(`${path.basename(file)} is empty: it needs a header row naming its columns (docs/child-import-format.md)`);
}

/** Unknown, duplicated or missing required columns refuse the whole file before anything is written. */
export function checkHeader(columns: readonly string[], fileName: string): void {
  const problems: string[] = [];
  const unknown = columns.filter((c) => !IMPORT_COLUMNS.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${list(unknown)}`);
  if (repeated.length) problems.push(`column${repeated.length > 1 ? 's' : ''} ${list([...new Set(repeated)])} given more than once`);
  if (missing.length) problems.push(`required column${missing.length > 1 ? 's' : ''} ${list(missing)} missing`);
  if (problems.length) {
    throw refused(
      `${fileName} was refused and nothing was imported: ${problems.join('; ')}. ` +
        `The columns are: ${IMPORT_COLUMNS.join(', ')} (docs/child-import-format.md).`,
    );
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** other_names: `given family` pairs separated by `;`; the first word is the given name, the rest the family name. */
function otherNames(value: string): { givenName: string; familyName: string }[] {
  return value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const space = pair.search(/\s/);
      return space < 0 ? { givenName: pair, familyName: '' } : { givenName: pair.slice(0, space), familyName: pair.slice(space + 1) };
    });
}

/** One data row: a staged row, or every fault it has (named by column). */
export function checkRow(
  record: Record<string, string | undefined>,
  line: number,
  today: Date,
): { ok: true; row: Omit<StagedRow, 'n'> } | { ok: false; errors: FieldError[] } {
  const v = (column: string) => (record[column] ?? '').trim();
  const errors: FieldError[] = [];
  const source = v('source');
  const sourceId = v('source_id').replace(/\s+/g, ' ');
  if (source === '') errors.push({ field: 'source', rule: 'required', message: 'Enter the source system' });
  else if (!SOURCE.test(source))
    errors.push({ field: 'source', rule: 'source_format', message: 'Source must be 1 to 40 lower case letters, digits and hyphens' });
  if (sourceId === '') errors.push({ field: 'source_id', rule: 'required', message: 'Enter the child’s identifier in the source system' });
  else if (sourceId.length > SOURCE_ID_MAX)
    errors.push({ field: 'source_id', rule: 'max_length', message: `Source identifier must be ${SOURCE_ID_MAX} characters or less` });
  const carer = { name: v('carer_name'), relationship: v('carer_relationship'), phone: v('carer_phone'), email: v('carer_email') };
  const checked = validateChild(
    {
      givenName: v('given_name'),
      familyName: v('family_name'),
      dateOfBirth: v('date_of_birth'),
      gender: v('gender'),
      nhsNumber: v('nhs_number'),
      upn: v('upn'),
      addressLine1: v('address_line_1'),
      addressLine2: v('address_line_2'),
      town: v('town'),
      postcode: v('postcode'),
      school: v('school'),
      gpPractice: v('gp_practice'),
      extendedScope: v('extended_scope'),
      otherNames: otherNames(v('other_names')),
      carer,
    },
    today,
  );
  if (!checked.ok) for (const e of checked.errors.errors) errors.push({ ...e, field: columnOf(e.field) });
  if (!checked.ok || errors.length > 0) return { ok: false, errors };
  const c = checked.value;
  return {
    ok: true,
    row: {
      line,
      source,
      source_id: sourceId,
      nhs: c.nhsNumber,
      upn: c.upn,
      given: c.givenName,
      family: c.familyName,
      dob: c.dateOfBirth,
      gender: v('gender') === '' ? null : c.gender,
      a1: c.addressLine1,
      a2: c.addressLine2,
      town: c.town,
      postcode: c.postcode,
      school: c.school,
      gp: c.gpPractice,
      scope: c.extendedScope,
      others: c.otherNames.length ? c.otherNames.map((o) => ({ g: o.givenName, f: o.familyName })) : null,
      cname: c.carer?.name || null,
      crel: c.carer?.relationship ?? '',
      cphone: c.carer?.phone ?? '',
      cemail: c.carer?.email ?? '',
    },
  };
}

/**
 * Opens the errors CSV. A fresh import starts it anew; a resumed one keeps the lines of rows
 * already committed (up to `keepThroughLine`) and drops any a crashed batch left behind.
 */
async function openErrors(file: string, keepThroughLine: number | null): Promise<fs.promises.FileHandle> {
  if (keepThroughLine === null || !fs.existsSync(file)) {
    const handle = await fs.promises.open(file, 'w');
    await handle.write(ERRORS_HEADER);
    return handle;
  }
  const kept = `${file}.resume-${process.pid}`;
  const out = await fs.promises.open(kept, 'w');
  await out.write(ERRORS_HEADER);
  for await (const text of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    const line = Number(text.slice(0, text.indexOf(',')));
    if (Number.isInteger(line) && line > 0 && line <= keepThroughLine) await out.write(`${text}\n`);
  }
  await out.close();
  await fs.promises.rename(kept, file);
  return fs.promises.open(file, 'a');
}

interface ImportRow {
  id: string;
  started_at: Date;
  lines_done: number;
  created: number;
  updated: number;
  matched: number;
  queued: number;
  rejected: number;
}

/** One batch, as handed to the database: its valid rows and the error lines of the rows it refused. */
interface Batch {
  rows: StagedRow[];
  superseded: number;
  errorLines: string[];
  rejected: number;
  lines: number;
  linesDone: number;
}

const conflictLine = (c: { line: number; upn: string }): string =>
  errorLine(c.line, {
    field: 'upn',
    rule: 'upn_conflict',
    message: `UPN ${c.upn} belongs to a child in the index, or to an earlier row, with a different NHS number`,
  });

/** Creates the import's child_import row, or takes up the unfinished one for the same area and file. */
async function startImport(db: Db, actor: Actor, areaCode: string, fileName: string, sha256: string): Promise<ImportRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<ImportRow>(
      `WITH found AS (SELECT * FROM child_import WHERE area_code = $1 AND file_sha256 = $2 AND finished_at IS NULL FOR UPDATE),
            made AS (INSERT INTO child_import (area_code, file_name, file_sha256)
                     SELECT $1, $3, $2 WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING *)
       SELECT * FROM found UNION ALL SELECT * FROM made`,
      [areaCode, sha256, fileName],
    );
    if (!row) throw new Error('child_import row not created');
    await recordAudit(tx, actor, CONTEXT, {
      action: 'children.import_started',
      subject: { type: 'child_import', id: row.id },
      details: { fileName, sha256, resumingAfterLines: row.lines_done },
    });
    return row;
  });
}

export async function importChildren(db: Db, options: ImportOptions): Promise<ImportReport> {
  const started = process.hrtime.bigint();
  const { file, areaCode } = options;
  const fileName = path.basename(file);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const today = options.today ?? new Date();
  const errorsFile = options.errorsFile ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.errors.csv`);
  const totalBytes = (await fs.promises.stat(file).catch(() => null))?.size;
  if (totalBytes === undefined) throw refused(`Cannot read ${file}: no such file`);
  const [area] = await db.query('SELECT 1 FROM area WHERE code = $1', [areaCode]);
  if (!area) throw refused(`There is no area with the code ${areaCode}`);
  const header = await readHeader(file);
  checkHeader(header.columns, fileName);
  const sha256 = await sha256Of(file);
  const actor = { ...OPERATOR, areaCode };
  const job = await startImport(db, actor, areaCode, fileName, sha256);
  const totals = { created: job.created, updated: job.updated, matched: job.matched, queued: job.queued, rejected: job.rejected };
  const resumedAfter = job.lines_done;

  const input = fs.createReadStream(file);
  const parser = pipeline(
    input,
    parse({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true, info: true, skip_records_with_error: true }),
    () => undefined,
  );
  // Rows the parser refuses (wrong number of values, bad quoting) arrive as events, ahead of the records before them.
  const skipped: CsvError[] = [];
  parser.on('skip', (error: CsvError) => skipped.push(error));
  const progress = (lines: number) => options.onProgress?.({ bytesRead: input.bytesRead, totalBytes, lines });

  let errors = resumedAfter === 0 ? await openErrors(errorsFile, null) : null;
  let committed = 0;
  // Likely duplicates are searched for in rounds of new children; a resumed import first re-checks all it created before.
  const roundSize = options.duplicateRound ?? DUPLICATE_ROUND;
  let newChildren: string[] = [];
  let recheckSince = resumedAfter > 0 ? job.started_at : null;
  /** Writes one batch in one transaction: rows, refusals, counts and the resume point commit together. */
  const write = async (b: Batch) => {
    const out = errors;
    if (!out) throw new Error('errors file not open');
    const result = await db.transaction(async (tx) => {
      const [current] = await tx.query<{ lines_done: number }>('SELECT lines_done FROM child_import WHERE id = $1 FOR UPDATE', [job.id]);
      if (current?.lines_done !== b.linesDone - b.lines) {
        throw refused(`Another run is importing ${fileName} into ${areaCode} at the same time: this one stopped`);
      }
      const r = b.rows.length ? await writeBatch(tx, areaCode, b.rows, b.superseded) : null;
      const round = r ? newChildren.concat(r.createdIds) : newChildren;
      const queued = round.length >= roundSize ? await queueDuplicates(tx, areaCode, round, recheckSince) : null;
      await out.write([...b.errorLines, ...(r?.conflicts ?? []).map(conflictLine)].join(''));
      const counts = {
        created: r?.created ?? 0,
        updated: r?.updated ?? 0,
        matched: r?.matched ?? 0,
        queued: queued ?? 0,
        rejected: b.rejected + (r?.conflicts.length ?? 0),
      };
      await tx.query(
        `UPDATE child_import SET lines_done = $2, created = created + $3, updated = updated + $4, matched = matched + $5,
           queued = queued + $6, rejected = rejected + $7 WHERE id = $1`,
        [job.id, b.linesDone, counts.created, counts.updated, counts.matched, counts.queued, counts.rejected],
      );
      return { counts, round, searched: queued !== null };
    });
    for (const k of ['created', 'updated', 'matched', 'queued', 'rejected'] as const) totals[k] += result.counts[k];
    newChildren = result.searched ? [] : result.round;
    if (result.searched) recheckSince = null;
    committed += 1;
    progress(b.linesDone);
    if (options.failAfterBatches !== undefined && committed >= options.failAfterBatches) {
      throw new Error(`Simulated crash after ${committed} committed batch(es) (failAfterBatches test hook)`);
    }
  };
  // One batch is written while the next is read and checked; a failed write surfaces at the next hand-over.
  const writing: { batch: Promise<void> } = { batch: Promise.resolve() };
  const handOver = async (b: Batch) => {
    await writing.batch;
    writing.batch = write(b);
    writing.batch.catch(() => undefined);
  };

  let lines = 0;
  let prevEnd = header.lines;
  let prevEmpty = header.emptyLines;
  let next: Batch & { staged: (Omit<StagedRow, 'n'> | null)[]; keys: Map<string, number> } = newBatch();
  function newBatch() {
    return { rows: [], staged: [], keys: new Map<string, number>(), superseded: 0, errorLines: [], rejected: 0, lines: 0, linesDone: 0 };
  }
  const flush = async () => {
    if (next.lines === 0) return;
    const b = next;
    next = newBatch();
    b.rows = b.staged.filter((r) => r !== null).map((r, n) => ({ n, ...r, ...(process.env.IMPORT_V7 ? { new_id: uuidv7() } : {}) }));
    b.linesDone = lines;
    await handOver(b);
  };

  /** One data line: its record, or the parser's reason for refusing it. */
  const take = async (endLine: number, emptyLines: number, record: Record<string, string> | null, parseError: CsvError | null) => {
    const line = prevEnd + 1 + (emptyLines - prevEmpty);
    prevEnd = endLine;
    prevEmpty = emptyLines;
    lines += 1;
    if (lines <= resumedAfter) {
      if (lines === resumedAfter) errors = await openErrors(errorsFile, endLine);
      else if (lines % 10_000 === 0) progress(lines);
      return;
    }
    next.lines += 1;
    const checked = record ? checkRow(record, line, today) : null;
    if (checked?.ok) {
      // the same source row twice in one batch: the later one wins (the earlier counts as updated)
      const key = `${checked.row.source}\u0000${checked.row.source_id}`;
      const earlier = next.keys.get(key);
      if (earlier !== undefined) {
        next.staged[earlier] = null;
        next.superseded += 1;
      }
      next.keys.set(key, next.staged.length);
      next.staged.push(checked.row);
    } else {
      next.rejected += 1;
      for (const e of checked?.errors ?? [parseFault(parseError, header.columns.length)]) next.errorLines.push(errorLine(line, e));
    }
    if (next.staged.length - next.superseded >= batchSize || next.lines >= batchSize * LINES_PER_BATCH_FACTOR) await flush();
  };
  const takeSkipped = async (beforeLine: number) => {
    while (skipped.length && Number(skipped[0]?.lines) < beforeLine) {
      const error = skipped.shift() as CsvError;
      await take(Number(error.lines), Number(error.empty_lines), null, error);
    }
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      await takeSkipped(info.lines);
      await take(info.lines, info.empty_lines, record, null);
    }
    await takeSkipped(Infinity);
    await flush();
    await writing.batch;
  } finally {
    parser.destroy();
    await writing.batch.catch(() => undefined);
    await errors?.close();
  }

  await db.transaction(async (tx) => {
    const queued = await queueDuplicates(tx, areaCode, newChildren, recheckSince);
    totals.queued += queued;
    await tx.query('UPDATE child_import SET finished_at = now(), queued = queued + $2 WHERE id = $1', [job.id, queued]);
    await recordAudit(tx, actor, CONTEXT, {
      action: 'children.imported',
      subject: { type: 'child_import', id: job.id },
      details: { fileName, sha256, lines, ...totals },
    });
  });
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rowsPerSecond = elapsedSeconds > 0 ? (lines - resumedAfter) / elapsedSeconds : 0;
  return { importId: job.id, file, sha256, errorsFile, ...totals, lines, resumedAfter, elapsedSeconds, rowsPerSecond };
}

import fs from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { recordAudit, type Actor, type RequestContext } from '../platform/audit.js';
import type { Db } from '../platform/db.js';
import { summariseFaults, type FaultSummary } from '../platform/faults.js';
import { loadAreaLookup } from './area-lookup.js';
import { insertImport, publishImport } from './import-sql.js';
import type { ImportFault, ImportFaultKind } from './layouts/index.js';
import { listAllAreaNames, listInstalledAreasFollowingNeighbours, replaceStatisticalNeighbours } from './neighbours-repository.js';
import { checkNeighboursRow, isNeighboursHeader, readNeighboursHeader, type NeighbourGroup } from './neighbours-rows.js';

/**
 * DfE's statistical neighbours file through the same entry as values (`ctp import indicators FILE`,
 * the import page, the API; issue 15 items 1 and 2). Found by its header (an LA number or name column
 * and SN1); one row per authority names its ten closest authorities, SN1 first, each by name or DfE
 * number (a predecessor such as Northamptonshire included), with DfE's closeness band where the file
 * has one. Importing it sets the neighbours of EVERY authority the file names at once
 * (statistical_neighbour); an authority the file leaves out keeps the neighbours it had. An area that
 * chose its own comparators keeps its choice; the others compare with their neighbours.
 *
 * All or nothing, like values: any fault (an unknown authority, a row naming itself, a neighbour
 * given twice, an unknown band, an authority given twice) refuses the file with each fault by line and
 * column, unless the good rows are asked for, when a faulty row is left out whole (that authority
 * keeps its neighbours). Audited as `indicators.imported` with the file's name, like any import.
 */

export const NEIGHBOURS_LAYOUT = {
  name: 'statistical-neighbours',
  words: 'DfE statistical neighbours: one row per authority, its neighbours SN1 to SN10 and their closeness bands',
} as const;

/** Larger than any real file (about 150 rows); a file past it is not a neighbours file. */
const MAX_BYTES = 5_000_000;

export interface NeighboursImportInput {
  file?: string;
  csvText?: string;
  fileName?: string;
  importGoodRows?: boolean;
  actor: Actor;
  context: RequestContext;
  areaCode: string | null;
  /** The moment the import is recorded and published: the injected clock's (ADR 0010). */
  at: Date;
}

/** The same shape as the import's report (import.ts IndicatorImportReport): no values, the groups set instead. */
export interface NeighboursImportReport {
  status: 'imported' | 'rejected';
  importId: string | null;
  file: string;
  layout: string;
  layoutWords: string;
  rows: number;
  values: 0;
  created: 0;
  replaced: 0;
  unchanged: 0;
  /** A neighbours file carries no revisions, so none is ever kept back. */
  notReplaced: [];
  /** A neighbours file leaves no rows out by design. */
  skipped: [];
  /** Authorities whose neighbours were set, and the neighbours written. */
  neighbourGroups: { areas: number; neighbours: number };
  faults: ImportFault[];
  faultSummary: FaultSummary<ImportFault, ImportFaultKind>;
  elapsedSeconds: number;
  valuesPerSecond: number;
}

/** The file's first line, if it can be read as text; null when it cannot (the values import reports why). */
function firstLine(input: NeighboursImportInput): string | null {
  if (input.csvText !== undefined) return input.csvText.slice(0, 64_000).split(/\r?\n/)[0] ?? '';
  if (!input.file || input.file.endsWith('.gz')) return null;
  try {
    const fd = fs.openSync(input.file, 'r');
    try {
      const buffer = Buffer.alloc(64_000);
      const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.subarray(0, read).toString('utf8').split(/\r?\n/)[0] ?? '';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

function headerCells(line: string): string[] | null {
  try {
    return (parse(line, { bom: true, relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Imports the file if it is a statistical neighbours file, else returns null for the values import to
 * read it. Never throws for a fault of the file.
 */
export async function importNeighboursIfTheirs(db: Db, input: NeighboursImportInput): Promise<NeighboursImportReport | null> {
  const line = firstLine(input);
  const names = line === null ? null : headerCells(line);
  if (!names || !isNeighboursHeader(names)) return null;
  if (input.file && fs.statSync(input.file).size > MAX_BYTES) return null;
  const started = performance.now();
  const text = input.csvText ?? fs.readFileSync(input.file ?? '', 'utf8');
  const file = input.fileName ?? (input.file ? path.basename(input.file) : 'upload.csv');
  const read = await readGroups(db, text);
  const faults = read.faults;
  const refused = read.groups === null || (faults.length > 0 && !input.importGoodRows);
  const groups = refused ? [] : (read.groups ?? []);
  const written = await db.transaction(async (tx) => {
    if (refused) {
      await recordAudit(tx, input.actor, input.context, {
        occurredAt: input.at,
        action: 'indicators.imported',
        outcome: 'failure',
        areaCode: input.areaCode,
        details: { file, layout: NEIGHBOURS_LAYOUT.name, rows: read.rows, faults: faults.length },
      });
      return { importId: null, neighbours: 0 };
    }
    const { id: importId } = await insertImport(
      tx,
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        areaCode: input.areaCode,
        fileName: file,
        layout: NEIGHBOURS_LAYOUT.name,
        rowsRead: read.rows,
        faults: faults.length,
      },
      input.at,
    );
    const neighbours = await replaceStatisticalNeighbours(tx, importId, groups);
    // Applied at once (ADR 0018): it carries no values, and counts among the person's imports like any other.
    await publishImport(tx, importId, { created: 0, replaced: 0, unchanged: 0, rowsRead: read.rows, faults: faults.length }, input.at);
    // National data that changes other areas' comparisons (ADR 0019): the importer's entry names them, and each
    // installed area whose group now follows the file is told in its own trail, whoever imported it.
    const following = await listInstalledAreasFollowingNeighbours(
      tx,
      groups.map((g) => g.areaCode),
    );
    await recordAudit(tx, input.actor, input.context, {
      occurredAt: input.at,
      action: 'indicators.imported',
      subject: { type: 'indicator_import', id: importId },
      areaCode: input.areaCode,
      details: {
        file,
        layout: NEIGHBOURS_LAYOUT.name,
        rows: read.rows,
        areas: groups.length,
        neighbours,
        faults: faults.length,
        scope: 'every authority named',
        defaultGroupsSet: following,
      },
    });
    for (const areaCode of following)
      await recordAudit(tx, input.actor, input.context, {
        occurredAt: input.at,
        action: 'comparators.neighbours_set',
        subject: { type: 'indicator_import', id: importId },
        areaCode,
        details: {
          file,
          importedFrom: input.areaCode,
          neighbours: groups.find((g) => g.areaCode === areaCode)?.neighbours.map((n) => n.code) ?? [],
        },
      });
    return { importId, neighbours };
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    status: refused ? 'rejected' : 'imported',
    importId: written.importId,
    file,
    layout: NEIGHBOURS_LAYOUT.name,
    layoutWords: NEIGHBOURS_LAYOUT.words,
    rows: read.rows,
    values: 0,
    created: 0,
    replaced: 0,
    unchanged: 0,
    notReplaced: [],
    skipped: [],
    neighbourGroups: { areas: groups.length, neighbours: written.neighbours },
    faults,
    faultSummary: summariseFaults(faults, (f) => f.kind),
    elapsedSeconds,
    valuesPerSecond: 0,
  };
}

/** Every row checked: the groups of the good rows (null when the file cannot be read at all) and every fault. */
async function readGroups(db: Db, text: string): Promise<{ groups: NeighbourGroup[] | null; faults: ImportFault[]; rows: number }> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const fault: ImportFault = {
      line: error.lines,
      column: '',
      kind: 'csv_format',
      reason: `The line cannot be read as CSV (${error.code})`,
    };
    return { groups: null, faults: [fault], rows: 0 };
  }
  const [first, ...rest] = records;
  const header = first && readNeighboursHeader(first.record, first.info.lines);
  if (!header || 'faults' in header) return { groups: null, faults: header?.faults ?? [], rows: rest.length };
  const [areas, names] = await Promise.all([loadAreaLookup(db), listAllAreaNames(db)]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const faults: ImportFault[] = [];
  const groups: NeighbourGroup[] = [];
  const rowOf = new Map<string, number>();
  for (const { record, info } of rest) {
    const checked = checkNeighboursRow(record, info.lines, header.header, areas, nameOf);
    faults.push(...checked.faults);
    if (!checked.group) continue;
    const earlier = rowOf.get(checked.group.areaCode);
    if (earlier !== undefined) {
      const column = header.header.names[header.header.laNumber ?? header.header.laName ?? 0] ?? '';
      const reason = `${nameOf(checked.group.areaCode)} has a row already, on line ${earlier}`;
      faults.push({ line: info.lines, column, kind: 'bad_neighbour', reason });
      continue;
    }
    rowOf.set(checked.group.areaCode, info.lines);
    groups.push(checked.group);
  }
  return { groups, faults, rows: rest.length };
}

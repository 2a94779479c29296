import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { recordAudit, type Actor, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { summariseFaults, type FaultSummary } from '../../platform/faults.js';
import { outcomeProblems } from '../errors.js';
import type { ImportFault, ImportFaultKind } from '../layouts/types.js';
import { normaliseCode } from '../layouts/our-columns.js';
import { listAimCodes } from '../repository.js';
import { applyTopicAims, listTopics, replaceTopicAims, upsertNationalIndicators, type TopicRow } from './catalogue-sql.js';
import { readDictionaryHeader, readDictionaryRow, type CatalogueEntry } from './dictionary.js';

/**
 * `ctp import catalogue FILE` (and an upload of a data dictionary through the import page or the
 * API, found from its header): the LAIT data dictionary into the national catalogue in one go, all
 * or nothing, with faults by line and column (dictionary.ts). And the topic mapping a planner
 * changes afterwards: which aims each publisher's topic evidences.
 */

export const DICTIONARY_LAYOUT = { name: 'lait-dictionary', words: 'LAIT data dictionary (the catalogue of measures)' } as const;

export interface CatalogueImportReport {
  status: 'imported' | 'rejected';
  file: string;
  layout: typeof DICTIONARY_LAYOUT.name;
  layoutWords: string;
  /** Measures read (the header not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  faults: ImportFault[];
  faultSummary: FaultSummary<ImportFault, ImportFaultKind>;
}

const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
const CLI_CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp command line', requestId: 'cli' };

function readText(options: { file?: string; csvText?: string }): string {
  if (options.csvText !== undefined) return options.csvText;
  if (!options.file) throw outcomeProblems.importRefused('Give a file to import');
  try {
    return fs.readFileSync(options.file, 'utf8');
  } catch {
    throw outcomeProblems.importRefused(`Cannot read ${options.file}: there is no such file`);
  }
}

/** Reads the dictionary: its entries, or every fault (a CSV it cannot read is one fault, never a crash). */
export function readDictionary(text: string): { entries: CatalogueEntry[]; faults: ImportFault[]; rows: number } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    return {
      entries: [],
      rows: 0,
      faults: [{ line, column: '', kind: 'csv_format', reason: 'The file cannot be read as CSV: check its quotes' }],
    };
  }
  const [names, ...rest] = records;
  if (!names) return { entries: [], rows: 0, faults: [{ line: 1, column: '', kind: 'empty_file', reason: 'The file is empty' }] };
  const header = readDictionaryHeader(names, 1);
  if ('faults' in header) return { entries: [], rows: 0, faults: header.faults };
  const entries: CatalogueEntry[] = [];
  const faults: ImportFault[] = [];
  const seen = new Map<string, number>();
  rest.forEach((record, i) => {
    const line = i + 2; // records are one a line in a dictionary; the header is line 1
    const read = readDictionaryRow(record, line, header.header);
    faults.push(...read.faults);
    if (!read.entry) return;
    const first = seen.get(normaliseCode(read.entry.code));
    if (first !== undefined) {
      faults.push({
        line,
        column: names[header.header.at.code ?? 0] ?? 'code',
        kind: 'repeated_value',
        reason: `The measure ${read.entry.code} is already given on line ${first}`,
      });
      return;
    }
    seen.set(normaliseCode(read.entry.code), line);
    entries.push(read.entry);
  });
  return { entries, faults, rows: rest.length };
}

export async function importCatalogue(
  db: Db,
  options: { file?: string; csvText?: string; fileName?: string; actor?: Actor; context?: RequestContext; at?: Date },
): Promise<CatalogueImportReport> {
  const file = options.fileName ?? (options.file ? path.basename(options.file) : 'upload.csv');
  const actor = options.actor ?? OPERATOR;
  const context = options.context ?? CLI_CONTEXT;
  const read = readDictionary(readText(options));
  const report = (r: Pick<CatalogueImportReport, 'status' | 'created' | 'updated' | 'unchanged'>): CatalogueImportReport => ({
    ...r,
    file,
    layout: DICTIONARY_LAYOUT.name,
    layoutWords: DICTIONARY_LAYOUT.words,
    rows: read.rows,
    faults: read.faults,
    faultSummary: summariseFaults(read.faults, (f) => f.kind),
  });
  if (read.faults.length > 0 || read.entries.length === 0) {
    if (read.faults.length === 0) read.faults.push({ line: 2, column: '', kind: 'empty_file', reason: 'The dictionary names no measures' });
    await db.transaction((tx) =>
      recordAudit(tx, actor, context, {
        ...(options.at ? { occurredAt: options.at } : {}),
        action: 'indicators.catalogue_imported',
        outcome: 'failure',
        details: { file, rows: read.rows, faults: read.faults.length },
      }),
    );
    return report({ status: 'rejected', created: 0, updated: 0, unchanged: 0 });
  }
  const counts = await db.transaction(async (tx) => {
    const c = await upsertNationalIndicators(tx, read.entries);
    await applyTopicAims(
      tx,
      read.entries.flatMap((e) => (e.topic ? [e.topic] : [])),
      true,
    );
    await recordAudit(tx, actor, context, {
      ...(options.at ? { occurredAt: options.at } : {}),
      action: 'indicators.catalogue_imported',
      details: { file, rows: read.rows, ...c },
    });
    return c;
  });
  return report({ status: 'imported', ...counts });
}

/** The topic mapping (the topics page and its API). */
export function topicMappingService({ db }: { db: Db }) {
  return {
    topics: (): Promise<TopicRow[]> => listTopics(db),

    /** Sets which aims a topic evidences; its national indicators' aims follow at once. */
    async setTopicAims(user: User, topic: string, aimCodes: readonly string[], ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      const known = new Set(await listAimCodes(db));
      const unknown = aimCodes.filter((a) => !known.has(a));
      if (topic.trim() === '') errors.add('topic', 'required', 'Name the topic');
      if (unknown.length) errors.add('aimCodes', 'unknown_aim', `${unknown.join(', ')} is not an aim of the outcomes framework`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await replaceTopicAims(tx, topic.trim(), aimCodes);
        await applyTopicAims(tx, [topic.trim()], false);
        await recordAudit(tx, actorOf(user), ctx, { action: 'indicators.topic_mapped', details: { topic: topic.trim(), aimCodes } });
      });
    },
  };
}

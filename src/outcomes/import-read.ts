import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Queryable } from '../platform/db.js';
import { areaLookupOf, loadAreaRows, type AreaRows } from './area-lookup.js';
import { withCopyRow, type ReadValue } from './copy-rows.js';
import { readTable } from './import-input.js';
import type { JobOrigin } from './import-kinds.js';
import { normaliseCode, type Header, type ImportFault, type Lookups } from './import-rows.js';
import { chooseLayout, type LayoutName, type PublishedLayout } from './layouts/index.js';
import type { Frequency } from './types.js';
import { listMappings, type PublishedMapping } from './mappings-sql.js';
import { listIndicatorsForArea } from './repository.js';

/**
 * Reading a file of values (ADR 0050): its rows read and checked into values, a chunk at a time, by the
 * same code whether it runs in the job's own thread or beside it in a worker thread (import-read-worker.ts):
 * the job only writes what it is given. Everything read is plain data, so it crosses to the job as it is.
 */

/** What the importer may name, as data (a worker thread gets a copy and builds its own lookups from it). */
export interface LookupData {
  indicators: [string, { id: string; frequency: Frequency }][];
  areas: AreaRows;
  publishedMappings: PublishedMapping[];
}

export async function loadLookupData(db: Queryable, areaCode: string | null): Promise<LookupData> {
  const [indicators, areas, publishedMappings] = await Promise.all([
    listIndicatorsForArea(db, areaCode),
    loadAreaRows(db),
    listMappings(db),
  ]);
  // The area's own indicator wins over a national one written the same way (the service forbids that anyway): listed last.
  return { indicators: indicators.map((i) => [normaliseCode(i.code), { id: i.id, frequency: i.frequency }]), areas, publishedMappings };
}

export function lookupsOf(data: LookupData): Lookups {
  return {
    indicators: new Map(data.indicators),
    areas: areaLookupOf(data.areas.referenceAreas, data.areas.installedAreas),
    publishedMappings: data.publishedMappings,
  };
}

/** What reading tells the job, in order: the layout (or the faults that stop it), then the rows a chunk at a time. */
export type ReadEvent =
  | { kind: 'layout'; layout: { name: LayoutName; words: string }; faults: ImportFault[] }
  | { kind: 'unreadable'; faults: ImportFault[] }
  | {
      kind: 'rows';
      /** Each with its row in COPY text, made here: in a worker thread, off the job's own. */
      values: ReadValue[];
      faults: ImportFault[];
      /** Rows left out by design in this chunk, by reason. */
      skipped: [string, number][];
      rows: number;
      /** Bytes of the file read so far. */
      bytes: number;
    };

/** A chunk ends with the row that brings it to this many values or rows: whole rows, so a batch holds whole lines. */
export const CHUNK_SIZE = 256;

/** The file as a stream, from where the job's input came (a file, an upload's text or bytes). */
export function streamOf(origin: JobOrigin, chunkBytes: number): Readable {
  // Bytes copied to a worker thread arrive as a Uint8Array: read as the Buffer they were.
  if (origin.bytes) return Readable.from([Buffer.isBuffer(origin.bytes) ? origin.bytes : Buffer.from(origin.bytes)]);
  if (origin.csvText !== undefined) return Readable.from([origin.csvText]);
  if (origin.file) return fs.createReadStream(origin.file, { highWaterMark: chunkBytes });
  throw new Error('An import job needs a file, text or bytes to read');
}

/**
 * Reads the table (CSV, .csv.gz or .xlsx: import-input.ts), finds its layout from the header (or the one
 * named) and reads each row with it. A line or a file that cannot be read is a fault, given with the next event.
 */
export async function* readEvents(source: Readable, wantedLayout: string, lookups: Lookups): AsyncGenerator<ReadEvent> {
  let faults: ImportFault[] = [];
  const records = readTable(source, (fault) => faults.push(fault));
  const taken = () => {
    const those = faults;
    faults = [];
    return those;
  };
  let header: Header | null = null;
  let layout: PublishedLayout | null = null;
  let chunk: Extract<ReadEvent, { kind: 'rows' }> = { kind: 'rows', values: [], faults: [], skipped: [], rows: 0, bytes: 0 };
  const skipped = new Map<string, number>();
  const full = () => ({ ...chunk, faults: [...taken(), ...chunk.faults], skipped: [...skipped] });
  for await (const { record, info } of records) {
    if (!layout || !header) {
      const chosen = chooseLayout(record, wantedLayout, info.lines);
      const head = 'faults' in chosen ? chosen : chosen.layout.readHeader(record, info.lines, lookups);
      if ('faults' in head || 'faults' in chosen) {
        yield { kind: 'unreadable', faults: [...taken(), ...('faults' in head ? head.faults : [])] };
        return;
      }
      header = head.header;
      layout = chosen.layout;
      yield { kind: 'layout', layout: { name: layout.name, words: layout.words }, faults: taken() };
      continue;
    }
    const checked = layout.readRow(record, info.lines, header, lookups);
    chunk.rows += 1;
    chunk.bytes = info.bytes;
    if (checked.skipped) skipped.set(checked.skipped, (skipped.get(checked.skipped) ?? 0) + 1);
    for (const f of checked.faults) chunk.faults.push(f);
    for (const v of checked.values) chunk.values.push(withCopyRow(v));
    if (chunk.values.length >= CHUNK_SIZE || chunk.rows >= CHUNK_SIZE) {
      yield full();
      skipped.clear();
      chunk = { kind: 'rows', values: [], faults: [], skipped: [], rows: 0, bytes: chunk.bytes };
    }
  }
  // The last rows, and whatever fault reading found after them (a quote never closed, a file cut short).
  if (layout) yield full();
  else if (faults.length > 0) yield { kind: 'unreadable', faults: taken() };
}

/** What a worker thread reading a file starts with (import-read-worker.ts). */
export interface ReadBesideStart {
  origin: JobOrigin;
  wantedLayout: string;
  lookups: LookupData;
}

/** Chunks a worker thread may read ahead of the job: bounded memory, however far ahead of the writing reading gets. */
export const CHUNKS_AHEAD = 8;

/** The worker's messages: an event, the end of the file, or its failure. */
export type BesideMessage = { event: ReadEvent } | { end: true } | { failed: string };

// The worker runs the compiled module beside this one, or the sources through tsx as `ctp` does (bin/ctp.js)
// when this module is a source file itself (the sources run, the tests). Started from a few lines of
// script, so one entry serves both.
const HERE = import.meta.url;
const FROM_SOURCES = HERE.endsWith('.ts');
const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();`;

/**
 * Reads the file in a worker thread beside the job (ADR 0050): the same events as `readEvents`, at most
 * CHUNKS_AHEAD ahead of the job. Reading and checking a big file is a third of an import's time on the
 * embedded engine, which writes on the job's own thread: beside it, the two go on at once.
 */
export async function* readBeside(start: ReadBesideStart): AsyncGenerator<ReadEvent> {
  // tsx's API module as an ES module (its `tsx/esm/api` export under the import condition): its register() in the worker.
  const tsx = FROM_SOURCES
    ? pathToFileURL(path.join(path.dirname(createRequire(HERE).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href
    : null;
  const entry = new URL(`./import-read-worker.${FROM_SOURCES ? 'ts' : 'js'}`, HERE).href;
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { tsx, entry, start },
    // Bounded: what it holds is the lookups and a few chunks. Its young space stays big enough that a chunk's
    // garbage dies young (at 2 MB the worker spent its time collecting, and the import took half as long again).
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 48 },
  });
  const waiting: BesideMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: BesideMessage) => {
    waiting.push(m);
    woken();
  });
  worker.on('error', (error) => {
    failure = error;
    woken();
  });
  worker.on('exit', () => {
    failure ??= new Error('The worker reading the file stopped before the end of the file');
    woken();
  });
  try {
    for (;;) {
      const next = waiting.shift();
      if (!next) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if ('end' in next) return;
      if ('failed' in next) throw new Error(`Reading the file failed: ${next.failed}`);
      worker.postMessage('more');
      yield next.event;
    }
  } finally {
    await worker.terminate();
  }
}

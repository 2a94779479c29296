import { parse } from 'csv-parse/sync';
import type { Db } from '../platform/db.js';
import { asValuesReport } from './catalogue/upload.js';
import { isDictionaryHeader } from './catalogue/dictionary.js';
import { importCatalogue } from './catalogue/service.js';
import { importStart, SNIFF_BYTES, sniffFileKind, unreadableFault } from './file-sniff.js';
import type { ImportJob } from './import-job-sql.js';
import type { ImportFault } from './import-rows.js';
import type { IndicatorImportReport } from './import-report.js';
import { importNeighboursIfTheirs } from './neighbours.js';
import { isNeighboursHeader } from './neighbours-rows.js';
import { can, isRole } from '../platform/policy.js';
import type { Actor } from '../platform/audit.js';

/**
 * The look at a job's file before its values are read (ADR 0018, "Other kinds of file"): every import,
 * the command line's, the page's and the API's, is a job, and these branches run at the start of the
 * job itself, so an upload queued in the background takes them exactly as the command line does.
 *
 * - a file that is neither text nor one import-input.ts reads (a PDF, UTF-16, an archive): one fault (file-sniff.ts);
 * - a data dictionary (its header): the catalogue (catalogue/service.ts), no values;
 * - DfE statistical neighbours (its header, layout 'auto' only): every authority's comparator group (neighbours.ts), no values.
 * Both small files are read whole by their own importers, as before; the values import streams.
 */

/** Where a job's stream comes from: a file (a spooled upload, or the command line's), text, or bytes. */
export interface JobOrigin {
  file?: string;
  csvText?: string;
  bytes?: Buffer;
}

/** The first line's cells of a text file, or null (not text, or compressed). */
function firstCells(start: Buffer | string): string[] | null {
  const text = typeof start === 'string' ? start : start.toString('utf8');
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  try {
    return (parse(line, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The report of a file that is another kind (it is imported here, with its own audit entry), the
 * one fault of a file that cannot be read, or null for the values import to read it.
 */
export async function importOtherKind(
  db: Db,
  job: ImportJob,
  origin: JobOrigin,
  at: Date,
): Promise<{ report: IndicatorImportReport } | { fault: ImportFault } | null> {
  const start = origin.bytes ? origin.bytes.subarray(0, SNIFF_BYTES) : importStart(origin);
  const fault = unreadableFault(start);
  if (fault) return { fault };
  // A binary upload (.csv.gz, .xlsx) is values: a dictionary or neighbours file comes as CSV.
  if (origin.bytes || sniffFileKind(start) !== 'text') return null;
  const cells = firstCells(start);
  if (!cells) return null;
  const common = { file: origin.file, csvText: origin.csvText, fileName: job.fileName, actor: job.actor, context: job.context };
  if (isDictionaryHeader(cells)) return { report: asValuesReport(await importCatalogue(db, { ...common, at })) };
  if ((job.options.layout ?? 'auto') !== 'auto') return null;
  if (isNeighboursHeader(cells) && !mayImportNeighbours(job.actor))
    return {
      fault: {
        line: 1,
        column: cells[0] ?? '',
        kind: 'not_permitted',
        reason:
          'This is a DfE statistical neighbours file, which sets every authority’s comparator group: ' +
          'a planner or the area’s administrator imports it (policy outcomes.neighbours)',
      },
    };
  const neighbours = await importNeighboursIfTheirs(db, {
    ...common,
    importGoodRows: job.options.importGoodRows,
    areaCode: job.actor.areaCode,
    at,
  });
  return neighbours ? { report: neighbours } : null;
}

/** The operator at the command line (no role), or a role the policy lets set every authority's neighbours (ADR 0019). */
function mayImportNeighbours(actor: Actor): boolean {
  if (actor.role === null) return true;
  return isRole(actor.role) && can({ role: actor.role, areaCode: actor.areaCode ?? '' }, 'outcomes.neighbours');
}

import { parse } from 'csv-parse/sync';
import type { Actor, RequestContext } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { importIndicatorValues, type IndicatorImportReport } from '../import.js';
import { isDictionaryHeader } from './dictionary.js';
import { importCatalogue, type CatalogueImportReport } from './service.js';

/**
 * The upload entry of the import page and the API: a data dictionary (found from its header) goes
 * into the catalogue, any other file is indicator values. The command line has a command for each
 * (`ctp import catalogue`, `ctp import indicators`).
 */
export async function importUpload(
  db: Db,
  options: { csvText: string; importGoodRows: boolean; actor: Actor; context: RequestContext; fileName: string },
): Promise<IndicatorImportReport> {
  if (isDictionaryHeader(headerOf(options.csvText))) return asValuesReport(await importCatalogue(db, options));
  return importIndicatorValues(db, options);
}

function headerOf(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  try {
    return (parse(firstLine, { relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return [];
  }
}

/** A catalogue import in the report the page and the API show: measures as values, updated as replaced. */
export function asValuesReport(r: CatalogueImportReport): IndicatorImportReport {
  const values = r.created + r.updated + r.unchanged;
  return {
    status: r.status,
    importId: null,
    file: r.file,
    layout: r.layout,
    layoutWords: r.layoutWords,
    rows: r.rows,
    values,
    created: r.created,
    replaced: r.updated,
    unchanged: r.unchanged,
    notReplaced: [],
    skipped: [],
    faults: r.faults,
    faultSummary: r.faultSummary,
    elapsedSeconds: 0,
    valuesPerSecond: 0,
  };
}

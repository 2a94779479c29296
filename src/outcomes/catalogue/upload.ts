import type { IndicatorImportReport } from '../import-report.js';
import type { CatalogueImportReport } from './service.js';

/**
 * A data dictionary uploaded through the import page or the API goes into the catalogue, found from its
 * header at the start of the import job (import-kinds.ts); the command line has a command for each
 * (`ctp import catalogue`, `ctp import indicators`).
 */

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

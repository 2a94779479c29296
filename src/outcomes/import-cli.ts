import fs from 'node:fs';
import type { Db } from '../platform/db.js';
import { IMPORT_FAULT_KINDS } from './import-rows.js';
import { neighboursText } from './neighbours-rows.js';
import { faultsCsv, importIndicatorValues, type IndicatorImportProgress, type IndicatorImportReport } from './import.js';

/** `ctp import indicators FILE.csv [--good-rows] [--area CODE] [--errors FILE]`: the report an operator reads. */

export interface IndicatorImportCommandOptions {
  goodRows?: boolean;
  area?: string;
  errors?: string;
  onProgress?: (p: IndicatorImportProgress) => void;
  /** Called before anything is printed (the progress bar stops). */
  beforeReport?: () => void;
}

/** Faults of each kind printed on standard error; the full list is always in the errors file. */
const FAULTS_SHOWN_PER_KIND = 3;

/** Each kind of fault with its count and its first few, so a screen never scrolls 50,000 lines (platform/faults.ts). */
export function formatFaultSummary(r: IndicatorImportReport, errorsFile: string | null): string {
  const lines: string[] = [];
  for (const k of r.faultSummary.kinds) {
    lines.push(`${IMPORT_FAULT_KINDS[k.kind]}: ${k.count.toLocaleString('en-GB')} fault${k.count === 1 ? '' : 's'}`);
    for (const f of k.shown.slice(0, FAULTS_SHOWN_PER_KIND))
      lines.push(`  line ${f.line}${f.column ? `, column ${f.column}` : ''}: ${f.reason}`);
    const more = k.count - Math.min(k.shown.length, FAULTS_SHOWN_PER_KIND);
    if (more > 0) lines.push(`  ... and ${more.toLocaleString('en-GB')} more of this kind${errorsFile ? ` in ${errorsFile}` : ''}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function formatIndicatorImportReport(r: IndicatorImportReport, errorsFile: string | null): string {
  const n = (v: number) => v.toLocaleString('en-GB').padStart(12);
  if (r.status === 'rejected') {
    return [
      `Refused ${r.file}: ${r.faults.length.toLocaleString('en-GB')} fault${r.faults.length === 1 ? '' : 's'} found, nothing imported.`,
      errorsFile ? `Every fault is listed in ${errorsFile} (line, column, reason).` : '',
      'Correct the file and run the command again, or add --good-rows to import the rows without faults.',
    ]
      .filter((line) => line !== '')
      .join('\n');
  }
  if (r.neighbourGroups) return `Imported ${r.file} (read as the ${r.layoutWords ?? r.layout}). ${neighboursText(r.neighbourGroups, r.rows)}`;
  return [
    `Imported ${r.file} (read as the ${r.layoutWords ?? `${r.layout} layout`}) in ${r.elapsedSeconds.toFixed(1)} s (${Math.round(r.valuesPerSecond).toLocaleString('en-GB')} values a second).`,
    `  rows read        ${n(r.rows)}`,
    `  values created   ${n(r.created)}`,
    `  values replaced  ${n(r.replaced)}  (changes recorded)`,
    `  values unchanged ${n(r.unchanged)}`,
    ...(r.notReplaced.length
      ? [
          `  not replaced     ${n(r.notReplaced.length)}  (a later revision is held: ${r.notReplaced[0]?.reason ?? ''}, line ${r.notReplaced[0]?.line ?? ''})`,
        ]
      : []),
    `  rows left out    ${n(new Set(r.faults.map((f) => f.line)).size)}${errorsFile ? `  (${r.faults.length} faults listed in ${errorsFile})` : ''}`,
    ...r.skipped.map((k) => `  rows skipped     ${n(k.rows)}  (${k.reason})`),
  ].join('\n');
}

/** Runs the import and prints its report; returns the process exit code (1 when the file was refused). */
export async function runIndicatorImport(db: Db, file: string, opts: IndicatorImportCommandOptions): Promise<number> {
  const report = await importIndicatorValues(db, {
    file,
    importGoodRows: opts.goodRows === true,
    ...(opts.area ? { areaCode: opts.area.toUpperCase() } : {}),
    onProgress: opts.onProgress,
  });
  opts.beforeReport?.();
  const errorsFile = report.faults.length ? (opts.errors ?? `${file.replace(/\.(csv(\.gz)?|gz|xlsx)$/i, '')}.errors.csv`) : null;
  if (errorsFile) fs.writeFileSync(errorsFile, faultsCsv(report.faults));
  process.stderr.write(formatFaultSummary(report, errorsFile));
  console.log(formatIndicatorImportReport(report, errorsFile));
  return report.status === 'rejected' ? 1 : 0;
}

import fs from 'node:fs';
import cliProgress from 'cli-progress';
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

/** Faults of each kind printed on standard error; the errors file lists the first 1,000 of each kind. */
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
      `Refused ${r.file}: ${r.faultSummary.total.toLocaleString('en-GB')} fault${r.faultSummary.total === 1 ? '' : 's'} found, nothing imported.`,
      errorsFile
        ? `${r.faults.length < r.faultSummary.total ? `The first ${r.faults.length.toLocaleString('en-GB')} (1,000 of each kind) are` : 'Every fault is'} listed in ${errorsFile} (line, column, reason).`
        : '',
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
    `  faults           ${n(r.faultSummary.total)}${errorsFile ? `  (their rows left out; ${r.faults.length.toLocaleString('en-GB')} listed in ${errorsFile})` : ''}`,
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
  if (errorsFile) fs.writeFileSync(errorsFile, faultsCsv(report));
  process.stderr.write(formatFaultSummary(report, errorsFile));
  console.log(formatIndicatorImportReport(report, errorsFile));
  return report.status === 'rejected' ? 1 : 0;
}

/**
 * The command's progress bar on a terminal (a line every 100,000 rows otherwise): reading, checking
 * and applying the file by its bytes (each batch is applied as it is written, ADR 0031).
 */
export function indicatorProgressBar(stream: NodeJS.WriteStream): { update: (p: IndicatorImportProgress) => void; stop: () => void } {
  const percent = (p: IndicatorImportProgress) =>
    p.phase === 'reading'
      ? Math.floor((100 * p.bytesRead) / Math.max(1, p.totalBytes))
      : Math.floor((100 * p.valuesApplied) / Math.max(1, p.valuesToApply));
  const words = (p: IndicatorImportProgress) =>
    p.phase === 'reading'
      ? `reading: ${p.lines.toLocaleString('en-GB')} rows`
      : `applying: ${p.valuesApplied.toLocaleString('en-GB')} of ${p.valuesToApply.toLocaleString('en-GB')} values`;
  if (!stream.isTTY) {
    let reported = 0;
    return {
      update: (p) => {
        const step = p.phase === 'reading' ? p.lines : p.valuesApplied;
        if (step - reported < 100_000 && step !== 0) return;
        reported = step === 0 ? 0 : step - (step % 100_000);
        stream.write(`ctp: ${words(p)} (${percent(p)}%)\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: 'Importing [{bar}] {percentage}% | {words} | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      if (!started) bar.start(100, 0, { words: '' });
      started = true;
      bar.update(percent(p), { words: words(p) });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

import { formatDateTime } from '../platform/dates.js';
import { FAULTS_SHOWN_PER_KIND, type FaultSummary } from '../platform/faults.js';
import { paths } from '../platform/paths.js';
import type { ImportJob, ImportJobState } from './import-job-sql.js';
import { byPlace } from './import-report.js';
import { IMPORT_FAULT_KINDS, type ImportFault, type ImportFaultKind } from './import-rows.js';
import { jobPercent } from './import-service.js';
import { neighboursText } from './neighbours-rows.js';

/** What the job page and the API show of an import job: its state in words, progress, and its bounded report. */

export const JOB_STATE_WORDS: Readonly<Record<ImportJobState, string>> = {
  queued: 'Waiting to start',
  reading: 'Reading and checking the file',
  applying: 'Applying the values',
  done: 'Imported',
  refused: 'Not imported: the file has faults',
  failed: 'Failed: nothing was imported',
};

const TAG: Readonly<Record<ImportJobState, string>> = {
  queued: 'govuk-tag--grey',
  reading: 'govuk-tag--blue',
  applying: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  failed: 'govuk-tag--red',
};

export const isRunning = (job: ImportJob): boolean => job.state === 'queued' || job.state === 'reading' || job.state === 'applying';

/** The report keeps 1,000 faults of each kind; a page or an answer shows the first 20 of each (platform/faults.ts). */
export function shownSummary(summary: FaultSummary<ImportFault, ImportFaultKind>): FaultSummary<ImportFault, ImportFaultKind> {
  return {
    total: summary.total,
    kinds: summary.kinds.map((k) => {
      const shown = k.shown.slice(0, FAULTS_SHOWN_PER_KIND);
      return { ...k, shown, more: k.count - shown.length };
    }),
  };
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "1 value imported from 1 row: 1 new, 0 replaced, 0 unchanged." Never "1 rows". */
export function importedText(r: {
  values: number;
  rows: number;
  created: number;
  replaced: number;
  unchanged: number;
  neighbourGroups?: { areas: number; neighbours: number };
}): string {
  if (r.neighbourGroups) return neighboursText(r.neighbourGroups, r.rows);
  return (
    `${plural(r.values, 'value', 'values')} imported from ${plural(r.rows, 'row', 'rows')}: ` +
    `${r.created.toLocaleString('en-GB')} new, ${r.replaced.toLocaleString('en-GB')} replaced, ${r.unchanged.toLocaleString('en-GB')} unchanged.`
  );
}

/** "Read 120,000 rows (40% of 60 MB)" or "Applied 300,000 of 640,000 values". */
export function progressText(job: ImportJob): string {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  switch (job.state) {
    case 'queued':
      return `Waiting for the import before it to finish (${mb(job.totalBytes)} to read)`;
    case 'reading':
      return `Read ${plural(job.rowsRead, 'row', 'rows')}, ${mb(job.bytesRead)} of ${mb(job.totalBytes)}`;
    case 'applying':
      return `Applied ${job.valuesApplied.toLocaleString('en-GB')} of ${plural(job.valuesWritten, 'value', 'values')}`;
    case 'done':
    case 'refused':
    case 'failed':
      return JOB_STATE_WORDS[job.state];
  }
}

/** The job page's model: the template only lays it out. */
export function jobPageModel(job: ImportJob) {
  const report = job.report;
  const summary = report ? shownSummary(report.faultSummary) : null;
  return {
    job,
    running: isRunning(job),
    percent: jobPercent(job),
    stateTag: { text: JOB_STATE_WORDS[job.state], classes: TAG[job.state] },
    progressText: progressText(job),
    createdAt: formatDateTime(job.createdAt),
    finishedAt: job.finishedAt ? formatDateTime(job.finishedAt) : null,
    importedText: report && report.status === 'imported' ? importedText(report) : null,
    faultTotal: summary ? summary.total.toLocaleString('en-GB') : '0',
    faultsHidden: summary ? summary.kinds.some((k) => k.more > 0) : false,
    kindRows: (summary?.kinds ?? []).map((k) => [
      { text: IMPORT_FAULT_KINDS[k.kind] },
      { text: k.count.toLocaleString('en-GB'), format: 'numeric' },
      { text: k.more > 0 ? `${k.shown.length} shown, and ${k.more.toLocaleString('en-GB')} more of this kind` : 'all shown' },
    ]),
    faultRows: (summary?.kinds.flatMap((k) => k.shown) ?? [])
      .sort(byPlace)
      .map((f) => [{ text: String(f.line), format: 'numeric' }, { text: f.column || '(whole row)' }, faultReasonCell(f)]),
    skippedRows: (report?.skipped ?? []).map((k) => [{ text: k.reason }, { text: k.rows.toLocaleString('en-GB'), format: 'numeric' }]),
  };
}

/** A fault's reason, with a link where a page can put it right (an EES file's mapping). */
function faultReasonCell(f: ImportFault): { text: string } | { html: string } {
  if (!f.href) return { text: f.reason };
  return { html: `${escapeHtml(f.reason)} <a class="govuk-link" href="${escapeHtml(f.href)}">Map the columns</a>` };
}

/** A person's recent imports, as rows of a table on the import page. */
export function recentRows(jobs: readonly ImportJob[]) {
  return jobs.map((job) => [
    { html: `<a class="govuk-link" href="${paths.outcomesImportJob(job.id)}">${escapeHtml(job.fileName)}</a>` },
    { text: formatDateTime(job.createdAt) },
    { html: `<strong class="govuk-tag ${TAG[job.state]}">${JOB_STATE_WORDS[job.state]}</strong>` },
  ]);
}
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The job as the API answers it: state, progress, and the report with its faults bounded. */
export function jobJson(job: ImportJob) {
  const report = job.report;
  const summary = report ? shownSummary(report.faultSummary) : null;
  return {
    id: job.id,
    url: paths.apiOutcomesImportJob(job.id),
    state: job.state,
    file: job.fileName,
    percent: jobPercent(job),
    progress: {
      totalBytes: job.totalBytes,
      bytesRead: job.bytesRead,
      rowsRead: job.rowsRead,
      valuesWritten: job.valuesWritten,
      valuesApplied: job.valuesApplied,
      faults: job.faults,
    },
    failure: job.failure,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    report:
      report && summary
        ? {
            status: report.status,
            importId: report.importId,
            layout: report.layout,
            layoutWords: report.layoutWords,
            rows: report.rows,
            values: report.values,
            created: report.created,
            replaced: report.replaced,
            unchanged: report.unchanged,
            notReplaced: (report.notReplaced ?? []).slice(0, FAULTS_SHOWN_PER_KIND),
            notReplacedTotal: (report.notReplaced ?? []).length,
            skipped: report.skipped ?? [],
            demoValuesRemoved: report.demoValuesRemoved,
            neighbourGroups: report.neighbourGroups,
            faults: summary.kinds.flatMap((k) => k.shown).sort(byPlace),
            faultsTotal: summary.total,
            faultKinds: summary.kinds.map((k) => ({ kind: k.kind, count: k.count, more: k.more })),
          }
        : null,
  };
}

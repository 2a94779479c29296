import type { StagedValue } from './layouts/types.js';
import { periodEnd } from './periods.js';

/**
 * PostgreSQL's COPY text format for a value's row of indicator_value, made where the file is read (ADR 0050): in
 * the worker thread beside a big import, so the job's own thread, which also runs the embedded engine, only joins them.
 */

/** Tab-separated, `\N` for null, backslash escapes (looked for first: most values have none). */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const copyText = (v: string): string =>
  NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
export const copyValue = (v: string | number | null): string => (v === null ? '\\N' : typeof v === 'number' ? String(v) : copyText(v));

/** The columns of indicator_value a value's row gives (COPY_ROW_COLUMNS), then the import's id, which joins them. */
export const STORED_COLUMNS = `indicator_id, area_code, group_code, period_label, period_kind, period_start, period_end,
  value, status, numerator, denominator, revision, ci95_lower, ci95_upper, ci998_lower, ci998_upper, value_note`;
export const COPY_ROW_COLUMNS = `${STORED_COLUMNS}, import_line`;

/** A value read from a file, with its row in COPY text: its columns in COPY_ROW_COLUMNS order, the import's id not yet known. */
export interface ReadValue extends StagedValue {
  copyRow: string;
}

export function withCopyRow(v: StagedValue): ReadValue {
  const copyRow = [
    v.indicatorId,
    v.areaCode,
    v.group,
    v.period.label,
    v.period.kind,
    v.period.start,
    periodEnd(v.period),
    v.value,
    v.status,
    v.numerator,
    v.denominator,
    v.revision ?? null,
    v.ci95Lower ?? null,
    v.ci95Upper ?? null,
    v.ci998Lower ?? null,
    v.ci998Upper ?? null,
    v.valueNote ?? null,
    v.line,
  ]
    .map(copyValue)
    .join('\t');
  return Object.assign(v, { copyRow });
}

/** The COPY text of rows under one import: each row ended by the import's id (the last column), one a line. */
export const copyTextUnder = (rows: readonly string[], importId: string): string => `${rows.join(`\t${importId}\n`)}\t${importId}\n`;

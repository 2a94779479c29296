import type { Frequency, Period } from './types.js';

/**
 * Period labels as published tables write them, turned into one canonical label and a start date
 * that orders them:
 *
 * - `2005-06`, `2005/06`, `2005-2006`, `2005/2006`: a year spanning two calendar years. A
 *   financial year (1 April 2005) unless the indicator is counted by academic year or term, when it
 *   is an academic year (1 September 2005). Canonical label `2005-06`.
 * - `2006`: a calendar year (1 January 2006).
 * - `2006 Q1`, `Q1 2006`, `2006Q1`, `2006-Q1`: a calendar quarter (Q1 is January to March, as ONS
 *   publishes). Canonical label `2006 Q1`.
 */

export type PeriodResult = { ok: true; period: Period } | { ok: false; reason: string };

const SPAN = /^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$/;
const YEAR = /^(\d{4})$/;
const QUARTER_AFTER = /^(\d{4})\s*[- ]?\s*Q([1-4])$/i;
const QUARTER_BEFORE = /^Q([1-4])\s*[- ]?\s*(\d{4})$/i;
const EARLIEST = 1900;
const LATEST = 2100;

const EXPECTED = 'Write a period as 2005-06 (financial or academic year), 2006 (calendar year) or 2006 Q1 (quarter)';

const pad2 = (n: number): string => String(n).padStart(2, '0');

function inRange(year: number): boolean {
  return year >= EARLIEST && year <= LATEST;
}

/** Whether a two-part year label counts academic years (from September) or financial years (from April). */
export function spanKind(frequency: Frequency): 'academic year' | 'financial year' {
  switch (frequency) {
    case 'academic year':
    case 'termly':
      return 'academic year';
    case 'annual':
    case 'financial year':
    case 'quarterly':
      return 'financial year';
  }
}

/** Reads one period label for an indicator of the given frequency. */
export function parsePeriod(text: string, frequency: Frequency): PeriodResult {
  const label = text.trim();
  if (label === '') return { ok: false, reason: `The period is blank. ${EXPECTED}` };
  const span = SPAN.exec(label);
  if (span) {
    const first = Number(span[1]);
    const second = span[2] ?? '';
    const expectedSecond = second.length === 2 ? pad2((first + 1) % 100) : String(first + 1);
    if (!inRange(first)) return { ok: false, reason: `"${label}" is not a year between ${EARLIEST} and ${LATEST}` };
    if (second !== expectedSecond) {
      return {
        ok: false,
        reason: `"${label}" is not a year: the second part should follow the first (${first}-${pad2((first + 1) % 100)})`,
      };
    }
    const kind = spanKind(frequency);
    const start = `${first}-${kind === 'academic year' ? '09' : '04'}-01`;
    return { ok: true, period: { label: `${first}-${pad2((first + 1) % 100)}`, kind, start } };
  }
  const year = YEAR.exec(label);
  if (year) {
    const y = Number(year[1]);
    if (!inRange(y)) return { ok: false, reason: `"${label}" is not a year between ${EARLIEST} and ${LATEST}` };
    return { ok: true, period: { label: String(y), kind: 'calendar year', start: `${y}-01-01` } };
  }
  const after = QUARTER_AFTER.exec(label);
  const before = after ? null : QUARTER_BEFORE.exec(label);
  if (after || before) {
    const y = Number(after ? after[1] : before?.[2]);
    const q = Number(after ? after[2] : before?.[1]);
    if (!inRange(y)) return { ok: false, reason: `"${label}" is not a year between ${EARLIEST} and ${LATEST}` };
    return { ok: true, period: { label: `${y} Q${q}`, kind: 'quarter', start: `${y}-${pad2(3 * (q - 1) + 1)}-01` } };
  }
  return { ok: false, reason: `"${label}" is not a period. ${EXPECTED}` };
}

/** The last day a period covers: its own end, or a quarter or a year after its start less a day. */
export function periodEnd(period: Period): string {
  if (period.end) return period.end;
  const [y = 0, m = 1, d = 1] = period.start.split('-').map(Number);
  const months = period.kind === 'quarter' ? 3 : 12;
  const next = new Date(Date.UTC(y, m - 1 + months, d));
  next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/** Earliest first; periods starting on the same day (a quarter and a calendar year) shortest first. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.kind === b.kind ? 0 : a.kind === 'quarter' ? -1 : 1;
}

/** The one kind of period an indicator of each frequency is published for. */
export function periodKindFor(frequency: Frequency): Period['kind'] {
  switch (frequency) {
    case 'quarterly':
      return 'quarter';
    case 'annual':
      return 'calendar year';
    case 'financial year':
      return 'financial year';
    case 'academic year':
    case 'termly':
      return 'academic year';
  }
}

const EXAMPLE: Readonly<Record<Period['kind'], string>> = {
  quarter: '2010 Q1 (a calendar quarter)',
  'calendar year': '2010 (a calendar year)',
  'financial year': '2010-11 (the financial year from April 2010)',
  'academic year': '2010-11 (the academic year from September 2010)',
};

/** How a label was read, in words, for a fault: "2010/11" is read as a financial or academic year. */
function writtenAs(period: Period): string {
  switch (period.kind) {
    case 'quarter':
      return 'a quarter';
    case 'calendar year':
      return 'a calendar year';
    case 'financial year':
    case 'academic year':
      return 'a year spanning two calendar years (financial or academic)';
  }
}

/**
 * Reads a period label for one indicator and refuses a label of another type: a quarterly
 * indicator takes only quarters, an annual (calendar year) one only years like 2010, a financial
 * or academic year one only spans like 2010-11, read as that year type. Values of two period types
 * never mix in one series or chart.
 */
export function parsePeriodFor(text: string, indicator: { code: string; frequency: Frequency }): PeriodResult {
  const read = parsePeriod(text, indicator.frequency);
  if (!read.ok) return read;
  const wanted = periodKindFor(indicator.frequency);
  if (read.period.kind === wanted) return read;
  return {
    ok: false,
    reason:
      `${indicator.code} is counted by ${wanted === 'quarter' ? 'quarter' : wanted} (${indicator.frequency}), ` +
      `so each period must be written like ${EXAMPLE[wanted]}; "${text.trim()}" is ${writtenAs(read.period)}`,
  };
}

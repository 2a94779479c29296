import type { Revision } from './layouts/types.js';
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
  return period.end ?? dayBefore(period.start, period.kind === 'quarter' ? 3 : 12);
}

/** Days worked out already: an import asks for the same few periods' ends hundreds of thousands of times. */
const dayBeforeKnown = new Map<string, string>();

/** The day before `months` after a 'YYYY-MM-DD' date: the last day of a period starting on it. */
export function dayBefore(start: string, months: number): string {
  const key = `${start}+${months}`;
  const known = dayBeforeKnown.get(key);
  if (known !== undefined) return known;
  const [y = 0, m = 1, d = 1] = start.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1 + months, d));
  next.setUTCDate(next.getUTCDate() - 1);
  const day = next.toISOString().slice(0, 10);
  // Bounded: a file names a few hundred periods; a stream of odd dates cannot grow it without end.
  if (dayBeforeKnown.size >= 10_000) dayBeforeKnown.clear();
  dayBeforeKnown.set(key, day);
  return day;
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
  'rolling years': '2014-16 (three calendar years together)',
  quarter: '2010 Q1 (a calendar quarter)',
  'calendar year': '2010 (a calendar year)',
  'financial year': '2010-11 (the financial year from April 2010)',
  'academic year': '2010-11 (the academic year from September 2010)',
};

/** How a label was read, in words, for a fault: "2010/11" is read as a financial or academic year. */
function writtenAs(period: Period): string {
  switch (period.kind) {
    case 'rolling years':
      return 'several years together';
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

/**
 * Periods as publishers write them (issue 15 item 3), read by the publishers' layouts (LAIT's long
 * file). Our own layouts keep `parsePeriodFor` above.
 *
 * - A revision status may follow the label: `(prov)` provisional, `(Rev)` revised, `(Final)` final,
 *   `(OT)` outturn (the final account of spending, so final); `(0)` or a bare `0` states none.
 * - `2014` on a calendar-year measure is that calendar year. On an academic- or financial-year
 *   measure it is the year ENDING in 2014, as the DfE and LAIT label them (Key Stage 2 results
 *   "2014" are the 2013/14 academic year; looked-after children at 31 March 2014 are 2013-14):
 *   stored as 2013-14 with that year type, never silently as the calendar year 2014.
 * - `2014-15`, `2014/15`: one academic or financial year (the measure's year type); refused on a
 *   calendar-year measure.
 * - `2014-16`: years together, rolling (three here). Calendar years 2014 to 2016 on a calendar-year
 *   measure (label `2014-16`); on an academic- or financial-year measure, by the same convention as
 *   a single year, the years ending in 2014 to 2016 (label `2013-14 to 2015-16`).
 * - `2014/15-16/17`: the academic or financial years 2014-15 to 2016-17 (label `2014-15 to 2016-17`).
 * A rolling period has the kind 'rolling years' and its own end date; a measure counted by quarter
 * takes none of these (LAIT publishes none); a termly one reads them as academic years.
 */
export type PublishedPeriodResult =
  { ok: true; period: Period; revision: Revision | null } | { ok: false; kind: 'bad_period' | 'wrong_period_type'; reason: string };

/** A revision status, later ones replacing earlier ones: provisional, then revised, then final. */
export const REVISION_ORDER: readonly Revision[] = ['provisional', 'revised', 'final'];

const STATUS_SUFFIX: ReadonlyMap<string, Revision | null> = new Map([
  ['prov', 'provisional'],
  ['provisional', 'provisional'],
  ['rev', 'revised'],
  ['revised', 'revised'],
  ['final', 'final'],
  ['ot', 'final'],
  ['0', null],
]);

const SUFFIX = /^(.*?)\s*\(\s*([^()]*?)\s*\)$/;
const BARE_NONE = /^(.*\S)\s+0$/;
const ROLLING_SPANS = /^(\d{4})\s*[-/]\s*(\d{2})\s*-\s*(\d{4}|\d{2})\s*[-/]\s*(\d{2})$/;
const PUBLISHED_EXPECTED =
  'LAIT writes periods as 2014, 2014-15, 2014/15, 2014-16 (rolling) or 2014/15-16/17, optionally followed by (prov), (Rev), (Final), (OT) or 0';

/** The full year a two-digit year after `after` stands for (16 after 2014 is 2016; 01 after 1999 is 2001). */
function yearAfter(after: number, written: string): number {
  if (written.length === 4) return Number(written);
  const century = after - (after % 100);
  const year = century + Number(written);
  return year < after ? year + 100 : year;
}

function spanYear(first: number, kind: 'academic year' | 'financial year'): Period {
  const month = kind === 'academic year' ? '09' : '04';
  return { label: `${first}-${pad2((first + 1) % 100)}`, kind, start: `${first}-${month}-01`, end: dayBefore(`${first}-${month}-01`, 12) };
}

function rolling(first: number, last: number, kind: 'academic year' | 'financial year' | 'calendar year'): Period {
  const years = last - first + 1;
  if (kind === 'calendar year')
    return { label: `${first}-${pad2(last % 100)}`, kind: 'rolling years', start: `${first}-01-01`, end: `${last}-12-31` };
  const from = spanYear(first, kind);
  const to = spanYear(last, kind);
  return { label: `${from.label} to ${to.label}`, kind: 'rolling years', start: from.start, end: dayBefore(from.start, 12 * years) };
}

/** Labels read already, by measure and year type: a LAIT file names the same few dozen labels 640,000 times. */
const publishedKnown = new Map<string, PublishedPeriodResult>();

/** Reads a published period label (with its revision status) for a measure of the given year type. */
export function parsePublishedPeriod(text: string, indicator: { code: string; frequency: Frequency }): PublishedPeriodResult {
  const key = `${indicator.frequency}\u0000${indicator.code}\u0000${text}`;
  const known = publishedKnown.get(key);
  if (known !== undefined) return known;
  const result = readPublishedPeriod(text, indicator);
  // Bounded, as dayBefore's: a file of odd labels cannot grow it without end. The results are never changed by their readers.
  if (publishedKnown.size >= 10_000) publishedKnown.clear();
  publishedKnown.set(key, result);
  return result;
}

function readPublishedPeriod(text: string, indicator: { code: string; frequency: Frequency }): PublishedPeriodResult {
  const written = text.trim();
  const bad = (reason: string): PublishedPeriodResult => ({ ok: false, kind: 'bad_period', reason: `${reason}. ${PUBLISHED_EXPECTED}` });
  let body = written;
  let revision: Revision | null = null;
  const suffix = SUFFIX.exec(written);
  const bare = suffix ? null : BARE_NONE.exec(written);
  if (suffix) {
    const status = STATUS_SUFFIX.get((suffix[2] ?? '').toLowerCase());
    if (status === undefined) return bad(`"(${suffix[2] ?? ''})" after the period is not a revision status`);
    revision = status;
    body = suffix[1] ?? '';
  } else if (bare) body = bare[1] ?? '';
  if (body === '') return bad(written === '' ? 'The period is blank' : `"${written}" has no period`);
  const yearType = periodKindFor(indicator.frequency);
  if (yearType === 'quarter') {
    return { ok: false, kind: 'wrong_period_type', reason: `${indicator.code} is counted by quarter, and LAIT publishes no quarters` };
  }
  const span = yearType === 'academic year' || yearType === 'financial year' ? yearType : null;
  const ok = (period: Period): PublishedPeriodResult =>
    inRange(Number(period.start.slice(0, 4))) && inRange(Number((period.end ?? period.start).slice(0, 4)))
      ? { ok: true, period, revision }
      : bad(`"${body}" is not within ${EARLIEST} to ${LATEST}`);
  const calendarOnly = (what: string): PublishedPeriodResult => ({
    ok: false,
    kind: 'wrong_period_type',
    reason: `${indicator.code} is counted by calendar year, so "${body}" (${what}) is not one of its periods: write 2014, or 2014-16 for years together`,
  });
  if (YEAR.test(body)) {
    const y = Number(body);
    if (!span) return ok({ label: String(y), kind: 'calendar year', start: `${y}-01-01`, end: `${y}-12-31` });
    return ok(spanYear(y - 1, span));
  }
  const pair = SPAN.exec(body);
  if (pair) {
    const first = Number(pair[1]);
    const last = yearAfter(first, pair[2] ?? '');
    if (last === first + 1) return span ? ok(spanYear(first, span)) : calendarOnly('an academic or financial year');
    if (last <= first || last - first > 9) return bad(`"${body}" is not a year or a run of up to ten years`);
    return span ? ok(rolling(first - 1, last - 1, span)) : ok(rolling(first, last, 'calendar year'));
  }
  const spans = ROLLING_SPANS.exec(body);
  if (spans) {
    const first = Number(spans[1]);
    const last = yearAfter(first, spans[3] ?? '');
    const follows = (start: number, end: string | undefined) => end === pad2((start + 1) % 100);
    if (!follows(first, spans[2]) || !follows(last, spans[4]) || last <= first || last - first > 9)
      return bad(`"${body}" is not a run of academic or financial years (like 2014/15-16/17)`);
    return span ? ok(rolling(first, last, span)) : calendarOnly('academic or financial years');
  }
  return bad(`"${body}" is not a period`);
}

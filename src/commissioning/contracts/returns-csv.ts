import { CsvError, parse } from 'csv-parse/sync';
import { csvLine } from '../../platform/csv.js';
import { summariseFaults, shownFaults, type FaultSummary } from '../../platform/faults.js';
import { checkReturn, type CheckedReturn } from './checks.js';
import { PERIOD_EXAMPLE, periodsBetween, type Monitoring } from './periods.js';
import type { Target } from './types.js';

/**
 * A file of monitoring returns (docs/contract-returns-csv.md; ADR 0030): one row per period, the columns
 * `period`, `spend`, one column per target (the indicator's code for an outcome target, what is counted for
 * an activity target) and, if wanted, `notes`. Column names are matched ignoring case and spaces. Every row
 * is checked with the page's rules; each fault is reported with its line, its column and the rule broken
 * (bounded by platform/faults.ts). All or nothing: one fault and nothing is saved, so nothing saved before
 * is lost to a bad file.
 */

export interface ReturnsFault {
  line: number;
  column: string;
  rule: string;
  message: string;
}

export interface ReturnsFileReport {
  status: 'imported' | 'rejected';
  /** Rows of returns read (the header aside). */
  rows: number;
  saved: number;
  /** Of those saved, how many replaced a return for a period already returned. */
  replaced: number;
  /** The faults shown (at most 20 of each kind). */
  faults: ReturnsFault[];
  faultSummary: FaultSummary<ReturnsFault>;
}

/** Larger than a contract's returns can ever be (ten years of months is 120 rows). */
const MAX_ROWS = 500;
const MAX_CHARS = 1_000_000;
const key = (name: string) => name.toLowerCase().replace(/\s+/g, '');

interface Contract {
  monitoring: Monitoring;
  startsOn: string;
  endsOn: string;
}

function report(faults: ReturnsFault[], rows: number): ReturnsFileReport {
  const faultSummary = summariseFaults(faults, (f) => f.rule);
  return {
    status: faults.length > 0 ? 'rejected' : 'imported',
    rows,
    saved: 0,
    replaced: 0,
    faults: shownFaults(faultSummary),
    faultSummary,
  };
}

export function readReturnsFile(
  text: string,
  contract: Contract,
  targets: readonly Target[],
  today: string,
): { report: ReturnsFileReport; rows: { checked: CheckedReturn; notes: string }[] } {
  const faults: ReturnsFault[] = [];
  const none = (f: ReturnsFault) => ({ report: report([f], 0), rows: [] });
  if (text.trim() === '')
    return none({ line: 1, column: '', rule: 'empty', message: 'The file is empty: it needs a header line and a row for each period' });
  if (text.length > MAX_CHARS)
    return none({
      line: 1,
      column: '',
      rule: 'too_large',
      message: `The file is too large for one contract’s returns (at most ${MAX_ROWS} rows)`,
    });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    return none({
      line,
      column: '',
      rule: 'csv_format',
      message: `Line ${line} cannot be read as CSV: ${error.message.replace(/^Invalid [^:]*: /, '')}`,
    });
  }
  const [header, ...body] = records;
  if (!header)
    return none({ line: 1, column: '', rule: 'empty', message: 'The file is empty: it needs a header line and a row for each period' });
  if (body.length > MAX_ROWS)
    return none({ line: 1, column: '', rule: 'too_large', message: `The file has ${body.length} rows: at most ${MAX_ROWS}` });

  // The header: each column known and given once; period, spend and every target's column present.
  const wanted = new Map<string, string>([
    ['period', 'period'],
    ['spend', 'spend'],
    ['notes', 'notes'],
    ...targets.map((t): [string, string] => [key(t.column), t.column]),
  ]);
  const at = new Map<string, number>();
  header.record.forEach((name, i) => {
    const k = key(name);
    if (!wanted.has(k))
      faults.push({
        line: 1,
        column: name,
        rule: 'unknown_column',
        message: `Column “${name}” is not one of the contract’s: period, spend, ${targets.map((t) => t.column).join(', ')}${targets.length ? ', ' : ''}notes`,
      });
    else if (at.has(k)) faults.push({ line: 1, column: name, rule: 'repeated_column', message: `Column “${name}” is given twice` });
    else at.set(k, i);
  });
  for (const [k, name] of wanted) {
    if (k !== 'notes' && !at.has(k))
      faults.push({ line: 1, column: name, rule: 'missing_column', message: `The file has no “${name}” column` });
  }
  if (faults.length > 0) return { report: report(faults, body.length), rows: [] };
  if (body.length === 0)
    return none({
      line: 2,
      column: '',
      rule: 'no_rows',
      message: `The file has a header but no returns: add a row for each period, like ${PERIOD_EXAMPLE[contract.monitoring]}`,
    });

  const cell = (row: string[], k: string) => {
    const i = at.get(k);
    return i === undefined ? undefined : (row[i] ?? '');
  };
  const rows: { checked: CheckedReturn; notes: string }[] = [];
  const periodLine = new Map<string, number>();
  const fields = { period: 'period', spend: 'spend', value: (t: Target) => t.column };
  for (const { record, info } of body) {
    const line = info.lines;
    const { errors, checked } = checkReturn(
      contract,
      targets,
      { period: cell(record, 'period'), spend: cell(record, 'spend'), value: (t) => cell(record, key(t.column)) },
      today,
      fields,
    );
    for (const e of errors) faults.push({ line, column: e.field, rule: e.rule, message: `Line ${line}, ${e.field}: ${e.message}` });
    const notes = cell(record, 'notes') ?? '';
    if (notes.length > 2000)
      faults.push({ line, column: 'notes', rule: 'max_length', message: `Line ${line}, notes: Notes must be 2000 characters or fewer` });
    if (!checked) continue;
    const first = periodLine.get(checked.period.start);
    if (first !== undefined) {
      faults.push({
        line,
        column: 'period',
        rule: 'repeated_period',
        message: `Line ${line}, period: ${checked.period.code} is also on line ${first}: give each period once`,
      });
      continue;
    }
    periodLine.set(checked.period.start, line);
    rows.push({ checked, notes });
  }
  return { report: report(faults, body.length), rows: faults.length > 0 ? [] : rows };
}

/** The header and a row for each period from the start of the term to today (or its end), to fill in. */
export function returnsTemplate(contract: Contract, targets: readonly Target[], today: string): string {
  const header = ['period', 'spend', ...targets.map((t) => t.column), 'notes'];
  const last = contract.endsOn < today ? contract.endsOn : today;
  const lines = [
    csvLine(header),
    ...periodsBetween(contract.monitoring, contract.startsOn, last).map((p) => csvLine([p.code, ...header.slice(1).map(() => '')])),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

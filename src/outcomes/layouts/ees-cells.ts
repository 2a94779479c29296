import { parseCell } from '../markers.js';
import type { Period, ValueStatus } from '../types.js';

/**
 * The cells of an Explore Education Statistics (EES) tidy file that need EES's own reading: its
 * periods (`time_period` with `time_identifier`) and its symbols for values not given. The symbols
 * are those of EES's guidance for publishers ("Symbols to use in tidy data"), following the GSS
 * guidance on symbols in tables; each keeps a note of what the publisher meant:
 *
 * | Symbol | EES meaning                                    | Stored as      |
 * | ------ | ---------------------------------------------- | -------------- |
 * | `c`    | confidential: withheld to protect individuals  | suppressed     |
 * | `low`  | rounds to 0 but is not 0                       | suppressed     |
 * | `u`    | low reliability: withheld as not reliable       | suppressed     |
 * | `x`    | not available (not collected, or not yet)      | missing        |
 * | `z`    | not applicable                                 | not applicable |
 * | `:`    | not available (older files)                    | missing        |
 * | `~`    | rounds to 0 but is not 0 (older files)         | suppressed     |
 * | blank  | no value given                                 | missing        |
 *
 * `low` is never stored as 0 (it is not 0) and, since the publisher withholds its figure, it counts
 * as withheld, not as missing. EES uses `u` alone in a cell where a figure was judged too unreliable
 * to publish, so nothing is kept but the note; a value is never invented for it (docs/adr/0021).
 */

export type EesCell =
  | { ok: true; status: 'value'; value: string; note: null }
  | { ok: true; status: Exclude<ValueStatus, 'value'>; value: null; note: string }
  | { ok: false; reason: string };

const SYMBOLS: ReadonlyMap<string, { status: Exclude<ValueStatus, 'value'>; note: string }> = new Map([
  ['c', { status: 'suppressed', note: 'c: confidential, withheld by the publisher' }],
  ['low', { status: 'suppressed', note: 'low: rounds to 0 but is not 0' }],
  ['u', { status: 'suppressed', note: 'u: low reliability, withheld by the publisher' }],
  ['x', { status: 'missing', note: 'x: not available' }],
  ['z', { status: 'not applicable', note: 'z: not applicable' }],
  [':', { status: 'missing', note: ':: not available' }],
  ['~', { status: 'suppressed', note: '~: rounds to 0 but is not 0' }],
  ['', { status: 'missing', note: 'not given' }],
]);

export const EES_SYMBOLS = 'c, low, u, x, z (and the older : and ~) or a blank cell';

// EES writes plain numbers; some files carry E-notation for very small proportions.
const E_NOTATION = /^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$/;

/** Reads a measure cell: a number (kept as written), or the status and note an EES symbol stands for. */
export function readEesCell(text: string): EesCell {
  const trimmed = text.trim();
  const symbol = SYMBOLS.get(trimmed.toLowerCase());
  if (symbol) return { ok: true, status: symbol.status, value: null, note: symbol.note };
  if (E_NOTATION.test(trimmed) && Number.isFinite(Number(trimmed)))
    return { ok: true, status: 'value', value: String(Number(trimmed)), note: null };
  const cell = parseCell(trimmed);
  if (cell.ok && cell.status === 'value') return { ok: true, status: 'value', value: trimmed.replace(/,/g, ''), note: null };
  return { ok: false, reason: `"${trimmed}" is not a number or an EES symbol (${EES_SYMBOLS})` };
}

/** The `time_identifier` values the import reads, and the kind of period each gives. */
const TIME_IDENTIFIERS: ReadonlyMap<string, Period['kind']> = new Map([
  ['calendar year', 'calendar year'],
  ['academic year', 'academic year'],
  ['financial year', 'financial year'],
  ['calendar year q1', 'quarter'],
  ['calendar year q2', 'quarter'],
  ['calendar year q3', 'quarter'],
  ['calendar year q4', 'quarter'],
]);

export const EES_TIME_IDENTIFIERS = 'Calendar year, Academic year, Financial year, Calendar year Q1 to Q4';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export type EesPeriod = { ok: true; period: Period } | { ok: false; kind: 'bad_period' | 'unsupported_time'; reason: string };

/**
 * A period from `time_period` and `time_identifier`: 2023 with Calendar year; 202223 with Academic
 * or Financial year (the year starting in 2022); 2023 with Calendar year Q1. Any other identifier EES
 * uses (terms, months, weeks, tax or reporting years, financial-year quarters) is refused by name.
 */
export function readEesPeriod(timePeriod: string, timeIdentifier: string): EesPeriod {
  const identifier = timeIdentifier.trim();
  const kind = TIME_IDENTIFIERS.get(identifier.toLowerCase().replace(/\s+/g, ' '));
  if (!kind)
    return {
      ok: false,
      kind: 'unsupported_time',
      reason: `The time_identifier "${identifier}" is not one the import reads: it reads ${EES_TIME_IDENTIFIERS}`,
    };
  const text = timePeriod.trim();
  if (kind === 'academic year' || kind === 'financial year') {
    const m = /^(\d{4})(\d{2})$/.exec(text);
    const first = Number(m?.[1]);
    if (!m || Number(m[2]) !== (first + 1) % 100)
      return {
        ok: false,
        kind: 'bad_period',
        reason: `An ${identifier} time_period is written like 202223 (the year from 2022 to 2023); "${text}" is not`,
      };
    const start = `${first}-${kind === 'academic year' ? '09' : '04'}-01`;
    return { ok: true, period: { label: `${first}-${pad2((first + 1) % 100)}`, kind, start } };
  }
  if (!/^\d{4}$/.test(text))
    return { ok: false, kind: 'bad_period', reason: `A ${identifier} time_period is written like 2023; "${text}" is not` };
  const year = Number(text);
  if (kind === 'quarter') {
    const q = Number(identifier.slice(-1));
    return { ok: true, period: { label: `${year} Q${q}`, kind, start: `${year}-${pad2(3 * (q - 1) + 1)}-01` } };
  }
  return { ok: true, period: { label: text, kind, start: `${year}-01-01` } };
}

import type { ValueStatus } from './types.js';

/**
 * A cell of a published table: a number, or a marker saying why there is none. A marker is never
 * read as zero (domain brief §7: missing values shown as missing, never as zero; 004 Table 8.1
 * writes "missing").
 *
 * | Marker (any case, with or without [brackets]) | Status         | Meaning in published tables       |
 * | --------------------------------------------- | -------------- | --------------------------------- |
 * | blank, `..`, `missing`, `:`                   | missing        | not available, not collected      |
 * | `x`, `c`                                      | suppressed     | withheld to protect confidentiality (small numbers) |
 * | `-`, `n/a`, `na`, `z`                         | not applicable | the measure does not apply        |
 */

export type CellResult =
  | { ok: true; status: 'value'; value: number }
  | { ok: true; status: Exclude<ValueStatus, 'value'>; value: null }
  | { ok: false; reason: string };

/** The markers of a layout: each written marker (lower case, without brackets) to the status it stands for. */
export type Markers = ReadonlyMap<string, Exclude<ValueStatus, 'value'>>;

/** Our own layouts' markers (the table above). */
export const OUR_MARKERS: Markers = new Map([
  ['', 'missing'],
  ['..', 'missing'],
  ['missing', 'missing'],
  [':', 'missing'],
  ['x', 'suppressed'],
  ['c', 'suppressed'],
  ['-', 'not applicable'],
  ['n/a', 'not applicable'],
  ['na', 'not applicable'],
  ['z', 'not applicable'],
]);

/**
 * LAIT's markers: in LAIT a `-` is "not available" (missing), never "not applicable", so markers are
 * per layout. Blank and `..` are missing too; `x` and `c` suppressed.
 */
export const LAIT_MARKERS: Markers = new Map([
  ['', 'missing'],
  ['-', 'missing'],
  ['..', 'missing'],
  ['x', 'suppressed'],
  ['c', 'suppressed'],
]);
export const LAIT_MARKER_LIST = '"-" (not available), "..", "x", "c" or a blank cell';

/** The markers a file may use, for messages and documentation. */
export const MARKER_LIST = '"missing", "..", ":", "x", "c", "-", "n/a" or a blank cell';

// Plain decimals, optionally with thousands separators (1,234.5): the forms published tables use.
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/;
// As some publishers write small or large numbers (LAIT: 4.798E-2): no thousands separators.
const SCIENTIFIC = /^[-+]?(\d+(\.\d*)?|\.\d+)[eE][-+]?\d{1,3}$/;

/** How a layout reads cells: its markers, whether numbers may be in E-notation, and the marker list for messages. */
export interface CellReading {
  markers: Markers;
  scientific: boolean;
  markerList: string;
}
const OURS: CellReading = { markers: OUR_MARKERS, scientific: false, markerList: MARKER_LIST };
export const LAIT_CELLS: CellReading = { markers: LAIT_MARKERS, scientific: true, markerList: LAIT_MARKER_LIST };

/** Reads one cell: a number, or the status a marker stands for (our layouts' markers unless told). */
export function parseCell(text: string, reading: CellReading = OURS): CellResult {
  const trimmed = text.trim();
  const bare = /^\[.*\]$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
  const status = reading.markers.get(bare.toLowerCase());
  if (status) return { ok: true, status, value: null };
  if (NUMBER.test(trimmed) || (reading.scientific && SCIENTIFIC.test(trimmed))) {
    const value = Number(trimmed.replace(/,/g, ''));
    if (Number.isFinite(value)) return { ok: true, status: 'value', value };
  }
  return { ok: false, reason: `"${trimmed}" is not a number or a missing-value marker (${reading.markerList})` };
}

/** A numerator or denominator: a non-negative number, or blank for none. */
export function parseCount(
  text: string,
  what: 'numerator' | 'denominator',
): { ok: true; value: number | null } | { ok: false; reason: string } {
  const trimmed = text.trim();
  const cell = parseCell(trimmed);
  if (cell.ok && cell.status !== 'value') return { ok: true, value: null };
  if (!cell.ok || cell.value < 0 || (what === 'denominator' && cell.value === 0)) {
    return {
      ok: false,
      reason: `The ${what} "${trimmed}" must be a number ${what === 'denominator' ? 'above zero' : 'of zero or more'}, or blank`,
    };
  }
  return { ok: true, value: cell.value };
}

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

const MARKERS: ReadonlyMap<string, Exclude<ValueStatus, 'value'>> = new Map([
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

/** The markers a file may use, for messages and documentation. */
export const MARKER_LIST = '"missing", "..", ":", "x", "c", "-", "n/a" or a blank cell';

// Plain decimals, optionally with thousands separators (1,234.5): the forms published tables use.
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/;

/** Reads one cell: a number, or the status a marker stands for. */
export function parseCell(text: string): CellResult {
  const trimmed = text.trim();
  const bare = /^\[.*\]$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
  const status = MARKERS.get(bare.toLowerCase());
  if (status) return { ok: true, status, value: null };
  if (NUMBER.test(trimmed)) {
    const value = Number(trimmed.replace(/,/g, ''));
    if (Number.isFinite(value)) return { ok: true, status: 'value', value };
  }
  return { ok: false, reason: `"${trimmed}" is not a number or a missing-value marker (${MARKER_LIST})` };
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

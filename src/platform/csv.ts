/**
 * The one writer of CSV cells: every CSV the product writes (chart data, import errors files, the
 * synthetic and demo files) goes through csvCell, so none can carry a formula into a spreadsheet.
 *
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula, so such a cell is prefixed with a single quote `'`,
 * which the spreadsheet shows as text. `=HYPERLINK("http://x","y")` is written `'=HYPERLINK(...)`.
 *
 * Our choice on numbers: OWASP would escape every leading `-` and `+`, but a chart's data CSV holds
 * genuine values like `-3.5` (a gap below England) that must open as numbers to be of any use. So a
 * cell that is a plain number (optional sign, digits, optional decimal part, nothing else) is left
 * as it is: a spreadsheet reads it as a number and it cannot hold a formula. Anything else starting
 * with a sign, like `-2+3+cmd|' /C calc'!A0`, is escaped.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** True when a spreadsheet would read the text as a formula (and it is not a plain number). */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** One cell: defused if it looks like a formula, then quoted per RFC 4180 where it must be. null is empty. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = isFormulaLike(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, without its line ending (callers choose `\n` or `\r\n`). */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

import { spanKind } from '../periods.js';
import type { Frequency, Period } from '../types.js';

/**
 * Fingertips' time periods (OHID public health profiles), as its exports write them:
 *
 * - `2022`: a calendar year;
 * - `2022/23`: a financial or academic year, by the indicator's year type (periods.ts spanKind);
 * - `2020 - 22`: three calendar years together (a rolling period), label `2020-22`;
 * - `2019/20 - 21/22`: three financial or academic years together, label `2019-20 to 2021-22`.
 *
 * A rolling period has the kind `rolling years` and its own end, as LAIT's do (periods.ts).
 *
 * Quarters and months (`2022/23 Q1`, `Jan 2023`) are refused by name.
 */

export type FingertipsPeriod = { ok: true; period: Period } | { ok: false; reason: string };

const pad2 = (n: number): string => String(n).padStart(2, '0');
const EXPECTED = 'Fingertips periods are read as 2022, 2022/23, 2020 - 22 or 2019/20 - 21/22';

/** The year 20YY that ends a rolling period starting in `first`: the first year at or after it ending in YY. */
function endYear(first: number, yy: number): number {
  const century = first - (first % 100);
  const end = century + yy;
  return end >= first ? end : end + 100;
}

const lastDay = (year: number, month: number): string => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

export function readFingertipsPeriod(text: string, frequency: Frequency): FingertipsPeriod {
  const label = text.trim();
  let m = /^(\d{4})$/.exec(label);
  if (m) return { ok: true, period: { label, kind: 'calendar year', start: `${label}-01-01` } };
  m = /^(\d{4})\/(\d{2})$/.exec(label);
  if (m) {
    const first = Number(m[1]);
    if (Number(m[2]) !== (first + 1) % 100)
      return { ok: false, reason: `"${label}" is not a year: ${first}/${pad2((first + 1) % 100)} follows ${first}` };
    const kind = spanKind(frequency);
    return {
      ok: true,
      period: { label: `${first}-${pad2((first + 1) % 100)}`, kind, start: `${first}-${kind === 'academic year' ? '09' : '04'}-01` },
    };
  }
  m = /^(\d{4})\s*-\s*(\d{2})$/.exec(label);
  if (m) {
    const first = Number(m[1]);
    const last = endYear(first, Number(m[2]));
    if (last - first < 1 || last - first > 9) return { ok: false, reason: `"${label}" is not a period of 2 to 10 years. ${EXPECTED}` };
    return {
      ok: true,
      period: { label: `${first}-${pad2(last % 100)}`, kind: 'rolling years', start: `${first}-01-01`, end: `${last}-12-31` },
    };
  }
  m = /^(\d{4})\/(\d{2})\s*-\s*(\d{2})\/(\d{2})$/.exec(label);
  if (m) {
    const first = Number(m[1]);
    const lastStart = endYear(first, Number(m[3]));
    if (Number(m[2]) !== (first + 1) % 100 || Number(m[4]) !== (lastStart + 1) % 100 || lastStart - first < 1 || lastStart - first > 9)
      return { ok: false, reason: `"${label}" is not a run of years. ${EXPECTED}` };
    const academic = spanKind(frequency) === 'academic year';
    const startMonth = academic ? 9 : 4;
    return {
      ok: true,
      period: {
        label: `${first}-${pad2((first + 1) % 100)} to ${lastStart}-${pad2((lastStart + 1) % 100)}`,
        kind: 'rolling years',
        start: `${first}-${pad2(startMonth)}-01`,
        end: lastDay(lastStart + 1, startMonth - 1),
      },
    };
  }
  return { ok: false, reason: `"${label}" is not a period the import reads. ${EXPECTED}` };
}

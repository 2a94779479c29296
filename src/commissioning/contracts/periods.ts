import { formatMonth } from '../../platform/dates.js';

/**
 * A contract's monitoring periods (ADR 0030): quarters of the financial year (Q1 is April to June, Q4
 * January to March; 000 §2.48, financial years from 1 April) or calendar months, as the contract says.
 * A period is known by its first day; it is written "2025-26 Q1" or "2025-04" (a month), and either form,
 * or the period's first day, is read back.
 */

export type Monitoring = 'quarterly' | 'monthly';

export interface Period {
  /** The first day, YYYY-MM-DD. */
  start: string;
  /** The last day, YYYY-MM-DD. */
  end: string;
  /** As written in files and forms: "2025-26 Q1" or "2025-04". */
  code: string;
  /** As a person reads it: "2025-26 Q1 (April to June 2025)" or "April 2025". */
  words: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function monthPeriod(year: number, month: number): Period {
  const code = `${year}-${pad(month)}`;
  return { start: `${code}-01`, end: `${code}-${pad(lastDay(year, month))}`, code, words: formatMonth(code) };
}

/** Quarter 1-4 of the financial year starting in April of `fy`. */
function quarterPeriod(fy: number, quarter: number): Period {
  const firstMonth = ((quarter - 1) * 3 + 3) % 12; // 0-based: Q1 April (3), Q4 January (0)
  const year = quarter === 4 ? fy + 1 : fy;
  const lastMonth = firstMonth + 2;
  const code = `${fy}-${pad((fy + 1) % 100)} Q${quarter}`;
  return {
    start: `${year}-${pad(firstMonth + 1)}-01`,
    end: `${year}-${pad(lastMonth + 1)}-${pad(lastDay(year, lastMonth + 1))}`,
    code,
    words: `${code} (${MONTHS[firstMonth]} to ${MONTHS[lastMonth]} ${year})`,
  };
}

/** The period of this kind that a day falls in. */
export function periodOf(monitoring: Monitoring, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (monitoring === 'monthly') return monthPeriod(year, month);
  const fy = month >= 4 ? year : year - 1;
  const quarter = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  return quarterPeriod(fy, quarter);
}

/** The period a text names ("2025-26 Q1", "Q1 2025-26", "2025-04", or a first day), or undefined when it names none of this kind. */
export function readPeriod(monitoring: Monitoring, text: string): Period | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) {
    const found = Number(day[2]) >= 1 && Number(day[2]) <= 12 ? periodOf(monitoring, t) : undefined;
    return found?.start === t ? found : undefined;
  }
  if (monitoring === 'monthly') {
    const m = /^(\d{4})-(\d{1,2})$/.exec(t);
    const month = Number(m?.[2]);
    return m && month >= 1 && month <= 12 ? monthPeriod(Number(m[1]), month) : undefined;
  }
  const q = /^(\d{4})[-/](\d{2}) ?Q([1-4])$/i.exec(t) ?? /^Q([1-4]) (\d{4})[-/](\d{2})$/i.exec(t);
  if (!q) return undefined;
  const [fyText, nextText, quarterText] = /^Q/i.test(t) ? [q[2], q[3], q[1]] : [q[1], q[2], q[3]];
  const fy = Number(fyText);
  if (Number(nextText) !== (fy + 1) % 100) return undefined;
  return quarterPeriod(fy, Number(quarterText));
}

/** Every period from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(monitoring: Monitoring, from: string, to: string): Period[] {
  const periods: Period[] = [];
  if (to < from) return periods;
  let p = periodOf(monitoring, from);
  while (p.start <= to) {
    periods.push(p);
    const next = new Date(`${p.end}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    p = periodOf(monitoring, next.toISOString().slice(0, 10));
  }
  return periods;
}

/** How the form and the file write this kind of period, for hints and errors. */
export const PERIOD_EXAMPLE: Record<Monitoring, string> = { quarterly: '2025-26 Q1', monthly: '2025-04' };

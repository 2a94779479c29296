import { financialYearBounds, financialYearOf } from '../../platform/money.js';

/**
 * A contract's money spread over the financial years of its term (ADR 0032 as amended by ADR 0038), in whole
 * pence and exact:
 *
 * - each financial year (1 April to 31 March) gets the share of the amount its days of the term are of all the
 *   term's days (both ends counted, a leap day a day like any other);
 * - each share is first rounded down to the penny; the pence left over (fewer than the number of years) go one
 *   each to the years with the largest remainders, the earlier year first on a tie ("largest remainder");
 * - so the shares always add up to the amount, and no year is off its exact share by a penny or more.
 *
 * The arithmetic is in BigInt: an amount of pence times a count of days can pass 2^53.
 */

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

export interface YearShare {
  financialYear: number;
  pence: number;
}

export function spreadOverFinancialYears(pence: number, from: string, to: string): YearShare[] {
  if (to < from || pence === 0) return pence === 0 ? [] : [{ financialYear: financialYearOf(from), pence }];
  const first = financialYearOf(from);
  const last = financialYearOf(to);
  const total = BigInt(dayNumber(to) - dayNumber(from) + 1);
  const amount = BigInt(pence);
  const years: { financialYear: number; share: bigint; remainder: bigint }[] = [];
  for (let year = first; year <= last; year += 1) {
    const bounds = financialYearBounds(year);
    const start = bounds.from > from ? bounds.from : from;
    const end = bounds.to < to ? bounds.to : to;
    const days = BigInt(dayNumber(end) - dayNumber(start) + 1);
    years.push({ financialYear: year, share: (amount * days) / total, remainder: (amount * days) % total });
  }
  let left = amount - years.reduce((sum, y) => sum + y.share, 0n);
  const byRemainder = [...years].sort((a, b) => (a.remainder === b.remainder ? a.financialYear - b.financialYear : a.remainder > b.remainder ? -1 : 1));
  for (const y of byRemainder) {
    if (left <= 0n) break;
    y.share += 1n;
    left -= 1n;
  }
  return years.map((y) => ({ financialYear: y.financialYear, pence: Number(y.share) }));
}

import { csvLine } from '../../platform/csv.js';
import { financialYearLabel, formatMoney } from '../../platform/money.js';
import type { ContributionKind, EntryKind, FundKind } from '../types.js';

/**
 * A fund's statement (issue 17 items 4, 5 and 9; ADR 0028): for each financial year and in total, what was
 * contributed in money (and in kind), what is committed and not yet paid, what was spent, and what remains,
 * for the fund and for each partner. Whole pence throughout; every total is the sum of its lines, and the
 * partners' lines add up to the fund's to the penny.
 *
 * Kind-agnostic: `buildStatement` is a pure function of the rows, for a pooled fund or aligned budgets.
 * - Aligned budgets: each entry names whose budget it comes from, so a partner's committed and spent are its own.
 * - A pooled fund: the money has no owner once pooled (000 §2.49), so a partner's committed and spent are its
 *   share in proportion to the money it put in over the fund's life, shared out by largest remainder so the
 *   shares add up exactly.
 */

export interface StatementContribution {
  organisationId: string;
  organisationName: string;
  financialYear: number;
  kind: ContributionKind;
  /** Whole pence; null for a contribution in kind left unvalued; negative (or null) in a reversal. */
  amountPence: number | null;
  /** A reversal of another contribution (ADR 0033): an unvalued one then takes one off the count. */
  reverses?: boolean;
}

export interface StatementEntry {
  id: string;
  kind: EntryKind;
  amountPence: number;
  financialYear: number;
  serviceId: string;
  serviceName: string;
  /** Whose budget (aligned budgets); null in a pooled fund. */
  organisationId: string | null;
  /** A spend that pays (part of) this earlier commitment. */
  settlesEntryId: string | null;
  /** A reversal (negative amount) of this entry (ADR 0033): a commitment's reversal releases what it awaited. */
  reversesEntryId?: string | null;
}

export interface StatementInput {
  fund: { id: string; name: string; kind: FundKind };
  contributions: readonly StatementContribution[];
  entries: readonly StatementEntry[];
  /** The years to show even when nothing happened in them (the agreement's term); others with rows are added. */
  years?: readonly number[];
}

/** One year's line (or the total's, `year` null). */
export interface StatementLine {
  year: number | null;
  /** "2025-26", or "Total". */
  label: string;
  /** Money put in. */
  contributedPence: number;
  /** Contributions in kind, at the value given (not money the fund can spend). */
  inKindValuedPence: number;
  /** Contributions in kind with no value given. */
  inKindUnvalued: number;
  /** Commitments booked in the year and not yet paid. */
  committedPence: number;
  /** Spent in the year. */
  spentPence: number;
  /** contributed - committed - spent. */
  remainingPence: number;
  /** The remaining of this year and all before it: the balance carried forward. */
  balancePence: number;
}

export interface PartnerStatement {
  organisationId: string;
  organisationName: string;
  /** own: entries name the partner (aligned); share: its share of the pool by money put in (pooled). */
  basis: 'own' | 'share';
  lines: StatementLine[];
  total: StatementLine;
}

export interface ServiceSpend {
  serviceId: string;
  serviceName: string;
  committedPence: number;
  spentPence: number;
}

export interface FundStatement {
  fundId: string;
  fundName: string;
  kind: FundKind;
  lines: StatementLine[];
  total: StatementLine;
  partners: PartnerStatement[];
  byService: ServiceSpend[];
  /** Committed and spent that no partner's line holds (a pool with no money put in yet, or an aligned entry naming none). */
  unattributed: { committedPence: number; spentPence: number };
}

interface Sums {
  contributed: number;
  inKindValued: number;
  inKindUnvalued: number;
  committed: number;
  spent: number;
}

const zero = (): Sums => ({ contributed: 0, inKindValued: 0, inKindUnvalued: 0, committed: 0, spent: 0 });

function linesOf(byYear: Map<number, Sums>, years: readonly number[]): { lines: StatementLine[]; total: StatementLine } {
  let balance = 0;
  const lines = years.map((year) => {
    const s = byYear.get(year) ?? zero();
    const remaining = s.contributed - s.committed - s.spent;
    balance += remaining;
    return line(year, financialYearLabel(year), s, balance);
  });
  const t = lines.reduce(
    (acc, l) => ({
      contributed: acc.contributed + l.contributedPence,
      inKindValued: acc.inKindValued + l.inKindValuedPence,
      inKindUnvalued: acc.inKindUnvalued + l.inKindUnvalued,
      committed: acc.committed + l.committedPence,
      spent: acc.spent + l.spentPence,
    }),
    zero(),
  );
  return { lines, total: line(null, 'Total', t, balance) };
}

const line = (year: number | null, label: string, s: Sums, balance: number): StatementLine => ({
  year,
  label,
  contributedPence: s.contributed,
  inKindValuedPence: s.inKindValued,
  inKindUnvalued: s.inKindUnvalued,
  committedPence: s.committed,
  spentPence: s.spent,
  remainingPence: s.contributed - s.committed - s.spent,
  balancePence: balance,
});

/**
 * Shares out whole pence in proportion to weights, largest remainder first (ties to the earlier weight), so the
 * shares add up to the amount exactly. All weights zero: nothing is shared (every share 0).
 */
export function shareOut(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (total === 0n) return weights.map(() => 0);
  const big = BigInt(amount);
  const exact = weights.map((w) => big * BigInt(w));
  const shares = exact.map((e) => e / total);
  let left = Number(big - shares.reduce((a, s) => a + s, 0n));
  const order = exact.map((e, i) => ({ i, rem: e % total })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const result = shares.map(Number);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left -= 1;
  }
  return result;
}

/** The statement of a fund from its contributions and entries (pure; see the module's comment). */
export function buildStatement(input: StatementInput): FundStatement {
  const { fund, contributions, entries } = input;
  const years = [...new Set([...(input.years ?? []), ...contributions.map((c) => c.financialYear), ...entries.map((e) => e.financialYear)])].sort(
    (a, b) => a - b,
  );
  // What each commitment still awaits: its amount less the spending that pays it (a spend's reversal adds back)
  // less what a reversal of it released; a commitment's reversal itself awaits nothing (its amount is negative).
  const paid = new Map<string, number>();
  const add = (id: string, pence: number) => paid.set(id, (paid.get(id) ?? 0) + pence);
  for (const e of entries) {
    if (e.kind === 'spend' && e.settlesEntryId) add(e.settlesEntryId, e.amountPence);
    if (e.kind === 'commitment' && e.reversesEntryId) add(e.reversesEntryId, -e.amountPence);
  }
  const outstanding = (e: StatementEntry) => (e.kind === 'commitment' ? Math.max(0, e.amountPence - (paid.get(e.id) ?? 0)) : 0);

  const fundYears = new Map<number, Sums>();
  const at = (map: Map<number, Sums>, year: number) => map.get(year) ?? map.set(year, zero()).get(year) ?? zero();
  for (const c of contributions) addContribution(at(fundYears, c.financialYear), c);
  const services = new Map<string, ServiceSpend>();
  for (const e of entries) {
    const s = at(fundYears, e.financialYear);
    s.committed += outstanding(e);
    if (e.kind === 'spend') s.spent += e.amountPence;
    const service = services.get(e.serviceId) ?? { serviceId: e.serviceId, serviceName: e.serviceName, committedPence: 0, spentPence: 0 };
    service.committedPence += outstanding(e);
    if (e.kind === 'spend') service.spentPence += e.amountPence;
    services.set(e.serviceId, service);
  }

  // The partners, in the order their names sort.
  const partnerNames = new Map<string, string>();
  for (const c of contributions) partnerNames.set(c.organisationId, c.organisationName);
  const partners = [...partnerNames].sort((a, b) => a[1].localeCompare(b[1], 'en-GB'));
  const partnerYears = new Map(partners.map(([id]) => [id, new Map<number, Sums>()]));
  for (const c of contributions) addContribution(at(partnerYears.get(c.organisationId) ?? new Map(), c.financialYear), c);
  const unattributed = { committedPence: 0, spentPence: 0 };
  const basis: PartnerStatement['basis'] = fund.kind === 'aligned' ? 'own' : 'share';
  if (basis === 'own') {
    for (const e of entries) {
      const own = e.organisationId === null ? undefined : partnerYears.get(e.organisationId);
      if (!own) {
        unattributed.committedPence += outstanding(e);
        if (e.kind === 'spend') unattributed.spentPence += e.amountPence;
        continue;
      }
      const s = at(own, e.financialYear);
      s.committed += outstanding(e);
      if (e.kind === 'spend') s.spent += e.amountPence;
    }
  } else {
    const weights = partners.map(([id]) => contributions.filter((c) => c.organisationId === id && c.kind === 'money').reduce((a, c) => a + (c.amountPence ?? 0), 0));
    for (const year of years) {
      const s = fundYears.get(year) ?? zero();
      const committed = shareOut(s.committed, weights);
      const spent = shareOut(s.spent, weights);
      if (weights.every((w) => w === 0)) {
        unattributed.committedPence += s.committed;
        unattributed.spentPence += s.spent;
      }
      partners.forEach(([id], i) => {
        const p = at(partnerYears.get(id) ?? new Map(), year);
        p.committed += committed[i] ?? 0;
        p.spent += spent[i] ?? 0;
      });
    }
  }

  const { lines, total } = linesOf(fundYears, years);
  return {
    fundId: fund.id,
    fundName: fund.name,
    kind: fund.kind,
    lines,
    total,
    partners: partners.map(([id, name]) => ({ organisationId: id, organisationName: name, basis, ...linesOf(partnerYears.get(id) ?? new Map(), years) })),
    byService: [...services.values()].sort((a, b) => a.serviceName.localeCompare(b.serviceName, 'en-GB')),
    unattributed,
  };
}

function addContribution(s: Sums, c: StatementContribution): void {
  if (c.kind === 'money') s.contributed += c.amountPence ?? 0;
  else if (c.amountPence === null) s.inKindUnvalued += c.reverses ? -1 : 1;
  else s.inKindValued += c.amountPence;
}

/** Money in a CSV: pounds and pence with two decimals and no symbol or separators, so a spreadsheet reads a number. */
const csvMoney = (pence: number): string => formatMoney(pence).replace('£', '').replaceAll(',', '');

/** The statement as CSV: the fund's years and total, then each partner's (one header line; `csvLine` cells). */
export function statementCsv(statement: FundStatement): string {
  const header = ['Fund', 'Partner', 'Basis', 'Financial year', 'Contributed (£)', 'In kind valued (£)', 'In kind unvalued (count)', 'Committed (£)', 'Spent (£)', 'Remaining (£)', 'Balance carried (£)'];
  const row = (partner: string, basis: string, l: StatementLine) =>
    csvLine([
      statement.fundName,
      partner,
      basis,
      l.label,
      csvMoney(l.contributedPence),
      csvMoney(l.inKindValuedPence),
      l.inKindUnvalued,
      csvMoney(l.committedPence),
      csvMoney(l.spentPence),
      csvMoney(l.remainingPence),
      csvMoney(l.balancePence),
    ]);
  const lines = [csvLine(header)];
  for (const l of [...statement.lines, statement.total]) lines.push(row('All partners', 'fund', l));
  for (const p of statement.partners) for (const l of [...p.lines, p.total]) lines.push(row(p.organisationName, p.basis, l));
  return `${lines.join('\r\n')}\r\n`;
}

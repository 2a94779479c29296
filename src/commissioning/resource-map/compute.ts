import { SERVICE_NEED_LEVELS } from '../../directory/index.js';
import { financialYearLabel } from '../../platform/money.js';
import type { ContractResource, ContributionFact, DeployedFact, ServiceFacts } from './repository.js';
import { spreadOverFinancialYears } from './spread.js';

/**
 * The resource map's arithmetic (000 §2.45, §2.48; ADR 0032), pure and in whole pence.
 *
 * - A resource is what a partner puts into a fund, pooled or aligned, for a financial year: money, and
 *   contributions in kind at the value given. Contributions in kind left unvalued are counted, never summed.
 * - Bookings (spending, and commitments not yet settled by it) are not added again: they say where those
 *   resources went, service by service, and so to outcomes and levels of need. What a year's contributions
 *   have not yet been booked to is "Not yet committed to a service".
 * - A service serving several outcomes (through its aims) or several levels of need has its money split
 *   equally between them; the pence that do not divide go one each to the first in the fixed order (the five
 *   outcomes in statutory order, the levels from universal up), so every split sums back to the penny.
 * - A contract paid outside any fund (ADR 0038) is a resource of its paying partner and is deployed on its
 *   service at once: its value spread over its term's financial years by days (spread.ts), under the partner
 *   ("Partner not recorded" for one set up before contracts named it) and under its service's outcomes and
 *   levels. A contract paid from a fund is not here: its fund's contributions and bookings already count it.
 */

export interface BreakdownRow {
  key: string;
  label: string;
  /** Pence in each of the map's years, in order. */
  byYear: number[];
  total: number;
}

export interface Breakdown {
  rows: BreakdownRow[];
  /** Each year's total of the rows: equal to the map's grand total for that year. */
  totals: number[];
  grandTotal: number;
}

export interface PreventionYear {
  financialYear: number;
  label: string;
  /** On services at levels of need 1 and 2 (universal and additional). */
  preventionPence: number;
  /** On services whose levels of need are recorded: the share's denominator. */
  withLevelPence: number;
  /** Percent to one decimal place, or null with nothing booked to a service with a level. */
  sharePercent: number | null;
}

export const NOT_COMMITTED = { key: 'not-committed', label: 'Not yet committed to a service' };
export const NO_OUTCOME = { key: 'no-outcome', label: 'Outcome not recorded for the service' };
export const NO_PARTNER = { key: 'no-partner', label: 'Partner not recorded (contracts paid outside funds)' };
export const NO_LEVEL = { key: 'no-level', label: 'Level of need not recorded for the service' };
export const NEED_LEVEL_LABELS: Record<string, string> = {
  universal: 'Level 1: universal',
  additional: 'Level 2: additional',
  complex: 'Level 3: complex',
  'acute/specialist': 'Level 4: acute or specialist',
};
/** Prevention and early intervention (000 §2.45): services for all children and for those with additional needs. */
export const PREVENTION_LEVELS: readonly string[] = ['universal', 'additional'];

/** Splits whole pence into `parts` equal shares; the first (amount mod parts) shares carry one penny more. */
export function apportion(amount: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(amount / parts);
  const extra = amount - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The financial years the facts cover, first to last with none missing between. */
export function yearsOf(contributions: readonly ContributionFact[], deployed: readonly DeployedFact[], more: readonly { financialYear: number }[] = []): number[] {
  const all = [...contributions.map((c) => c.financialYear), ...deployed.map((d) => d.financialYear), ...more.map((m) => m.financialYear)];
  if (all.length === 0) return [];
  const out: number[] = [];
  for (let y = Math.min(...all); y <= Math.max(...all); y += 1) out.push(y);
  return out;
}

class Table {
  private readonly rows = new Map<string, BreakdownRow>();
  constructor(private readonly years: readonly number[]) {}
  row(key: string, label: string): BreakdownRow {
    let row = this.rows.get(key);
    if (!row) {
      row = { key, label, byYear: this.years.map(() => 0), total: 0 };
      this.rows.set(key, row);
    }
    return row;
  }
  add(key: string, label: string, year: number, pence: number): void {
    const row = this.row(key, label);
    const i = this.years.indexOf(year);
    if (i < 0) return;
    row.byYear[i] = (row.byYear[i] ?? 0) + pence;
    row.total += pence;
  }
  done(order?: readonly string[]): Breakdown {
    const rows = [...this.rows.values()];
    if (order) rows.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    const totals = this.years.map((_, i) => rows.reduce((sum, r) => sum + (r.byYear[i] ?? 0), 0));
    return { rows, totals, grandTotal: totals.reduce((a, b) => a + b, 0) };
  }
}

export interface ResourceMapFigures {
  years: number[];
  yearLabels: string[];
  byPartner: Breakdown;
  byOutcome: Breakdown;
  byNeedLevel: Breakdown;
  /** Contributions in kind left unvalued: how many, by partner and year (counted, never summed). */
  unvalued: { label: string; byYear: number[]; total: number }[];
  prevention: PreventionYear[];
}

export function resourceMapOf(input: {
  contributions: readonly ContributionFact[];
  deployed: readonly DeployedFact[];
  services: readonly ServiceFacts[];
  outcomes: readonly { code: string; name: string }[];
  /** Contracts paid outside any fund, and money their decommissioning moved to other services. */
  contracts?: readonly ContractResource[];
}): ResourceMapFigures {
  const contractPieces = (input.contracts ?? []).flatMap((c) =>
    spreadOverFinancialYears(c.pence, c.from, c.to).map((y) => ({ ...c, financialYear: y.financialYear, pence: y.pence })),
  );
  const years = yearsOf(input.contributions, input.deployed, contractPieces);
  const byPartner = new Table(years);
  for (const c of contractPieces) byPartner.add(c.organisationId ?? NO_PARTNER.key, c.organisationName ?? NO_PARTNER.label, c.financialYear, c.pence);
  const unvalued = new Map<string, { label: string; byYear: number[]; total: number }>();
  for (const c of input.contributions) {
    byPartner.add(c.organisationId, c.organisationName, c.financialYear, c.valuedPence);
    if (c.unvaluedCount > 0) {
      const row = unvalued.get(c.organisationId) ?? { label: c.organisationName, byYear: years.map(() => 0), total: 0 };
      const i = years.indexOf(c.financialYear);
      row.byYear[i] = (row.byYear[i] ?? 0) + c.unvaluedCount;
      row.total += c.unvaluedCount;
      unvalued.set(c.organisationId, row);
    }
  }
  const partners = byPartner.done();
  partners.rows.sort((a, b) => a.label.localeCompare(b.label));

  const outcomeOrder = input.outcomes.map((o) => o.code);
  const outcomeName = new Map(input.outcomes.map((o) => [o.code, o.name]));
  const levelOrder = SERVICE_NEED_LEVELS.values as readonly string[];
  const services = new Map(input.services.map((s) => [s.id, s]));
  const byOutcome = new Table(years);
  const byLevel = new Table(years);
  for (const code of outcomeOrder) byOutcome.row(code, outcomeName.get(code) ?? code);
  for (const level of levelOrder) byLevel.row(level, NEED_LEVEL_LABELS[level] ?? level);
  const deployedByYear = years.map(() => 0);
  for (const d of [...input.deployed, ...contractPieces]) {
    const service = services.get(d.serviceId);
    const y = years.indexOf(d.financialYear);
    deployedByYear[y] = (deployedByYear[y] ?? 0) + d.pence;
    const outcomes = outcomeOrder.filter((code) => service?.outcomeCodes.includes(code));
    if (outcomes.length === 0) byOutcome.add(NO_OUTCOME.key, NO_OUTCOME.label, d.financialYear, d.pence);
    apportion(d.pence, outcomes.length).forEach((share, i) => byOutcome.add(outcomes[i] ?? '', '', d.financialYear, share));
    const levels = levelOrder.filter((level) => service?.needLevels.includes(level));
    if (levels.length === 0) byLevel.add(NO_LEVEL.key, NO_LEVEL.label, d.financialYear, d.pence);
    apportion(d.pence, levels.length).forEach((share, i) => byLevel.add(levels[i] ?? '', '', d.financialYear, share));
  }
  // What the year's resources have not yet been booked to: the partner total less what went to services.
  years.forEach((year, i) => {
    const left = (partners.totals[i] ?? 0) - (deployedByYear[i] ?? 0);
    byOutcome.add(NOT_COMMITTED.key, NOT_COMMITTED.label, year, left);
    byLevel.add(NOT_COMMITTED.key, NOT_COMMITTED.label, year, left);
  });
  const outcomesDone = byOutcome.done([...outcomeOrder, NO_OUTCOME.key, NOT_COMMITTED.key]);
  const levelsDone = byLevel.done([...levelOrder, NO_LEVEL.key, NOT_COMMITTED.key]);

  const prevention = years.map((year, i) => {
    const at = (key: string) => levelsDone.rows.find((r) => r.key === key)?.byYear[i] ?? 0;
    const preventionPence = PREVENTION_LEVELS.reduce((sum, level) => sum + at(level), 0);
    const withLevelPence = levelOrder.reduce((sum, level) => sum + at(level), 0);
    // Integer arithmetic to a tenth of a percent, rounded half up: no float sum ever touches the pence.
    const sharePercent = withLevelPence === 0 ? null : Math.floor((preventionPence * 2000 + withLevelPence) / (2 * withLevelPence)) / 10;
    return { financialYear: year, label: financialYearLabel(year), preventionPence, withLevelPence, sharePercent };
  });

  return {
    years,
    yearLabels: years.map(financialYearLabel),
    byPartner: partners,
    byOutcome: outcomesDone,
    byNeedLevel: levelsDone,
    unvalued: [...unvalued.values()].sort((a, b) => a.label.localeCompare(b.label)),
    prevention,
  };
}

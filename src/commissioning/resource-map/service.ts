import { SERVICE_TYPE_NAMES, SERVICE_TYPES } from '../../directory/index.js';
import { lineChart, type Chart } from '../../outcomes/index.js';
import type { User } from '../../platform/auth/repository.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { financialYearBounds, financialYearLabel } from '../../platform/money.js';
import { resourceMapOf, type ResourceMapFigures } from './compute.js';
import * as repo from './repository.js';

/**
 * The resource map (issue 17 item 7; 000 §2.45, §2.48) and the figures in the shape of the published ones
 * (item 8; 004 Tables 4.3 and 4.4), from the data held (ADR 0032). Both read money and services, never a child.
 */

export interface ResourceMap extends ResourceMapFigures {
  areaName: string;
  /** The share going to prevention and early intervention over the years: the outcomes feature's accessible chart. */
  chart: Chart | null;
}

/** 004 Table 4.3's shape: contributions to pooled funds by the contributing partner's sector, by year. */
export interface ContributionsBySector {
  years: number[];
  yearLabels: string[];
  rows: { sector: string; label: string; byYear: number[]; unvaluedByYear: number[]; partners: number }[];
  totals: number[];
}

/** 004 Table 4.4's shape: services funded through pooled budgets by main type, with counts. */
export interface PooledServicesByType {
  total: number;
  funds: number;
  rows: { type: string; label: string; count: number; examples: string[] }[];
}

const sectorLabel = (sector: string) => sector.charAt(0).toUpperCase() + sector.slice(1);

export function resourceMapService({ db }: { db: Db; clock: Clock }) {
  return {
    async map(user: User): Promise<ResourceMap> {
      const [contributions, deployed, services, outcomes, contracts] = await Promise.all([
        repo.contributionsOfArea(db, user.areaCode),
        repo.deployedOfArea(db, user.areaCode),
        repo.servicesOfArea(db, user.areaCode),
        repo.listOutcomeNames(db),
        repo.contractResourcesOfArea(db, user.areaCode),
      ]);
      const figures = resourceMapOf({ contributions, deployed, services, outcomes, contracts });
      return { ...figures, areaName: user.areaName, chart: preventionChart(user, figures) };
    },

    async publishedFigures(user: User): Promise<{ bySector: ContributionsBySector; byType: PooledServicesByType }> {
      const [contributions, funded, services] = await Promise.all([
        repo.contributionsOfArea(db, user.areaCode),
        repo.servicesFundedFromPools(db, user.areaCode),
        repo.servicesOfArea(db, user.areaCode),
      ]);
      const pooled = contributions.filter((c) => c.fundKind === 'pooled');
      const years = [...new Set(pooled.map((c) => c.financialYear))].sort((a, b) => a - b);
      const sectors = new Map<string, ContributionsBySector['rows'][number] & { ids: Set<string> }>();
      for (const c of pooled) {
        const row = sectors.get(c.sector) ?? {
          sector: c.sector,
          label: sectorLabel(c.sector),
          byYear: years.map(() => 0),
          unvaluedByYear: years.map(() => 0),
          partners: 0,
          ids: new Set<string>(),
        };
        const i = years.indexOf(c.financialYear);
        row.byYear[i] = (row.byYear[i] ?? 0) + c.valuedPence;
        row.unvaluedByYear[i] = (row.unvaluedByYear[i] ?? 0) + c.unvaluedCount;
        row.ids.add(c.organisationId);
        row.partners = row.ids.size;
        sectors.set(c.sector, row);
      }
      const rows = [...sectors.values()].map(({ ids: _ids, ...row }) => row).sort((a, b) => a.label.localeCompare(b.label));
      const bySector = {
        years,
        yearLabels: years.map(financialYearLabel),
        rows,
        totals: years.map((_, i) => rows.reduce((sum, r) => sum + (r.byYear[i] ?? 0), 0)),
      };

      const serviceById = new Map(services.map((s) => [s.id, s]));
      const funds = await repo.countPooledFundsPaying(db, user.areaCode);
      const types = [...SERVICE_TYPES.values, null];
      const byType = types
        .map((type) => {
          const names = funded
            .map((f) => serviceById.get(f.serviceId))
            .filter((s) => s !== undefined && (s.serviceType ?? null) === type)
            .map((s) => s?.name ?? '')
            .sort((a, b) => a.localeCompare(b));
          return {
            type: type ?? 'not-recorded',
            label: type ? SERVICE_TYPE_NAMES[type] : 'Main type not recorded',
            count: names.length,
            examples: names,
          };
        })
        .filter((r) => r.count > 0)
        .sort((a, b) => b.count - a.count);
      return { bySector, byType: { total: funded.length, funds, rows: byType } };
    },
  };
}

export type ResourceMapService = ReturnType<typeof resourceMapService>;

/** The share on levels 1 and 2 by year, drawn by outcomes' line chart (its table and CSV come with it). */
function preventionChart(user: User, figures: ResourceMapFigures): Chart | null {
  if (figures.years.length === 0) return null;
  const code = 'resource-map-prevention';
  return lineChart({
    indicator: {
      code,
      title: 'Share of resources booked to services going to prevention and early intervention (levels of need 1 and 2)',
      definition: 'Money on services at levels 1 and 2 as a percentage of money on services whose levels of need are recorded',
      unit: 'percentage',
      polarity: 'higher is better',
      aimCodes: [],
      source: 'Commissioning: funds’ contributions and bookings, and contracts paid outside funds',
      frequency: 'financial year',
      scope: 'local',
      areaCode: user.areaCode,
      hasDenominator: true,
      multiplier: 100,
      decimals: 1,
    },
    observations: figures.prevention.map((p) => ({
      indicatorCode: code,
      areaCode: user.areaCode,
      period: {
        label: p.label,
        kind: 'financial year' as const,
        start: financialYearBounds(p.financialYear).from,
        end: financialYearBounds(p.financialYear).to,
      },
      group: 'all' as const,
      value: p.sharePercent,
      status: p.sharePercent === null ? ('missing' as const) : ('value' as const),
      numerator: p.preventionPence,
      denominator: p.withLevelPence,
    })),
    areaCode: user.areaCode,
    comparatorCodes: [],
    names: { [user.areaCode]: `Prevention and early intervention in ${user.areaName}` },
    england: null,
    seriesHeading: 'Share of resources',
    id: 'resource-map-prevention',
  });
}

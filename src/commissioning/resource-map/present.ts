import { csvLine } from '../../platform/csv.js';
import { formatMoney } from '../../platform/money.js';
import type { Breakdown } from './compute.js';
import type { ContributionsBySector, PooledServicesByType, ResourceMap } from './service.js';

/**
 * The resource map and the published figures as GOV.UK tables and CSV files (ADR 0032). Money reads
 * £1,234.56 on the page; a CSV carries whole pence and pounds without separators, so a spreadsheet sums them.
 */

type Cell = { text: string; format?: 'numeric' };
const money = (pence: number): Cell => ({ text: formatMoney(pence), format: 'numeric' });
const pounds = (pence: number) =>
  `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;

export interface PageTable {
  caption: string;
  head: Cell[];
  rows: Cell[][];
}

function breakdownTable(caption: string, heading: string, labels: readonly string[], b: Breakdown): PageTable {
  return {
    caption,
    head: [{ text: heading }, ...labels.map((l) => ({ text: l, format: 'numeric' as const })), { text: 'All years', format: 'numeric' }],
    rows: [
      ...b.rows.map((r) => [{ text: r.label }, ...r.byYear.map(money), money(r.total)]),
      [{ text: 'Total' }, ...b.totals.map(money), money(b.grandTotal)],
    ],
  };
}

/** The map's three breakdowns and its count of unvalued contributions in kind, as tables for the page. */
export function resourceMapTables(map: ResourceMap): {
  byPartner: PageTable;
  byOutcome: PageTable;
  byNeedLevel: PageTable;
  unvalued: PageTable | null;
} {
  const labels = map.yearLabels;
  return {
    byPartner: breakdownTable('Resources by partner, by financial year', 'Partner', labels, map.byPartner),
    byOutcome: breakdownTable('Resources by outcome, by financial year', 'Outcome', labels, map.byOutcome),
    byNeedLevel: breakdownTable('Resources by level of need, by financial year', 'Level of need', labels, map.byNeedLevel),
    unvalued: map.unvalued.length
      ? {
          caption: 'Contributions in kind not valued (counted, not summed), by financial year',
          head: [
            { text: 'Partner' },
            ...labels.map((l) => ({ text: l, format: 'numeric' as const })),
            { text: 'All years', format: 'numeric' },
          ],
          rows: map.unvalued.map((r) => [
            { text: r.label },
            ...r.byYear.map((n) => ({ text: String(n), format: 'numeric' as const })),
            { text: String(r.total), format: 'numeric' },
          ]),
        }
      : null,
  };
}

/** One tidy CSV of the whole map: a line per breakdown, row and year. */
export function resourceMapCsv(map: ResourceMap): string {
  const lines = [
    [
      'Breakdown',
      'Category',
      'Financial year',
      'Amount in pence',
      'Amount in pounds',
      'Contributions in kind not valued (count)',
      'Share (%)',
    ],
  ];
  const add = (name: string, b: Breakdown) =>
    b.rows.forEach((r) => r.byYear.forEach((p, i) => lines.push([name, r.label, map.yearLabels[i] ?? '', String(p), pounds(p), '', ''])));
  add('By partner', map.byPartner);
  add('By outcome', map.byOutcome);
  add('By level of need', map.byNeedLevel);
  map.unvalued.forEach((r) =>
    r.byYear.forEach((n, i) => lines.push(['In kind, not valued', r.label, map.yearLabels[i] ?? '', '', '', String(n), ''])),
  );
  map.prevention.forEach((p) =>
    lines.push([
      'Prevention and early intervention (levels 1 and 2)',
      'Share of resources on services with a level recorded',
      p.label,
      String(p.preventionPence),
      pounds(p.preventionPence),
      '',
      p.sharePercent === null ? '' : p.sharePercent.toFixed(1),
    ]),
  );
  return lines.map(csvLine).join('\r\n') + '\r\n';
}

/** 004 Table 4.3's shape (its heading and the years as columns), amounts where the seed counted pathfinders. */
export function bySectorTable(t: ContributionsBySector): PageTable {
  const cell = (pence: number, unvalued: number): Cell => ({
    text: `${formatMoney(pence)}${unvalued ? ` and ${unvalued} in kind not valued` : ''}`,
    format: 'numeric',
  });
  return {
    caption: 'Contributions to pooled funds by sector of the contributing partner, by financial year',
    head: [
      { text: 'Sector' },
      { text: 'Partners', format: 'numeric' },
      ...t.yearLabels.map((l) => ({ text: l, format: 'numeric' as const })),
    ],
    rows: [
      ...t.rows.map((r) => [
        { text: r.label },
        { text: String(r.partners), format: 'numeric' as const },
        ...r.byYear.map((p, i) => cell(p, r.unvaluedByYear[i] ?? 0)),
      ]),
      [{ text: 'Total' }, { text: String(t.rows.reduce((a, r) => a + r.partners, 0)), format: 'numeric' }, ...t.totals.map(money)],
    ],
  };
}

/** 004 Table 4.4's shape: "Main type of service", "Proportion of services" (n/N), "Examples of services". */
export function byTypeTable(t: PooledServicesByType): PageTable {
  return {
    caption: 'Types of children’s services funded through pooled budgets',
    head: [{ text: 'Main type of service' }, { text: 'Proportion of services', format: 'numeric' }, { text: 'Examples of services' }],
    rows: t.rows.map((r) => [{ text: r.label }, { text: `${r.count}/${t.total}`, format: 'numeric' }, { text: r.examples.join('; ') }]),
  };
}

export function publishedFiguresCsv(bySector: ContributionsBySector, byType: PooledServicesByType): string {
  const lines = [
    [
      'Table',
      'Row',
      'Financial year',
      'Amount in pence',
      'Amount in pounds',
      'Contributions in kind not valued (count)',
      'Services',
      'Of services',
      'Examples of services',
    ],
  ];
  bySector.rows.forEach((r) =>
    r.byYear.forEach((p, i) =>
      lines.push([
        'Contributions to pooled funds by sector',
        r.label,
        bySector.yearLabels[i] ?? '',
        String(p),
        pounds(p),
        String(r.unvaluedByYear[i] ?? 0),
        '',
        '',
        '',
      ]),
    ),
  );
  byType.rows.forEach((r) =>
    lines.push([
      'Types of children’s services funded through pooled budgets',
      r.label,
      '',
      '',
      '',
      '',
      String(r.count),
      String(byType.total),
      r.examples.join('; '),
    ]),
  );
  return lines.map(csvLine).join('\r\n') + '\r\n';
}

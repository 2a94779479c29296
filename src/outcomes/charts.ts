/**
 * Charts of an indicator, drawn on the server as accessible SVG (issue 5 item 7): the area against
 * its comparators and England over time, and the latest period ranked. Each chart comes with the
 * data table that sits beside it and a CSV of the same data; the gap chart is in charts-gap.ts.
 *
 * Colour is never the only difference: the area is a thick blue solid line with round markers,
 * England a dashed dark grey line with square markers, comparators thin grey lines. Missing values
 * break the line and read "no value" in the table; nothing missing is drawn as zero.
 */
import { formatNumber, formatValue, unitHeading } from './analysis-format.js';
import { pointAt, periodsOf, type Comparison } from './analysis.js';
import {
  cellText,
  chartId,
  COLOUR,
  escapeXml,
  legendEntry,
  lineSeries,
  niceTicks,
  scale,
  STYLE,
  svgFrame,
  text,
  tickLabel,
  toCsv,
  WIDTH,
  xLabels,
  yAxis,
  type Chart,
  type DataTable,
} from './charts-svg.js';
import { ENGLAND, type GroupCode, type Indicator, type Observation } from './types.js';

export { govukTable, niceTicks, toCsv, type Chart, type DataTable } from './charts-svg.js';
export { gapChart, type GapChartInput } from './charts-gap.js';
export { STYLE, tickLabel } from './charts-svg.js';

export interface LineChartInput {
  indicator: Indicator;
  observations: readonly Observation[];
  areaCode: string;
  comparatorCodes: readonly string[];
  /** Area names by ONS code; England is named for you. */
  names: Readonly<Record<string, string>>;
  group?: GroupCode;
  /**
   * The England compared with: England (demo) for the demo area (issue 15 item 5); England by default; null
   * for a series with no national line (the commissioning resource map's share of money, issue 17 item 7).
   */
  england?: { code: string; name: string } | null;
  /** The table's first heading; 'Area' by default. */
  seriesHeading?: string;
  /** Unique on the page; defaults to one made from the indicator code. */
  id?: string;
}

/** The area against its comparators and England over time, with its table and CSV. */
export function lineChart(input: LineChartInput): Chart {
  const { indicator, areaCode } = input;
  const group = input.group ?? 'all';
  const england = input.england === undefined ? { code: ENGLAND, name: 'England' } : input.england;
  const nameOf = (code: string) => (code === england?.code ? england.name : (input.names[code] ?? code));
  const comparators = [...new Set(input.comparatorCodes)].filter((c) => c !== areaCode && c !== england?.code);
  const codes = [areaCode, ...comparators, ...(england ? [england.code] : [])];
  const shown = input.observations.filter((o) => codes.includes(o.areaCode) && o.group === group);
  const periods = periodsOf(indicator, shown);
  const grid = codes.map((code) => periods.map((p) => pointAt(indicator, shown, code, p.label, group)));
  const range = periods.length ? `${periods[0]?.label} to ${periods.at(-1)?.label}` : 'no periods';

  const table: DataTable = {
    caption: england
      ? `${indicator.title}: ${nameOf(areaCode)}, its comparator areas and England, ${range} (${unitHeading(indicator.unit)})`
      : `${indicator.title}, ${range} (${unitHeading(indicator.unit)})`,
    head: [input.seriesHeading ?? 'Area', ...periods.map((p) => p.label)],
    rows: codes.map((code, i) => [nameOf(code), ...(grid[i] ?? []).map((c) => cellText(indicator, c.value, c.status))]),
    statuses: codes.map((_, i) => [
      null,
      ...(grid[i] ?? []).map((c) => (c.value === null ? (c.status === 'value' ? 'missing' : c.status) : 'value')),
    ]),
  };

  const top = 56;
  const left = 80;
  const right = WIDTH - 24;
  const plotBottom = top + 260;
  // The publisher's 95% limits for the area, drawn as whiskers as published (Fingertips); none is computed for a chart.
  const limits = periods.map(
    (p) => shown.find((o) => o.areaCode === areaCode && o.period.label === p.label && o.status === 'value')?.published?.ci95 ?? null,
  );
  const values = [
    ...grid.flat().flatMap((c) => (c.value === null ? [] : [c.value])),
    ...limits.flatMap((l) => (l ? [l.lower, l.upper] : [])),
  ];
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const y = scale([ticks.min, ticks.max], [plotBottom, top]);
  const inset = 40;
  const x = (i: number) =>
    periods.length <= 1 ? (left + right) / 2 : Math.round(left + inset + (i * (right - left - 2 * inset)) / (periods.length - 1));
  const series = (code: string, i: number, role: keyof typeof STYLE) => {
    const points = (grid[i] ?? []).map((c, j) => (c.value === null ? null : { x: x(j), y: y(c.value), label: periods[j]?.label ?? '' }));
    const attrs = `data-series="${role}" data-area-code="${escapeXml(code)}"`;
    return lineSeries(points, STYLE[role], attrs, nameOf(code));
  };
  const legendTop = plotBottom + 72;
  const legend = [
    legendEntry(STYLE.area, left, legendTop, nameOf(areaCode)),
    ...(england ? [legendEntry(STYLE.england, left, legendTop + 28, england.name)] : []),
    ...(comparators.length
      ? [legendEntry(STYLE.comparator, left, legendTop + 28 * (england ? 2 : 1), `Comparator areas (${comparators.length})`)]
      : []),
  ];
  const height = legendTop + 28 * legend.length;
  const id = input.id ?? chartId('chart', indicator.code, areaCode, group, 'trend');

  const body = [
    text(left - 72, top - 24, unitHeading(indicator.unit), 'font-weight="bold"'),
    ...(values.length ? yAxis(ticks, y, left, right, (v) => tickLabel(indicator, v, ticks.decimals)) : []),
    ...xLabels(
      periods.map((p) => p.label),
      x,
      plotBottom + 32,
      right - left,
    ),
    ...comparators.map((code, i) => series(code, i + 1, 'comparator')),
    ...(england ? [series(england.code, codes.length - 1, 'england')] : []),
    ...limits.flatMap((l, j) =>
      l
        ? [
            `<path data-interval="published" d="M${x(j) - 6} ${y(l.lower)}H${x(j) + 6}M${x(j)} ${y(l.lower)}V${y(l.upper)}M${x(j) - 6} ${y(l.upper)}H${x(j) + 6}" stroke="${STYLE.area.colour}" stroke-width="2" fill="none"><title>${escapeXml(`${periods[j]?.label ?? ''}: 95% confidence interval as published, ${formatValue(indicator, l.lower)} to ${formatValue(indicator, l.upper)}`)}</title></path>`,
          ]
        : [],
    ),
    series(areaCode, 0, 'area'),
    ...legend,
  ];
  const title = england
    ? `${indicator.title}: ${nameOf(areaCode)} against comparator areas and England, ${range}`
    : `${indicator.title}, ${range}`;
  const desc = describeTrend(
    indicator,
    nameOf(areaCode),
    periods.map((p) => p.label),
    grid[0] ?? [],
    england ? (grid.at(-1) ?? []) : null,
    comparators.length,
  );
  const svg = svgFrame(id, WIDTH, height, title, desc, body);
  return { svg, table, csv: toCsv(table) };
}

function describeTrend(
  indicator: Indicator,
  areaName: string,
  labels: string[],
  area: { value: number | null }[],
  england: { value: number | null }[] | null,
  comparatorCount: number,
): string {
  const ends = (name: string, cells: { value: number | null }[]) => {
    const present = cells.map((c, i) => ({ ...c, label: labels[i] })).filter((c) => c.value !== null);
    const first = present[0];
    const last = present.at(-1);
    if (!first || !last) return `${name} has no values.`;
    if (first === last) return `${name}: ${formatValue(indicator, first.value)} in ${first.label} only.`;
    return `${name}: ${formatValue(indicator, first.value)} in ${first.label}, ${formatValue(indicator, last.value)} in ${last.label}.`;
  };
  const missing = labels.filter((_, i) => area[i]?.value === null || area[i]?.value === undefined);
  return [
    `Line chart. ${ends(areaName, area)}`,
    england ? ends('England', england) : '',
    comparatorCount ? `${comparatorCount} comparator areas are shown as thin grey lines.` : '',
    missing.length ? `No value for ${areaName} in ${missing.join(', ')}; the line has a gap there.` : '',
    'The table that follows gives every value.',
  ]
    .filter(Boolean)
    .join(' ');
}

export interface BarChartInput {
  indicator: Indicator;
  comparison: Comparison;
  names: Readonly<Record<string, string>>;
  id?: string;
}

/**
 * The latest period ranked, best first (highest first when the polarity makes no judgement): the area's bar in blue with its name in bold, comparators in
 * grey, England as a dashed reference line. Areas without a value are listed last with "no value"
 * and have no bar.
 */
export function barChart(input: BarChartInput): Chart {
  const { indicator, comparison } = input;
  const nameOf = (code: string) => input.names[code] ?? code;
  const rows = comparison.ranked;
  const england = comparison.england;
  const table: DataTable = {
    caption: `${indicator.title}: ${nameOf(comparison.areaCode)} and its comparator areas ranked, ${comparison.period.label} (${unitHeading(indicator.unit)})`,
    head: ['Rank', 'Area', 'Value'],
    rows: [
      ...rows.map((r) => [r.rank === null ? 'not ranked' : String(r.rank), nameOf(r.areaCode), cellText(indicator, r.value, r.status)]),
      ['not ranked', 'England', cellText(indicator, england.value, england.status)],
    ],
    statuses: [...rows, england].map((r) => [null, null, r.value === null ? (r.status === 'value' ? 'missing' : r.status) : 'value']),
  };

  const labelWidth = Math.min(320, Math.max(120, Math.max(...rows.map((r) => nameOf(r.areaCode).length)) * 9 + 16));
  const left = labelWidth;
  // Values are written in a column of their own right of the plot, so the England line (inside the
  // plot) never runs through them, whatever the values.
  const valueColumn = WIDTH - 8;
  const right = WIDTH - 200;
  const top = 64;
  const rowHeight = 34;
  const plotBottom = top + rows.length * rowHeight;
  const values = [...rows.map((r) => r.value), england.value].flatMap((v) => (v === null ? [] : [v]));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const x = scale([ticks.min, ticks.max], [left, right]);
  const bars = rows.map((r, i) => {
    const mid = top + i * rowHeight + rowHeight / 2;
    const mine = r.areaCode === comparison.areaCode;
    const label = text(left - 10, mid + 5, nameOf(r.areaCode), `text-anchor="end"${mine ? ' font-weight="bold"' : ''}`);
    if (r.value === null) {
      return `<g data-area-code="${escapeXml(r.areaCode)}" data-value="none">${label}${text(valueColumn, mid + 5, cellText(indicator, null, r.status), `text-anchor="end" fill="${COLOUR.darkGrey}" data-label="value"`)}</g>`;
    }
    const [x0, x1] = [Math.min(x(0), x(r.value)), Math.max(x(0), x(r.value))];
    const fill = mine ? `fill="${COLOUR.blue}"` : `fill="${COLOUR.midGrey}" stroke="${COLOUR.darkGrey}" stroke-width="1"`;
    const valueLabel = text(valueColumn, mid + 5, formatNumber(r.value, indicator.decimals), 'text-anchor="end" data-label="value"');
    return `<g data-area-code="${escapeXml(r.areaCode)}" data-value="${r.value}">${label}<rect x="${x0}" y="${mid - 11}" width="${Math.max(1, x1 - x0)}" height="22" ${fill}/>${valueLabel}</g>`;
  });
  const englandLine =
    england.value === null
      ? [text(left, top - 36, 'England: no value', `fill="${COLOUR.darkGrey}"`)]
      : [
          `<line data-series="england" x1="${x(england.value)}" x2="${x(england.value)}" y1="${top - 8}" y2="${plotBottom}" stroke="${COLOUR.darkGrey}" stroke-width="3" stroke-dasharray="8 5"/>`,
          text(
            x(england.value),
            top - 36,
            `England: ${formatNumber(england.value, indicator.decimals)}`,
            'text-anchor="middle" font-weight="bold"',
          ),
        ];
  const axis = ticks.values.flatMap((v) => [
    `<line x1="${x(v)}" x2="${x(v)}" y1="${top - 4}" y2="${plotBottom}" stroke="${v === 0 ? COLOUR.darkGrey : COLOUR.lightGrey}" stroke-width="1"/>`,
    text(x(v), plotBottom + 24, tickLabel(indicator, v, ticks.decimals), 'text-anchor="middle"'),
  ]);
  const height = plotBottom + 72;
  const id = input.id ?? chartId('chart', indicator.code, comparison.areaCode, comparison.period.label, 'ranked');
  const title = `${indicator.title}: ${nameOf(comparison.areaCode)} and comparator areas ranked, ${comparison.period.label}`;
  const area = comparison.area;
  const place =
    area.rank === null
      ? `${nameOf(comparison.areaCode)} is not ranked.`
      : `${nameOf(comparison.areaCode)} is ranked ${area.rank} of ${comparison.rankedCount}, 1 being best.`;
  const missing = rows.filter((r) => r.value === null).map((r) => nameOf(r.areaCode));
  const desc = [
    `Horizontal bar chart, ${indicator.polarity === 'no judgement' ? 'highest' : 'best'} first. ${place}`,
    england.value === null ? 'England has no value.' : `England, shown as a dashed line, is ${formatValue(indicator, england.value)}.`,
    missing.length ? `No value for ${missing.join(', ')}.` : '',
    'The table that follows gives every value.',
  ]
    .filter(Boolean)
    .join(' ');
  const body = [
    text(valueColumn, top - 12, 'Value', 'text-anchor="end" font-weight="bold"'),
    text((left + right) / 2, plotBottom + 52, unitHeading(indicator.unit), 'text-anchor="middle" font-weight="bold"'),
    ...axis,
    ...englandLine,
    ...bars,
  ];
  return { svg: svgFrame(id, WIDTH, height, title, desc, body), table, csv: toCsv(table) };
}

import { csvLine } from '../platform/csv.js';
/**
 * The parts every chart shares: GOV.UK colours, escaping, nice axis ticks, the accessible SVG frame,
 * and the data table and CSV that go beside each chart (issue 5 item 7).
 */
import { formatNumber, roundTo } from './analysis-format.js';
import type { Indicator, ValueStatus } from './types.js';

/** GOV.UK Frontend palette (v5). */
export const COLOUR = {
  blue: '#1d70b8',
  lightBlue: '#5694ca',
  black: '#0b0c0c',
  darkGrey: '#505a5f',
  midGrey: '#b1b4b6',
  lightGrey: '#f3f2f1',
  white: '#ffffff',
} as const;

/** Arial as GOV.UK services use it; DejaVu Sans is what the PNG rasteriser has. */
export const FONT = "Arial, Helvetica, 'DejaVu Sans', sans-serif";
/** Charts are drawn 720 wide; at two-thirds of a desktop page the smallest text still reads at 14px. */
export const TEXT_SIZE = 16;
export const WIDTH = 720;

/** The table beside a chart, in the shape of the GOV.UK table macro's caption, head and rows. */
export interface DataTable {
  caption: string;
  head: string[];
  rows: string[][];
  /**
   * For number cells, the status of each value ('value', 'missing', 'suppressed', 'not applicable',
   * or 'not available' for a figure that needs one that is missing); null for other cells. Where
   * given, the CSV leaves a number cell without a value empty and adds a status column beside it.
   */
  statuses?: (string | null)[][];
}

export interface Chart {
  svg: string;
  table: DataTable;
  csv: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A cell for a value that is not there says so; it is never 0. */
export function cellText(indicator: Pick<Indicator, 'decimals'>, value: number | null, status: ValueStatus): string {
  if (value !== null && status === 'value') return formatNumber(value, indicator.decimals);
  switch (status) {
    case 'suppressed':
      return 'no value (suppressed)';
    case 'not applicable':
      return 'no value (not applicable)';
    case 'missing':
    case 'value':
      return 'no value';
  }
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

export interface Ticks {
  min: number;
  max: number;
  step: number;
  /** Decimals needed to print the step (2.5 needs 1). */
  decimals: number;
  values: number[];
}

/**
 * Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten, about
 * `count` of them, starting and ending on a multiple of the step.
 */
export function niceTicks(low: number, high: number, count = 5): Ticks {
  let lo = Math.min(low, high);
  let hi = Math.max(low, high);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const step = niceStep((hi - lo) / Math.max(1, count - 1));
  let decimals = 0;
  while (decimals < 10 && Math.abs(roundTo(step, decimals) - step) > step * 1e-9) decimals += 1;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) values.push(roundTo(v, decimals + 2));
  return { min: roundTo(first, decimals + 2), max: roundTo(last, decimals + 2), step, decimals, values };
}

/** A linear scale from a domain to pixels. */
export function scale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (v) => roundTo(r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0), 2);
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** Ids in one page must be unique and safe in an attribute. */
export function chartId(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The accessible frame: role="img" with its title and description linked by aria-labelledby, so a
 * screen reader announces what the chart shows; the data table beside it gives the detail.
 */
export function svgFrame(id: string, width: number, height: number, title: string, desc: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="ctp-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="${TEXT_SIZE}" fill="${COLOUR.black}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="${COLOUR.white}"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Horizontal gridlines and labelled ticks on the left of a plot. */
export function yAxis(ticks: Ticks, y: (v: number) => number, left: number, right: number, label: (v: number) => string): string[] {
  return ticks.values.flatMap((v) => [
    `<line x1="${left}" x2="${right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? COLOUR.darkGrey : COLOUR.midGrey}" stroke-width="1"/>`,
    text(left - 8, y(v) + 5, label(v), 'text-anchor="end"'),
  ]);
}

/** Period labels under a plot, thinned so they never overlap (about 80px each). */
export function xLabels(labels: string[], x: (i: number) => number, y: number, plotWidth: number): string[] {
  const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plotWidth / 80))));
  return labels.flatMap((label, i) =>
    i % every === 0 || i === labels.length - 1
      ? [
          `<line x1="${x(i)}" x2="${x(i)}" y1="${y - 24}" y2="${y - 18}" stroke="${COLOUR.darkGrey}"/>`,
          text(x(i), y, label, 'text-anchor="middle"'),
        ]
      : [],
  );
}

export interface LineStyle {
  colour: string;
  width: number;
  dash: string | null;
  marker: 'circle' | 'square' | 'small';
}

export function marker(style: LineStyle, x: number, y: number, attrs: string): string {
  switch (style.marker) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="5" fill="${style.colour}" ${attrs}/>`;
    case 'square':
      return `<rect x="${x - 5}" y="${y - 5}" width="10" height="10" fill="${style.colour}" ${attrs}/>`;
    case 'small':
      return `<circle cx="${x}" cy="${y}" r="3" fill="${style.colour}" ${attrs}/>`;
  }
}

/**
 * One series as a path broken wherever a value is missing (a missing point is neither drawn at zero
 * nor bridged), with a marker at each value. 'small' markers are drawn only for points with no
 * neighbour, which would otherwise be invisible.
 */
export function lineSeries(
  points: ({ x: number; y: number; label: string } | null)[],
  style: LineStyle,
  groupAttrs: string,
  title: string,
): string {
  const runs: { x: number; y: number; label: string }[][] = [[]];
  for (const p of points) {
    if (p) (runs.at(-1) as { x: number; y: number; label: string }[]).push(p);
    else if ((runs.at(-1) as unknown[]).length > 0) runs.push([]);
  }
  const d = runs
    .filter((r) => r.length > 1)
    .map((r) => r.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '))
    .join(' ');
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const path = d
    ? `<path d="${d}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${dash} stroke-linejoin="round"/>`
    : '';
  const marked = runs.flatMap((r) => (style.marker === 'small' && r.length > 1 ? [] : r));
  const markers = marked.map((p) => marker(style, p.x, p.y, `data-period="${escapeXml(p.label)}"`));
  return [`<g ${groupAttrs}>`, `<title>${escapeXml(title)}</title>`, path, ...markers, '</g>'].filter(Boolean).join('');
}

/**
 * RFC 4180 CSV of the table; cells that a spreadsheet would run as a formula are defused
 * (platform/csv.ts). A number column never holds words: where a value is missing, suppressed or not
 * applicable its cell is empty and the status column beside it ("2005-06 status") says why; numbers
 * are written without thousands separators so a spreadsheet reads them as numbers.
 */
export function toCsv(table: DataTable): string {
  const statuses = table.statuses;
  if (!statuses) return [table.head, ...table.rows].map(csvLine).join('\r\n') + '\r\n';
  const withStatus = table.head.map((_, j) => statuses.some((row) => (row[j] ?? null) !== null));
  const head = table.head.flatMap((h, j) => (withStatus[j] ? [h, `${h} status`] : [h]));
  const rows = table.rows.map((row, i) =>
    row.flatMap((cell, j) => {
      if (!withStatus[j]) return [cell];
      const status = statuses[i]?.[j] ?? null;
      return status === 'value' ? [cell.replace(/,/g, ''), status] : ['', status ?? ''];
    }),
  );
  return [head, ...rows].map(csvLine).join('\r\n') + '\r\n';
}

/** The table in the GOV.UK table macro's own shape; number columns right-aligned. */
export function govukTable(
  table: DataTable,
  numericFrom = 1,
): {
  caption: string;
  captionClasses: string;
  firstCellIsHeader: boolean;
  head: { text: string; format?: 'numeric' }[];
  rows: { text: string; format?: 'numeric' }[][];
} {
  const numeric = (i: number) => (i >= numericFrom ? { format: 'numeric' as const } : {});
  return {
    caption: table.caption,
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: true,
    head: table.head.map((t, i) => ({ text: t, ...numeric(i) })),
    rows: table.rows.map((row) => row.map((t, i) => ({ text: t, ...numeric(i) }))),
  };
}

export const STYLE: Record<'area' | 'england' | 'comparator', LineStyle> = {
  area: { colour: COLOUR.blue, width: 4, dash: null, marker: 'circle' },
  england: { colour: COLOUR.darkGrey, width: 3, dash: '10 6', marker: 'square' },
  comparator: { colour: COLOUR.midGrey, width: 2, dash: null, marker: 'small' },
};

/** Tick labels carry the unit where it is a symbol: "60%", "£200". */
export function tickLabel(indicator: Indicator, value: number, decimals: number): string {
  const n = formatNumber(value, decimals);
  if (indicator.unit === 'percentage') return `${n}%`;
  if (indicator.unit === '£ per head') return value < 0 ? `-£${n.slice(1)}` : `£${n}`;
  return n;
}

/** A legend entry: a sample of the line with its marker, then the words. */
export function legendEntry(style: LineStyle, x: number, y: number, label: string): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return [
    `<line x1="${x}" x2="${x + 44}" y1="${y - 5}" y2="${y - 5}" stroke="${style.colour}" stroke-width="${style.width}"${dash}/>`,
    marker(style, x + 22, y - 5, 'aria-hidden="true"'),
    text(x + 56, y, label),
  ].join('');
}

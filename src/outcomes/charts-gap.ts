/**
 * The gap chart (issue 5 items 5 and 7; 000 §2.2, §2.32): a group of children against all children
 * in the same area over time. The group is a thick blue solid line with round markers, all children
 * a dashed dark grey line with square markers, and the gap between them a light blue bar in each
 * period where both have a value. Missing values break the lines; no gap is drawn without both.
 */
import { formatNumber, formatValue, unitHeading } from './analysis-format.js';
import type { GapPoint } from './analysis.js';
import {
  cellText,
  chartId,
  COLOUR,
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
import type { Indicator } from './types.js';

export interface GapChartInput {
  indicator: Indicator;
  /** From gapSeries(indicator, observations, areaCode, group). */
  points: readonly GapPoint[];
  areaName: string;
  /** The group's label, as in GROUPS: "Looked-after children". */
  groupLabel: string;
  id?: string;
}

function signed(indicator: Indicator, value: number): string {
  return `${value > 0 ? '+' : ''}${formatNumber(value, indicator.decimals)}`;
}

export function gapChart(input: GapChartInput): Chart {
  const { indicator, points, areaName, groupLabel } = input;
  const labels = points.map((p) => p.period.label);
  const range = labels.length ? `${labels[0]} to ${labels.at(-1)}` : 'no periods';
  const table: DataTable = {
    caption: `${indicator.title}: ${groupLabel} and all children in ${areaName}, ${range} (${unitHeading(indicator.unit)})`,
    head: ['Period', groupLabel, 'All children', 'Gap (group minus all children)'],
    rows: points.map((p) => [
      p.period.label,
      cellText(indicator, p.group.value, p.group.status),
      cellText(indicator, p.all.value, p.all.status),
      p.gap === null ? 'no value' : signed(indicator, p.gap),
    ]),
    statuses: points.map((p) => [
      null,
      p.group.value === null ? (p.group.status === 'value' ? 'missing' : p.group.status) : 'value',
      p.all.value === null ? (p.all.status === 'value' ? 'missing' : p.all.status) : 'value',
      p.gap === null ? 'not available' : 'value',
    ]),
  };

  const top = 56;
  const left = 80;
  const right = WIDTH - 24;
  const plotBottom = top + 260;
  const values = points.flatMap((p) => [p.group.value, p.all.value]).flatMap((v) => (v === null ? [] : [v]));
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const y = scale([ticks.min, ticks.max], [plotBottom, top]);
  const inset = 40;
  const x = (i: number) =>
    points.length <= 1 ? (left + right) / 2 : Math.round(left + inset + (i * (right - left - 2 * inset)) / (points.length - 1));
  const gapBars = points.flatMap((p, i) => {
    if (p.group.value === null || p.all.value === null) return [];
    const [y0, y1] = [Math.min(y(p.group.value), y(p.all.value)), Math.max(y(p.group.value), y(p.all.value))];
    return [
      `<rect data-series="gap" data-period="${p.period.label}" x="${x(i) - 9}" y="${y0}" width="18" height="${Math.max(1, y1 - y0)}" fill="${COLOUR.lightBlue}" fill-opacity="0.45"/>`,
    ];
  });
  const line = (pick: (p: GapPoint) => number | null) =>
    points.map((p, i) => {
      const v = pick(p);
      return v === null ? null : { x: x(i), y: y(v), label: p.period.label };
    });
  const legendTop = plotBottom + 72;
  const body = [
    text(left - 72, top - 24, unitHeading(indicator.unit), 'font-weight="bold"'),
    ...(values.length ? yAxis(ticks, y, left, right, (v) => tickLabel(indicator, v, ticks.decimals)) : []),
    ...xLabels(labels, x, plotBottom + 32, right - left),
    ...gapBars,
    lineSeries(
      line((p) => p.all.value),
      STYLE.england,
      'data-series="all"',
      'All children',
    ),
    lineSeries(
      line((p) => p.group.value),
      STYLE.area,
      'data-series="group"',
      groupLabel,
    ),
    legendEntry(STYLE.area, left, legendTop, groupLabel),
    legendEntry(STYLE.england, left, legendTop + 28, 'All children'),
    `<rect x="${left + 13}" y="${legendTop + 42}" width="18" height="18" fill="${COLOUR.lightBlue}" fill-opacity="0.45"/>`,
    text(left + 56, legendTop + 56, 'Gap between them'),
  ];
  const height = legendTop + 28 * 3;
  const id = input.id ?? chartId('chart', indicator.code, areaName, groupLabel, 'gap');
  const title = `${indicator.title}: ${groupLabel} against all children in ${areaName}, ${range}`;
  return { svg: svgFrame(id, WIDTH, height, title, describeGap(indicator, points, groupLabel), body), table, csv: toCsv(table) };
}

function describeGap(indicator: Indicator, points: readonly GapPoint[], groupLabel: string): string {
  const withGap = points.filter((p) => p.gap !== null);
  const first = withGap[0];
  const last = withGap.at(-1);
  const gapWords = (p: GapPoint) =>
    `${groupLabel} ${formatValue(indicator, p.group.value)}, all children ${formatValue(indicator, p.all.value)}, gap ${signed(indicator, p.gap ?? 0)}${indicator.unit === 'percentage' ? ' percentage points' : ''} in ${p.period.label}`;
  const missing = points.filter((p) => p.gap === null).map((p) => p.period.label);
  return [
    'Line chart of two lines with the gap between them shaded.',
    !first || !last ? 'No period has values for both.' : first === last ? `${gapWords(first)}.` : `${gapWords(first)}; ${gapWords(last)}.`,
    missing.length ? `No gap can be shown for ${missing.join(', ')}.` : '',
    'The table that follows gives every value.',
  ]
    .filter(Boolean)
    .join(' ');
}

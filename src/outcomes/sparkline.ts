/**
 * A sparkline: the area's values over time as a small inline SVG for the dashboard's compact table
 * (issue 14). Drawn on the server, no text inside (so nothing to shrink), and a text alternative that
 * gives the first and last values; the indicator page has the full chart and its table.
 */
import { COLOUR, escapeXml } from './charts-svg.js';

export interface SparkPoint {
  period: string;
  value: number | null;
  text: string;
}

const W = 120;
const H = 32;
const PAD = 4;

/** The words a screen reader hears instead of the picture. */
export function sparklineText(areaName: string, points: readonly SparkPoint[]): string {
  const present = points.filter((p) => p.value !== null);
  const first = present[0];
  const last = present.at(-1);
  if (!first || !last) return `${areaName}: no values to show`;
  const gaps = points.length - present.length;
  const missing = gaps ? `; ${gaps} ${gaps === 1 ? 'period' : 'periods'} without a value` : '';
  if (first === last) return `${areaName}: ${first.text} in ${first.period} only${missing}`;
  return `${areaName}: ${first.text} in ${first.period} to ${last.text} in ${last.period}, over ${points.length} periods${missing}`;
}

/** The sparkline as an inline SVG with role="img" and its text alternative; breaks where a value is missing. */
export function sparklineSvg(areaName: string, points: readonly SparkPoint[]): string {
  const label = sparklineText(areaName, points);
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (i: number) => (points.length <= 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => (hi === lo ? H / 2 : H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD));
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
    pen = true;
  });
  const lastIndex = points.map((p) => p.value !== null).lastIndexOf(true);
  const last = points[lastIndex];
  const dot =
    last && last.value !== null
      ? `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="3" fill="${COLOUR.blue}"/>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(label)}" focusable="false">` +
    `<title>${escapeXml(label)}</title>` +
    (d ? `<path d="${d.trim()}" fill="none" stroke="${COLOUR.blue}" stroke-width="2" stroke-linejoin="round"/>` : '') +
    dot +
    '</svg>'
  );
}

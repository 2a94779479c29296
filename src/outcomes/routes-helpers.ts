import { govukTable, type DataTable } from './charts.js';
import { formatValue } from './analysis.js';
import type { DashboardRow } from './dashboard.js';
import type { IndicatorAnalysis } from './indicator-analysis.js';
import { sparklineSvg } from './sparkline.js';
import { GROUPS } from './types.js';

/** What the outcome pages share: policies, rendering and the shapes GOV.UK macros take. */

import { pageRenderer } from '../platform/http/forms.js';
export { pageRoute as allow } from '../platform/http/views.js';

/** Renders one of src/outcomes/views/. */
export const show = pageRenderer('outcomes/views');

export const selectItems = (values: readonly string[], chosen: string | null | undefined) =>
  values.map((v) => ({ value: v, text: v, selected: v === chosen }));

export const groupItems = (chosen: string) => GROUPS.map((g) => ({ value: g.code, text: g.label, selected: g.code === chosen }));

export const table = (t: DataTable, numericFrom = 1) => govukTable(t, numericFrom);

const RAG_TAG = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red' } as const;
export const ragTag = (rag: 'green' | 'amber' | 'red' | null) =>
  rag
    ? {
        text: rag === 'green' ? 'Green: target met' : rag === 'amber' ? 'Amber: close to target' : 'Red: target missed',
        classes: RAG_TAG[rag],
      }
    : null;

const ordinalQuartile = ['', 'top quarter (best)', 'second quarter', 'third quarter', 'bottom quarter (worst)'];
export const quartileText = (q: number | null): string =>
  q === null ? 'not enough areas to divide into quarters' : (ordinalQuartile[q] ?? '');

/** Whose confidence intervals the page shows: the publisher's, ours computed from counts, or both. */
function intervalSources(a: IndicatorAnalysis): string | null {
  const methods = new Set(a.trend.flatMap((t) => (t.interval ? [t.interval.method] : [])));
  if (methods.size === 0) return null;
  const published = methods.has('as published');
  const computed = [...methods].filter((m) => m !== 'as published');
  const ours = `computed here from the numerator and denominator (${computed.join(' and ')} method), because none is published`;
  if (published && computed.length === 0) return 'Confidence intervals are as the publisher gives them: the official figures.';
  if (!published) return `Confidence intervals are ${ours}.`;
  return `Intervals marked published are the publisher’s own, the official figures; those marked computed are ${ours} for that period.`;
}

/** The indicator page's tables and words, so the template only lays them out. */
export function indicatorPageModel(a: IndicatorAnalysis) {
  const i = a.indicator;
  return {
    // The publisher's interval is the official one; ours is computed only where none is published, and says so.
    trendRows: a.trend.map((p) => [
      { text: p.period },
      { text: p.note ? `${p.text} (${p.note})` : p.text, format: 'numeric' },
      { text: p.intervalText ? `${p.intervalText} (${p.interval?.method === 'as published' ? 'published' : 'computed'})` : 'not available', format: 'numeric' },
      ...(a.trend.some((t) => t.interval998Text) ? [{ text: p.interval998Text ?? 'not published', format: 'numeric' }] : []),
      { text: p.england, format: 'numeric' },
    ]),
    trendHead: [
      { text: 'Period' },
      { text: a.area.name, format: 'numeric' },
      { text: '95% confidence interval', format: 'numeric' },
      ...(a.trend.some((t) => t.interval998Text) ? [{ text: '99.8% confidence interval (published)', format: 'numeric' }] : []),
      { text: 'England', format: 'numeric' },
    ],
    intervalText: intervalSources(a),
    details: [
      { key: { text: 'Definition' }, value: { text: i.definition || 'Not given' } },
      { key: { text: 'Unit' }, value: { text: i.unit } },
      { key: { text: 'Which way is better' }, value: { text: i.polarity } },
      { key: { text: 'Source' }, value: { text: i.source || 'Not given' } },
      { key: { text: 'How often' }, value: { text: i.frequency } },
      { key: { text: 'National or local' }, value: { text: i.scope } },
      { key: { text: 'Aims it evidences' }, value: { text: a.aims.map((x) => `${x.outcomeName}: ${x.text}`).join('; ') || 'None' } },
    ],
    tables: Object.fromEntries(
      Object.entries(a.charts).map(([name, chart]) => [name, table(chart.table, name === 'gap' ? 1 : name === 'ranking' ? 2 : 1)]),
    ),
    rankingText: a.comparison
      ? a.comparison.area.rank === null
        ? `In ${a.comparison.period.label} ${a.area.name} is not ranked (${i.polarity === 'no judgement' ? 'neither higher nor lower is better' : 'it has no value'}).`
        : `In ${a.comparison.period.label} ${a.area.name} ranked ${a.comparison.area.rank} of ${a.comparison.rankedCount} among itself and its comparator areas: ${quartileText(a.comparison.quartile)}.`
      : null,
    comparatorText: a.comparison
      ? `Comparator areas’ average ${formatValue(i, a.comparison.comparatorMean)}, median ${formatValue(i, a.comparison.comparatorMedian)}; England ${formatValue(i, a.comparison.england.value)}.`
      : null,
    ragTag: ragTag(a.targetStatus?.rag ?? null),
  };
}

export const link = (href: string, code: string, title = '') => ({
  html: `<a class="govuk-link" href="${href}">${escapeHtml(code)}</a>${title ? ` ${escapeHtml(title)}` : ''}`,
});
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The groups behind all children, in words: "Looked-after children behind by 12.5 percentage points (widened)". */
const behindText = (row: DashboardRow): string =>
  row.gaps
    .filter((g) => g.standing === 'behind')
    .map((g) => `${g.label} ${g.standingText}${g.movement ? ` (${g.movement})` : ''}`)
    .join('; ') || 'none behind';

/** A RAG status as a GOV.UK tag that carries its words, never colour alone. */
const ragTagHtml = (rag: 'green' | 'amber' | 'red' | null): string => {
  const tag = ragTag(rag);
  return tag ? `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>` : '';
};

/** The dashboard's compact table head; the needs pages leave out the target column. */
export const dashboardHead = (withTarget = true) => [
  { text: 'Indicator' },
  { text: 'Latest' },
  { text: 'Trend' },
  { text: 'England' },
  { text: 'Rank' },
  ...(withTarget ? [{ text: 'Target' }] : []),
  { text: 'Groups behind' },
];

/**
 * A dashboard row as the cells of the compact GOV.UK table: the headline on the latest complete
 * period (a later partial one flagged), a sparkline with its text alternative and the direction in
 * words, the RAG as a tag with its words. The detail is on the indicator page.
 */
export function dashboardCells(row: DashboardRow, href: string, areaName: string, withTarget = true) {
  const rank = row.rank === null ? 'not ranked' : `${row.rank} of ${row.rankedCount}${row.quartile ? `, quartile ${row.quartile}` : ''}`;
  const partial = row.partial
    ? `<br><strong class="govuk-tag govuk-tag--grey">Partial</strong> <span class="govuk-body-s">${escapeHtml(row.partial.period)} has values for ${row.partial.areas} of ${row.partial.expected} areas only</span>`
    : '';
  const latest = row.latestPeriod ? `${escapeHtml(row.latestText)} (${escapeHtml(row.latestPeriod)})` : 'no value';
  const direction = `${row.direction}${row.from ? ` since ${row.from}` : ''}`;
  const target = row.rag
    ? `${ragTagHtml(row.rag)} <span class="govuk-body-s">target ${escapeHtml(row.targetText ?? '')}</span>`
    : row.targetText
      ? `no status <span class="govuk-body-s">(target ${escapeHtml(row.targetText)})</span>`
      : 'no target';
  return [
    { html: `<a class="govuk-link" href="${href}">${escapeHtml(row.code)}</a> <span class="govuk-body-s">${escapeHtml(row.title)}</span>` },
    { html: `${latest}${partial}` },
    { html: `${sparklineSvg(areaName, row.series)}<br><span class="govuk-body-s">${escapeHtml(direction)}</span>` },
    { text: row.englandText },
    { text: rank },
    ...(withTarget ? [{ html: target }] : []),
    { text: behindText(row), classes: 'govuk-body-s' },
  ];
}

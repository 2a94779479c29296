import { describe, expect, it } from 'vitest';
import { compareWithComparators, gapSeries } from '../../src/outcomes/analysis.js';
import { barChart, gapChart, lineChart, niceTicks, toCsv, type Chart } from '../../src/outcomes/charts.js';
import { svgToPng } from '../../src/outcomes/png.js';
import { ENGLAND, type GroupCode, type Indicator, type Observation, type ValueStatus } from '../../src/outcomes/types.js';

function buildIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    code: 'CH39',
    title: 'Children looked after per 10,000 population aged under 18',
    definition: 'Rate of children looked after',
    unit: 'rate per 10,000 children',
    polarity: 'lower is better',
    aimCodes: [],
    source: 'Ofsted / CSCI annual performance assessment',
    frequency: 'annual',
    scope: 'national',
    areaCode: null,
    hasDenominator: false,
    multiplier: 10_000,
    decimals: 2,
    ...overrides,
  };
}

const PERIODS = ['2000-01', '2001-02', '2002-03', '2003-04', '2004-05', '2005-06'];

function buildObservations(
  indicator: Indicator,
  byArea: Record<string, (number | ValueStatus)[]>,
  group: GroupCode = 'all',
): Observation[] {
  return Object.entries(byArea).flatMap(([areaCode, cells]) =>
    cells.map((cell, i) => ({
      indicatorCode: indicator.code,
      areaCode,
      period: { label: PERIODS[i] ?? '', kind: 'financial year' as const, start: `${PERIODS[i]?.slice(0, 4)}-04-01` },
      group,
      value: typeof cell === 'number' ? cell : null,
      status: typeof cell === 'number' ? ('value' as const) : cell,
      numerator: null,
      denominator: null,
    })),
  );
}

// Seed 004 Table 8.1, with a comparator whose 2002-03 value is missing and one that is suppressed throughout.
const CH39 = buildIndicator();
const observations = buildObservations(CH39, {
  AREA2: [39.04, 37.31, 42.27, 45.17, 42.27, 39.98],
  AREA1: [133.36, 143.15, 125.94, 139.19, 128.99, 118.5],
  AREA3: [70, 72, 'missing', 74, 73, 39.98],
  AREA4: ['suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed'],
  [ENGLAND]: [56.34, 57.73, 58.7, 60.11, 60.73, 60.12],
});
const names = { AREA1: 'Area 1', AREA2: 'Area 2', AREA3: 'Bournemouth, Christchurch and Poole', AREA4: 'Area 4' };

function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv.trimEnd().split('\r\n')) {
    const cells: string[] = [];
    for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      const raw = match[1] ?? '';
      cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
      if (match[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

function expectAccessible(chart: Chart): void {
  const open = chart.svg.match(/<svg [^>]*>/)?.[0] ?? '';
  expect(open).toContain('role="img"');
  const [titleId, descId] = (open.match(/aria-labelledby="([^"]+)"/)?.[1] ?? '').split(' ');
  expect(chart.svg).toMatch(new RegExp(`<title id="${titleId}">[^<]+</title>`));
  expect(chart.svg).toMatch(new RegExp(`<desc id="${descId}">[^<]+</desc>`));
  const sizes = [...chart.svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
  expect(sizes.length).toBeGreaterThan(0);
  for (const size of sizes) expect(size).toBeGreaterThanOrEqual(14);
  // The CSV has the table's columns, each number column followed by its status; never words in a number column.
  const csv = parseCsv(chart.csv);
  expect(csv[0]?.filter((h) => !h.endsWith(' status'))).toEqual(chart.table.head);
  expect(csv.length).toBe(chart.table.rows.length + 1);
  expect(csv.flat().filter((c) => c.startsWith('no value'))).toEqual([]);
}

/** The markers of one series, by period. */
function markers(svg: string, seriesAttr: string): Map<string, number> {
  const group = svg.match(new RegExp(`<g ${seriesAttr}[^>]*>(.*?)</g>`))?.[1] ?? '';
  return new Map(
    [...group.matchAll(/(?:cy="([\d.]+)"|y="([\d.]+)")[^>]*data-period="([^"]+)"/g)].map((m) => [m[3] ?? '', Number(m[1] ?? m[2])]),
  );
}

describe('line chart of the area against comparators and England', () => {
  const chart = lineChart({
    indicator: CH39,
    observations,
    areaCode: 'AREA2',
    comparatorCodes: ['AREA1', 'AREA3', 'AREA4', ENGLAND],
    names,
  });

  it('has a data table that equals the data, with "no value" for anything missing', () => {
    expect(chart.table.head).toEqual(['Area', ...PERIODS]);
    expect(chart.table.rows).toEqual([
      ['Area 2', '39.04', '37.31', '42.27', '45.17', '42.27', '39.98'],
      ['Area 1', '133.36', '143.15', '125.94', '139.19', '128.99', '118.50'],
      ['Bournemouth, Christchurch and Poole', '70.00', '72.00', 'no value', '74.00', '73.00', '39.98'],
      ['Area 4', ...PERIODS.map(() => 'no value (suppressed)')],
      ['England', '56.34', '57.73', '58.70', '60.11', '60.73', '60.12'],
    ]);
    expect(chart.table.caption).toContain('Rate per 10,000 children');
  });

  it('is an accessible image with title, description, readable text and a CSV of the same table', () => {
    expectAccessible(chart);
    expect(chart.svg).toContain('<title id="chart-ch39-area2-all-trend-title">');
    expect(chart.csv.split('\r\n')[0]).toBe(['Area', ...PERIODS.flatMap((p) => [p, `${p} status`])].join(','));
    expect(chart.csv.split('\r\n')[3]).toBe(
      '"Bournemouth, Christchurch and Poole",70.00,value,72.00,value,,missing,74.00,value,73.00,value,39.98,value',
    );
    expect(chart.csv.split('\r\n')[4]).toBe(['Area 4', ...PERIODS.map(() => ',suppressed')].join(','));
  });

  it('leaves a gap where a value is missing: no marker, a broken line, nothing at zero', () => {
    const area3 = markers(chart.svg, 'data-series="comparator" data-area-code="AREA3"');
    expect([...area3.keys()]).not.toContain('2002-03');
    const path = chart.svg.match(/data-area-code="AREA3"><title>[^<]*<\/title><path d="([^"]+)"/)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(chart.svg).not.toMatch(/data-area-code="AREA4"[^>]*><title>[^<]*<\/title><path/);
    const zeroY = Number(chart.svg.match(/<line x1="80" x2="696" y1="([\d.]+)"[^>]*stroke="#505a5f"/)?.[1]);
    for (const y of markers(chart.svg, 'data-series="area"').values()) expect(y).toBeLessThan(zeroY);
  });

  it('uses round tick values with the unit heading', () => {
    expect(chart.svg).toContain('>Rate per 10,000 children</text>');
    for (const tick of ['>0</text>', '>50</text>', '>100</text>', '>150</text>']) expect(chart.svg).toContain(tick);
  });
});

describe('ranked bar chart of the latest period', () => {
  const comparison = compareWithComparators(CH39, observations, 'AREA2', ['AREA1', 'AREA3', 'AREA4']);
  if (!comparison) throw new Error('expected a comparison');
  const chart = barChart({ indicator: CH39, comparison, names });

  it('has a data table that equals the ranking, ties shared, with "no value" for the suppressed area and England beneath', () => {
    expect(chart.table.head).toEqual(['Rank', 'Area', 'Value']);
    expect(chart.table.rows).toEqual([
      ['1', 'Area 2', '39.98'],
      ['1', 'Bournemouth, Christchurch and Poole', '39.98'],
      ['3', 'Area 1', '118.50'],
      ['not ranked', 'Area 4', 'no value (suppressed)'],
      ['not ranked', 'England', '60.12'],
    ]);
  });

  it('is accessible and highlights the area by colour and by weight', () => {
    expectAccessible(chart);
    const area = chart.svg.match(/<g data-area-code="AREA2"[^>]*>(.*?)<\/g>/)?.[1] ?? '';
    expect(area).toContain('fill="#1d70b8"');
    expect(area).toContain('font-weight="bold"');
    expect(chart.svg).toMatch(/<line data-series="england"[^>]*stroke-dasharray/);
  });

  it('keeps every value label clear of the England line, in a column right of the plot', () => {
    const englandX = Number(chart.svg.match(/<line data-series="england" x1="([\d.]+)"/)?.[1]);
    const labels = [...chart.svg.matchAll(/<text x="([\d.]+)"[^>]*data-label="value"[^>]*>([^<]*)</g)];
    expect(labels.length).toBe(4);
    const bars = [...chart.svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]) + Number(m[2]));
    for (const [, x, words] of labels) {
      // Right-aligned at x: a label of n characters reaches at most about 10px a character to the left.
      const leftEdge = Number(x) - (words ?? '').length * 10;
      expect(leftEdge, `label ${words}`).toBeGreaterThan(englandX);
      expect(leftEdge, `label ${words}`).toBeGreaterThan(Math.max(...bars));
    }
    expect(parseCsv(chart.csv)[0]).toEqual(['Rank', 'Area', 'Value', 'Value status']);
    expect(parseCsv(chart.csv).find((r) => r[1] === 'Area 4')).toEqual(['not ranked', 'Area 4', '', 'suppressed']);
  });

  it('draws no bar for an area without a value, and no bar of zero size', () => {
    const missing = chart.svg.match(/<g data-area-code="AREA4" data-value="none">(.*?)<\/g>/)?.[1] ?? '';
    expect(missing).not.toContain('<rect');
    expect(missing).toContain('no value (suppressed)');
    for (const m of chart.svg.matchAll(/<g data-area-code="[^"]+" data-value="([\d.]+)">.*?<rect [^>]*width="([\d.]+)"/g)) {
      expect(Number(m[2])).toBeGreaterThan(0);
    }
  });
});

describe('gap chart of a group against all children', () => {
  const ks4 = buildIndicator({
    code: 'KS4',
    title: '5 or more GCSEs at A*-C',
    unit: 'percentage',
    polarity: 'higher is better',
    decimals: 1,
  });
  const data = [
    ...buildObservations(ks4, { AREA2: [60, 62, 63, 64, 65, 66] }),
    ...buildObservations(ks4, { AREA2: [10, 'suppressed', 12, 14, 'missing', 18] }, 'looked-after'),
  ];
  const chart = gapChart({
    indicator: ks4,
    points: gapSeries(ks4, data, 'AREA2', 'looked-after'),
    areaName: 'Area 2',
    groupLabel: 'Looked-after children',
  });

  it('has a data table of group, all children and the gap, with "no value" where either is missing', () => {
    expect(chart.table.head).toEqual(['Period', 'Looked-after children', 'All children', 'Gap (group minus all children)']);
    expect(chart.table.rows).toEqual([
      ['2000-01', '10.0', '60.0', '-50.0'],
      ['2001-02', 'no value (suppressed)', '62.0', 'no value'],
      ['2002-03', '12.0', '63.0', '-51.0'],
      ['2003-04', '14.0', '64.0', '-50.0'],
      ['2004-05', 'no value', '65.0', 'no value'],
      ['2005-06', '18.0', '66.0', '-48.0'],
    ]);
  });

  it('is accessible, shades the gap only where both have a value, and breaks the group line at gaps', () => {
    expectAccessible(chart);
    const shaded = [...chart.svg.matchAll(/data-series="gap" data-period="([^"]+)"/g)].map((m) => m[1]);
    expect(shaded).toEqual(['2000-01', '2002-03', '2003-04', '2005-06']);
    expect([...markers(chart.svg, 'data-series="group"').keys()]).toEqual(['2000-01', '2002-03', '2003-04', '2005-06']);
    expect(chart.svg).toContain('>60%</text>');
  });
});

describe('the parts charts share', () => {
  it('chooses round tick values', () => {
    expect(niceTicks(56.34, 60.73).values).toEqual([56, 58, 60, 62]);
    expect(niceTicks(0, 100).values).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(91.78, 314.96).values).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(0, 0).values).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('quotes CSV cells and defuses formulas but leaves signed numbers alone', () => {
    const csv = toCsv({
      caption: 'x',
      head: ['Area', 'Gap'],
      rows: [
        ['=HYPERLINK("x")', '-1.5'],
        ['Say "hi", twice', '+2.0'],
      ],
    });
    expect(csv).toBe('Area,Gap\r\n"\'=HYPERLINK(""x"")",-1.5\r\n"Say ""hi"", twice",+2.0\r\n');
    // A sign followed by digits is only left alone when the whole cell is a number.
    const sneaky = toCsv({ caption: 'x', head: ['=HYPERLINK("http://x","y")', '-3.5'], rows: [["-2+3+cmd|' /C calc'!A0", '@SUM(A1)']] });
    expect(sneaky).toBe('"\'=HYPERLINK(""http://x"",""y"")",-3.5\r\n\'-2+3+cmd|\' /C calc\'!A0,\'@SUM(A1)\r\n');
  });

  it('draws empty charts without NaN when nothing has a value', () => {
    const empty = buildObservations(CH39, { AREA2: ['missing', 'suppressed'], [ENGLAND]: ['missing', 'missing'] });
    const comparison = compareWithComparators(CH39, empty, 'AREA2', [], { periodLabel: '2001-02' });
    if (!comparison) throw new Error('expected a comparison');
    const charts = [
      lineChart({ indicator: CH39, observations: [], areaCode: 'AREA2', comparatorCodes: [], names }),
      lineChart({ indicator: CH39, observations: empty, areaCode: 'AREA2', comparatorCodes: [], names }),
      barChart({ indicator: CH39, comparison, names }),
      gapChart({ indicator: CH39, points: [], areaName: 'Area 2', groupLabel: 'Disabled children' }),
    ];
    for (const chart of charts) {
      expect(chart.svg).not.toMatch(/NaN|Infinity|undefined/);
      expectAccessible(chart);
    }
    expect(charts[2]?.table.rows).toEqual([
      ['not ranked', 'Area 2', 'no value (suppressed)'],
      ['not ranked', 'England', 'no value'],
    ]);
  });

  it('renders a chart to a PNG of the same size', async () => {
    const chart = lineChart({ indicator: CH39, observations, areaCode: 'AREA2', comparatorCodes: ['AREA1'], names });
    const png = await svgToPng(chart.svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [, width, height] = chart.svg.match(/<svg [^>]*width="(\d+)" height="(\d+)"/) ?? [];
    expect(png.readUInt32BE(16)).toBe(Number(width));
    expect(png.readUInt32BE(20)).toBe(Number(height));
  });
});

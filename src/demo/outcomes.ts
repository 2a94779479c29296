import { csvLine } from '../platform/csv.js';
import { recordAudit, type Actor, type RequestContext } from '../platform/audit.js';
import type { Db } from '../platform/db.js';
import {
  addDemoPlaces,
  findIndicatorByCode,
  importIndicatorValues,
  listIndicatorsForArea,
  parsePeriod,
  replaceComparators,
  upsertNarrative,
  upsertTarget,
  type DemoPlace,
  type GroupCode,
  type Indicator,
} from '../outcomes/index.js';
import { DEMO_AREA } from './area.js';

/**
 * The demo area's outcome figures (issue 5 item 9): five years of every starter indicator for
 * Kestrelshire, ten invented neighbours and England (demo), for all children and four groups, with
 * some values missing and some suppressed, as published tables have them. Made up, but
 * deterministic: the same numbers on every run. Loaded through the importer (a long-layout CSV),
 * so the demo exercises it. Idempotent: nothing happens once England (demo) has values.
 *
 * Invented values never sit under a real area's code (issue 15 item 5): every place here is the
 * demo's own, marked as such, with a code migration 0040 reserves; Kestrelshire is compared with
 * England (demo), never with England, and a real import of an indicator removes its invented values.
 */

/** England as the demo has it: invented, under a code no real place has (E92 names only England, E92000001). */
export const DEMO_ENGLAND: DemoPlace = { code: 'E92999999', name: 'England (demo)', kind: 'country', region: '' };

/** Invented shire authorities, as statistical neighbours of a largely rural county; each named as the demo's. */
export const DEMO_NEIGHBOURS: readonly DemoPlace[] = [
  { code: 'E10000090', name: 'Northmoor (demo)', kind: 'county', region: 'South West' },
  { code: 'E10000091', name: 'Ambermoor (demo)', kind: 'county', region: 'South West' },
  { code: 'E10000092', name: 'Brackenshire (demo)', kind: 'county', region: 'South West' },
  { code: 'E10000093', name: 'Corriedale (demo)', kind: 'county', region: 'West Midlands' },
  { code: 'E10000094', name: 'Dunmere (demo)', kind: 'county', region: 'East of England' },
  { code: 'E10000095', name: 'Elmscombe (demo)', kind: 'county', region: 'East of England' },
  { code: 'E10000096', name: 'Fernshire (demo)', kind: 'county', region: 'East Midlands' },
  { code: 'E06000990', name: 'Greymoor (demo)', kind: 'unitary', region: 'South West' },
  { code: 'E06000991', name: 'Hazelford (demo)', kind: 'unitary', region: 'South West' },
  { code: 'E06000992', name: 'Marlow Vale (demo)', kind: 'unitary', region: 'West Midlands' },
];

/** The demo's comparator group: its invented neighbours. */
export const DEMO_COMPARATORS: readonly string[] = DEMO_NEIGHBOURS.map((n) => n.code);

/** Every place of the demo: the area itself (so it is known as the demo's), its neighbours and England (demo). */
const DEMO_PLACES: readonly DemoPlace[] = [
  { code: DEMO_AREA.code, name: DEMO_AREA.name, kind: DEMO_AREA.kind, region: DEMO_AREA.region },
  ...DEMO_NEIGHBOURS,
  DEMO_ENGLAND,
];

const DEMO_GROUPS: readonly Exclude<GroupCode, 'all'>[] = ['fsm', 'looked-after', 'sen', 'disabled'];
const FIRST_YEAR = 2004;
const YEARS = 5;

/** A plausible level for each starter indicator, in its unit. */
const LEVELS: Record<string, number> = {
  'NI 53': 45,
  'NI 56': 18,
  'NI 50': 60,
  'NI 112': 42,
  CH39: 55,
  EX62: 180,
  'NI 62': 11,
  'NI 65': 13,
  'NI 69': 28,
  'NI 73': 72,
  'NI 75': 48,
  'NI 87': 6,
  'NI 102a': 22,
  'NI 102b': 28,
  'NI 110': 68,
  'NI 111': 1200,
  'NI 116': 18,
  'NI 117': 6.5,
};

/** A number in [0, 1) from a text, the same every run (FNV-1a). */
function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function periodLabels(indicator: Indicator): string[] {
  const years = Array.from({ length: YEARS }, (_, i) => FIRST_YEAR + i);
  switch (indicator.frequency) {
    case 'quarterly':
      return [2007, 2008].flatMap((y) => [1, 2, 3, 4].map((q) => `${y} Q${q}`));
    case 'annual':
      return years.map(String);
    case 'academic year':
    case 'financial year':
    case 'termly':
      return years.map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`);
  }
}

/** One value, or a marker: Kestrelshire improves a little each year, the others wander. */
function cell(indicator: Indicator, area: string, group: GroupCode, label: string, step: number): string {
  const key = `${indicator.code}|${area}|${group}|${label}`;
  // Published tables leave some cells out: a comparator's missing year, a small group suppressed.
  if (area === DEMO_COMPARATORS[2] && step === 1) return '..';
  if (group === 'looked-after' && noise(`${key}|c`) < 0.3) return 'c';
  if (area === DEMO_AREA.code && group === 'all' && indicator.code === 'NI 69' && step === 2) return 'x';
  const level = LEVELS[indicator.code] ?? 50;
  const better = indicator.polarity === 'lower is better' ? -1 : indicator.polarity === 'higher is better' ? 1 : 0;
  const england = area === DEMO_ENGLAND.code;
  const drift = area === DEMO_AREA.code ? 0.02 * better * step : england ? 0.01 * better * step : 0;
  const spread = england ? 0 : (noise(`${indicator.code}|${area}`) - 0.5) * 0.3;
  const wobble = (noise(key) - 0.5) * 0.04;
  // A group behind all children by polarity (000 §2.2): the gap the platform must show.
  const gap = group === 'all' ? 0 : -(better || 1) * (0.15 + 0.2 * noise(`${indicator.code}|${group}`));
  const value = level * (1 + drift + spread + wobble + gap);
  return Math.max(0, value).toFixed(indicator.decimals ?? 2);
}

/** The long-layout CSV of every demo value. */
export function demoOutcomesCsv(indicators: readonly Indicator[]): string {
  const lines = ['indicator,area,group,period,value'];
  const areas = [DEMO_AREA.code, ...DEMO_COMPARATORS, DEMO_ENGLAND.code];
  for (const indicator of indicators) {
    if (indicator.scope !== 'national') continue;
    // The gap indicators are gaps already; spending per head and the rate of children in care have no groups.
    const groups = indicator.unit === 'percentage points' || indicator.polarity === 'no judgement' ? [] : DEMO_GROUPS;
    periodLabels(indicator).forEach((label, step) => {
      for (const area of areas) lines.push(csvLine([indicator.code, area, 'all', label, cell(indicator, area, 'all', label, step)]));
      for (const group of groups)
        lines.push(csvLine([indicator.code, DEMO_AREA.code, group, label, cell(indicator, DEMO_AREA.code, group, label, step)]));
    });
  }
  return `${lines.join('\n')}\n`;
}

const OPERATOR: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: DEMO_AREA.code };
const CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp demo load', requestId: 'demo-load' };

const DEMO_TARGETS = [
  { code: 'NI 117', period: '2009', value: 5.8 },
  { code: 'NI 75', period: '2009-10', value: 52 },
];

const DEMO_NEEDS_LEVELS: { level: string; children: number; funding: number }[] = [
  { level: 'universal', children: 98_400, funding: 41_500_000 },
  { level: 'additional', children: 14_200, funding: 9_800_000 },
  { level: 'complex', children: 2_650, funding: 12_400_000 },
  { level: 'acute/specialist', children: 540, funding: 21_900_000 },
];

const DEMO_NARRATIVE = `Fewer young people in Kestrelshire are not in education, employment or training than five years ago, and the area is now close to England. Young people in care and those eligible for free school meals remain well behind their peers.

The comparison with our statistical neighbours shows where we stand; it does not show why figures moved. Other programmes and the time services take to show results are both at work.`;

/** Loads the demo outcome figures once; returns how many values it created. */
export async function loadDemoOutcomes(db: Db): Promise<number> {
  // England (demo) holds values once the demo's figures are in. A demo loaded before it had invented
  // places (migration 0040 removed what it wrote under real codes) is loaded again: its own values stay.
  // From each indicator to its values for the place (the version key leads with the indicator: ADR 0050).
  const [held] = await db.query<{ some: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM indicator i JOIN indicator_value_current v ON v.indicator_id = i.id AND v.area_code = $1) AS some',
    [DEMO_ENGLAND.code],
  );
  if (held?.some) return 0;
  await db.transaction((tx) => addDemoPlaces(tx, DEMO_PLACES));
  const indicators = await listIndicatorsForArea(db, null);
  const report = await importIndicatorValues(db, {
    csvText: demoOutcomesCsv(indicators),
    fileName: 'demo-outcomes.csv',
    actor: OPERATOR,
    context: CONTEXT,
    areaCode: DEMO_AREA.code,
  });
  if (report.status !== 'imported') throw new Error(`demo outcome values refused: ${JSON.stringify(report.faults.slice(0, 3))}`);
  await db.transaction(async (tx) => {
    await replaceComparators(tx, DEMO_AREA.code, DEMO_COMPARATORS);
    for (const t of DEMO_TARGETS) {
      const indicator = await findIndicatorByCode(tx, t.code, null);
      const period = indicator && parsePeriod(t.period, indicator.frequency);
      if (!indicator || !period?.ok) throw new Error(`demo target for ${t.code} is not valid`);
      await upsertTarget(tx, DEMO_AREA.code, { indicatorId: indicator.id, group: 'all', period: period.period, value: t.value });
    }
    for (const l of DEMO_NEEDS_LEVELS) {
      await tx.query(
        `INSERT INTO needs_level (area_code, year_label, level, children, funding_pounds) VALUES ($1, '2008-09', $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [DEMO_AREA.code, l.level, l.children, l.funding],
      );
    }
    await upsertNarrative(tx, DEMO_AREA.code, 'achieve-economic-wellbeing', DEMO_NARRATIVE, null);
    await recordAudit(tx, OPERATOR, CONTEXT, {
      action: 'demo.outcomes_loaded',
      details: { values: report.values, comparators: DEMO_COMPARATORS.length },
    });
  });
  return report.values;
}

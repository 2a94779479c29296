import { paths } from '../../platform/paths.js';
import type { PublishedMapping } from '../mappings-sql.js';
import { periodKindFor } from '../periods.js';
import type { Frequency, GroupCode, Period } from '../types.js';
import { ENGLAND } from '../types.js';
import { readEesCell, readEesPeriod } from './ees-cells.js';
import type { HeaderResult, ImportFault, LayoutHeader, Lookups, PublishedLayout, RowResult, StagedValue } from './types.js';

/**
 * Explore Education Statistics tidy files (issue 15 item 1; docs/indicator-import-formats.md): one
 * row per time period, place and combination of filters, with several measures as columns. The
 * columns EES itself defines (time_period, time_identifier, geographic_level and the geography
 * codes) are read here; which of the other columns are measures (and of which indicator) and which
 * are filters (and which value is the total) is the planner's published mapping (mappings.ts),
 * chosen as the one whose columns the file has. A file no mapping fits is refused with a link to
 * make one.
 */

const TIME = ['time_period', 'time_identifier', 'geographic_level'] as const;
const GEOGRAPHY = ['country_code', 'country_name', 'region_code', 'region_name', 'old_la_code', 'new_la_code', 'la_name'] as const;
type EesColumn = (typeof TIME)[number] | (typeof GEOGRAPHY)[number];

/** Columns EES defines for other levels (districts, constituencies, schools): never measures or filters. */
const OTHER_GEOGRAPHY =
  /^(lad|pcon|lsip|ward|opportunity_area|local_enterprise_partnership|english_devolved_area|mayoral_combined_authority|combined_authority|police_force_area|planning_area|rsc_region|trust|sponsor|school|institution|provider|mat|local_skills_improvement_plan_area)_/;

const normalise = (name: string): string => name.trim().toLowerCase();

/** Whether a column is one of EES's own (time or geography), not a measure or a filter. */
export const isEesStandardColumn = (name: string): boolean => {
  const n = normalise(name);
  return (TIME as readonly string[]).includes(n) || (GEOGRAPHY as readonly string[]).includes(n) || OTHER_GEOGRAPHY.test(n);
};

/** The levels the import reads; any other is skipped and counted (a district or school row is no fault). */
type Level = 'national' | 'regional' | 'local authority';
const LEVELS: ReadonlyMap<string, Level> = new Map<string, Level>([
  ['national', 'national'],
  ['regional', 'regional'],
  ['local authority', 'local authority'],
]);

export interface EesHeader extends LayoutHeader {
  at: Partial<Record<EesColumn, number>>;
  mapping: { slug: string; name: string };
  measures: { index: number; column: string; code: string; indicatorId: string; frequency: Frequency }[];
  /** `total` as the mapping writes it; matched ignoring case. */
  filters: { index: number; column: string; total: string; groups: ReadonlyMap<string, Exclude<GroupCode, 'all'>> }[];
}

const normaliseCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

/** The mapping a header fits: every column it names is in the file; the one naming most columns wins. */
export function chooseEesMapping(names: readonly string[], mappings: readonly PublishedMapping[]): PublishedMapping | null {
  const present = new Set(names.map((n) => n.trim()));
  const fits = mappings
    .filter((m) => m.source === 'ees' && m.measures.length > 0)
    .filter((m) => [...m.measures, ...m.filters].every((c) => present.has(c.column)))
    .sort((a, b) => b.measures.length + b.filters.length - (a.measures.length + a.filters.length));
  return fits[0] ?? null;
}

export function readEesHeader(names: string[], line: number, lookups?: Lookups): HeaderResult<EesHeader> {
  const faults: ImportFault[] = [];
  const at: EesHeader['at'] = {};
  names.forEach((name, index) => {
    const n = normalise(name) as EesColumn;
    if (!(TIME as readonly string[]).includes(n) && !(GEOGRAPHY as readonly string[]).includes(n)) return;
    if (at[n] !== undefined)
      faults.push({ line, column: name, kind: 'repeated_column', reason: `The column "${name}" is given more than once` });
    else at[n] = index;
  });
  for (const column of TIME)
    if (at[column] === undefined)
      faults.push({ line, column, kind: 'missing_column', reason: `The required column "${column}" is missing` });
  const mapping = chooseEesMapping(names, lookups?.publishedMappings ?? []);
  if (!mapping) {
    const columns = names.map((n) => n.trim()).filter((n) => n !== '' && !isEesStandardColumn(n));
    const href = paths.outcomesMappingNew('ees', columns);
    faults.push({
      line,
      column: '',
      kind: 'no_mapping',
      reason: `This Explore Education Statistics file has no saved mapping: say which of its columns (${columns.join(', ')}) become which indicators at ${href}, then import it again`,
      href,
    });
  }
  if (faults.length || !mapping) return { faults };
  const index = (column: string) => names.findIndex((n) => n.trim() === column);
  const measures: EesHeader['measures'] = [];
  for (const m of mapping.measures) {
    const indicator = lookups?.indicators.get(normaliseCode(m.indicator));
    if (!indicator)
      faults.push({
        line,
        column: m.column,
        kind: 'unknown_indicator',
        reason: `The mapping "${mapping.name}" sends ${m.column} to ${m.indicator}, which is not an indicator in the catalogue: change the mapping`,
        href: paths.outcomesMapping(mapping.id),
      });
    else
      measures.push({
        index: index(m.column),
        column: m.column,
        code: m.indicator,
        indicatorId: indicator.id,
        frequency: indicator.frequency,
      });
  }
  const filters = mapping.filters.map((f) => ({
    index: index(f.column),
    column: f.column,
    total: f.total,
    groups: new Map(f.groups.map((g) => [g.value.toLowerCase(), g.group])),
  }));
  if (faults.length) return { faults };
  return { header: { layout: 'ees', names, at, mapping: { slug: mapping.slug, name: mapping.name }, measures, filters } };
}

/** Where a row's values belong: England, a region or an upper-tier authority, by code, DfE number or name. */
function areaOf(level: Level, cell: (c: EesColumn) => string, lookups: Lookups, period: Period | undefined): string | null {
  const known = (code: string) => (code !== '' && lookups.areas.has(code.toUpperCase()) ? code.toUpperCase() : null);
  // An old_la_code or a name that several codes carried means the one in use in the row's period (area-lookup.ts).
  const resolve = (ref: { code?: string; laNumber?: string; name?: string }) => lookups.areas.resolve({ ...ref, period });
  switch (level) {
    case 'national':
      return cell('country_code') === '' || cell('country_code').toUpperCase() === ENGLAND ? ENGLAND : null;
    case 'regional':
      return resolve({ code: cell('region_code'), name: cell('region_name') }) ?? known(cell('region_code'));
    case 'local authority':
      return (
        resolve({
          code: cell('new_la_code') || undefined,
          laNumber: cell('old_la_code') || undefined,
          name: cell('la_name') || undefined,
        }) ?? known(cell('new_la_code'))
      );
  }
}

export function readEesRow(record: string[], line: number, header: EesHeader, lookups: Lookups): RowResult {
  const cell = (c: EesColumn): string => {
    const i = header.at[c];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const level = LEVELS.get(cell('geographic_level').toLowerCase());
  if (!level) return { values: [], faults: [], skipped: `geographic level ${cell('geographic_level') || '(blank)'}` };
  // A row for a breakdown that is not all children, and not a mapped group, is another table's row.
  let group: GroupCode = 'all';
  for (const f of header.filters) {
    const value = (record[f.index] ?? '').trim().toLowerCase();
    if (value === f.total.toLowerCase()) continue;
    const mapped = f.groups.get(value);
    if (!mapped || group !== 'all') return { values: [], faults: [], skipped: `${f.column} not ${f.total}` };
    group = mapped;
  }
  const faults: ImportFault[] = [];
  const period = readEesPeriod(cell('time_period'), cell('time_identifier'));
  if (!period.ok)
    faults.push({
      line,
      column: period.kind === 'unsupported_time' ? 'time_identifier' : 'time_period',
      kind: period.kind,
      reason: period.reason,
    });
  const areaCode = areaOf(level, cell, lookups, period.ok ? period.period : undefined);
  if (!areaCode) {
    const column = level === 'national' ? 'country_code' : level === 'regional' ? 'region_code' : 'new_la_code';
    const written = [
      cell(column),
      cell(level === 'local authority' ? 'old_la_code' : 'country_name'),
      cell(level === 'regional' ? 'region_name' : 'la_name'),
    ]
      .filter((x) => x !== '')
      .join(', ');
    faults.push({
      line,
      column,
      kind: 'unknown_area',
      reason: `No area is known by ${written ? `"${written}"` : 'a blank code and name'} (${cell('geographic_level')})`,
    });
  }
  const values: StagedValue[] = [];
  for (const m of header.measures) {
    const read = readEesCell(record[m.index] ?? '');
    if (!read.ok) {
      faults.push({ line, column: m.column, kind: 'bad_value', reason: read.reason });
      continue;
    }
    if (period.ok && period.period.kind !== periodKindFor(m.frequency)) {
      faults.push({
        line,
        column: 'time_identifier',
        kind: 'wrong_period_type',
        reason: `${m.code} is counted by ${periodKindFor(m.frequency)} (${m.frequency}); this row is a ${cell('time_identifier')}`,
      });
      continue;
    }
    if (period.ok && areaCode)
      values.push({
        line,
        column: m.column,
        indicatorId: m.indicatorId,
        areaCode,
        group,
        period: period.period,
        value: read.value,
        status: read.status,
        numerator: null,
        denominator: null,
        valueNote: read.note,
      });
  }
  return faults.length ? { values: [], faults } : { values, faults };
}

export const eesLayout: PublishedLayout<EesHeader> = {
  name: 'ees',
  words: 'Explore Education Statistics tidy file',
  detect: (names) => TIME.every((c) => names.some((n) => normalise(n) === c)),
  readHeader: (names, line, lookups) => readEesHeader(names, line, lookups),
  readRow: (record, line, header, lookups) => readEesRow(record, line, header, lookups),
};

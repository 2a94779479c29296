import { parseCount } from '../markers.js';
import { paths } from '../../platform/paths.js';
import { periodKindFor, spanKind } from '../periods.js';
import { ENGLAND, type Frequency, type GroupCode, type Period } from '../types.js';
import { readFingertipsPeriod } from './fingertips-cells.js';
import { readEesCell } from './ees-cells.js';
import type { HeaderResult, ImportFault, LayoutHeader, Lookups, PublishedLayout, RowResult } from './types.js';

/**
 * OHID Fingertips exports (issue 15 item 1; docs/indicator-import-formats.md): one row per indicator,
 * area, sex, age, category and period, with the publisher's confidence intervals, count and
 * denominator and a note on the value. The Fingertips Indicator ID names the indicator; which of ours
 * it is comes from a published mapping (mappings.ts, source fingertips). England, regions and upper
 * tier authorities are read; other area types (districts, ICBs) are skipped and counted, so are
 * breakdowns by category (deprivation deciles) and sexes other than Persons, Male and Female.
 */

const COLUMNS = {
  indicatorId: 'indicator id',
  indicatorName: 'indicator name',
  areaCode: 'area code',
  areaName: 'area name',
  areaType: 'area type',
  sex: 'sex',
  category: 'category',
  period: 'time period',
  value: 'value',
  ci95Lower: 'lower ci 95.0 limit',
  ci95Upper: 'upper ci 95.0 limit',
  ci998Lower: 'lower ci 99.8 limit',
  ci998Upper: 'upper ci 99.8 limit',
  count: 'count',
  denominator: 'denominator',
  valueNote: 'value note',
} as const;
type Role = keyof typeof COLUMNS;
const REQUIRED: readonly Role[] = ['indicatorId', 'areaCode', 'areaType', 'sex', 'period', 'value'];

export interface FingertipsHeader extends LayoutHeader {
  at: Partial<Record<Role, number>>;
  /**
   * Fingertips Indicator ID -> our indicator, from every saved Fingertips mapping; `id: null` when
   * the mapping names a code the catalogue does not hold.
   */
  indicators: ReadonlyMap<string, { code: string; id: string | null; frequency: Frequency | null }>;
}

const normalise = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');
const normaliseCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

export function readFingertipsHeader(names: string[], line: number, lookups?: Lookups): HeaderResult<FingertipsHeader> {
  const faults: ImportFault[] = [];
  const at: FingertipsHeader['at'] = {};
  const byName = new Map<string, Role>(Object.entries(COLUMNS).map(([role, name]) => [name, role as Role]));
  names.forEach((name, index) => {
    const role = byName.get(normalise(name));
    if (!role) return; // Fingertips adds columns (trend, comparisons) the import does not need; a blank trailing column too.
    if (at[role] !== undefined)
      faults.push({ line, column: name, kind: 'repeated_column', reason: `The column "${name}" is given more than once` });
    else at[role] = index;
  });
  for (const role of REQUIRED)
    if (at[role] === undefined)
      faults.push({ line, column: COLUMNS[role], kind: 'missing_column', reason: `The Fingertips column "${COLUMNS[role]}" is missing` });
  const indicators = new Map<string, { code: string; id: string | null; frequency: Frequency | null }>();
  for (const mapping of lookups?.publishedMappings ?? []) {
    if (mapping.source !== 'fingertips') continue;
    for (const m of mapping.measures) {
      if (indicators.has(m.column)) continue;
      const found = lookups?.indicators.get(normaliseCode(m.indicator));
      indicators.set(m.column, { code: m.indicator, id: found?.id ?? null, frequency: found?.frequency ?? null });
    }
  }
  return faults.length ? { faults } : { header: { layout: 'fingertips', names, at, indicators } };
}

/** Upper tier: Fingertips calls them "Counties & UAs (from Apr 2023)", "County & UA (4/21-3/23)", "Upper tier local authorities". */
function areaLevel(areaType: string): 'england' | 'region' | 'upper tier' | null {
  const t = areaType.trim().toLowerCase();
  if (t === 'england') return 'england';
  if (/^regions?\b/.test(t)) return 'region';
  if (/^count(y|ies)\b.*\bua/.test(t) || /upper tier/.test(t)) return 'upper tier';
  return null;
}

/** The kind of year a period is made of: a rolling one of calendar years (2020-22) or of the indicator's spans (2019-20 to 2021-22). */
const yearsOf = (period: Period, frequency: Frequency): Period['kind'] =>
  period.kind !== 'rolling years' ? period.kind : period.label.includes(' to ') ? spanKind(frequency) : 'calendar year';

const SEXES: ReadonlyMap<string, GroupCode> = new Map([
  ['persons', 'all'],
  ['male', 'male'],
  ['female', 'female'],
]);

/** A published limit: a number as written, or null when blank. */
function limit(text: string): { ok: true; value: string | null } | { ok: false } {
  const read = readEesCell(text);
  if (!read.ok) return { ok: false };
  return { ok: true, value: read.status === 'value' ? read.value : null };
}

export function readFingertipsRow(record: string[], line: number, header: FingertipsHeader, lookups: Lookups): RowResult {
  const cell = (role: Role): string => {
    const i = header.at[role];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const column = (role: Role): string => {
    const i = header.at[role];
    return i === undefined ? COLUMNS[role] : (header.names[i] ?? COLUMNS[role]).trim();
  };
  const level = areaLevel(cell('areaType'));
  if (!level) return { values: [], faults: [], skipped: `area type ${cell('areaType') || '(blank)'}` };
  const group = SEXES.get(cell('sex').toLowerCase());
  if (!group) return { values: [], faults: [], skipped: `sex ${cell('sex') || '(blank)'}` };
  if (cell('category') !== '') return { values: [], faults: [], skipped: 'a category (such as a deprivation decile)' };

  const faults: ImportFault[] = [];
  const id = cell('indicatorId');
  const mapped = header.indicators.get(id);
  const indicator = mapped?.id && mapped.frequency ? { code: mapped.code, id: mapped.id, frequency: mapped.frequency } : null;
  if (!indicator) {
    // Only the catalogue makes an indicator (ADR 0021): an export carries no unit, polarity or year type,
    // and a year type guessed would read 2022/23 as the wrong kind of year.
    const href = paths.outcomesMappingNew('fingertips', [id]);
    const named = `Fingertips indicator ${id}${cell('indicatorName') ? ` (${cell('indicatorName')})` : ''}`;
    faults.push({
      line,
      column: column('indicatorId'),
      kind: mapped ? 'unknown_indicator' : 'no_mapping',
      reason: mapped
        ? `${named} is mapped to ${mapped.code}, which is not in the catalogue: add ${mapped.code} to the catalogue ` +
          `(import a data dictionary with a row for it) or change the mapping, then import the file again`
        : `${named} is not mapped to an indicator: map it at ${href} to the catalogue's indicator for it, then import the file again. ` +
          `If the catalogue has none, add it first: import a data dictionary with a row for it (its code, name, unit, polarity and year type)`,
      href,
    });
  }
  const period = indicator ? readFingertipsPeriod(cell('period'), indicator.frequency) : null;
  const written = cell('areaCode');
  // A name that several codes carried (where the code is not known) means the one in use in the period (area-lookup.ts).
  const areaCode =
    level === 'england' && (written === '' || written.toUpperCase() === ENGLAND)
      ? ENGLAND
      : (lookups.areas.resolve({ code: written, name: cell('areaName') || undefined, period: period?.ok ? period.period : undefined }) ??
        (lookups.areas.has(written.toUpperCase()) ? written.toUpperCase() : null));
  if (!areaCode)
    faults.push({
      line,
      column: column('areaCode'),
      kind: 'unknown_area',
      reason: `No area is known by "${written}" (${cell('areaName')}, ${cell('areaType')})`,
    });
  if (period && !period.ok) faults.push({ line, column: column('period'), kind: 'bad_period', reason: period.reason });
  else if (period?.ok && indicator && yearsOf(period.period, indicator.frequency) !== periodKindFor(indicator.frequency))
    faults.push({
      line,
      column: column('period'),
      kind: 'wrong_period_type',
      reason: `${indicator.code} is counted by ${periodKindFor(indicator.frequency)} (${indicator.frequency}); "${cell('period')}" is a ${period.period.kind}`,
    });
  const value = readEesCell(cell('value'));
  if (!value.ok) faults.push({ line, column: column('value'), kind: 'bad_value', reason: `"${cell('value')}" is not a number` });
  const limits = (['ci95Lower', 'ci95Upper', 'ci998Lower', 'ci998Upper'] as const).map((role) => {
    const read = limit(cell(role));
    if (!read.ok)
      faults.push({ line, column: column(role), kind: 'bad_value', reason: `The confidence limit "${cell(role)}" is not a number` });
    return read.ok ? read.value : null;
  });
  const [l95 = null, u95 = null, l998 = null, u998 = null] = limits;
  for (const [lower, upper, role] of [
    [l95, u95, 'ci95Upper'],
    [l998, u998, 'ci998Upper'],
  ] as const)
    if (lower !== null && upper !== null && Number(lower) > Number(upper))
      faults.push({
        line,
        column: column(role),
        kind: 'bad_value',
        reason: `The upper confidence limit ${upper} is below the lower one ${lower}`,
      });
  const counts = (['count', 'denominator'] as const).map((role) => {
    const read = parseCount(cell(role), role === 'count' ? 'numerator' : 'denominator');
    if (!read.ok) faults.push({ line, column: column(role), kind: 'bad_count', reason: read.reason });
    return read.ok ? read.value : null;
  });
  if (faults.length || !indicator || !areaCode || !period?.ok || !value.ok) return { values: [], faults };
  const note = cell('valueNote');
  // Fingertips leaves the value blank and says why in its note: suppressed for disclosure control, or not given.
  const status = value.status === 'value' ? 'value' : /suppress|disclos/i.test(note) ? 'suppressed' : 'missing';
  return {
    values: [
      {
        line,
        column: column('value'),
        indicatorId: indicator.id,
        areaCode,
        group,
        period: period.period,
        value: value.status === 'value' ? value.value : null,
        status,
        numerator: counts[0] ?? null,
        denominator: counts[1] ?? null,
        ci95Lower: l95,
        ci95Upper: u95,
        ci998Lower: l998,
        ci998Upper: u998,
        valueNote: note === '' ? null : note,
      },
    ],
    faults: [],
  };
}

export const fingertipsLayout: PublishedLayout<FingertipsHeader> = {
  name: 'fingertips',
  words: 'OHID Fingertips export',
  detect: (names) => ['indicator id', 'area code', 'area type', 'time period'].every((c) => names.some((n) => normalise(n) === c)),
  readHeader: (names, line, lookups) => readFingertipsHeader(names, line, lookups),
  readRow: (record, line, header, lookups) => readFingertipsRow(record, line, header, lookups),
};

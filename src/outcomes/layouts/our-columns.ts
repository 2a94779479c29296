import { parseCell, parseCount } from '../markers.js';
import { parsePeriod, parsePeriodFor } from '../periods.js';
import { GROUPS, type GroupCode } from '../types.js';
import type { HeaderResult, ImportFault, LayoutHeader, Lookups, RowResult, StagedValue } from './types.js';

/**
 * Our own two layouts (long and wide, docs/indicator-import-formats.md): the header's columns by
 * role, and each data row turned into values or into faults that name the line and column.
 */

export type Role = 'indicator' | 'area' | 'area_name' | 'group' | 'period' | 'value' | 'numerator' | 'denominator';

const ALIASES: Readonly<Record<string, Role>> = {
  indicator: 'indicator',
  indicator_code: 'indicator',
  area: 'area',
  area_code: 'area',
  ons_code: 'area',
  area_name: 'area_name',
  name: 'area_name',
  group: 'group',
  group_code: 'group',
  period: 'period',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
};
const LONG_REQUIRED: readonly Role[] = ['indicator', 'area', 'period', 'value'];
const WIDE_ALLOWED: readonly Role[] = ['indicator', 'area', 'area_name', 'group'];

export interface OurHeader extends LayoutHeader {
  layout: 'long' | 'wide';
  /** Column index of each role present. */
  at: Partial<Record<Role, number>>;
  /** Wide layout: the period columns, by index. */
  periods: { index: number; label: string }[];
}

const normalise = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export const normaliseCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

/** The role each column plays, as our layouts name them (undefined for any other column). */
export const rolesOf = (names: readonly string[]): (Role | undefined)[] => names.map((n) => ALIASES[normalise(n)]);

/**
 * Reads the header: the long layout has `period` and `value` columns; the wide one has a column per
 * period instead. Returns the header, or faults (on its line) that refuse the whole file.
 */
export function readOurHeader(names: string[], line: number, layout: 'long' | 'wide'): HeaderResult<OurHeader> {
  const roles = rolesOf(names);
  const faults: ImportFault[] = [];
  const at: OurHeader['at'] = {};
  const periods: OurHeader['periods'] = [];
  names.forEach((name, index) => {
    const role = roles[index];
    if (role && (layout === 'long' || WIDE_ALLOWED.includes(role))) {
      if (at[role] !== undefined)
        faults.push({ line, column: name, kind: 'repeated_column', reason: `The column "${name}" is given more than once` });
      else at[role] = index;
      return;
    }
    if (layout === 'wide') {
      const period = parsePeriod(name, 'annual');
      if (period.ok) periods.push({ index, label: name });
      else
        faults.push({
          line,
          column: name,
          kind: 'bad_period_column',
          reason: `In the wide layout each column after indicator, area and group is a period: ${period.reason}`,
        });
      return;
    }
    faults.push({
      line,
      column: name,
      kind: 'unknown_column',
      reason: `Unknown column "${name}". The long layout's columns are indicator, area, period, value and optionally area_name, group, numerator, denominator`,
    });
  });
  const required = layout === 'long' ? LONG_REQUIRED : (['indicator', 'area'] as const);
  for (const role of required) {
    if (at[role] === undefined)
      faults.push({ line, column: role, kind: 'missing_column', reason: `The required column "${role}" is missing` });
  }
  if (layout === 'wide' && periods.length === 0 && faults.length === 0) {
    faults.push({
      line,
      column: '',
      kind: 'no_period_columns',
      reason: 'The file has no period columns: the wide layout needs one column per period, like 2005-06',
    });
  }
  return faults.length ? { faults } : { header: { layout, names, at, periods } };
}

/** An ONS code is a letter and eight digits (E10000008); anything else is most likely the area's name. */
const ONS_CODE = /^[EWSN]\d{8}$/i;

/** Says which column and what it expects: 'Column "area" expects an ONS code like E10000008; "KESTRELSHIRE" is a name'. */
export function unknownAreaReason(column: string, written: string): string {
  const expects = `Column "${column}" expects the ONS code of an English upper-tier local authority, England (E92000001) or this area, like E10000008`;
  if (!ONS_CODE.test(written.replace(/\s+/g, ''))) return `${expects}; "${written}" is a name or other text, not a code`;
  return `${expects}; "${written.toUpperCase()}" is not the code of any of those`;
}

const GROUP_BY_WORD = new Map<string, GroupCode>(
  GROUPS.flatMap((g) => [[g.code, g.code] as const, [g.label.toLowerCase(), g.code] as const]),
);

/** A fault for a row whose length differs from the header's, or null. */
export function rowLengthFault(record: readonly string[], line: number, header: LayoutHeader): ImportFault | null {
  if (record.length === header.names.length) return null;
  return {
    line,
    column: '',
    kind: 'row_length',
    reason: `The row has ${record.length} values but the header has ${header.names.length} columns`,
  };
}

/** The values of one data row of our long or wide layout, and every fault it has. */
export function readOurRow(record: string[], line: number, header: OurHeader, lookups: Lookups): RowResult {
  const faults: ImportFault[] = [];
  const values: StagedValue[] = [];
  const lengthFault = rowLengthFault(record, line, header);
  if (lengthFault) return { values, faults: [lengthFault] };
  const cell = (role: Role): string => {
    const i = header.at[role];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const name = (role: Role): string => {
    const i = header.at[role];
    return i === undefined ? role : (header.names[i] ?? role);
  };
  const code = cell('indicator');
  const indicator = lookups.indicators.get(normaliseCode(code));
  if (code === '') faults.push({ line, column: name('indicator'), kind: 'blank_indicator', reason: 'The indicator code is blank' });
  else if (!indicator)
    faults.push({ line, column: name('indicator'), kind: 'unknown_indicator', reason: `"${code}" is not an indicator in the catalogue` });
  const areaCode = cell('area').toUpperCase();
  if (areaCode === '') faults.push({ line, column: name('area'), kind: 'blank_area', reason: 'The area code is blank' });
  else if (!lookups.areas.has(areaCode)) {
    faults.push({ line, column: name('area'), kind: 'unknown_area', reason: unknownAreaReason(name('area'), cell('area')) });
  }
  const groupWord = cell('group');
  const group = groupWord === '' ? 'all' : GROUP_BY_WORD.get(groupWord.toLowerCase());
  if (!group) {
    faults.push({
      line,
      column: name('group'),
      kind: 'unknown_group',
      reason: `"${groupWord}" is not a group: use ${GROUPS.map((g) => g.code).join(', ')}`,
    });
  }
  const cells =
    header.layout === 'long'
      ? [{ column: name('period'), label: cell('period'), text: cell('value'), valueColumn: name('value') }]
      : header.periods.map((p) => ({ column: p.label, label: p.label, text: (record[p.index] ?? '').trim(), valueColumn: p.label }));
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (header.layout === 'long') {
    for (const what of ['numerator', 'denominator'] as const) {
      const parsed = parseCount(cell(what), what);
      if (!parsed.ok) faults.push({ line, column: name(what), kind: 'bad_count', reason: parsed.reason });
      else if (what === 'numerator') numerator = parsed.value;
      else denominator = parsed.value;
    }
  }
  for (const c of cells) {
    const read = parsePeriod(c.label, indicator?.frequency ?? 'annual');
    const period = read.ok && indicator ? parsePeriodFor(c.label, { code: code.trim(), frequency: indicator.frequency }) : read;
    if (!read.ok) faults.push({ line, column: c.column, kind: 'bad_period', reason: read.reason });
    else if (!period.ok) faults.push({ line, column: c.column, kind: 'wrong_period_type', reason: period.reason });
    const parsed = parseCell(c.text);
    if (!parsed.ok) faults.push({ line, column: c.valueColumn, kind: 'bad_value', reason: parsed.reason });
    if (faults.length === 0 && indicator && group && period.ok && parsed.ok) {
      values.push({
        line,
        column: c.valueColumn,
        indicatorId: indicator.id,
        areaCode,
        group,
        period: period.period,
        value: parsed.status === 'value' ? c.text.replace(/,/g, '') : null,
        status: parsed.status,
        numerator,
        denominator,
      });
    }
  }
  return faults.length ? { values: [], faults } : { values, faults };
}

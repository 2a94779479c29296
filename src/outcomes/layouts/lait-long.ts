import { LAIT_CELLS, parseCell } from '../markers.js';
import { parsePublishedPeriod } from '../periods.js';
import { normaliseCode, rowLengthFault } from './our-columns.js';
import type { Period } from '../types.js';
import type { HeaderResult, ImportFault, LayoutHeader, PublishedLayout, StagedValue } from './types.js';

/**
 * The LAIT long file (Local Authority Interactive Tool, DfE): its whole dataset as one table, read
 * unchanged (docs/indicator-import-formats.md). Columns:
 *
 * | Column          | What it holds                                                                 |
 * | --------------- | ----------------------------------------------------------------------------- |
 * | Short Desc      | the measure's short description (read, not checked: the catalogue has it)     |
 * | Data item       | the measure code, as the data dictionary gives it (KS2_RWM_EXP_PCT)           |
 * | Years           | the period with its revision status (periods.ts parsePublishedPeriod)         |
 * | LA and Regions  | the area's name: a local authority, a region or England                       |
 * | Values          | a number (E-notation too: 4.798E-2) or a LAIT marker (markers.ts LAIT_MARKERS) |
 * | LA Number       | the DfE LA number (3 digits, 886 is Kent); blank for regions and England      |
 * | Region          | the authority's region (read, not checked)                                    |
 *
 * An area is found by its LA number, or by its name where the number is blank (the area lookup).
 */

const COLUMNS = ['Short Desc', 'Data item', 'Years', 'LA and Regions', 'Values', 'LA Number', 'Region'] as const;
type LaitColumn = (typeof COLUMNS)[number];
const REQUIRED: readonly LaitColumn[] = ['Data item', 'Years', 'LA and Regions', 'Values', 'LA Number'];

const key = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');
const BY_KEY = new Map<string, LaitColumn>(COLUMNS.map((c) => [key(c), c]));

export interface LaitHeader extends LayoutHeader {
  at: Partial<Record<LaitColumn, number>>;
}

const LA_NUMBER = /^\d{3}$/;

export const laitLongLayout: PublishedLayout<LaitHeader> = {
  name: 'lait-long',
  words: 'LAIT long file (Local Authority Interactive Tool: Data item, Years, LA and Regions, Values, LA Number)',
  detect(headerNames) {
    const keys = new Set(headerNames.map(key));
    return keys.has('data item') && keys.has('la and regions') && keys.has('years');
  },
  readHeader(names, line): HeaderResult<LaitHeader> {
    const faults: ImportFault[] = [];
    const at: LaitHeader['at'] = {};
    names.forEach((name, index) => {
      const column = BY_KEY.get(key(name));
      if (!column) {
        faults.push({
          line,
          column: name,
          kind: 'unknown_column',
          reason: `Unknown column "${name}". The LAIT long file's columns are ${COLUMNS.join(', ')}`,
        });
      } else if (at[column] !== undefined) {
        faults.push({ line, column: name, kind: 'repeated_column', reason: `The column "${name}" is given more than once` });
      } else at[column] = index;
    });
    for (const column of REQUIRED) {
      if (at[column] === undefined)
        faults.push({ line, column, kind: 'missing_column', reason: `The LAIT long file's column "${column}" is missing` });
    }
    return faults.length ? { faults } : { header: { layout: 'lait-long', names, at } };
  },
  readRow(record, line, header, lookups) {
    const lengthFault = rowLengthFault(record, line, header);
    if (lengthFault) return { values: [], faults: [lengthFault] };
    const cell = (column: LaitColumn): string => {
      const i = header.at[column];
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const name = (column: LaitColumn): string => {
      const i = header.at[column];
      return i === undefined ? column : (header.names[i] ?? column);
    };
    const faults: ImportFault[] = [];
    const code = cell('Data item');
    const indicator = lookups.indicators.get(normaliseCode(code));
    if (code === '')
      faults.push({ line, column: name('Data item'), kind: 'blank_indicator', reason: 'The measure code (Data item) is blank' });
    else if (!indicator)
      faults.push({
        line,
        column: name('Data item'),
        kind: 'unknown_indicator',
        reason: `"${code}" is not an indicator in the catalogue: import the LAIT data dictionary first (ctp import catalogue)`,
      });
    const period = indicator ? parsePublishedPeriod(cell('Years'), { code, frequency: indicator.frequency }) : null;
    // The period first: an LA number that several codes carried means the one in use in it (area-lookup.ts).
    const areaCode = resolveArea(
      cell('LA Number'),
      cell('LA and Regions'),
      line,
      name,
      lookups,
      faults,
      period?.ok ? period.period : undefined,
    );
    if (period && !period.ok) faults.push({ line, column: name('Years'), kind: period.kind, reason: period.reason });
    const text = cell('Values');
    const parsed = parseCell(text, LAIT_CELLS);
    if (!parsed.ok) faults.push({ line, column: name('Values'), kind: 'bad_value', reason: parsed.reason });
    if (faults.length > 0 || !indicator || !areaCode || !period?.ok || !parsed.ok) return { values: [], faults };
    const value: StagedValue = {
      line,
      column: name('Values'),
      indicatorId: indicator.id,
      areaCode,
      group: 'all',
      period: period.period,
      value: parsed.status === 'value' ? text.replace(/,/g, '') : null,
      status: parsed.status,
      numerator: null,
      denominator: null,
      revision: period.revision,
    };
    return { values: [value], faults };
  },
};

/** The area of a row: by its LA number, or by name where the number is blank (regions, England). */
function resolveArea(
  laNumber: string,
  areaName: string,
  line: number,
  name: (column: LaitColumn) => string,
  lookups: Parameters<PublishedLayout['readRow']>[3],
  faults: ImportFault[],
  period: Period | undefined,
): string | null {
  if (laNumber === '' && areaName === '') {
    faults.push({ line, column: name('LA and Regions'), kind: 'blank_area', reason: 'Both the LA number and the area name are blank' });
    return null;
  }
  if (laNumber !== '' && !LA_NUMBER.test(laNumber)) {
    faults.push({
      line,
      column: name('LA Number'),
      kind: 'unknown_area',
      reason: `Column "${name('LA Number')}" expects a DfE LA number of three digits, like 886 (Kent); "${laNumber}" is not one`,
    });
    return null;
  }
  const found = laNumber !== '' ? lookups.areas.resolve({ laNumber, period }) : lookups.areas.resolve({ name: areaName, period });
  if (found) return found;
  faults.push(
    laNumber !== ''
      ? {
          line,
          column: name('LA Number'),
          kind: 'unknown_area',
          reason: `Column "${name('LA Number')}": ${laNumber} is not the DfE number of any English local authority ("${areaName}")`,
        }
      : {
          line,
          column: name('LA and Regions'),
          kind: 'unknown_area',
          reason: `Column "${name('LA and Regions')}": "${areaName}" is not England, a region or a local authority, and the row gives no LA number`,
        },
  );
  return null;
}

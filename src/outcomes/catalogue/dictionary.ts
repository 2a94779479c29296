import type { ImportFault } from '../layouts/types.js';
import type { Frequency, Polarity, Unit } from '../types.js';

/**
 * The LAIT data dictionary read as the indicator catalogue (issue 15 item 1): one row per measure,
 * columns found by name ignoring case and spacing. Each row becomes a national indicator with the
 * publisher's code as given, or faults naming the line and the column.
 *
 * | Column       | Read as                                                                      |
 * | ------------ | ---------------------------------------------------------------------------- |
 * | Measure code | the code, as given (KS2_RWM_EXP_PCT, "CLA (rate)"); up to 100 characters       |
 * | Description  | the title (shortened to 200 characters with "…") and the whole definition     |
 * | Topic        | the publisher's topic; its aims follow the topic mapping (indicator_topic_aim) |
 * | Polarity     | High (higher is better), Low (lower is better), - (no judgement)               |
 * | Unit         | UNIT_WORDS below                                                              |
 * | Year type    | financial, academic or calendar: how a single-year label is read (periods.ts) |
 * | Decimals     | 0 to 4, or NA: shown as published                                             |
 * | Source       | who publishes it                                                              |
 */

export interface CatalogueEntry {
  line: number;
  code: string;
  title: string;
  definition: string;
  topic: string | null;
  polarity: Polarity;
  unit: Unit;
  frequency: Frequency;
  decimals: number | null;
  source: string;
}

type Field = 'code' | 'description' | 'topic' | 'polarity' | 'unit' | 'yearType' | 'decimals' | 'source';
const ALIASES: Readonly<Record<string, Field>> = {
  'measure code': 'code',
  measure: 'code',
  code: 'code',
  'data item': 'code',
  description: 'description',
  'measure description': 'description',
  'short desc': 'description',
  topic: 'topic',
  polarity: 'polarity',
  unit: 'unit',
  units: 'unit',
  'year type': 'yearType',
  decimals: 'decimals',
  'decimal places': 'decimals',
  source: 'source',
};
const REQUIRED: readonly Field[] = ['code', 'description', 'polarity', 'unit', 'yearType'];
const key = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

/** Whether a header is a data dictionary's (for the upload page and the API, which take either). */
export const isDictionaryHeader = (names: readonly string[]): boolean => {
  const fields = new Set(names.map((n) => ALIASES[key(n)]));
  return fields.has('code') && fields.has('polarity') && fields.has('yearType');
};

const POLARITY: ReadonlyMap<string, Polarity> = new Map([
  ['high', 'higher is better'],
  ['low', 'lower is better'],
  ['-', 'no judgement'],
  ['', 'no judgement'],
  ['higher is better', 'higher is better'],
  ['lower is better', 'lower is better'],
  ['no judgement', 'no judgement'],
]);

/** How publishers write units, to ours (analysis-format.ts shows each). */
export const UNIT_WORDS: ReadonlyMap<string, Unit> = new Map<string, Unit>([
  ['percentage', 'percentage'],
  ['percent', 'percentage'],
  ['%', 'percentage'],
  ['percentage points', 'percentage points'],
  ['number', 'number'],
  ['count', 'count'],
  ['score', 'score'],
  ['average', 'number'],
  ['rate per 100', 'rate per 100'],
  ['rate per 1,000', 'rate per 1,000'],
  ['rate per 1000', 'rate per 1,000'],
  ['rate per 10,000', 'rate per 10,000'],
  ['rate per 10000', 'rate per 10,000'],
  ['rate per 10,000 children', 'rate per 10,000 children'],
  ['rate per 100,000', 'rate per 100,000'],
  ['rate per 100000', 'rate per 100,000'],
  ['£ per head', '£ per head'],
  ['money per head', '£ per head'],
  ['£ per child', '£ per head'],
  ['£ per week', '£ per week'],
  ['money per week', '£ per week'],
  ['£', '£'],
  ['money', '£'],
  ['£000s', '£ thousands'],
  ['£ thousands', '£ thousands'],
  ['ratio', 'ratio'],
  ['days', 'days'],
  ['weeks', 'weeks'],
  ['months', 'months'],
  ['years', 'years'],
]);

const YEAR_TYPE: ReadonlyMap<string, Frequency> = new Map<string, Frequency>([
  ['financial', 'financial year'],
  ['financial year', 'financial year'],
  ['academic', 'academic year'],
  ['academic year', 'academic year'],
  ['calendar', 'annual'],
  ['calendar year', 'annual'],
]);

export const CODE_MAX = 100;
const TITLE_MAX = 200;

export interface DictionaryHeader {
  names: string[];
  at: Partial<Record<Field, number>>;
}

export function readDictionaryHeader(names: string[], line: number): { header: DictionaryHeader } | { faults: ImportFault[] } {
  const faults: ImportFault[] = [];
  const at: DictionaryHeader['at'] = {};
  names.forEach((name, index) => {
    const field = ALIASES[key(name)];
    if (!field) return; // other columns of the dictionary (notes, links) are not needed
    if (at[field] !== undefined)
      faults.push({ line, column: name, kind: 'repeated_column', reason: `The column "${name}" is given more than once` });
    else at[field] = index;
  });
  const words: Record<Field, string> = {
    code: 'Measure code',
    description: 'Description',
    topic: 'Topic',
    polarity: 'Polarity',
    unit: 'Unit',
    yearType: 'Year type',
    decimals: 'Decimals',
    source: 'Source',
  };
  for (const field of REQUIRED)
    if (at[field] === undefined)
      faults.push({
        line,
        column: words[field],
        kind: 'missing_column',
        reason: `The data dictionary's column "${words[field]}" is missing`,
      });
  return faults.length ? { faults } : { header: { names, at } };
}

/** One row of the dictionary: the entry, or every fault it has. */
export function readDictionaryRow(
  record: string[],
  line: number,
  header: DictionaryHeader,
): { entry?: CatalogueEntry; faults: ImportFault[] } {
  const cell = (f: Field): string => {
    const i = header.at[f];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const column = (f: Field): string => {
    const i = header.at[f];
    return i === undefined ? f : (header.names[i] ?? f);
  };
  const faults: ImportFault[] = [];
  const fault = (f: Field, kind: ImportFault['kind'], reason: string) => faults.push({ line, column: column(f), kind, reason });
  const code = cell('code');
  if (code === '') fault('code', 'blank_indicator', 'The measure code is blank');
  else if (code.length > CODE_MAX || /[\p{Cc}]/u.test(code))
    fault('code', 'bad_code', `The measure code must be up to ${CODE_MAX} characters of text, without line breaks`);
  const description = cell('description').replace(/\s+/g, ' ');
  if (description === '') fault('description', 'blank_description', 'The description is blank: it is the indicator’s title');
  const polarity = POLARITY.get(cell('polarity').toLowerCase());
  if (!polarity) fault('polarity', 'bad_polarity', `"${cell('polarity')}" is not a polarity: write High, Low or -`);
  const unit = UNIT_WORDS.get(cell('unit').toLowerCase().replace(/\s+/g, ' '));
  if (!unit)
    fault('unit', 'bad_unit', `"${cell('unit')}" is not a unit the catalogue knows: ${[...new Set(UNIT_WORDS.values())].join(', ')}`);
  const frequency = YEAR_TYPE.get(cell('yearType').toLowerCase());
  if (!frequency) fault('yearType', 'bad_year_type', `"${cell('yearType')}" is not a year type: write financial, academic or calendar`);
  const decimalsText = cell('decimals');
  const decimals =
    /^na$/i.test(decimalsText) || decimalsText === '' ? null : /^[0-4]$/.test(decimalsText) ? Number(decimalsText) : undefined;
  if (decimals === undefined)
    fault(
      'decimals',
      'bad_decimals',
      `"${decimalsText}" is not a number of decimal places: write 0 to 4, or NA to show values as published`,
    );
  if (faults.length || !polarity || !unit || !frequency || decimals === undefined) return { faults };
  const title = description.length > TITLE_MAX ? `${description.slice(0, TITLE_MAX - 1).trimEnd()}…` : description;
  return {
    entry: {
      line,
      code,
      title,
      definition: description,
      topic: cell('topic') || null,
      polarity,
      unit,
      frequency,
      decimals,
      source: cell('source'),
    },
    faults,
  };
}

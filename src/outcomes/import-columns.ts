import { csvLine } from '../platform/csv.js';
import { GROUPS } from './types.js';

/**
 * What each column of an import file expects, for the import page and the template CSV it offers
 * (issue 14): the page names every column, what it takes and an example, so a planner can correct a
 * file before uploading it. The rules themselves are in import-rows.ts, periods.ts and markers.ts.
 */
export interface ImportColumn {
  name: string;
  required: boolean;
  expects: string;
  example: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    name: 'indicator',
    required: true,
    expects: 'The code of an indicator in the catalogue; spaces and capitals do not matter (NI 117, ni117).',
    example: 'NI 117',
  },
  {
    name: 'area',
    required: true,
    expects:
      'The ONS code of an English upper-tier local authority, England (E92000001) or this area: a letter and eight digits, never the area’s name. Also read as area_code or ons_code.',
    example: 'E10000008',
  },
  { name: 'area_name', required: false, expects: 'The area’s name, for people reading the file; it is not checked.', example: 'Devon' },
  {
    name: 'group',
    required: false,
    expects: `Blank or all for all children, or one of: ${GROUPS.filter((g) => g.code !== 'all')
      .map((g) => g.code)
      .join(', ')}.`,
    example: 'looked-after',
  },
  {
    name: 'period',
    required: true,
    expects:
      'A period of the type the indicator is counted by (its “How often” on the indicator page): 2010 for a calendar year, 2010-11 or 2010/11 for a financial or academic year, 2010 Q1 for a quarter. A period of another type is refused. In the wide layout each period is a column of its own, headed like this.',
    example: '2008',
  },
  {
    name: 'value',
    required: true,
    expects:
      'A number (1,234.5 or 1234.5), or a marker for no value: blank, .., missing or : (missing), x or c (suppressed), - or n/a (not applicable). A marker is never read as 0.',
    example: '6.5',
  },
  { name: 'numerator', required: false, expects: 'A whole number counted, for confidence intervals.', example: '' },
  { name: 'denominator', required: false, expects: 'A whole number counted from, above 0, for confidence intervals.', example: '' },
];

/** The template file: the long layout's header and a row for each kind of period and a suppressed value. */
export function importTemplateCsv(): string {
  const rows = [
    IMPORT_COLUMNS.map((c) => c.name),
    ['NI 117', 'E10000008', 'Devon', 'all', '2008', '6.5', '', ''],
    ['NI 117', 'E10000008', 'Devon', 'looked-after', '2008', 'x', '', ''],
    ['NI 62', 'E92000001', 'England', 'all', '2008-09', '10.9', '', ''],
    ['NI 53', 'E10000008', 'Devon', 'all', '2008 Q1', '45.0', '450', '1000'],
  ];
  return `${rows.map(csvLine).join('\r\n')}\r\n`;
}

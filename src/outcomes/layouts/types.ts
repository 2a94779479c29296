import type { PublishedMapping } from '../mappings-sql.js';
import type { Frequency, GroupCode, Period, ValueStatus } from '../types.js';
import type { AreaLookup } from '../area-lookup.js';

/**
 * The seam every published layout plugs into (issue 15 item 1). A layout is one way a publisher
 * writes a table of indicator values: our own long and wide layouts, LAIT's long file, Explore
 * Education Statistics' tidy files, Fingertips exports. Each is found from the file's header
 * (`detect`), reads the header once (`readHeader`) and then each data row (`readRow`) into staged
 * values, or into faults naming the line and the column. The import (import.ts) knows only this
 * interface and `chooseLayout` (layouts/index.ts); it never asks which layout it has.
 */

/** A layout's stable name, recorded on the import (indicator_import.layout): lower case and hyphens. */
export type LayoutName = string;

/** One thing wrong with a file: where (line of the file, column as its header names it) and why. */
export interface ImportFault {
  line: number;
  column: string;
  /** A stable code for the kind of fault, so a report can count and bound them by kind (platform/faults.ts). */
  kind: ImportFaultKind;
  reason: string;
  /** Where to put it right, when a page can (the mapping page for an EES file no mapping fits). */
  href?: string;
}

export type ImportFaultKind =
  | 'repeated_column'
  | 'bad_period_column'
  | 'unknown_column'
  | 'missing_column'
  | 'no_period_columns'
  | 'empty_file'
  | 'not_text'
  | 'csv_format'
  | 'row_length'
  | 'blank_indicator'
  | 'unknown_indicator'
  | 'blank_area'
  | 'unknown_area'
  | 'unknown_group'
  | 'bad_count'
  | 'bad_period'
  | 'wrong_period_type'
  | 'bad_value'
  | 'repeated_value'
  | 'unknown_layout'
  | 'bad_code'
  | 'blank_description'
  | 'bad_polarity'
  | 'bad_unit'
  | 'bad_year_type'
  | 'bad_decimals'
  | 'bad_neighbour'
  | 'bad_compression'
  | 'not_spreadsheet'
  | 'no_mapping'
  | 'unsupported_time'
  | 'not_permitted';

/** Each kind of fault in words, for the count of faults by kind on the import page and screen. */
export const IMPORT_FAULT_KINDS: Readonly<Record<ImportFaultKind, string>> = {
  repeated_column: 'A column given more than once',
  bad_period_column: 'A column that is not a period',
  unknown_column: 'An unknown column',
  missing_column: 'A required column missing',
  no_period_columns: 'No period columns',
  empty_file: 'An empty file',
  not_text: 'A file that is not a CSV table (compressed, a spreadsheet or binary)',
  csv_format: 'A line that is not valid CSV',
  row_length: 'A row with the wrong number of values',
  blank_indicator: 'A blank indicator code',
  unknown_indicator: 'An indicator not in the catalogue',
  blank_area: 'A blank area code',
  unknown_area: 'An unknown area code',
  unknown_group: 'An unknown group',
  bad_count: 'A numerator or denominator that is not a count',
  bad_period: 'A period that cannot be read',
  wrong_period_type: 'A period of another type than the indicator is counted by',
  bad_value: 'A value that cannot be read',
  repeated_value: 'A value given twice',
  unknown_layout: 'A layout the import does not know',
  bad_code: 'A measure code that cannot be kept',
  blank_description: 'A blank description',
  bad_polarity: 'A polarity that is not High, Low or -',
  bad_unit: 'A unit the catalogue does not know',
  bad_year_type: 'A year type that is not financial, academic or calendar',
  bad_decimals: 'Decimals that are not 0 to 4 or NA',
  bad_neighbour: 'A statistical neighbour that cannot be one: the authority itself, one given twice, or an unknown band',
  bad_compression: 'A compressed file that cannot be read',
  not_spreadsheet: 'A file that is neither CSV nor a spreadsheet',
  no_mapping: 'Columns not yet mapped to indicators',
  unsupported_time: 'A time identifier the import does not read',
  not_permitted: 'A kind of file the importer’s role may not import',
};

/** How far a publisher has revised a value: later ones replace earlier ones (periods.ts REVISION_ORDER). */
// A plain list, not platform/enums.ts's defineEnum: no schema needs it, and the worker thread reading a file
// (import-read.ts) loads this module without TypeBox, which is 12 MB of a process's memory.
export const REVISIONS = ['provisional', 'revised', 'final'] as const;
export type Revision = (typeof REVISIONS)[number];

/** One value ready for the staging table. */
export interface StagedValue {
  line: number;
  column: string;
  indicatorId: string;
  areaCode: string;
  group: GroupCode;
  /** Start, end and kind; a rolling period (2014-16) covers several years. */
  period: Period;
  /** The number as written, thousands separators removed (kept as text so no digit is lost), or null. */
  value: string | null;
  status: ValueStatus;
  numerator: number | null;
  denominator: number | null;
  /** The publisher's revision status (LAIT `(prov)`, `(Rev)`, `(Final)`); absent or null for none stated. */
  revision?: Revision | null;
  /** Confidence intervals as published (Fingertips): shown as the publisher's, never recomputed. As written, like value. */
  ci95Lower?: string | null;
  ci95Upper?: string | null;
  ci998Lower?: string | null;
  ci998Upper?: string | null;
  /** The publisher's note on the value (Fingertips "Value note"), shown beside it. */
  valueNote?: string | null;
}

export interface Lookups {
  /** Indicator codes the importer may name, upper case without spaces, to id and frequency (the catalogue's year type). */
  indicators: ReadonlyMap<string, { id: string; frequency: Frequency }>;
  /** Reference areas (England, regions, authorities of any era) and installed areas. */
  areas: AreaLookup;
  /** Which columns of a publisher's file become which indicators (EES, Fingertips: mappings.ts). */
  publishedMappings?: readonly PublishedMapping[];
}

/** What every layout's header keeps; a layout adds what it needs (its columns by index). */
export interface LayoutHeader {
  layout: LayoutName;
  names: string[];
}

export type HeaderResult<H extends LayoutHeader> = { header: H } | { faults: ImportFault[] };
export interface RowResult {
  values: StagedValue[];
  faults: ImportFault[];
  /** Why a row the layout does not read was left out (a district, a breakdown not mapped): counted by reason, never a fault. */
  skipped?: string;
}

/**
 * One published layout. Methods (not function properties) so that a layout with its own header
 * type fits the registry's `PublishedLayout` list.
 */
export interface PublishedLayout<H extends LayoutHeader = LayoutHeader> {
  name: LayoutName;
  /** The layout in words, for the import report: "LAIT long file (Local Authority Interactive Tool)". */
  words: string;
  /** Whether a header row (column names as written) is this layout's. */
  detect(headerNames: readonly string[]): boolean;
  /** Reads the header row: the header, or faults (on that line) that refuse the whole file. */
  readHeader(names: string[], line: number, lookups?: Lookups): HeaderResult<H>;
  /** One data row: its values, or every fault it has (then no values). */
  readRow(record: string[], line: number, header: H, lookups: Lookups): RowResult;
}

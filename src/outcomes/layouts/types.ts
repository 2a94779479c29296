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
}

export type ImportFaultKind =
  | 'repeated_column'
  | 'bad_period_column'
  | 'unknown_column'
  | 'missing_column'
  | 'no_period_columns'
  | 'empty_file'
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
  | 'unknown_layout';

/** Each kind of fault in words, for the count of faults by kind on the import page and screen. */
export const IMPORT_FAULT_KINDS: Readonly<Record<ImportFaultKind, string>> = {
  repeated_column: 'A column given more than once',
  bad_period_column: 'A column that is not a period',
  unknown_column: 'An unknown column',
  missing_column: 'A required column missing',
  no_period_columns: 'No period columns',
  empty_file: 'An empty file',
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
};

/** How far a publisher has revised a value: later ones replace earlier ones (periods.ts REVISION_ORDER). */
export type Revision = 'provisional' | 'revised' | 'final';

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

/** A place a layout may name, resolved to the ONS code values are stored under (areas helper: area-lookup.ts). */
export interface AreaResolver {
  resolve(query: { code?: string; laNumber?: string; name?: string }): string | null;
}

export interface Lookups {
  /** Indicator codes the importer may name, upper case without spaces, to id and frequency (the catalogue's year type). */
  indicators: ReadonlyMap<string, { id: string; frequency: Frequency }>;
  /** Reference areas (England, regions, authorities of any era) and installed areas. */
  areas: AreaLookup;
  /** Finds an area by DfE LA number or name too, for layouts that do not write ONS codes. */
  areaLookup?: AreaResolver;
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
  readHeader(names: string[], line: number): HeaderResult<H>;
  /** One data row: its values, or every fault it has (then no values). */
  readRow(record: string[], line: number, header: H, lookups: Lookups): RowResult;
}

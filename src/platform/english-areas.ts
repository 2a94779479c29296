import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * England, its nine regions and its upper-tier local authorities as they are and were since 2009: the
 * one list the product ships (data/english-areas.csv, which names its sources and says how sure each
 * part is). Partnership checks a new area's code against it; outcomes' reference_area holds the same
 * rows (migration 0036), and a test holds the two together. Read once, on first use.
 */

export const ENGLISH_AREA_KINDS = ['country', 'region', 'county', 'unitary', 'metropolitan district', 'london borough'] as const;
export type EnglishAreaKind = (typeof ENGLISH_AREA_KINDS)[number];

export interface EnglishArea {
  /** GSS code: E92 England, E12 a region, E06/E08/E09/E10 an upper-tier authority. */
  onsCode: string;
  /** DfE LA number, three digits; null for England and the regions. */
  laNumber: string | null;
  name: string;
  kind: EnglishAreaKind;
  /** The region's E12 code; null for England and the regions. */
  regionCode: string | null;
  /** The region's name ('' for England and the regions). */
  region: string;
  /** First day the code was in use; null when in use throughout the seeds' period (2004-2008). */
  validFrom: string | null;
  /** Last day the code was in use; null when still in use. */
  validTo: string | null;
  /** The codes that took over the day after validTo. */
  successors: string[];
}

const FILE = new URL('./data/english-areas.csv', import.meta.url);
const CODE = /^E(06|08|09|10|12|92)\d{6}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isKind = (k: string): k is EnglishAreaKind => (ENGLISH_AREA_KINDS as readonly string[]).includes(k);

/** Reads the file's text; throws naming the line on anything it does not expect (the file ships with the code). */
export function parseEnglishAreas(text: string): EnglishArea[] {
  const records = parse(text, { comment: '#', columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const regionNames = new Map(records.filter((r) => r.kind === 'region').map((r) => [r.ons_code ?? '', r.name ?? '']));
  return records.map((r) => {
    const kind = r.kind ?? '';
    const onsCode = r.ons_code ?? '';
    const laNumber = r.la_number || null;
    const regionCode = r.region_code || null;
    const ok =
      CODE.test(onsCode) &&
      isKind(kind) &&
      (laNumber === null || /^\d{3}$/.test(laNumber)) &&
      (regionCode === null || regionNames.has(regionCode)) &&
      [r.valid_from, r.valid_to].every((d) => !d || DAY.test(d));
    if (!ok || !isKind(kind)) throw new Error(`english-areas.csv: cannot read the line for ${onsCode || JSON.stringify(r)}`);
    return {
      onsCode,
      laNumber,
      name: r.name ?? '',
      kind,
      regionCode,
      region: regionCode ? (regionNames.get(regionCode) ?? '') : '',
      validFrom: r.valid_from || null,
      validTo: r.valid_to || null,
      successors: (r.successors ?? '').split(' ').filter((s) => s !== ''),
    };
  });
}

let loaded: readonly EnglishArea[] | undefined;
let byCode: ReadonlyMap<string, EnglishArea> | undefined;

/** Every area of the shipped list, in the file's order (England, the regions, then the authorities by code). */
export function englishAreas(): readonly EnglishArea[] {
  loaded ??= parseEnglishAreas(readFileSync(FILE, 'utf8'));
  return loaded;
}

/** The area with this ONS code, if the shipped list has it. */
export function findEnglishArea(onsCode: string): EnglishArea | undefined {
  byCode ??= new Map(englishAreas().map((a) => [a.onsCode, a]));
  return byCode.get(onsCode);
}

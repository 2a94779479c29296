import { defineEnum, type EnumValue } from '../platform/enums.js';
import type { AreaLookup } from './area-lookup.js';
import type { ImportFault } from './layouts/index.js';

/**
 * Reading DfE's statistical neighbours file (docs in neighbours.ts): one row per authority, its LA
 * number and name, then SN1..SN10 (each a neighbour's name or LA number) and, when given, each one's
 * closeness band. Pure: rows in, neighbour groups or faults (line and column) out.
 */

/** DfE's closeness bands, closest first (statistical_neighbour.band). */
export const NEIGHBOUR_BANDS = defineEnum(['Extremely close', 'Very close', 'Close', 'Somewhat close', 'Sometimes not close']);
export type NeighbourBand = EnumValue<typeof NEIGHBOUR_BANDS>;

export interface NeighboursHeader {
  names: string[];
  laNumber: number | undefined;
  laName: number | undefined;
  /** Position (1 for SN1) to its column, and to its band's column when there is one. */
  neighbours: { position: number; at: number; bandAt: number | undefined }[];
}

export interface NeighbourGroup {
  line: number;
  areaCode: string;
  neighbours: { position: number; code: string; band: NeighbourBand | null }[];
}

const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const LA_NUMBER = new Set(['lanumber', 'lacode', 'oldlacode', 'la', 'lano', 'dfelanumber']);
const LA_NAME = new Set(['laname', 'localauthority', 'localauthorityname', 'name', 'laname1']);
const NEIGHBOUR = /^sn(\d{1,2})(name|lanumber|la|code)?$/;
const BAND = /^sn(\d{1,2})(band|closeness|bandname|closenessband)$/;

/** A statistical neighbours file names SN1 and its authority by LA number or name. */
export function isNeighboursHeader(names: readonly string[]): boolean {
  const keys = names.map(key);
  return keys.some((k) => NEIGHBOUR.exec(k)?.[1] === '1') && keys.some((k) => LA_NUMBER.has(k) || LA_NAME.has(k));
}

export function readNeighboursHeader(names: string[], line: number): { header: NeighboursHeader } | { faults: ImportFault[] } {
  const keys = names.map(key);
  const faults: ImportFault[] = [];
  const neighbours = new Map<number, { position: number; at: number; bandAt: number | undefined }>();
  const bands = new Map<number, number>();
  keys.forEach((k, at) => {
    const n = NEIGHBOUR.exec(k);
    const b = BAND.exec(k);
    const position = Number((n ?? b)?.[1]);
    if (n && position >= 1 && position <= 20) {
      if (neighbours.has(position)) faults.push({ line, column: names[at] ?? '', kind: 'repeated_column', reason: `SN${position} is given twice` });
      neighbours.set(position, { position, at, bandAt: undefined });
    } else if (b && position >= 1 && position <= 20) bands.set(position, at);
  });
  for (const [position, at] of bands) {
    const n = neighbours.get(position);
    if (n) n.bandAt = at;
    else faults.push({ line, column: names[at] ?? '', kind: 'missing_column', reason: `A band for SN${position}, but no SN${position} column` });
  }
  const laNumber = keys.findIndex((k) => LA_NUMBER.has(k));
  const laName = keys.findIndex((k) => LA_NAME.has(k));
  if (laNumber < 0 && laName < 0)
    faults.push({ line, column: '', kind: 'missing_column', reason: 'Name each authority in a column "LA number" or "LA name"' });
  if (faults.length) return { faults };
  return {
    header: {
      names,
      laNumber: laNumber < 0 ? undefined : laNumber,
      laName: laName < 0 ? undefined : laName,
      neighbours: [...neighbours.values()].sort((a, b) => a.position - b.position),
    },
  };
}

/** A cell naming an authority: three digits are a DfE number, a letter and eight digits an ONS code, else a name. */
export function resolveCell(areas: AreaLookup, written: string): string | null {
  const text = written.trim();
  if (/^\d{1,3}$/.test(text)) return areas.resolve({ laNumber: text.padStart(3, '0') });
  if (/^E\d{8}$/i.test(text)) return areas.resolve({ code: text });
  return areas.resolve({ name: text });
}

const bandOf = (written: string): NeighbourBand | null | undefined => {
  if (written.trim() === '') return null;
  return NEIGHBOUR_BANDS.values.find((b) => key(b) === key(written));
};

/** One row: the authority and its neighbours in order, or the faults that name where and why. */
export function checkNeighboursRow(
  record: string[],
  line: number,
  header: NeighboursHeader,
  areas: AreaLookup,
  names: (code: string) => string,
): { group: NeighbourGroup | null; faults: ImportFault[] } {
  const cell = (at: number | undefined) => (at === undefined ? '' : (record[at] ?? '').trim());
  const column = (at: number | undefined) => (at === undefined ? '' : (header.names[at] ?? ''));
  const faults: ImportFault[] = [];
  if (record.length !== header.names.length) {
    const reason = `The row has ${record.length} values but the header has ${header.names.length} columns`;
    return { group: null, faults: [{ line, column: '', kind: 'row_length', reason }] };
  }
  const number = cell(header.laNumber);
  const name = cell(header.laName);
  const areaCode = areas.resolve({ laNumber: number ? number.padStart(3, '0') : undefined, name: name || undefined });
  const areaColumn = number !== '' || header.laName === undefined ? column(header.laNumber) : column(header.laName);
  if (!number && !name) return { group: null, faults: [{ line, column: areaColumn, kind: 'blank_area', reason: 'The authority is blank' }] };
  if (!areaCode) {
    const reason = `"${number || name}" is not an English upper-tier authority: give its DfE LA number (like 886) or its name`;
    return { group: null, faults: [{ line, column: areaColumn, kind: 'unknown_area', reason }] };
  }
  const neighbours: NeighbourGroup['neighbours'] = [];
  const seen = new Map<string, number>();
  for (const sn of header.neighbours) {
    const written = cell(sn.at);
    const bandWritten = cell(sn.bandAt);
    if (written === '') continue; // DfE leaves a place blank where an authority has fewer neighbours
    const code = resolveCell(areas, written);
    const band = bandOf(bandWritten);
    const at = column(sn.at);
    if (!code) faults.push({ line, column: at, kind: 'unknown_area', reason: `"${written}" is not an English upper-tier authority` });
    else if (code === areaCode) faults.push({ line, column: at, kind: 'bad_neighbour', reason: `${names(areaCode)} cannot be its own neighbour` });
    else if (seen.has(code)) {
      const reason = `${names(code)} is already neighbour SN${seen.get(code)} of ${names(areaCode)}`;
      faults.push({ line, column: at, kind: 'bad_neighbour', reason });
    } else if (band === undefined) {
      const reason = `"${bandWritten}" is not a closeness band: use ${NEIGHBOUR_BANDS.values.join(', ')}`;
      faults.push({ line, column: column(sn.bandAt), kind: 'bad_neighbour', reason });
    } else {
      seen.set(code, sn.position);
      neighbours.push({ position: sn.position, code, band });
    }
  }
  return { group: faults.length ? null : { line, areaCode, neighbours }, faults };
}

/** "Statistical neighbours set for 150 authorities (1,499 neighbours) from 150 rows." */
export function neighboursText(set: { areas: number; neighbours: number }, rows: number): string {
  const n = (v: number, one: string, many: string) => `${v.toLocaleString('en-GB')} ${v === 1 ? one : many}`;
  return `Statistical neighbours set for ${n(set.areas, 'authority', 'authorities')} (${n(set.neighbours, 'neighbour', 'neighbours')}) from ${n(rows, 'row', 'rows')}.`;
}

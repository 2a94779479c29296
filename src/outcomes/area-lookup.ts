import type { Queryable } from '../platform/db.js';
import { periodEnd } from './periods.js';
import type { Period } from './types.js';

/**
 * Which area a published file means (issue 15 item 2). Publishers name areas three ways: by ONS code
 * (Fingertips, Explore Education Statistics' new_la_code), by DfE LA number (LAIT, EES old_la_code) and
 * by name (LAIT writes England and the regions by name). All three resolve to the ONS code of a row of
 * reference_area (England, the regions, every upper-tier authority since 2009, ended ones included) or of
 * an installed area (the demo's Kestrelshire has a code of its own).
 *
 * An ONS code of any era resolves to itself: a predecessor's values stay its own series, never merged
 * into its successor's. A DfE number or a name that several codes carried (DfE kept Northumberland's 929
 * across the 2013 recode; "Dorset" was a county and is a unitary) stands for the code in use in the
 * value's period (the newest of those in use at some time in it), else the newest of them: LAIT's
 * Northumberland 929 of 2011-12 is E06000048's value, of 2015-16 E06000057's (ADR 0019).
 */
export interface AreaLookup {
  /**
   * The ONS code of a published area reference, or null: an ONS code of any era, a DfE LA number ("886"),
   * or a name ("England", "South East", "Kent", "Bristol, City of" / "Bristol"), matched ignoring case,
   * spaces and punctuation. `period`, the value's, chooses among codes that shared a number or a name.
   */
  resolve(ref: { code?: string; laNumber?: string; name?: string; period?: Period }): string | null;
  has(onsCode: string): boolean;
}

/** A name as a key: lower case, letters and digits only, "&" read as "and" ("St. Helens" = "st helens"). */
export function areaNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}

/** The ways a name is written: "Bristol, City of" is also "Bristol" and "City of Bristol"; "County Durham" also "Durham". */
export function namesOf(name: string): string[] {
  const names = [name];
  const inverted = /^(.*),\s*(City|County) of$/i.exec(name);
  if (inverted?.[1] && inverted[2]) names.push(inverted[1], `${inverted[2]} of ${inverted[1]}`);
  const county = /^County (.+)$/i.exec(name);
  if (county?.[1]) names.push(county[1]);
  return names;
}

const normaliseCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

interface Row {
  code: string;
  la_number: string | null;
  name: string;
  /** 'YYYY-MM-DD', null when in use throughout (the installed areas, and reference areas since before 2009). */
  valid_from: string | null;
  valid_to: string | null;
}

/** A code that carried a number or a name, with when it was in use. */
type Candidate = Pick<Row, 'code' | 'valid_from' | 'valid_to'>;

/** Of the codes that carried one number or name (oldest first), the newest in use in the period, else the newest. */
function choose(candidates: readonly Candidate[] | undefined, period: Period | undefined): string | null {
  if (!candidates?.length) return null;
  if (period) {
    const start = period.start;
    const end = periodEnd(period);
    for (let i = candidates.length - 1; i >= 0; i -= 1) {
      const c = candidates[i];
      if (c && (c.valid_from === null || c.valid_from <= end) && (c.valid_to === null || c.valid_to >= start)) return c.code;
    }
  }
  return candidates[candidates.length - 1]?.code ?? null;
}

function add(map: Map<string, Candidate[]>, key: string, c: Candidate): void {
  const list = map.get(key);
  if (!list) map.set(key, [c]);
  else if (!list.some((x) => x.code === c.code)) list.push(c);
}

/** Builds the lookup from rows ordered oldest first, so that a newer code comes later among those sharing a number or name. */
export function areaLookupOf(referenceAreas: readonly Row[], installedAreas: readonly Row[]): AreaLookup {
  const codes = new Set<string>();
  const byNumber = new Map<string, Candidate[]>();
  const byName = new Map<string, Candidate[]>();
  for (const a of referenceAreas) {
    codes.add(a.code);
    if (a.la_number) add(byNumber, a.la_number, a);
    for (const n of namesOf(a.name)) add(byName, areaNameKey(n), a);
  }
  // An installed area is known by its code; by name only where no reference area has that name.
  for (const a of installedAreas) {
    codes.add(a.code);
    for (const n of namesOf(a.name)) if (!byName.has(areaNameKey(n))) add(byName, areaNameKey(n), a);
  }
  return {
    has: (onsCode) => codes.has(normaliseCode(onsCode)),
    resolve({ code, laNumber, name, period }) {
      if (code && codes.has(normaliseCode(code))) return normaliseCode(code);
      const number = laNumber?.trim();
      if (number && byNumber.has(number)) return choose(byNumber.get(number), period);
      if (name && areaNameKey(name) !== '') return choose(byName.get(areaNameKey(name)), period);
      return null;
    },
  };
}

/** The rows a lookup is built from: plain data, which a worker thread reading a file gets a copy of (import-read.ts). */
export interface AreaRows {
  referenceAreas: Row[];
  installedAreas: Row[];
}

/** Reads every reference area and installed area once, for one import. */
export async function loadAreaLookup(db: Queryable): Promise<AreaLookup> {
  const { referenceAreas, installedAreas } = await loadAreaRows(db);
  return areaLookupOf(referenceAreas, installedAreas);
}

export async function loadAreaRows(db: Queryable): Promise<AreaRows> {
  const [referenceAreas, installedAreas] = await Promise.all([
    db.query<Row>(
      `SELECT code, la_number, name, valid_from::text AS valid_from, valid_to::text AS valid_to FROM reference_area
        ORDER BY valid_to IS NULL, valid_to, valid_from NULLS FIRST, code`,
    ),
    db.query<Row>('SELECT code, NULL AS la_number, name, NULL AS valid_from, NULL AS valid_to FROM area ORDER BY code'),
  ]);
  return { referenceAreas, installedAreas };
}

import type { Queryable } from '../platform/db.js';

/**
 * Which area a published file means (issue 15 item 2). Publishers name areas three ways: by ONS code
 * (Fingertips, Explore Education Statistics' new_la_code), by DfE LA number (LAIT, EES old_la_code) and
 * by name (LAIT writes England and the regions by name). All three resolve to the ONS code of a row of
 * reference_area (England, the regions, every upper-tier authority since 2009, ended ones included) or of
 * an installed area (the demo's Kestrelshire has a code of its own).
 *
 * An ONS code of any era resolves to itself: a predecessor's values stay its own series, never merged
 * into its successor's. A DfE number or a name that several codes carried (DfE kept Northumberland's 929
 * across the 2013 recode; "Dorset" was a county and is a unitary) stands for the newest of them.
 */
export interface AreaLookup {
  /** The ONS code of a published area reference, or null: an ONS code of any era, a DfE LA number ("886"), or a name ("England", "South East", "Kent", "Bristol, City of" / "Bristol"), matched ignoring case, spaces and punctuation. */
  resolve(ref: { code?: string; laNumber?: string; name?: string }): string | null;
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
}

/** Builds the lookup from rows ordered oldest first, so that a newer code takes a shared number or name. */
export function areaLookupOf(referenceAreas: readonly Row[], installedAreas: readonly Row[]): AreaLookup {
  const codes = new Set<string>();
  const byNumber = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const a of referenceAreas) {
    codes.add(a.code);
    if (a.la_number) byNumber.set(a.la_number, a.code);
    for (const n of namesOf(a.name)) byName.set(areaNameKey(n), a.code);
  }
  // An installed area is known by its code; by name only where no reference area has that name.
  for (const a of installedAreas) {
    codes.add(a.code);
    for (const n of namesOf(a.name)) if (!byName.has(areaNameKey(n))) byName.set(areaNameKey(n), a.code);
  }
  return {
    has: (onsCode) => codes.has(normaliseCode(onsCode)),
    resolve({ code, laNumber, name }) {
      if (code && codes.has(normaliseCode(code))) return normaliseCode(code);
      const number = laNumber?.trim();
      if (number && byNumber.has(number)) return byNumber.get(number) ?? null;
      if (name && areaNameKey(name) !== '') return byName.get(areaNameKey(name)) ?? null;
      return null;
    },
  };
}

/** Reads every reference area and installed area once, for one import. */
export async function loadAreaLookup(db: Queryable): Promise<AreaLookup> {
  const [referenceAreas, installedAreas] = await Promise.all([
    db.query<Row>(
      `SELECT code, la_number, name FROM reference_area
        ORDER BY valid_to IS NULL, valid_to, valid_from NULLS FIRST, code`,
    ),
    db.query<Row>('SELECT code, NULL AS la_number, name FROM area ORDER BY code'),
  ]);
  return areaLookupOf(referenceAreas, installedAreas);
}

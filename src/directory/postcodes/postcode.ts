/**
 * UK postcodes as the directory reads them (issue 17; ADR 0026): the shape of a full postcode, its
 * one written form, and the distance between two postcode centroids.
 */

/** A full postcode once spaces are gone: outward code (A9, A99, AA9, AA99, A9A, AA9A), then inward code (9AA). */
const COMPACT = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** The rule a refused postcode breaks, and how to say it. */
export const POSTCODE_RULE = 'postcode_format';
export const postcodeFormatMessage = (label: string) => `${label} must be a full UK postcode, like KS1 4AB`;

/**
 * The postcode's one written form (capitals, one space before the last three characters), or null
 * when it is not the shape of a full UK postcode. Spaces anywhere are forgiven: "ks14ab", "KS1  4AB".
 */
export function normalisePostcode(raw: string | null | undefined): string | null {
  const compact = (raw ?? '').replace(/\s+/g, '').toUpperCase();
  const match = COMPACT.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}

export interface Point {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_MILES = 3958.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two points in miles (haversine): as the crow flies, not by road. */
export function milesBetween(a: Point, b: Point): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLong = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A distance as the page says it: "0.4 miles", "1.0 mile", "12.3 miles". */
export function milesText(miles: number): string {
  const rounded = Math.round(miles * 10) / 10;
  return `${rounded.toFixed(1)} ${rounded === 1 ? 'mile' : 'miles'}`;
}

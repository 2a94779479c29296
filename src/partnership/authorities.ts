import { findEnglishArea } from '../platform/english-areas.js';

/**
 * The English upper-tier authorities whose ONS codes an area may have: the upper-tier rows of the one
 * list of areas the product ships (platform/data/english-areas.csv, which names its source).
 */
export interface UpperTierAuthority {
  code: string;
  name: string;
  kind: 'county' | 'unitary' | 'metropolitan district' | 'london borough';
  region: string;
  /** First day the code was in use; null when in use throughout the seeds' period (2004-2008). */
  validFrom: string | null;
  /** Last day the code was in use; null when still in use. */
  validTo: string | null;
}

/** The authority with this ONS code, if the shipped list has it (England and the regions are not authorities). */
export function findUpperTierAuthority(code: string): UpperTierAuthority | undefined {
  const area = findEnglishArea(code);
  if (!area || area.kind === 'country' || area.kind === 'region') return undefined;
  return { code: area.onsCode, name: area.name, kind: area.kind, region: area.region, validFrom: area.validFrom, validTo: area.validTo };
}

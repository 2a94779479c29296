import { readOurHeader, readOurRow, rolesOf, type OurHeader } from './our-columns.js';
import type { PublishedLayout } from './types.js';

/** Our long layout: `indicator,area,period,value` and optionally `area_name`, `group`, `numerator`, `denominator`. */
export const longLayout: PublishedLayout<OurHeader> = {
  name: 'long',
  words: 'long layout (one value a row: indicator, area, period, value)',
  detect(headerNames) {
    const roles = rolesOf(headerNames);
    return roles.includes('value') || roles.includes('period');
  },
  readHeader(names, line) {
    return readOurHeader(names, line, 'long');
  },
  readRow(record, line, header, lookups) {
    return readOurRow(record, line, header, lookups);
  },
};

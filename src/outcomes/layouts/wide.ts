import { readOurHeader, readOurRow, type OurHeader } from './our-columns.js';
import type { PublishedLayout } from './types.js';

/**
 * Our wide layout: `indicator,area`, optionally `area_name`, `group`, then one column per period
 * (`2005-06,2006-07`), as 004 Table 8.1 prints a table. Detected last: a header no other layout
 * claims is read as wide, and its faults then say which columns are not periods.
 */
export const wideLayout: PublishedLayout<OurHeader> = {
  name: 'wide',
  words: 'wide layout (one column a period)',
  detect() {
    return true;
  },
  readHeader(names, line) {
    return readOurHeader(names, line, 'wide');
  },
  readRow(record, line, header, lookups) {
    return readOurRow(record, line, header, lookups);
  },
};

import type { Db } from '../platform/db.js';
import { duplicatesService } from './duplicates.js';
import { oversightService } from './oversight.js';
import { childRecordsService } from './records.js';
import { childRemovalsService } from './removals.js';
import { childIndexService } from './service.js';
import { shieldingService } from './shielding.js';

/** The child index's services, wired to one database. */
export function childServices(db: Db) {
  return {
    index: childIndexService({ db }),
    records: childRecordsService({ db }),
    removals: childRemovalsService({ db }),
    shielding: shieldingService({ db }),
    duplicates: duplicatesService({ db }),
    oversight: oversightService({ db }),
  };
}

export type ChildServices = ReturnType<typeof childServices>;

export { findShieldedContact, SHIELDED_CONTACT } from './settings.js';

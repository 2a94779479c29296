import type { Db } from '../platform/db.js';
import { duplicatesService } from './duplicates/service.js';
import { oversightService } from './oversight/service.js';
import { childRecordsService } from './records/service.js';
import { childRemovalsService } from './removals/service.js';
import { childIndexService } from './search/service.js';
import { shieldingService } from './shielding/service.js';

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

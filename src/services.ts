import { assessmentServices } from './assessment/index.js';
import { auditTrailService } from './audit/service.js';
import { childServices } from './children/index.js';
import { outcomeServices } from './outcomes/index.js';
import { partnershipService } from './partnership/service.js';
import { authService } from './platform/auth/service.js';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db.js';

/** Wires every service to the database by hand, in one place (tests build their own the same way). */
export function buildServices(db: Db, config: Config) {
  return {
    db,
    auth: authService({ db, config }),
    partnership: partnershipService({ db }),
    auditTrail: auditTrailService({ db }),
    children: childServices(db),
    assessment: assessmentServices(db),
    outcomes: outcomeServices(db),
  };
}

export type Services = ReturnType<typeof buildServices>;

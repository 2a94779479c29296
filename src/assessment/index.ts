import type { Db } from '../platform/db.js';
import { directoryService } from './team/directory.js';
import { portableService } from './portable/service.js';
import { referralService } from './referrals/service.js';
import { needLevelService } from './need-level.js';
import { assessmentService } from './service.js';
import { sharingService } from './sharing/service.js';
import { teamService } from './team/service.js';
import { workService } from './work/service.js';

export { assessmentsOfChild } from './work/repository.js';

/** The assessment feature's services (front-line work), wired to one database. */
export function assessmentServices(db: Db) {
  return {
    assessments: assessmentService({ db }),
    sharing: sharingService({ db }),
    needLevel: needLevelService({ db }),
    team: teamService({ db }),
    referrals: referralService({ db }),
    portable: portableService({ db }),
    work: workService({ db }),
    directory: directoryService({ db }),
  };
}

export type AssessmentServices = ReturnType<typeof assessmentServices>;

export { ACKNOWLEDGE_WITHIN_DAYS, LEAD_PROFESSIONAL_CRITERIA, leadProfessionalCriteria } from './settings.js';

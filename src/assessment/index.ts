import type { Db } from '../platform/db.js';
import { directoryService } from './directory.js';
import { portableService } from './portable.js';
import { referralService } from './referrals.js';
import { needLevelService } from './need-level.js';
import { assessmentService } from './service.js';
import { sharingService } from './sharing.js';
import { teamService } from './team.js';
import { workService } from './work.js';

/** Front-line work's services, wired to one database. */
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

import { adminWaiting, trainingService } from './admin/index.js';
import { assessmentMergeHook, assessmentServices, assessmentSubjectAccess } from './assessment/index.js';
import { auditTrailService } from './audit/index.js';
import { brandingService } from './branding/index.js';
import { childServices } from './children/index.js';
import { commissioningServices } from './commissioning/index.js';
import { directoryEntries, directoryService, postcodeService, publicDirectory } from './directory/index.js';
import { governanceServices } from './governance/index.js';
import { notificationService } from './notifications/index.js';
import { listOutcomesWithAims, outcomeServices } from './outcomes/index.js';
import { partnershipService } from './partnership/index.js';
import { planCommitmentSource, planReviewReportSource, planServices } from './plan/index.js';
import { userLifecycleService } from './platform/auth/lifecycle.js';
import { authService } from './platform/auth/service.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import { spoolFolder } from './platform/http/spool.js';
import { settingsService } from './platform/settings.js';

/**
 * Wires every service to the database by hand, in one place (tests build their own the same way).
 * Time comes from `clock`: the machine's by default, a settable one in tests and the demo.
 */
export function buildServices(db: Db, config: Config, clock: Clock = systemClock) {
  const training = trainingService({ db, clock });
  const directory = directoryService({ db, clock });
  return {
    db,
    clock,
    settings: settingsService({ db, clock }),
    auth: authService({ db, config }),
    users: userLifecycleService({ db, clock }),
    training,
    admin: { waitingFor: adminWaiting({ training, clock }) },
    partnership: partnershipService({ db, clock }),
    directory,
    directoryEntries: directoryEntries({ db, clock, directory }),
    postcodes: postcodeService({ db, clock }),
    publicDirectory: publicDirectory({ db, clock, outcomesWithAims: () => listOutcomesWithAims(db) }),
    auditTrail: auditTrailService({ db, clock }),
    branding: brandingService({ db, clock }),
    children: childServices({ db, clock, mergeHooks: [assessmentMergeHook], subjectAccess: [assessmentSubjectAccess] }),
    assessment: assessmentServices({ db, clock }),
    outcomes: outcomeServices(db, clock, { spoolDir: spoolFolder(config) }),
    notifications: notificationService({ db, clock }),
    // The plan's key actions appear in each partner's accountability view (issue 18 item 2), and the annual report
    // includes the plan's published annual review (ADR 0037): sources passed in, never imported.
    governance: governanceServices({ db, clock, commitmentSources: [planCommitmentSource(db)], reportSources: [planReviewReportSource(db)] }),
    commissioning: commissioningServices({ db, clock }),
    plan: planServices({ db, clock }),
  };
}

export type Services = ReturnType<typeof buildServices>;

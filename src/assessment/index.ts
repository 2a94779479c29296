import type { FastifyInstance } from 'fastify';
import type { ChildServices } from '../children/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { PartnershipService } from '../partnership/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { assessmentWorkApiRoutes } from './api-work.js';
import { assessmentApiRoutes } from './api.js';
import { assessmentFormApiRoutes } from './api-forms.js';
import { formAdminPageRoutes } from './routes-forms-admin.js';
import { assessmentPageRoutes } from './routes.js';
import { teamPageRoutes } from './routes-team.js';
import { agreedActionPageRoutes } from './routes-agreed-actions.js';
import { workPageRoutes } from './routes-work.js';
import { printPageRoutes } from './routes-print.js';
import { printService } from './print/service.js';
import { directoryService } from './team/directory.js';
import { portableService } from './portable/service.js';
import { referralService } from './referrals/service.js';
import { needLevelService } from './need-level.js';
import { needLevelSchemeService } from './levels/service.js';
import { assessmentService } from './service.js';
import { sharingService } from './sharing/service.js';
import { teamService } from './team/service.js';
import { agreedActionsService } from './team/agreed-actions.js';
import { workService } from './work/service.js';
import { formService } from './forms/service.js';
import { familyService } from './family/service.js';
import { familyPageRoutes } from './routes-family.js';
import { assessmentWaiting } from './waiting.js';
import { chronologyService } from './chronology/service.js';
import { attachmentService } from './attachments/service.js';
import { episodeRecordPageRoutes } from './routes-records.js';
import { episodeRecordApiRoutes } from './api-records.js';

export { assessmentsOfChild } from './work/repository.js';
export { registerFormCommands } from './forms/commands.js';

/** The assessment feature's services (front-line work), wired to one database and one clock. */
export function assessmentServices({ db, clock }: { db: Db; clock: Clock }) {
  return {
    assessments: assessmentService({ db, clock }),
    sharing: sharingService({ db, clock }),
    needLevel: needLevelService({ db, clock }),
    levels: needLevelSchemeService({ db, clock }),
    team: teamService({ db, clock }),
    agreedActions: agreedActionsService({ db, clock }),
    referrals: referralService({ db, clock }),
    portable: portableService({ db, clock }),
    work: workService({ db, clock }),
    directory: directoryService({ db, clock }),
    forms: formService({ db, clock }),
    /** Printable copies: the family's copy of an assessment (ADR 0014). */
    print: printService({ db, clock }),
    chronology: chronologyService({ db, clock }),
    attachments: attachmentService({ db, clock }),
    /** Families: a sibling's work when starting an assessment, the team around the family (issue 14). */
    family: familyService({ db, clock }),
    /** Front-line work waiting for a user, counted (the home page, issue 14). */
    waitingFor: assessmentWaiting({ db, clock }),
  };
}

export type AssessmentServices = ReturnType<typeof assessmentServices>;

export {
  ACKNOWLEDGE_WITHIN_DAYS,
  LEAD_PROFESSIONAL_CRITERIA,
  leadProfessionalCriteria,
  REVIEW_EVERY_WEEKS,
  SIBLING_ASSESSMENT_MONTHS,
} from './settings.js';
export { assessmentChildPanel } from './child-panel.js';
export { assessmentMergeHook } from './merge-hook.js';
export { assessmentSubjectAccess } from './subject-access.js';

/** Every page and API route of front-line work, registered by app.ts as one plugin. */
export async function assessmentRoutes(
  app: FastifyInstance,
  options: { assessment: AssessmentServices; children: ChildServices; partnership: PartnershipService; directory: DirectoryService },
): Promise<void> {
  await app.register(assessmentApiRoutes, options);
  await app.register(assessmentWorkApiRoutes, options);
  await app.register(assessmentPageRoutes, options);
  await app.register(teamPageRoutes, options);
  await app.register(agreedActionPageRoutes, options);
  await app.register(workPageRoutes, options);
  await app.register(printPageRoutes, options);
  await app.register(familyPageRoutes, options);
  await app.register(assessmentFormApiRoutes, options);
  await app.register(formAdminPageRoutes, options);
  await app.register(episodeRecordPageRoutes, options);
  await app.register(episodeRecordApiRoutes, options);
}

// The types other features read.
export type { NationalNeedLevel, NeedLevel } from './form.js';
export { NATIONAL_NEED_LEVELS } from './form.js';
export type { NeedLevelScheme, SchemeInput } from './levels/types.js';
export { needLevelSchemeService, type NeedLevelSchemeService } from './levels/service.js';
export type { AssessmentContent } from './types.js';
export { openEpisodeInArea, teamPlanFor, type TeamPlanSeen } from './team/plan-reference.js';

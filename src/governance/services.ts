import { todayOf, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { businessAccess, requireBusinessAccess, type BusinessViewer } from './access.js';
import { bodyGate } from './audits-gate.js';
import { bodiesService } from './bodies/service.js';
import { businessServices } from './business.js';
import type { PartnerCommitmentSource } from './accountability/types.js';
import { section11AuditsService, section11RoundsService, section11Waiting } from './section11/index.js';
import { annualReportService } from './report/service.js';
import type { AnnualReportSource } from './report/types.js';
import { selfAssessmentService } from './self-assessment/index.js';

/**
 * Governance's services, one object per part, wired by hand (services.ts calls this). Meetings,
 * interests and accountability (G2) and self-assessment and section 11 (G3) add their part beside
 * `bodies`; each uses `access` for who sees a body's business (ADR 0022).
 */
export function governanceServices({
  db,
  clock,
  commitmentSources = [],
  reportSources = [],
}: {
  db: Db;
  clock: Clock;
  commitmentSources?: readonly PartnerCommitmentSource[];
  reportSources?: readonly AnnualReportSource[];
}) {
  const gate = bodyGate(() => todayOf(clock));
  return {
    db,
    clock,
    bodies: bodiesService({ db, clock }),
    access: {
      /** none / observer / member / chair / secretariat for the body's business on a day. */
      business: (user: BusinessViewer, bodyId: string, on: string) => businessAccess(db, user, bodyId, on),
      /** The body when the user may read (or manage) its business; otherwise not found or 403 not_in_body. */
      require: (user: BusinessViewer, bodyId: string, on: string, need: 'read' | 'manage' = 'read') => requireBusinessAccess(db, user, bodyId, on, need),
    },

    // G2: meetings, decisions and actions, interests, accountability (business.ts).
    // Partners' commitments kept by other features (the plan's key actions), shown in accountability: injected, never imported.
    business: businessServices({ db, clock, commitmentSources }),

    // G3: self-assessment, section 11 here.
    selfAssessment: selfAssessmentService({ db, clock, gate }),
    section11: {
      rounds: section11RoundsService({ db, clock, gate }),
      audits: section11AuditsService({ db, clock }),
      /** The home page's counts: an agency's audits to complete, the LSCB's late ones. */
      waitingFor: section11Waiting({ db, clock, gate }),
    },

    // The annual report of partnership activity (issue 16 item 9): reads of the parts above, and the sections
    // other features publish for the year through the sources passed in (the plan's annual review, issue 18).
    report: annualReportService({ db, clock, sources: reportSources }),
  };
}

export type GovernanceServices = ReturnType<typeof governanceServices>;

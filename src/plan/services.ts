import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { consultationService } from './consultation/service.js';
import { publicConsultation } from './consultation/public.js';
import { listPlans, planContent } from './content.js';
import { draftingService } from './drafting/service.js';
import { liveSections } from './live.js';
import { publicationService } from './publication/service.js';
import { participationService } from './participation/service.js';
import { reviewService } from './review/service.js';

/**
 * The plan's services, one field per part, wired by hand (src/services.ts calls this; ADR 0034). Drafting
 * (cypp-plan), participation and consultation (cypp-voice), approval, versions and publication (cypp-publish)
 * and the annual review (cypp-review) each add their own field beside `content`; none edits another's.
 */
export function planServices({ db, clock }: { db: Db; clock: Clock }) {
  return {
    db,
    clock,
    /** The area's plans, latest period first, for the landing page. */
    list: (areaCode: string) => listPlans(db, areaCode),
    /** A plan's whole content in order (the reader every part builds on), or undefined. */
    content: (areaCode: string, planId: string) => planContent(db, areaCode, planId),

    // Drafting (cypp-plan): plans, sections, priorities, targets, key actions and progress (ADR 0034).
    drafting: draftingService({ db, clock }),
    /** What the needs, budgets and co-operation sections draw live from outcomes, commissioning, partnership and governance. */
    live: liveSections({ db, clock }),
    /** Approval, versions and publication, and what the public reads (cypp-publish, ADR 0036). */
    publication: publicationService({ db, clock }),
    /** Participation activities and the board's summary of a year (cypp-voice, ADR 0035). */
    participation: participationService({ db, clock }),
    /** Consultations on a draft plan, their responses, and children's answers for the board (cypp-voice). */
    consultations: consultationService({ db, clock }),
    /** The children and young people's public questions, without signing in (cypp-voice). */
    publicConsultation: publicConsultation({ db, clock }),
    /** The annual review of a plan, per financial year of its period: drafted, then published (cypp-review, ADR 0037). */
    review: reviewService({ db, clock }),
  };
}

export type PlanServices = ReturnType<typeof planServices>;

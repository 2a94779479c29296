import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { listPlans, planContent } from './content.js';
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
    /** The annual review of a plan, per financial year of its period: drafted, then published (cypp-review, ADR 0037). */
    review: reviewService({ db, clock }),
  };
}

export type PlanServices = ReturnType<typeof planServices>;

import type { Actor, RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { planServices, type PlanServices } from '../plan/index.js';
import { DEMO_AREA } from './area.js';
import { loadDemoPlanDrafts } from './plan-drafts.js';
import { loadDemoPlanPublication } from './plan-publication.js';
import { loadDemoPlanVoice } from './plan-voice.js';
import { loadDemoPlanReview } from './plan-review.js';

/**
 * Kestrelshire's Children and Young People's Plan (issue 18 item 8), loaded through the same services the pages
 * use, after outcomes, governance and commissioning (the plan cites them). Each part of the plan adds one loader
 * to PARTS, in the order the story needs: the plans drafted first (cypp-plan), then participation and
 * consultation on them (cypp-voice), approval and publication (cypp-publish), the year's review (cypp-review).
 * A loader finds what it made before and makes nothing twice, returning how many rows it created.
 */

export interface DemoPlan {
  db: Db;
  clock: Clock;
  areaCode: string;
  plan: PlanServices;
  by: { actor: Actor; ctx: RequestContext };
  /** A demo user's id by email (the planner is planner@kestrelshire.example). */
  userId(email: string): Promise<string>;
}

export type DemoPlanPart = (demo: DemoPlan) => Promise<number>;

/** The parts' loaders, in order: a part adds its own line (its own file under src/demo/). */
const PARTS: readonly DemoPlanPart[] = [
  // The 2026-2029 plan with every section complete, priorities, targets and key actions; the 2029-2032 draft (cypp-plan).
  loadDemoPlanDrafts,
  // The three-year plan approved by the board and published, with its children's summary, Welsh and Urdu (cypp-publish).
  loadDemoPlanPublication,
  // Participation activities with feedback; a consultation on the next draft with responses and children's answers (cypp-voice).
  loadDemoPlanVoice,
  // The review of the first year of the three-year plan, published once the plan is (cypp-review, ADR 0037).
  loadDemoPlanReview,
];

/** Runs the parts in order (all of them, or those a test names, each finding what the parts before it made). */
export async function loadDemoPlan(db: Db, clock: Clock, by: { actor: Actor; ctx: RequestContext }, parts: readonly DemoPlanPart[] = PARTS): Promise<number> {
  const demo: DemoPlan = {
    db,
    clock,
    areaCode: DEMO_AREA.code,
    plan: planServices({ db, clock }),
    by,
    userId: async (email) => {
      const [row] = await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]);
      if (!row) throw new Error(`demo plan: no user ${email}`);
      return row.id;
    },
  };
  let created = 0;
  for (const part of parts) created += await part(demo);
  return created;
}

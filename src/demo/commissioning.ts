import { commissioningServices, type CommissioningServices } from '../commissioning/index.js';
import type { Actor, RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * Kestrelshire's joint commissioning (issue 17 item 11), loaded through the same services the pages use.
 * Each part of commissioning adds one loader to PARTS (funds, aligned budgets, commissions, contracts); a
 * loader finds what it made before and makes nothing twice, returning how many rows it created.
 */

export interface DemoCommissioning {
  db: Db;
  clock: Clock;
  areaCode: string;
  commissioning: CommissioningServices;
  by: { actor: Actor; ctx: RequestContext };
  /** A demo user's id by email (the planner is planner@kestrelshire.example). */
  userId(email: string): Promise<string>;
}

export type DemoCommissioningPart = (demo: DemoCommissioning) => Promise<number>;

/** The parts' loaders, in order: a part adds its own line (its own file under src/demo/). */
const PARTS: readonly DemoCommissioningPart[] = [];

export async function loadDemoCommissioning(db: Db, clock: Clock, by: { actor: Actor; ctx: RequestContext }): Promise<number> {
  const demo: DemoCommissioning = {
    db,
    clock,
    areaCode: DEMO_AREA.code,
    commissioning: commissioningServices({ db, clock }),
    by,
    userId: async (email) => {
      const [row] = await db.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]);
      if (!row) throw new Error(`demo commissioning: no user ${email}`);
      return row.id;
    },
  };
  let created = 0;
  for (const part of PARTS) created += await part(demo);
  return created;
}

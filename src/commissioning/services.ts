import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { listFunds } from './funds-list.js';

/**
 * Commissioning's services, one object per part, wired by hand (src/services.ts calls this). Funds and
 * statements, commissions, contracts and the resource map add their part beside `funds` (ADR 0027).
 */
export function commissioningServices({ db, clock }: { db: Db; clock: Clock }) {
  return {
    db,
    clock,
    /** The area's funds for the landing page; the funds part grows this. */
    fundList: (areaCode: string) => listFunds(db, areaCode),
  };
}

export type CommissioningServices = ReturnType<typeof commissioningServices>;

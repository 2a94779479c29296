import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { contractsService } from './contracts/service.js';
import { returnsService } from './contracts/returns.js';
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
    /** Contracts and service level agreements, their targets and decommissioning (ADR 0030). */
    contracts: contractsService({ db, clock }),
    /** Contracts' monitoring returns: entered, replaced with history, imported from CSV (ADR 0030). */
    contractReturns: returnsService({ db, clock }),
  };
}

export type CommissioningServices = ReturnType<typeof commissioningServices>;

import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { todayOf } from '../platform/clock.js';
import { alignedBudgetService } from './aligned/service.js';
import { listOpenServices } from './aligned/repository.js';
import { contractsService } from './contracts/service.js';
import { returnsService } from './contracts/returns.js';
import { decommissionService } from './contracts/decommission.js';
import { contractTargetsService } from './contracts/targets.js';
import { returnsWaiting } from './contracts/waiting.js';
import { cycleService } from './cycle/service.js';
import { commissionAgendaService } from './cycle/agenda.js';
import { listFunds } from './funds-list.js';
import { resourceMapService } from './resource-map/service.js';
import { fundsService } from './funds/service.js';

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
    /** The area's services open today, for the selects of bookings. */
    openServices: (areaCode: string) => listOpenServices(db, areaCode, todayOf(clock)),
    /** Aligned budgets (004 §4; ADR 0032): partners' budgets side by side, booked on each partner's own line. */
    aligned: alignedBudgetService({ db, clock }),
    /** The resource map and the published figures' shapes (000 §2.48, 004 Tables 4.3-4.4; ADR 0032). */
    resourceMap: resourceMapService({ db, clock }),
    /** Pooled funds and aligned budgets: agreements, budget holders, contributions, bookings, statements (ADR 0028). */
    funds: fundsService({ db, clock }),
    /** Contracts and service level agreements, their targets and decommissioning (ADR 0030). */
    contracts: contractsService({ db, clock }),
    /** Contracts' monitoring returns: entered, replaced with history, imported from CSV (ADR 0030). */
    contractReturns: returnsService({ db, clock }),
    /** A contract's targets changed, removed or retired, audited before and after (ADR 0038). */
    contractTargets: contractTargetsService({ db, clock }),
    /** Decommissioning, moving the commission's stage and recording reinvestments on funds (ADR 0038). */
    contractDecommission: decommissionService({ db, clock }),
    /** The home page's count of monitoring returns due from the caller's organisation (ADR 0038). */
    returnsWaitingFor: returnsWaiting({ db, clock }),
    /** Commissions at three levels through the cycle (comm-cycle, ADR 0029). */
    cycle: cycleService({ db, clock }),
    /** "Put on the board's agenda": a commission brought to an upcoming board meeting through governance (ADR 0038). */
    commissionAgenda: commissionAgendaService({ db, clock }),
  };
}

export type CommissioningServices = ReturnType<typeof commissioningServices>;

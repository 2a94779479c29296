import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { waitingWork } from '../../platform/waiting.js';
import { commissioningPaths as cp } from '../paths.js';
import { periodsBetween, type Monitoring } from './periods.js';

/**
 * The home page's pointer for a provider's staff (ADR 0038): the monitoring returns due from their
 * organisation, counted, with a link to /commissioning/returns. A return is due for every period of a contract
 * that has ended (its last day before today) since the term started, up to the term's end, with no current
 * return; a decommissioned contract takes no more returns, so none is due on it. Counts only: no child is named.
 * Provider staff are practitioners and practice managers whose organisation provides the contract's service
 * (the subject rule of contracts/rules.ts); the commissioner enters any contract's returns but is not pointed here.
 */

interface DueRow {
  monitoring: Monitoring;
  starts_on: string;
  ends_on: string;
  returned: string[] | null;
}

/** Contracts of the area for services the organisation provides, started and not decommissioned, with the periods returned. */
async function contractsOfProvider(db: Queryable, areaCode: string, organisationId: string, today: string): Promise<DueRow[]> {
  return db.query<DueRow>(
    `SELECT c.monitoring, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
            ARRAY(SELECT r.period_start::text FROM contract_return r WHERE r.contract_id = c.id AND r.replaced_at IS NULL) AS returned
       FROM commissioning_contract c JOIN area_service s ON s.id = c.service_id
      WHERE c.area_code = $1 AND s.organisation_id = $2 AND c.starts_on < $3::date
        AND NOT EXISTS (SELECT 1 FROM contract_decommission d WHERE d.contract_id = c.id)`,
    [areaCode, organisationId, today],
  );
}

/** How many returns are due: periods ended before today within the term, with no current return. */
export function returnsDue(rows: readonly DueRow[], today: string): number {
  let due = 0;
  for (const r of rows) {
    const last = r.ends_on < today ? r.ends_on : today;
    const returned = new Set(r.returned ?? []);
    due += periodsBetween(r.monitoring, r.starts_on, last).filter((p) => p.end < today && !returned.has(p.start)).length;
  }
  return due;
}

export function returnsWaiting({ db, clock }: { db: Db; clock: Clock }) {
  return waitingWork<User>(
    [
      {
        action: 'commissioning.returns',
        applies: (user) => user.role === 'practitioner' || user.role === 'practice_manager',
        count: async (user, today) => {
          const due = returnsDue(await contractsOfProvider(db, user.areaCode, user.organisationId, today), today);
          return [
            {
              group: 'Contracts your organisation provides',
              text: 'Monitoring returns due from your organisation',
              count: due,
              href: cp.providerReturns,
              linkText: 'Enter monitoring returns',
            },
          ];
        },
      },
    ],
    () => todayOf(clock),
  );
}

import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { countRow, waitingWork } from '../../platform/waiting.js';
import type { BodyGate } from '../audits-gate.js';
import { governancePaths } from '../paths.js';

/**
 * Section 11 work waiting for someone (the home page, issue 14's pattern): an agency's staff see its audits
 * not yet submitted, late ones apart; the LSCB's members and secretariat see the agencies' late audits.
 * Counts of agencies' audits only, never a child.
 */
export function section11Waiting({ db, clock, gate }: { db: Db; clock: Clock; gate: BodyGate }) {
  return waitingWork<User>(
    [
      {
        action: 'section11.complete',
        count: async (user, today) => {
          const row = await countRow<{ open: number; late: number }>(
            db,
            `SELECT (count(*) FILTER (WHERE r.due_on >= $3::date))::int AS open, (count(*) FILTER (WHERE r.due_on < $3::date))::int AS late
               FROM section11_audit a JOIN section11_round r ON r.id = a.round_id
              WHERE a.area_code = $1 AND a.organisation_id = $2 AND a.status <> 'submitted'`,
            [user.areaCode, user.organisationId, today],
          );
          const link = { group: 'Safeguarding', href: governancePaths.section11Audits, linkText: 'Open your agency’s section 11 audits' };
          return [
            { ...link, count: row.late, text: 'Section 11 audits of your agency past their due date', flag: 'Late' },
            { ...link, count: row.open, text: 'Section 11 audits for your agency to complete' },
          ];
        },
      },
      {
        action: 'section11.oversee',
        count: async (user, today) => {
          const lscb = await gate.lscb(db, user.areaCode);
          if (!lscb || !(await gate.access(db, user, lscb.id)).member) return [];
          const row = await countRow<{ late: number }>(
            db,
            `SELECT count(*)::int AS late FROM section11_audit a JOIN section11_round r ON r.id = a.round_id
              WHERE r.body_id = $1 AND a.status <> 'submitted' AND r.due_on < $2::date`,
            [lscb.id, today],
          );
          return [
            {
              group: 'Safeguarding',
              href: governancePaths.section11Rounds,
              linkText: 'See the section 11 rounds',
              count: row.late,
              text: 'Agencies’ section 11 audits past their due date',
              flag: 'Late',
            },
          ];
        },
      },
    ],
    () => todayOf(clock),
  );
}

import type { User } from '../platform/auth/repository.js';
import { todayOf, type Clock } from '../platform/clock.js';
import { addDays } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import { countRow, waitingWork } from '../platform/waiting.js';
import { findEnglandFor } from './demo-places.js';

/**
 * Outcomes' work waiting for someone (issue 14): for those who read the area's figures (the board
 * and planners) the figures that are new and the indicators whose latest period is partial; for
 * whoever imports, their recent imports; for planners, the needs narratives still to write. Figures
 * about the area, never about a child; one query each.
 */

/** How far back an import or a new figure is still news. */
export const RECENT_DAYS = 30;

const GROUP = 'Outcomes and needs';

/** Those whose work is the area's figures rather than children's records, and whoever loads the figures. */
const followsAreaFigures = (user: User): boolean =>
  (can(user, 'assessments.report') && !can(user, 'assessments.work')) || can(user, 'outcomes.import');

/** `waitingFor(user)`: outcomes' work waiting for this user, counted. */
export function outcomesWaiting({ db, clock }: { db: Db; clock: Clock }) {
  return waitingWork<User>(
    [
      {
        action: 'outcomes.view',
        applies: followsAreaFigures,
        count: async (user, today) => {
          // Partial: the latest period has fewer values (the area, its comparators, England, each group)
          // than the period before, as a file of a few rows leaves it until the rest is published.
          const r = await countRow<{ fresh: number; partial: number }>(
            db,
            `WITH seen AS (
               SELECT v.indicator_id, v.period_start, count(*) AS n, max(ii.imported_at) AS imported_at,
                      row_number() OVER (PARTITION BY v.indicator_id ORDER BY v.period_start DESC) AS k
                 FROM indicator i
                 -- From each indicator the area sees to its values for these areas: the version key leads with the indicator (ADR 0050).
                 JOIN indicator_value_current v ON v.indicator_id = i.id
                  AND v.area_code = ANY (ARRAY[$1::text, $2::text] || ARRAY(SELECT comparator_code FROM comparator WHERE area_code = $1))
                 LEFT JOIN indicator_import ii ON ii.id = v.import_id
                WHERE i.area_code IS NULL OR i.area_code = $1
                GROUP BY v.indicator_id, v.period_start)
             SELECT (SELECT count(DISTINCT indicator_id) FROM seen WHERE imported_at >= $3::date)::int AS fresh,
                    (SELECT count(*) FROM seen latest JOIN seen before ON before.indicator_id = latest.indicator_id AND before.k = 2
                      WHERE latest.k = 1 AND latest.n < before.n)::int AS partial`,
            // England (demo) for the demo area (issue 15 item 5).
            [user.areaCode, (await findEnglandFor(db, user.areaCode)).code, addDays(today, -RECENT_DAYS)],
          );
          return [
            {
              group: GROUP,
              count: r.partial,
              text: 'Indicators whose latest period is partial (fewer figures than the period before)',
              href: paths.outcomesIndicators,
              linkText: 'See the indicators',
            },
            {
              group: GROUP,
              count: r.fresh,
              text: `Indicators with figures loaded in the last ${RECENT_DAYS} days`,
              href: paths.outcomesDashboard,
              linkText: 'See the dashboard',
            },
          ];
        },
      },
      {
        action: 'outcomes.import',
        count: async (user, today) => {
          const r = await countRow<{ imports: number; with_faults: number }>(
            db,
            `SELECT count(*)::int AS imports, count(*) FILTER (WHERE faults > 0)::int AS with_faults
               FROM indicator_import WHERE actor_user_id = $1 AND applied_seq IS NOT NULL AND imported_at >= $2::date`,
            [user.id, addDays(today, -RECENT_DAYS)],
          );
          const link = { group: 'Imports', href: paths.outcomesImport, linkText: 'Import figures' };
          return [
            { ...link, count: r.imports, text: `Your imports of figures in the last ${RECENT_DAYS} days` },
            { ...link, count: r.with_faults, text: 'Your recent imports that left faulty rows out', flag: 'Rows left out' },
          ];
        },
      },
      {
        // 000 §2.32: the needs assessment says, outcome by outcome, what the figures mean.
        action: 'outcomes.manage',
        count: async (user) => {
          const r = await countRow<{ missing: number }>(
            db,
            `SELECT count(*)::int AS missing FROM outcome o
              WHERE NOT EXISTS (SELECT 1 FROM needs_narrative n WHERE n.area_code = $1 AND n.outcome_code = o.code AND btrim(n.narrative) <> '')`,
            [user.areaCode],
          );
          return [
            {
              group: GROUP,
              count: r.missing,
              text: 'Outcomes with no needs narrative yet',
              href: paths.outcomesNeeds,
              linkText: 'Write the needs assessment',
            },
          ];
        },
      },
    ],
    () => todayOf(clock),
  );
}

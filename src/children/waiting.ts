import type { User } from '../platform/auth/repository.js';
import { todayOf, type Clock } from '../platform/clock.js';
import { addDays } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import { countRow, type WaitingKind, waitingWork } from '../platform/waiting.js';
import { countPendingPairs } from './duplicates/repository.js';
import { visibleSql } from './records/repository.js';
import { viewerOf } from './search/service.js';

/**
 * The child index's work waiting for someone (issue 14): views to review, shielding requests to
 * decide, likely duplicates to check, and what recent imports left. Counts only, each by one query,
 * of records the person may see (`visibleSql`, the 'view' rule's twin: $2 the organisation, $3
 * designated safeguarding); the pages linked name the children and audit that read.
 */

/** How far back a finished import is still news. */
export const IMPORTS_RECENT_DAYS = 14;

const GROUP = 'The child index';
const visible = visibleSql('c');

function kinds(db: Db): WaitingKind<User>[] {
  return [
    {
      // A manager reviews views by people with no involvement, never their own (oversight/service.ts).
      action: 'children.access_reviews',
      count: async (user) => {
        const r = await countRow<{ waiting: number }>(
          db,
          `SELECT count(*)::int AS waiting FROM access_review ar JOIN child c ON c.id = ar.child_id
            WHERE ar.area_code = $1 AND ar.reviewed_at IS NULL AND ar.user_id <> $4 AND ${visible}`,
          [user.areaCode, user.organisationId, user.designatedSafeguarding, user.id],
        );
        return [
          {
            group: GROUP,
            count: r.waiting,
            text: 'Views of a record by someone not involved, to review',
            href: paths.accessReviews,
            linkText: 'Review access',
          },
        ];
      },
    },
    {
      // Decided by a designated safeguarding lead other than the one who asked (shielding/service.ts).
      action: 'children.shielding',
      applies: (user) => user.designatedSafeguarding,
      count: async (user) => {
        const r = await countRow<{ waiting: number }>(
          db,
          `SELECT count(*)::int AS waiting FROM shielding_request sr JOIN child c ON c.id = sr.child_id
            WHERE sr.area_code = $1 AND sr.decision IS NULL AND sr.requested_by <> $4 AND ${visible}`,
          [user.areaCode, user.organisationId, user.designatedSafeguarding, user.id],
        );
        return [
          {
            group: GROUP,
            count: r.waiting,
            text: 'Requests to shield or unshield a record, to decide',
            href: paths.shieldingRequests,
            linkText: 'Decide on shielding',
          },
        ];
      },
    },
    {
      action: 'children.duplicates',
      count: async (user) => [
        {
          group: GROUP,
          count: await countPendingPairs(db, user.areaCode, viewerOf(user)),
          text: 'Pairs of records that may be the same child, to check',
          href: paths.possibleDuplicates,
          linkText: 'Check possible duplicates',
        },
      ],
    },
    {
      // Imports run at the command line (`ctp import children`); what they queue is the manager's to check.
      action: 'children.duplicates',
      count: async (user, today) => {
        const r = await countRow<{ finished: number; queued: number; rejected: number; unfinished: number }>(
          db,
          `SELECT count(*) FILTER (WHERE finished_at IS NOT NULL)::int AS finished,
                  COALESCE(sum(queued) FILTER (WHERE finished_at IS NOT NULL), 0)::int AS queued,
                  COALESCE(sum(rejected) FILTER (WHERE finished_at IS NOT NULL), 0)::int AS rejected,
                  count(*) FILTER (WHERE finished_at IS NULL)::int AS unfinished
             FROM child_import
            WHERE area_code = $1 AND (finished_at IS NULL OR finished_at >= $2::date)`,
          [user.areaCode, addDays(today, -IMPORTS_RECENT_DAYS)],
        );
        const link = { group: 'Imports', href: paths.possibleDuplicates, linkText: 'Check possible duplicates' };
        return [
          {
            ...link,
            count: r.finished,
            text: `Imports of children’s records finished in the last ${IMPORTS_RECENT_DAYS} days (${r.queued} records queued as possible duplicates, ${r.rejected} rejected)`,
          },
          {
            ...link,
            count: r.unfinished,
            text: 'Imports of children’s records not finished: running, or stopped (running the same file again resumes it)',
          },
        ];
      },
    },
  ];
}

/** `waitingFor(user)`: the child index's work waiting for this user, counted. */
export function childWaiting({ db, clock }: { db: Db; clock: Clock }) {
  return waitingWork(kinds(db), () => todayOf(clock));
}

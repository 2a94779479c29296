import type { FastifyInstance } from 'fastify';
import { directoryService } from '../directory/index.js';
import type { User } from '../platform/auth/repository.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { waitingWork } from '../platform/waiting.js';
import { accountabilityRoutes } from './accountability/routes.js';
import { accountabilityService } from './accountability/service.js';
import type { PartnerCommitmentSource } from './accountability/types.js';
import { interestRoutes } from './interests/routes.js';
import { interestsService } from './interests/service.js';
import { meetingApiRoutes } from './meetings/api.js';
import { countOverdueActionsForChair } from './meetings/decisions-repository.js';
import { decisionsService } from './meetings/decisions.js';
import { businessPaths } from './meetings/paths.js';
import { decisionPageRoutes } from './meetings/routes-decisions.js';
import { meetingPageRoutes } from './meetings/routes.js';
import { meetingsService } from './meetings/service.js';
import type { GovernanceRouteOptions } from './routes.js';

/**
 * A body's business (issue 16 items 4-6): meetings, decisions and actions, declarations of interest, and
 * partners' commitments. One services factory and one routes plugin, registered beside the bodies'.
 */
export function businessServices({
  db,
  clock,
  commitmentSources = [],
}: {
  db: Db;
  clock: Clock;
  commitmentSources?: readonly PartnerCommitmentSource[];
}) {
  const meetings = meetingsService({ db, clock });
  return {
    meetings,
    // The area's list of services, which agenda items and declarations name (issue 14, bug 7).
    directory: directoryService({ db, clock }),
    decisions: decisionsService({ db, clock, meetings }),
    interests: interestsService({ db, clock }),
    accountability: accountabilityService({ db, clock, commitmentSources }),
    /** The home page's count for a body's chair: actions of its meetings past their due date (issue 16 item 6). */
    waitingFor: waitingWork<User>(
      [
        {
          action: 'governance.business',
          count: async (user, today) => {
            const overdue = await countOverdueActionsForChair(db, user.id, today);
            return [
              {
                group: 'Partnership governance',
                text: 'Actions of the bodies you chair or support, past their due date',
                count: overdue.count,
                href: overdue.bodyId ? businessPaths.bodyActions(overdue.bodyId) : businessPaths.accountability,
                linkText: 'See the actions',
                flag: 'Overdue',
              },
            ];
          },
        },
      ],
      () => todayOf(clock),
    ),
  };
}

export type BusinessServices = ReturnType<typeof businessServices>;

/** The pages and API of a body's business: governance's routes part for meetings, interests and accountability. */
export async function businessRoutes(app: FastifyInstance, { governance, partnership }: GovernanceRouteOptions): Promise<void> {
  const { business, db } = governance;
  const directory = business.directory;
  await app.register(meetingPageRoutes, { meetings: business.meetings, partnership, directory });
  await app.register(decisionPageRoutes, { meetings: business.meetings, decisions: business.decisions, db });
  await app.register(meetingApiRoutes, { meetings: business.meetings, decisions: business.decisions });
  await app.register(interestRoutes, { interests: business.interests, partnership, directory });
  await app.register(accountabilityRoutes, { accountability: business.accountability, partnership });
}

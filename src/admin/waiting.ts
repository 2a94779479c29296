import type { User } from '../platform/auth/repository.js';
import { todayOf, type Clock } from '../platform/clock.js';
import { paths } from '../platform/paths.js';
import { waitingWork } from '../platform/waiting.js';
import type { TrainingService } from './service.js';
import { DUE_WITHIN_DAYS } from './training.js';

/**
 * User administration's work waiting for someone (issue 14): whose training or vetting has lapsed,
 * was never recorded or lapses soon (004 Box 6.1), as the training-due page lists it: a practice
 * manager's own organisation, an administrator's area. Counted in people; no child is involved.
 */
export function adminWaiting({ training, clock }: { training: TrainingService; clock: Clock }) {
  return waitingWork<User>(
    [
      {
        action: 'users.training',
        count: async (user) => {
          const due = await training.due(user);
          const people = (statuses: string[]) => new Set(due.filter((d) => statuses.includes(d.status)).map((d) => d.userId)).size;
          const link = { group: 'People', href: paths.trainingDue, linkText: 'See whose training is due' };
          return [
            {
              ...link,
              count: people(['lapsed', 'missing']),
              text: 'People whose training or vetting has lapsed or was never recorded',
              flag: 'Lapsed',
            },
            { ...link, count: people(['due']), text: `People whose training or vetting lapses within ${DUE_WITHIN_DAYS} days` },
          ];
        },
      },
    ],
    () => todayOf(clock),
  );
}

import type { FastifyInstance } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { can, policy, ROLE_LABELS } from '../platform/policy.js';
import type { WaitingItem } from '../platform/waiting.js';

/** A feature's `waitingFor(user)` (its face): the work it holds for the user, counted. */
export type WaitingFor = (user: User) => Promise<WaitingItem[]>;

export interface WaitingGroup {
  title: string;
  items: WaitingItem[];
}

/**
 * The home page says what needs doing (issue 14): each feature's waiting work, kept only where the
 * policy lets the user open its page (deny by default: an item whose action the role lacks is never
 * shown), grouped under its heading in the order the features and items come.
 */
export async function waitingWorkOf(user: User, sources: readonly WaitingFor[]): Promise<WaitingGroup[]> {
  const items = (await Promise.all(sources.map((waitingFor) => waitingFor(user)))).flat();
  const groups = new Map<string, WaitingItem[]>();
  for (const item of items.filter((i) => i.count > 0 && can(user, i.action))) {
    groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  }
  return [...groups].map(([title, grouped]) => ({ title, items: grouped }));
}

export async function homeRoutes(app: FastifyInstance, options: { waiting: readonly WaitingFor[] }): Promise<void> {
  app.get(paths.home, { config: { policy: policy.allow('account.use') }, schema: { hide: true } }, async (request, reply) => {
    const { user } = signedIn(request);
    const waiting = await waitingWorkOf(user, options.waiting);
    const cards = [
      can(user, 'area.view') && {
        href: paths.area(user.areaCode),
        title: 'The partnership',
        text: `${user.areaName}'s partner organisations, districts and who is under a duty to co-operate.`,
      },
      can(user, 'users.list') && {
        href: paths.adminUsers,
        title: 'Users',
        text: 'Create accounts and see who can use the platform in your area.',
      },
      can(user, 'audit.read') && {
        href: paths.audit,
        title: 'Audit trail',
        text: 'Who did what, when, from where and why, including every read of a child’s information.',
      },
      can(user, 'directory.entries') && {
        href: paths.ourServices,
        title: 'Our services in the directory',
        text: `The directory entries of the services ${user.organisationName} provides: keep them up to date for families and partners.`,
      },
      { href: paths.account, title: 'Your account', text: 'Your details, password, two-factor sign-in and where you are signed in.' },
    ].filter(Boolean);
    return reply.render('home/views/home.njk', { pageTitle: 'Home', waiting, cards, roleLabel: ROLE_LABELS[user.role] });
  });
}

import type { FastifyInstance } from 'fastify';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { can, policy, ROLE_LABELS } from '../platform/policy.js';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get(paths.home, { config: { policy: policy.allow('account.use') }, schema: { hide: true } }, async (request, reply) => {
    const { user } = signedIn(request);
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
      { href: paths.account, title: 'Your account', text: 'Your details, password, two-factor sign-in and where you are signed in.' },
    ].filter(Boolean);
    return reply.render('home/views/home.njk', { pageTitle: 'Home', cards, roleLabel: ROLE_LABELS[user.role] });
  });
}

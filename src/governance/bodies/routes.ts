import type { FastifyInstance } from 'fastify';
import { formatDate } from '../../platform/dates.js';
import { dateParts, type Form } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { governanceProblems } from '../errors.js';
import { governancePaths as gp } from '../paths.js';
import type { GovernanceRouteOptions } from '../routes.js';
import { MEMBER_ROLE_LABELS, type Member } from '../types.js';
import { page } from './page.js';
import { bodiesFormRoutes } from './routes-forms.js';
import { representsOf, votes } from './service.js';

/**
 * The governance pages of bodies (issue 16 items 1-3): the area's bodies, named roles and links, a body with
 * its terms in force, members and Table 2.5 shape on a day, its terms' versions, and its business summary
 * (members' contact details and reporting back) for its own members and secretariat (ADR 0022).
 */

const memberRow = (m: Member) => ({
  ...m,
  represents: m.organisationName ?? m.constituency,
  sector: representsOf(m),
  roleLabel: MEMBER_ROLE_LABELS[m.memberRole],
  dates: `From ${formatDate(m.fromDate)}${m.toDate ? ` to ${formatDate(m.toDate)}` : ''}`,
});

/** The day asked for on a page: `?asAt=YYYY-MM-DD`, or the date input's three boxes. */
function asAtOf(query: Form): string | undefined {
  const parts = dateParts(query, 'asAt');
  if (parts.day !== '' || parts.month !== '' || parts.year !== '') return `${parts.year}-${parts.month}-${parts.day}`;
  return query.asAt;
}

const BANNERS: Record<string, string> = {
  body: 'Body saved',
  terms: 'New version of the terms of reference saved: the one before stays readable',
  member: 'Member saved',
  role: 'Named role recorded',
  link: 'Link recorded',
};

type BodyParams = { Params: { bodyId: string }; Querystring: Form };

export async function bodiesRoutes(app: FastifyInstance, options: GovernanceRouteOptions): Promise<void> {
  const { bodies, access } = options.governance;

  app.get<{ Querystring: Form }>(gp.home, pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const today = bodies.today();
    const [all, roles, links] = await Promise.all([bodies.list(user.areaCode), bodies.namedRoles(user.areaCode), bodies.links(user.areaCode)]);
    return page(reply, 'home.njk', {
      pageTitle: 'Governance',
      areaName: user.areaName,
      bodies: all,
      current: roles.filter((r) => r.fromDate <= today && (r.toDate === null || r.toDate >= today)),
      roles,
      links,
      canManage: can(user, 'governance.manage'),
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  app.get<BodyParams>(gp.body(':bodyId'), pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const asAtInput = asAtOf(request.query);
    const asAt = bodies.readAsAt(asAtInput);
    const [terms, members, all, links, businessAccess] = await Promise.all([
      bodies.termsInForce(body.id, asAt),
      bodies.membersOn(body.id, asAt),
      bodies.list(user.areaCode),
      bodies.links(user.areaCode, body.id),
      can(user, 'governance.business') ? access.business(user, body.id, bodies.today()) : Promise.resolve('none' as const),
    ]);
    const shape = await bodies.membershipShape(body.id, asAt);
    const [year, month, day] = asAt.split('-');
    return page(reply, 'body.njk', {
      pageTitle: body.name,
      body,
      asAt,
      asAtValues: { 'asAt-day': String(Number(day)), 'asAt-month': String(Number(month)), 'asAt-year': year },
      isToday: asAt === bodies.today(),
      terms,
      votingMembers: members.filter(votes).length,
      members: members.map(memberRow),
      shape,
      subGroups: all.filter((b) => b.parentBodyId === body.id),
      links,
      seesBusiness: businessAccess !== 'none',
      canManage: can(user, 'governance.manage'),
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  app.get<BodyParams>(gp.bodyTerms(':bodyId'), pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const versions = await bodies.termsHistory(body.id);
    const inForce = await bodies.termsInForce(body.id);
    return page(reply, 'terms.njk', { pageTitle: `Terms of reference: ${body.name}`, body, versions, inForceId: inForce?.id, canManage: can(user, 'governance.manage') });
  });

  app.get<{ Params: { bodyId: string; version: string } }>(gp.bodyTermsVersion(':bodyId', ':version'), pageRoute('governance.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const version = /^\d{1,6}$/.test(request.params.version) ? await bodies.termsVersion(body.id, Number(request.params.version)) : undefined;
    if (!version) throw governanceProblems.notFound('That version of the terms of reference does not exist');
    return page(reply, 'terms-version.njk', { pageTitle: `Terms of reference version ${version.version}: ${body.name}`, body, terms: version });
  });

  // The body's business (ADR 0022): its members' contact details, deputies and how each reports back,
  // for its own members, chair and secretariat (the LSCB's for its own alone). Meetings (G2) link from here.
  app.get<BodyParams>(gp.bodyBusiness(':bodyId'), pageRoute('governance.business'), async (request, reply) => {
    const { user } = signedIn(request);
    const today = bodies.today();
    const { body, access: level } = await access.require(user, request.params.bodyId, today);
    const [members, terms] = await Promise.all([bodies.membersOn(body.id, today), bodies.termsInForce(body.id, today)]);
    return page(reply, 'business.njk', {
      pageTitle: `Business of ${body.name}`,
      body,
      access: level,
      members: members.map(memberRow),
      terms,
      votingMembers: members.filter(votes).length,
    });
  });

  await app.register(bodiesFormRoutes, options);
}

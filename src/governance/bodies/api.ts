import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import type { User } from '../../platform/auth/repository.js';
import type { RequestContext } from '../../platform/audit.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { governanceProblems } from '../errors.js';
import { governancePaths as gp } from '../paths.js';
import type { GovernanceRouteOptions } from '../routes.js';
import {
  BODY_KINDS,
  BodySchema,
  DECISION_METHODS,
  MEMBER_ROLES,
  MemberSchema,
  MembershipShapeSchema,
  NAMED_ROLES,
  NamedRoleHolderSchema,
  PARTNERSHIP_KINDS,
  PartnershipLinkSchema,
  POWER_AUTHORITIES,
  POWER_LEVELS,
  QUORUM_KINDS,
  SUB_GROUP_FOCUSES,
  TermsSchema,
} from '../types.js';

/**
 * Bodies, terms of reference, members, named roles and links as JSON (issue 16 items 1-3). Read by
 * everyone of the area (governance.view), set up by its administrator (governance.manage); a body's
 * business (its members' contact details) by its own members and secretariat (ADR 0022). Fields are
 * optional in the schema so that the service names each missing one with its rule.
 */

const Day = (description: string) => Type.Optional(Type.String({ description: `${description} (YYYY-MM-DD)` }));
const Text = (description?: string) => Type.Optional(Type.String(description === undefined ? {} : { description }));
/** A closed list's field, checked by the service so that a refusal names the field and the rule (one_of). */
const OneOf = (values: readonly string[], description = '') =>
  Type.Optional(Type.String({ description: `${description}${description ? '. ' : ''}One of: ${values.join(', ')}` }));
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const BodyParams = Type.Object({ bodyId: Type.String() });
const AsAt = Type.Object({ asAt: Day('The day to read membership on; today when absent') });

const BodyBody = Type.Object({
  kind: OneOf(BODY_KINDS.values, 'Fixed once set up: a change keeps the kind'),
  name: Text(),
  parentBodyId: Text('A sub-group’s parent body'),
  focus: OneOf(SUB_GROUP_FOCUSES.values),
  remit: Text(),
  establishedOn: Day('The day the body was set up'),
  closedOn: Day('The day it stood down'),
});

const TermsBody = Type.Object({
  effectiveFrom: Day('The day this version takes effect; the version before is superseded from then'),
  reviewOn: Day('When the body will review these terms: after effectiveFrom'),
  purpose: Text(),
  membership: Text('Who sits on the body, in words'),
  quorumKind: OneOf(QUORUM_KINDS.values, 'count: a number of voting members; fraction: of the voting members on the day, rounded up'),
  quorumCount: Type.Optional(Type.Integer()),
  quorumNumerator: Type.Optional(Type.Integer()),
  quorumDenominator: Type.Optional(Type.Integer()),
  decisionMethod: OneOf(DECISION_METHODS.values),
  powers: Type.Optional(
    Type.Array(
      Type.Object({
        description: Text(),
        authority: OneOf(POWER_AUTHORITIES.values),
        level: OneOf(POWER_LEVELS.values),
        referBack: Type.Optional(Type.Boolean({ description: 'A decision under it must be referred back to the partner agencies' })),
      }),
    ),
  ),
});

const MemberBody = Type.Object({
  personName: Text('Required unless userId names a user of the area'),
  userId: Text('The person’s sign-in in the area, when they have one'),
  positionTitle: Text(),
  email: Text(),
  phone: Text(),
  organisationId: Text('The partner organisation represented; or give a constituency'),
  constituency: Text('Whom the member speaks for in words, e.g. young people'),
  memberRole: OneOf(MEMBER_ROLES.values),
  canCommitResources: Type.Optional(Type.Boolean()),
  deputyName: Text(),
  deputyUserId: Text(),
  reportsBack: Text('How the member reports back to those they represent'),
  fromDate: Day('First day of the seat'),
  toDate: Day('Last day of the seat'),
});

const NamedRoleBody = Type.Object({
  role: OneOf(NAMED_ROLES.values),
  personName: Text(),
  userId: Text(),
  fromDate: Day('First day in the role; an open holder before ends the day before'),
  toDate: Day('Last day in the role'),
});

const LinkBody = Type.Object({
  bodyId: Text('The body of the area that holds the link'),
  partnershipKind: OneOf(PARTNERSHIP_KINDS.values),
  partnershipName: Text(),
  sends: Text('What the body passes to the partnership'),
  receives: Text('What it receives from the partnership'),
  fromDate: Day('The day the link began'),
  toDate: Day('The day it ended'),
});

const BusinessSchema = Type.Object({
  body: BodySchema,
  access: Type.String({ description: 'observer, member, chair or secretariat' }),
  asAt: Type.String({ format: 'date' }),
  members: Type.Array(MemberSchema),
});

/** A member as everyone of the area sees it: without contact details, which are the body's business. */
const PublicMemberSchema = Type.Omit(MemberSchema, ['email', 'phone']);

export async function bodiesApiRoutes(app: FastifyInstance, { governance }: GovernanceRouteOptions): Promise<void> {
  const { bodies } = governance;
  const api = apiRoutes(app, { tags: ['governance'], policy: policy.allow('governance.view') });
  const manage = policy.allow('governance.manage');
  const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx });
  const publicOf = <M extends { email: string; phone: string }>({ email: _e, phone: _p, ...rest }: M) => rest;

  api.get(gp.apiBodies, {
    summary: 'The area’s governance bodies: the trust board, sub-groups, chief officers’ group and the LSCB',
    schema: { response: { 200: Type.Array(BodySchema) } },
    work: async ({ user }) => bodies.list(user.areaCode),
  });

  api.post(gp.apiBodies, {
    policy: manage,
    summary: 'Set up a body (audited). One trust board and one LSCB per area; a sub-group names its parent and focus',
    schema: { body: BodyBody, response: { 201: Created } },
    problems: [governanceProblems.invalid, governanceProblems.bodyExists],
    work: async ({ user, body, context }) => ({ id: await bodies.addBody(by(user, context), user.areaCode, body) }),
  });

  api.get(gp.apiBody(':bodyId'), {
    summary: 'A body',
    schema: { params: BodyParams, response: { 200: BodySchema } },
    problems: [governanceProblems.notFound],
    work: async ({ user, params }) => bodies.find(user.areaCode, params.bodyId),
  });

  api.put(gp.apiBody(':bodyId'), {
    policy: manage,
    summary: 'Change a body’s name, remit, parent or dates (audited); its kind stays',
    schema: { params: BodyParams, body: BodyBody, response: { 204: Type.Null() } },
    problems: [governanceProblems.notFound, governanceProblems.invalid, governanceProblems.bodyExists],
    work: async ({ user, params, body, context }) => {
      await bodies.changeBody(by(user, context), user.areaCode, params.bodyId, body);
    },
  });

  api.get(gp.apiBodyTerms(':bodyId'), {
    summary: 'Every version of a body’s terms of reference, newest first, superseded ones with the day they were',
    schema: { params: BodyParams, response: { 200: Type.Array(TermsSchema) } },
    problems: [governanceProblems.notFound],
    work: async ({ user, params }) => bodies.termsHistory((await bodies.find(user.areaCode, params.bodyId)).id),
  });

  api.get(gp.apiBodyTermsInForce(':bodyId'), {
    summary: 'The terms in force on a day: quorum, how decisions are made, the powers with their ids',
    schema: { params: BodyParams, querystring: Type.Object({ on: Day('The day; today when absent') }), response: { 200: TermsSchema } },
    problems: [governanceProblems.notFound],
    work: async ({ user, params, query }) => {
      const body = await bodies.find(user.areaCode, params.bodyId);
      const terms = await bodies.termsInForce(body.id, query.on ?? bodies.today());
      if (!terms) throw governanceProblems.notFound(`${body.name} had no terms of reference in force on that day`);
      return terms;
    },
  });

  api.post(gp.apiBodyTerms(':bodyId'), {
    policy: manage,
    summary: 'Add a version of a body’s terms of reference with its powers (audited); earlier versions stay readable',
    schema: { params: BodyParams, body: TermsBody, response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer() }) } },
    problems: [governanceProblems.notFound, governanceProblems.invalid],
    work: async ({ user, params, body, context }) => bodies.addTerms(by(user, context), user.areaCode, params.bodyId, body),
  });

  api.get(gp.apiBodyMembers(':bodyId'), {
    summary: 'The members seated on a body on a day (contact details are the body’s business)',
    schema: { params: BodyParams, querystring: AsAt, response: { 200: Type.Array(PublicMemberSchema) } },
    problems: [governanceProblems.notFound, governanceProblems.invalid],
    work: async ({ user, params, query }) => {
      const body = await bodies.find(user.areaCode, params.bodyId);
      return (await bodies.membersOn(body.id, bodies.readAsAt(query.asAt))).map(publicOf);
    },
  });

  api.post(gp.apiBodyMembers(':bodyId'), {
    policy: manage,
    summary: 'Seat a member (audited); the same person twice over the same days is refused (member_once)',
    schema: { params: BodyParams, body: MemberBody, response: { 201: Created } },
    problems: [governanceProblems.notFound, governanceProblems.invalid, governanceProblems.alreadyMember],
    work: async ({ user, params, body, context }) => ({ id: await bodies.addMember(by(user, context), user.areaCode, params.bodyId, body) }),
  });

  api.put(gp.apiBodyMember(':bodyId', ':memberId'), {
    policy: manage,
    summary: 'Change a seat: role, deputy, reporting back, or its last day (audited)',
    schema: { params: Type.Object({ bodyId: Type.String(), memberId: Type.String() }), body: MemberBody, response: { 204: Type.Null() } },
    problems: [governanceProblems.notFound, governanceProblems.invalid, governanceProblems.alreadyMember],
    work: async ({ user, params, body, context }) => {
      await bodies.changeMember(by(user, context), user.areaCode, params.bodyId, params.memberId, body);
    },
  });

  api.get(gp.apiBodyMembershipShape(':bodyId'), {
    summary: 'Who sits on the body on a day by sector or constituency, and how many of each (004 Table 2.5)',
    schema: { params: BodyParams, querystring: AsAt, response: { 200: MembershipShapeSchema } },
    problems: [governanceProblems.notFound, governanceProblems.invalid],
    work: async ({ user, params, query }) => {
      const body = await bodies.find(user.areaCode, params.bodyId);
      return bodies.membershipShape(body.id, bodies.readAsAt(query.asAt));
    },
  });

  api.get(gp.apiBodyBusiness(':bodyId'), {
    policy: policy.allow('governance.business'),
    summary: 'A body’s business summary for its own members and secretariat: members with contact details and deputies (ADR 0022)',
    schema: { params: BodyParams, response: { 200: BusinessSchema } },
    problems: [governanceProblems.notFound, governanceProblems.notInBody],
    work: async ({ user, params }) => {
      const asAt = bodies.today();
      const { body, access } = await governance.access.require(user, params.bodyId, asAt);
      return { body, access, asAt, members: await bodies.membersOn(body.id, asAt) };
    },
  });

  api.get(gp.apiNamedRoles, {
    summary: 'Who has held the Director of Children’s Services and Lead Member roles, and when',
    schema: { response: { 200: Type.Array(NamedRoleHolderSchema) } },
    work: async ({ user }) => bodies.namedRoles(user.areaCode),
  });

  api.post(gp.apiNamedRoles, {
    policy: manage,
    summary: 'Record who holds a named role from a day (audited); an open holder before ends the day before',
    schema: { body: NamedRoleBody, response: { 201: Created } },
    problems: [governanceProblems.invalid, governanceProblems.roleHeld],
    work: async ({ user, body, context }) => ({ id: await bodies.addNamedRole(by(user, context), user.areaCode, body) }),
  });

  api.get(gp.apiLinks, {
    summary: 'The bodies’ links with other partnerships and what passes between them',
    schema: { response: { 200: Type.Array(PartnershipLinkSchema) } },
    work: async ({ user }) => bodies.links(user.areaCode),
  });

  api.post(gp.apiLinks, {
    policy: manage,
    summary: 'Record a link with another partnership and what passes each way (audited)',
    schema: { body: LinkBody, response: { 201: Created } },
    problems: [governanceProblems.notFound, governanceProblems.invalid],
    work: async ({ user, body, context }) => ({ id: await bodies.addLink(by(user, context), user.areaCode, body) }),
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { RequestContext } from '../../platform/audit.js';
import { checkedValues, dateParts, dateValues, formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { governancePaths as gp } from '../paths.js';
import type { GovernanceRouteOptions } from '../routes.js';
import {
  BODY_KIND_LABELS,
  BODY_KINDS,
  DECISION_METHOD_LABELS,
  DECISION_METHODS,
  MEMBER_ROLE_LABELS,
  MEMBER_ROLES,
  NAMED_ROLE_LABELS,
  NAMED_ROLES,
  PARTNERSHIP_KIND_LABELS,
  PARTNERSHIP_KINDS,
  type Body,
  type Member,
  type Terms,
} from '../types.js';
import { page } from './page.js';

/**
 * The area administrator's forms for the structure (ADR 0022: governance.manage): set up or change a body,
 * a new version of its terms, seat or change a member, record a named role or a link. GOV.UK forms,
 * POST-redirect-GET, each refusal shown beside its field.
 */

const manage = pageRoute('governance.manage');
const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx });
/** How many power rows the terms form offers (blank rows are no power). */
const POWER_ROWS = 6;

/** A date input's three boxes as one 'YYYY-M-D' for the service ('' when all are blank; junk stays junk, refused as date_real). */
function dayOf(form: Form, prefix: string): string {
  const p = dateParts(form, prefix);
  return p.day === '' && p.month === '' && p.year === '' ? '' : `${p.year.trim()}-${p.month.trim()}-${p.day.trim()}`;
}

const items = <V extends string>(values: readonly V[], labels: Record<V, string>, chosen: string | undefined) =>
  values.map((v) => ({ value: v, text: labels[v], checked: v === chosen, selected: v === chosen }));

type BodyParams = { Params: { bodyId: string } };
type MemberParams = { Params: { bodyId: string; memberId: string } };

export async function bodiesFormRoutes(app: FastifyInstance, { governance, partnership }: GovernanceRouteOptions): Promise<void> {
  const { bodies } = governance;

  const userItems = async (user: User, chosen: string | undefined) => [
    { value: '', text: 'None: does not sign in here', selected: !chosen },
    ...(await bodies.users(user.areaCode)).map((u) => ({ value: u.id, text: `${u.displayName} (${u.organisationName})`, selected: u.id === chosen })),
  ];

  // ---- Bodies ----
  const bodyForm = async (reply: FastifyReply, user: User, data: { body?: Body; values: Form; errors?: FormErrors }, status = 200) => {
    const all = (await bodies.list(user.areaCode)).filter((b) => b.id !== data.body?.id && b.kind !== 'lscb');
    return page(
      reply,
      'body-form.njk',
      {
        pageTitle: data.body ? `Change ${data.body.name}` : 'Set up a body',
        action: data.body ? gp.bodyEdit(data.body.id) : gp.bodyNew,
        kinds: items(BODY_KINDS.values, BODY_KIND_LABELS, data.values.kind),
        parents: [{ value: '', text: 'Choose the body it answers to' }, ...all.map((b) => ({ value: b.id, text: b.name, selected: b.id === data.values.parentBodyId }))],
        ...data,
      },
      status,
    );
  };
  const bodyInput = (form: Form) => ({ ...form, establishedOn: dayOf(form, 'establishedOn'), closedOn: dayOf(form, 'closedOn') });
  const bodyLinks = { hrefs: { kind: 'kind', focus: 'focus' }, dates: ['establishedOn', 'closedOn'] };

  app.get(gp.bodyNew, manage, async (request, reply) => bodyForm(reply, signedIn(request).user, { values: {} }));
  app.post(gp.bodyNew, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => bodies.addBody(by(user, request.context), user.areaCode, bodyInput(form)),
      (errors, status) => bodyForm(reply, user, { values: form, errors }, status),
      bodyLinks,
    );
    return result.ok ? reply.redirect(`${gp.body(result.value)}?done=body`, 303) : reply;
  });

  app.get<BodyParams>(gp.bodyEdit(':bodyId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const values: Form = {
      name: body.name,
      remit: body.remit,
      kind: body.kind,
      parentBodyId: body.parentBodyId ?? '',
      focus: body.focus ?? '',
      ...dateValues('establishedOn', body.establishedOn),
      ...dateValues('closedOn', body.closedOn),
    };
    return bodyForm(reply, user, { body, values });
  });
  app.post<BodyParams>(gp.bodyEdit(':bodyId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const form = { ...formOf(request.body), kind: body.kind };
    const result = await handleForm(
      () => bodies.changeBody(by(user, request.context), user.areaCode, body.id, bodyInput(form)),
      (errors, status) => bodyForm(reply, user, { body, values: form, errors }, status),
      bodyLinks,
    );
    return result.ok ? reply.redirect(`${gp.body(body.id)}?done=body`, 303) : reply;
  });

  // ---- Terms of reference: each change is a new version ----
  const termsValues = (t: Terms | undefined): Form => {
    if (!t) return { quorumKind: 'count' };
    const values: Form = {
      purpose: t.purpose,
      membership: t.membership,
      quorumKind: t.quorumKind,
      quorumCount: t.quorumCount?.toString() ?? '',
      quorumNumerator: t.quorumNumerator?.toString() ?? '',
      quorumDenominator: t.quorumDenominator?.toString() ?? '',
      decisionMethod: t.decisionMethod,
    };
    t.powers.forEach((p, i) => {
      Object.assign(values, { [`powers-${i}-description`]: p.description, [`powers-${i}-authority`]: p.authority, [`powers-${i}-level`]: p.level, [`powers-${i}-referBack`]: p.referBack ? 'yes' : '' });
    });
    return values;
  };
  const termsForm = async (reply: FastifyReply, body: Body, data: { values: Form; errors?: FormErrors }, status = 200) =>
    page(
      reply,
      'terms-form.njk',
      {
        pageTitle: `New version of the terms of reference: ${body.name}`,
        body,
        methods: items(DECISION_METHODS.values, DECISION_METHOD_LABELS, data.values.decisionMethod),
        rows: [...Array(POWER_ROWS).keys()],
        ...data,
      },
      status,
    );
  const termsInput = (form: Form, body: unknown) => ({
    ...form,
    effectiveFrom: dayOf(form, 'effectiveFrom'),
    reviewOn: dayOf(form, 'reviewOn'),
    powers: [...Array(POWER_ROWS).keys()].map((i) => ({
      description: form[`powers-${i}-description`],
      authority: form[`powers-${i}-authority`] || undefined,
      level: form[`powers-${i}-level`] || undefined,
      referBack: checkedValues(body, `powers-${i}-referBack`).includes('yes'),
    })),
  });
  const powerHrefs = Object.fromEntries(
    [...Array(POWER_ROWS).keys()].flatMap((i) => ['description', 'authority', 'level'].map((f) => [`powers[${i}].${f}`, `powers-${i}-${f}`])),
  );
  const termsLinks = { hrefs: { ...powerHrefs, quorumKind: 'quorumKind', decisionMethod: 'decisionMethod' }, dates: ['effectiveFrom', 'reviewOn'] };

  app.get<BodyParams>(gp.bodyTermsNew(':bodyId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    return termsForm(reply, body, { values: termsValues(await bodies.termsInForce(body.id)) });
  });
  app.post<BodyParams>(gp.bodyTermsNew(':bodyId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => bodies.addTerms(by(user, request.context), user.areaCode, body.id, termsInput(form, request.body)),
      (errors, status) => termsForm(reply, body, { values: form, errors }, status),
      termsLinks,
    );
    return result.ok ? reply.redirect(`${gp.bodyTerms(body.id)}?done=terms`, 303) : reply;
  });

  // ---- Members ----
  const memberForm = async (reply: FastifyReply, user: User, body: Body, data: { member?: Member; values: Form; errors?: FormErrors }, status = 200) =>
    page(
      reply,
      'member-form.njk',
      {
        pageTitle: data.member ? `Change ${data.member.personName}’s seat on ${body.name}` : `Add a member to ${body.name}`,
        action: data.member ? gp.bodyMember(body.id, data.member.id) : gp.bodyMemberNew(body.id),
        body,
        users: await userItems(user, data.values.userId),
        deputies: await userItems(user, data.values.deputyUserId),
        organisations: [
          { value: '', text: 'None: a constituency (give it below)', selected: !data.values.organisationId },
          ...(await partnership.listOrganisations(user.areaCode)).map((o) => ({ value: o.id, text: o.name, selected: o.id === data.values.organisationId })),
        ],
        roles: items(MEMBER_ROLES.values, MEMBER_ROLE_LABELS, data.values.memberRole),
        ...data,
      },
      status,
    );
  const memberInput = (form: Form, body: unknown) => ({
    ...form,
    canCommitResources: checkedValues(body, 'canCommitResources').includes('yes'),
    fromDate: dayOf(form, 'fromDate'),
    toDate: dayOf(form, 'toDate'),
  });
  const memberLinks = { hrefs: { memberRole: 'memberRole' }, dates: ['fromDate', 'toDate'] };

  app.get<BodyParams>(gp.bodyMemberNew(':bodyId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    return memberForm(reply, user, body, { values: { memberRole: 'member' } });
  });
  app.post<BodyParams>(gp.bodyMemberNew(':bodyId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => bodies.addMember(by(user, request.context), user.areaCode, body.id, memberInput(form, request.body)),
      (errors, status) => memberForm(reply, user, body, { values: form, errors }, status),
      memberLinks,
    );
    return result.ok ? reply.redirect(`${gp.body(body.id)}?done=member`, 303) : reply;
  });

  app.get<MemberParams>(gp.bodyMember(':bodyId', ':memberId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const member = await bodies.member(body, request.params.memberId);
    const values: Form = {
      personName: member.personName,
      positionTitle: member.positionTitle,
      email: member.email,
      phone: member.phone,
      constituency: member.constituency,
      memberRole: member.memberRole,
      deputyName: member.deputyName,
      reportsBack: member.reportsBack,
      userId: member.userId ?? '',
      organisationId: member.organisationId ?? '',
      deputyUserId: member.deputyUserId ?? '',
      canCommitResources: member.canCommitResources ? 'yes' : '',
      ...dateValues('fromDate', member.fromDate),
      ...dateValues('toDate', member.toDate),
    };
    return memberForm(reply, user, body, { member, values });
  });
  app.post<MemberParams>(gp.bodyMember(':bodyId', ':memberId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const body = await bodies.find(user.areaCode, request.params.bodyId);
    const member = await bodies.member(body, request.params.memberId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => bodies.changeMember(by(user, request.context), user.areaCode, body.id, member.id, memberInput(form, request.body)),
      (errors, status) => memberForm(reply, user, body, { member, values: form, errors }, status),
      memberLinks,
    );
    return result.ok ? reply.redirect(`${gp.body(body.id)}?done=member`, 303) : reply;
  });

  // ---- Named roles and links ----
  const roleForm = async (reply: FastifyReply, user: User, data: { values: Form; errors?: FormErrors }, status = 200) =>
    page(reply, 'named-role-form.njk', { pageTitle: 'Record who holds a named role', roles: items(NAMED_ROLES.values, NAMED_ROLE_LABELS, data.values.role), users: await userItems(user, data.values.userId), ...data }, status);
  app.get(gp.namedRoleNew, manage, async (request, reply) => roleForm(reply, signedIn(request).user, { values: {} }));
  app.post(gp.namedRoleNew, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => bodies.addNamedRole(by(user, request.context), user.areaCode, { ...form, fromDate: dayOf(form, 'fromDate'), toDate: dayOf(form, 'toDate') }),
      (errors, status) => roleForm(reply, user, { values: form, errors }, status),
      { hrefs: { role: 'role' }, dates: ['fromDate', 'toDate'] },
    );
    return result.ok ? reply.redirect(`${gp.home}?done=role`, 303) : reply;
  });

  const linkForm = async (reply: FastifyReply, user: User, data: { values: Form; errors?: FormErrors }, status = 200) =>
    page(
      reply,
      'link-form.njk',
      {
        pageTitle: 'Record a link with another partnership',
        kinds: items(PARTNERSHIP_KINDS.values, PARTNERSHIP_KIND_LABELS, data.values.partnershipKind),
        bodies: [{ value: '', text: 'Choose a body' }, ...(await bodies.list(user.areaCode)).map((b) => ({ value: b.id, text: b.name, selected: b.id === data.values.bodyId }))],
        ...data,
      },
      status,
    );
  app.get(gp.linkNew, manage, async (request, reply) => linkForm(reply, signedIn(request).user, { values: {} }));
  app.post(gp.linkNew, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => bodies.addLink(by(user, request.context), user.areaCode, { ...form, fromDate: dayOf(form, 'fromDate'), toDate: dayOf(form, 'toDate') }),
      (errors, status) => linkForm(reply, user, { values: form, errors }, status),
      { hrefs: { partnershipKind: 'partnershipKind' }, dates: ['fromDate', 'toDate'] },
    );
    return result.ok ? reply.redirect(`${gp.home}?done=link`, 303) : reply;
  });
}

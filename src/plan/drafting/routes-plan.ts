import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { planProblems } from '../errors.js';
import { page } from '../page.js';
import { planPaths as pp } from '../paths.js';
import { publishBlockers } from '../readiness.js';
import type { PlanRouteOptions } from '../routes.js';
import { PLAN_OWNER_LABELS, PLAN_OWNERS, SECTION_BODY_MAX, SECTION_KIND_INFO, type PlanContent, type PlanSummary } from '../types.js';
import { planByOf } from './by.js';

/**
 * Drafting's pages for the plan and its sections (issue 18 item 1): start a plan, its page with the readiness to
 * publish, change its title, period or owner, and each section with what it draws live beside it.
 */

const BANNERS: Record<string, string> = {
  created: 'Plan started: write each section and mark it complete',
  changed: 'Plan changed',
  section: 'Section saved',
  'section-added': 'Section added',
  priority: 'Priority saved',
  action: 'Key action saved',
};

type PlanParams = { Params: { planId: string } };
type SectionParams = { Params: { planId: string; sectionId: string } };

export async function draftingPlanRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { drafting, live } = plan;
  const view = pageRoute('plan.view');
  const manage = pageRoute('plan.manage');

  const contentOf = async (user: User, planId: string): Promise<PlanContent> => {
    const content = await plan.content(user.areaCode, planId);
    if (!content) throw planProblems.notFound('No such plan in this area');
    return content;
  };

  const planForm = (reply: FastifyReply, data: { plan?: PlanSummary; values: Form; errors?: FormErrors }, status = 200) =>
    page(
      reply,
      'plan-form.njk',
      {
        pageTitle: data.plan ? `Change ${data.plan.title}` : 'Start a plan',
        action: data.plan ? pp.planEdit(data.plan.id) : pp.planNew,
        back: data.plan ? pp.plan(data.plan.id) : pp.home,
        button: data.plan ? 'Save the changes' : 'Start the plan',
        owners: PLAN_OWNERS.values.map((o) => ({ value: o, text: PLAN_OWNER_LABELS[o], checked: data.values.owner === o })),
        ...data,
      },
      status,
    );

  app.get(pp.planNew, manage, async (_request, reply) => planForm(reply, { values: {} }));
  app.post(pp.planNew, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.start(planByOf(user, request.context), user.areaCode, form),
      (errors, status) => planForm(reply, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${pp.plan(result.value)}?done=created`, 303) : reply;
  });

  app.get<PlanParams & { Querystring: { done?: string } }>(pp.plan(':planId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const content = await contentOf(user, request.params.planId);
    return page(reply, 'plan.njk', {
      pageTitle: content.plan.title,
      ...content,
      blockers: publishBlockers(content),
      canManage: can(user, 'plan.manage'),
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  app.get<PlanParams>(pp.planEdit(':planId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const found = await drafting.planOf(user.areaCode, request.params.planId);
    return planForm(reply, {
      plan: found,
      values: { title: found.title, periodStart: found.periodStart, periodEnd: found.periodEnd, owner: found.owner },
    });
  });
  app.post<PlanParams>(pp.planEdit(':planId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const found = await drafting.planOf(user.areaCode, request.params.planId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.change(planByOf(user, request.context), user.areaCode, found.id, form),
      (errors, status) => planForm(reply, { plan: found, values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${pp.plan(found.id)}?done=changed`, 303) : reply;
  });

  /** A section's page: its form (or its words, for readers) and what it draws live. */
  const sectionPage = async (
    reply: FastifyReply,
    user: User,
    content: PlanContent,
    sectionId: string,
    values?: Form,
    errors?: FormErrors,
    status = 200,
  ) => {
    const section = content.sections.find((s) => s.id === sectionId);
    if (!section) throw planProblems.notFound('No such section in this plan');
    const liveData = await live.forSection(content, section.kind);
    return page(
      reply,
      'section.njk',
      {
        pageTitle: section.title,
        plan: content.plan,
        section,
        info: SECTION_KIND_INFO[section.kind],
        live: liveData,
        liveHint:
          Object.keys(liveData).length > 0
            ? 'Write the partners’ own words; the figures below are drawn live and shown beside them, so do not paste them in'
            : 'The partners’ own words',
        action: pp.planSection(content.plan.id, section.id),
        button: 'Save the section',
        bodyMax: SECTION_BODY_MAX,
        canManage: can(user, 'plan.manage'),
        values: values ?? { title: section.title, body: section.body, complete: section.complete ? 'yes' : '' },
        errors,
      },
      status,
    );
  };

  app.get<PlanParams>(pp.planSectionNew(':planId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const found = await drafting.planOf(user.areaCode, request.params.planId);
    return otherSectionForm(reply, found, {});
  });
  const otherSectionForm = (reply: FastifyReply, found: PlanSummary, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'section.njk',
      {
        pageTitle: 'Add a section on another matter',
        plan: found,
        info: SECTION_KIND_INFO.other,
        live: {},
        liveHint: 'The partners’ own words',
        action: pp.planSectionNew(found.id),
        button: 'Add the section',
        bodyMax: SECTION_BODY_MAX,
        canManage: true,
        isNew: true,
        values,
        errors,
      },
      status,
    );
  app.post<PlanParams>(pp.planSectionNew(':planId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const found = await drafting.planOf(user.areaCode, request.params.planId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.addSection(planByOf(user, request.context), user.areaCode, found.id, form),
      (errors, status) => otherSectionForm(reply, found, form, errors, status),
    );
    return result.ok ? reply.redirect(`${pp.plan(found.id)}?done=section-added`, 303) : reply;
  });

  app.get<SectionParams>(pp.planSection(':planId', ':sectionId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    return sectionPage(reply, user, await contentOf(user, request.params.planId), request.params.sectionId);
  });
  app.post<SectionParams>(pp.planSection(':planId', ':sectionId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId, sectionId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.editSection(planByOf(user, request.context), user.areaCode, planId, sectionId, form),
      async (errors, status) => sectionPage(reply, user, await contentOf(user, planId), sectionId, form, errors, status),
      { hrefs: { complete: 'complete' } },
    );
    return result.ok ? reply.redirect(`${pp.plan(planId)}?done=section`, 303) : reply;
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../../platform/auth/repository.js';
import { checkedValues, formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { moneyInputValue } from '../../platform/money.js';
import { planProblems } from '../errors.js';
import { page } from '../page.js';
import { planPaths as pp } from '../paths.js';
import type { PlanRouteOptions } from '../routes.js';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, type PlanAction, type PlanContent, type PlanPriority } from '../types.js';
import { planByOf } from './by.js';

/**
 * Drafting's pages for priorities, their targets and key actions with progress (issue 18 item 2). Checkboxes
 * (aims, indicators, contributing partners) are read with `checkedValues`; the rest with `formOf`.
 */

type PriorityParams = { Params: { planId: string; priorityId: string } };
type ActionParams = { Params: { planId: string; actionId: string } };
type Ticked = { aimCodes: string[]; indicatorCodes: string[] };

export async function draftingPriorityRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { drafting } = plan;
  const view = pageRoute('plan.view');
  const manage = pageRoute('plan.manage');

  const contentOf = async (user: User, planId: string): Promise<PlanContent> => {
    const content = await plan.content(user.areaCode, planId);
    if (!content) throw planProblems.notFound('No such plan in this area');
    return content;
  };
  const priorityIn = (content: PlanContent, priorityId: string): PlanPriority => {
    const found = content.priorities.find((p) => p.id === priorityId);
    if (!found) throw planProblems.notFound('No such priority in this plan');
    return found;
  };
  const actionIn = (content: PlanContent, actionId: string): { action: PlanAction; priority: PlanPriority } => {
    for (const priority of content.priorities) {
      const action = priority.actions.find((a) => a.id === actionId);
      if (action) return { action, priority };
    }
    throw planProblems.notFound('No such action in this plan');
  };

  // Priorities: the outcome, its aims and indicators of the catalogue.
  const priorityForm = async (
    reply: FastifyReply,
    user: User,
    content: PlanContent,
    data: { priority?: PlanPriority; values: Form; ticked: Ticked; errors?: FormErrors },
    status = 200,
  ) => {
    const choices = await drafting.priorityChoices(user.areaCode);
    return page(
      reply,
      'priority-form.njk',
      {
        pageTitle: data.priority ? `Change the priority: ${data.priority.title}` : 'Add a priority',
        plan: content.plan,
        action: data.priority ? pp.planPriority(content.plan.id, data.priority.id) : pp.planPriorityNew(content.plan.id),
        button: data.priority ? 'Save the priority' : 'Add the priority',
        outcomes: choices.outcomes.map((o) => ({ value: o.code, text: o.everydayName, checked: data.values.outcomeCode === o.code })),
        aims: choices.outcomes.flatMap((o) =>
          o.aims.map((a) => ({ value: a.code, text: `${o.everydayName}: ${a.text}`, checked: data.ticked.aimCodes.includes(a.code) })),
        ),
        indicators: choices.indicators.map((i) => ({
          value: i.code,
          text: `${i.code}: ${i.title}`,
          checked: data.ticked.indicatorCodes.includes(i.code),
        })),
        ...data,
      },
      status,
    );
  };
  const tickedFrom = (body: unknown): Ticked => ({
    aimCodes: checkedValues(body, 'aimCodes'),
    indicatorCodes: checkedValues(body, 'indicatorCodes'),
  });
  const priorityInput = (form: Form, ticked: Ticked) => ({ ...form, ...ticked });

  app.get<{ Params: { planId: string } }>(pp.planPriorityNew(':planId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    return priorityForm(reply, user, await contentOf(user, request.params.planId), {
      values: {},
      ticked: { aimCodes: [], indicatorCodes: [] },
    });
  });
  app.post<{ Params: { planId: string } }>(pp.planPriorityNew(':planId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId } = request.params;
    const form = formOf(request.body);
    const ticked = tickedFrom(request.body);
    const result = await handleForm(
      () => drafting.addPriority(planByOf(user, request.context), user.areaCode, planId, priorityInput(form, ticked)),
      async (errors, status) => priorityForm(reply, user, await contentOf(user, planId), { values: form, ticked, errors }, status),
    );
    return result.ok ? reply.redirect(`${pp.plan(planId)}?done=priority`, 303) : reply;
  });
  app.get<PriorityParams>(pp.planPriority(':planId', ':priorityId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const content = await contentOf(user, request.params.planId);
    const priority = priorityIn(content, request.params.priorityId);
    const values = { title: priority.title, description: priority.description, outcomeCode: priority.outcomeCode };
    return priorityForm(reply, user, content, {
      priority,
      values,
      ticked: { aimCodes: priority.aims.map((a) => a.code), indicatorCodes: priority.indicators.map((i) => i.code) },
    });
  });
  app.post<PriorityParams>(pp.planPriority(':planId', ':priorityId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId, priorityId } = request.params;
    const form = formOf(request.body);
    const ticked = tickedFrom(request.body);
    const result = await handleForm(
      () => drafting.changePriority(planByOf(user, request.context), user.areaCode, planId, priorityId, priorityInput(form, ticked)),
      async (errors, status) => {
        const content = await contentOf(user, planId);
        return priorityForm(reply, user, content, { priority: priorityIn(content, priorityId), values: form, ticked, errors }, status);
      },
    );
    return result.ok ? reply.redirect(`${pp.plan(planId)}?done=priority`, 303) : reply;
  });

  // Targets per year on the priority's indicators: the outcomes feature's own.
  const targetsPage = (
    reply: FastifyReply,
    content: PlanContent,
    priority: PlanPriority,
    values: Form,
    errors?: FormErrors,
    status = 200,
    banner?: string,
  ) => {
    const first = Number(content.plan.periodStart.slice(0, 4));
    return page(
      reply,
      'targets.njk',
      {
        pageTitle: `Targets: ${priority.title}`,
        plan: content.plan,
        priority,
        action: pp.planPriorityTargets(content.plan.id, priority.id),
        indicatorItems: priority.indicators.map((i) => ({
          value: i.code,
          text: `${i.code}: ${i.title}`,
          selected: values.indicatorCode === i.code,
        })),
        yearsHint: `${first}-${String((first + 1) % 100).padStart(2, '0')} or ${first}`,
        values,
        errors,
        banner,
      },
      status,
    );
  };
  app.get<PriorityParams & { Querystring: { done?: string } }>(
    pp.planPriorityTargets(':planId', ':priorityId'),
    view,
    async (request, reply) => {
      const { user } = signedIn(request);
      const content = await contentOf(user, request.params.planId);
      return targetsPage(
        reply,
        content,
        priorityIn(content, request.params.priorityId),
        {},
        undefined,
        200,
        request.query.done === 'set' ? 'Target set' : undefined,
      );
    },
  );
  app.post<PriorityParams>(pp.planPriorityTargets(':planId', ':priorityId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId, priorityId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.setTarget(planByOf(user, request.context), user.areaCode, planId, priorityId, form),
      async (errors, status) => {
        const content = await contentOf(user, planId);
        return targetsPage(reply, content, priorityIn(content, priorityId), form, errors, status);
      },
    );
    return result.ok ? reply.redirect(`${pp.planPriorityTargets(planId, priorityId)}?done=set`, 303) : reply;
  });

  // Key actions and their progress.
  interface ActionPageData {
    priority: PlanPriority;
    action?: PlanAction;
    values: Form;
    partnerIds: string[];
    errors?: FormErrors;
    progressValues?: Form;
    progressErrors?: FormErrors;
    banner?: string;
  }
  const actionPage = async (reply: FastifyReply, user: User, content: PlanContent, data: ActionPageData, status = 200) => {
    const choices = await drafting.actionChoices(user.areaCode);
    const planId = content.plan.id;
    const statusItems = (chosen: string | undefined) =>
      ACTION_STATUSES.values.map((s) => ({ value: s, text: ACTION_STATUS_LABELS[s], selected: chosen === s }));
    return page(
      reply,
      'action-form.njk',
      {
        pageTitle: data.action ? data.action.title : 'Add a key action',
        priorityTitle: data.priority.title,
        planId,
        action: data.action ? pp.planAction(planId, data.action.id) : pp.planActionNew(planId, data.priority.id),
        actionView: data.action ? { ...data.action, partnerNames: data.action.partners.map((p) => p.name).join(', ') } : undefined,
        button: data.action ? 'Save the key action' : 'Add the key action',
        canManage: can(user, 'plan.manage'),
        leads: [
          { value: '', text: 'Choose the lead partner' },
          ...choices.partners.map((o) => ({ value: o.id, text: o.name, selected: data.values.leadOrganisationId === o.id })),
        ],
        partners: choices.partners.map((o) => ({ value: o.id, text: o.name, checked: data.partnerIds.includes(o.id) })),
        funds: [
          { value: '', text: 'None' },
          ...choices.funds.map((f) => ({ value: f.id, text: f.name, selected: data.values.fundId === f.id })),
        ],
        statuses: statusItems(data.values.status ?? 'not_started'),
        progress: data.action ? await drafting.progressOf(data.action.id) : undefined,
        progressAction: data.action ? pp.planActionProgress(planId, data.action.id) : undefined,
        progressStatuses: statusItems(data.progressValues?.status ?? data.action?.status),
        progressValues: data.progressValues ?? {},
        values: data.values,
        errors: data.errors,
        progressErrors: data.progressErrors,
        banner: data.banner,
      },
      status,
    );
  };
  const valuesOf = (a: PlanAction): Form => ({
    title: a.title,
    leadOrganisationId: a.lead.id,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    outlineCost: a.outlineCostPence === null ? '' : moneyInputValue(a.outlineCostPence),
    fundId: a.fund?.id ?? '',
    status: a.status,
  });
  const actionInput = (form: Form, body: unknown) => ({ ...form, partnerIds: checkedValues(body, 'partnerIds') });

  app.get<PriorityParams>(pp.planActionNew(':planId', ':priorityId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const content = await contentOf(user, request.params.planId);
    return actionPage(reply, user, content, { priority: priorityIn(content, request.params.priorityId), values: {}, partnerIds: [] });
  });
  app.post<PriorityParams>(pp.planActionNew(':planId', ':priorityId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId, priorityId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.addAction(planByOf(user, request.context), user.areaCode, planId, priorityId, actionInput(form, request.body)),
      async (errors, status) => {
        const content = await contentOf(user, planId);
        return actionPage(
          reply,
          user,
          content,
          { priority: priorityIn(content, priorityId), values: form, partnerIds: checkedValues(request.body, 'partnerIds'), errors },
          status,
        );
      },
    );
    return result.ok ? reply.redirect(`${pp.plan(planId)}?done=action`, 303) : reply;
  });
  app.get<ActionParams & { Querystring: { done?: string } }>(pp.planAction(':planId', ':actionId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const content = await contentOf(user, request.params.planId);
    const { action, priority } = actionIn(content, request.params.actionId);
    const banner = request.query.done === 'progress' ? 'Progress noted' : undefined;
    return actionPage(reply, user, content, {
      priority,
      action,
      values: valuesOf(action),
      partnerIds: action.partners.map((p) => p.id),
      banner,
    });
  });
  app.post<ActionParams>(pp.planAction(':planId', ':actionId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId, actionId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.changeAction(planByOf(user, request.context), user.areaCode, planId, actionId, actionInput(form, request.body)),
      async (errors, status) => {
        const content = await contentOf(user, planId);
        const { action, priority } = actionIn(content, actionId);
        return actionPage(
          reply,
          user,
          content,
          { priority, action, values: form, partnerIds: checkedValues(request.body, 'partnerIds'), errors },
          status,
        );
      },
    );
    return result.ok ? reply.redirect(`${pp.plan(planId)}?done=action`, 303) : reply;
  });
  app.post<ActionParams>(pp.planActionProgress(':planId', ':actionId'), manage, async (request, reply) => {
    const { user } = signedIn(request);
    const { planId, actionId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => drafting.addProgress(planByOf(user, request.context), user.areaCode, planId, actionId, form),
      async (progressErrors, status) => {
        const content = await contentOf(user, planId);
        const { action, priority } = actionIn(content, actionId);
        const errors = { summary: progressErrors.summary, byField: {} };
        return actionPage(
          reply,
          user,
          content,
          {
            priority,
            action,
            values: valuesOf(action),
            partnerIds: action.partners.map((p) => p.id),
            errors,
            progressValues: form,
            progressErrors,
          },
          status,
        );
      },
      { hrefs: { status: 'progressStatus' } },
    );
    return result.ok ? reply.redirect(`${pp.planAction(planId, actionId)}?done=progress`, 303) : reply;
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkedValues, formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { page } from './page.js';
import { planPaths as pp } from '../paths.js';
import type { PlanRouteOptions } from '../routes.js';
import { participationApiRoutes } from './api.js';
import type { VoiceCaller } from './service.js';
import {
  AGE_GROUP_LABELS,
  AGE_GROUPS,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  PARTICIPATION_METHOD_LABELS,
  PARTICIPATION_METHODS,
  PARTICIPATION_STAGE_LABELS,
  PARTICIPATION_STAGES,
  type ActivityInput,
  type ParticipationActivity,
} from './types.js';

/**
 * Participation's pages (issue 18 item 3; ADR 0035): the year's activities, one activity, recording and changing
 * one (plan.participation: the planner and the front line who run them), and the board's summary of a year.
 * Reading needs plan.view; someone who may only record comes back to the form with the banner.
 */

const LABELS = { AGE_GROUP_LABELS, PARTICIPANT_GROUP_LABELS, PARTICIPATION_METHOD_LABELS, PARTICIPATION_STAGE_LABELS };
const view = pageRoute('plan.view');
const record = pageRoute('plan.participation');
type Params = { Params: { activityId: string } };
const BANNERS: Record<string, string> = {
  recorded: 'Participation activity recorded',
  changed: 'Participation activity saved',
};
const HREFS = { ageGroups: 'ageGroups', groups: 'groups', method: 'method', stage: 'stage' };

const caller = (request: FastifyRequest): VoiceCaller => ({ user: signedIn(request).user, ctx: request.context });


interface Ticked {
  ageGroups: string[];
  groups: string[];
}
const NONE_TICKED: Ticked = { ageGroups: [], groups: [] };
const tickedOf = (body: unknown): Ticked => ({ ageGroups: checkedValues(body, 'ageGroups'), groups: checkedValues(body, 'groups') });
/** The form's fields as the service reads them: checkboxes as lists. */
const inputOf = (body: unknown): ActivityInput => ({ ...formOf(body), ...tickedOf(body) });

/** What the form shows again: the typed values. */
function valuesOf(a: ParticipationActivity): Form {
  return {
    planId: a.planId,
    title: a.title,
    heldOn: a.heldOn,
    method: a.method,
    stage: a.stage,
    participants: String(a.participants),
    whatTheySaid: a.whatTheySaid,
    changedSectionId: a.changedSection?.id ?? '',
    changedPriorityId: a.changedPriority?.id ?? '',
    changedText: a.changedText,
    feedbackOn: a.feedbackOn ?? '',
    feedbackHow: a.feedbackHow,
  };
}

export async function participationRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { participation } = plan;

  app.get<{ Querystring: Form }>(pp.participation, view, async (request, reply) => {
    const { user } = signedIn(request);
    const shown = await participation.list(user, request.query);
    return page(reply, 'activities.njk', {
      pageTitle: `Participation of children, young people and families, ${shown.yearLabel}`,
      ...shown,
      ...LABELS,
      yearItems: shown.years.map((y) => ({ value: String(y.year), text: y.label, selected: y.year === shown.year })),
      canRecord: can(user, 'plan.participation'),
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  app.get<{ Querystring: Form }>(pp.participationSummary, view, async (request, reply) => {
    const { user } = signedIn(request);
    const summary = await participation.summary(user, request.query);
    return page(reply, 'summary.njk', {
      pageTitle: `Participation summary for the board, ${summary.yearLabel}`,
      summary,
      ...LABELS,
      yearItems: summary.years.map((y) => ({ value: String(y.year), text: y.label, selected: y.year === summary.year })),
    });
  });

  const formPage = async (
    reply: FastifyReply,
    request: FastifyRequest,
    values: Form,
    ticked: Ticked,
    activityId: string | null,
    errors?: FormErrors,
    status = 200,
  ) => {
    const { user } = signedIn(request);
    const choices = await participation.choices(user);
    const option = (v: string, text: string, chosen: string | undefined) => ({ value: v, text, selected: v === chosen });
    return page(
      reply,
      'activity-form.njk',
      {
        pageTitle: activityId ? 'Change a participation activity' : 'Record a participation activity',
        action: activityId ? pp.participationEdit(activityId) : pp.participationNew,
        activityId,
        values,
        errors,
        banner: BANNERS[(request.query as Form).done ?? ''],
        canView: can(user, 'plan.view'),
        planItems: [option('', 'Choose a plan', values.planId), ...choices.plans.map((p) => option(p.id, p.title, values.planId))],
        methodItems: PARTICIPATION_METHODS.values.map((m) => ({ value: m, text: PARTICIPATION_METHOD_LABELS[m], checked: m === values.method })),
        stageItems: PARTICIPATION_STAGES.values.map((s) => ({ value: s, text: PARTICIPATION_STAGE_LABELS[s], checked: s === values.stage })),
        ageItems: AGE_GROUPS.values.map((g) => ({ value: g, text: AGE_GROUP_LABELS[g], checked: ticked.ageGroups.includes(g) })),
        groupItems: PARTICIPANT_GROUPS.values.map((g) => ({ value: g, text: PARTICIPANT_GROUP_LABELS[g], checked: ticked.groups.includes(g) })),
        sectionItems: [option('', 'None', values.changedSectionId), ...choices.sections.map((s) => option(s.id, `${s.planTitle}: ${s.title}`, values.changedSectionId))],
        priorityItems: [option('', 'None', values.changedPriorityId), ...choices.priorities.map((p) => option(p.id, `${p.planTitle}: ${p.title}`, values.changedPriorityId))],
      },
      status,
    );
  };

  app.get<{ Querystring: Form }>(pp.participationNew, record, async (request, reply) => formPage(reply, request, { planId: request.query.planId }, NONE_TICKED, null));
  app.post(pp.participationNew, record, async (request, reply) => {
    const input = inputOf(request.body);
    const result = await handleForm(
      () => participation.record(caller(request), input),
      (errors, status) => formPage(reply, request, formOf(request.body), tickedOf(request.body), null, errors, status),
      { hrefs: HREFS },
    );
    if (!result.ok) return reply;
    const target = can(signedIn(request).user, 'plan.view') ? pp.participationActivity(result.value) : pp.participationNew;
    return reply.redirect(`${target}?done=recorded`, 303);
  });

  app.get<Params>(pp.participationActivity(':activityId'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const activity = await participation.view(user, request.params.activityId);
    return page(reply, 'activity.njk', {
      pageTitle: activity.title,
      activity,
      ...LABELS,
      canRecord: can(user, 'plan.participation'),
      banner: BANNERS[(request.query as Form).done ?? ''],
    });
  });

  app.get<Params>(pp.participationEdit(':activityId'), record, async (request, reply) => {
    const activity = await participation.view(signedIn(request).user, request.params.activityId);
    return formPage(reply, request, valuesOf(activity), { ageGroups: activity.ageGroups, groups: activity.groups }, activity.id);
  });
  app.post<Params>(pp.participationEdit(':activityId'), record, async (request, reply) => {
    const input = inputOf(request.body);
    const id = request.params.activityId;
    const result = await handleForm(
      () => participation.change(caller(request), id, input),
      (errors, status) => formPage(reply, request, formOf(request.body), tickedOf(request.body), id, errors, status),
      { hrefs: HREFS },
    );
    if (!result.ok) return reply;
    const target = can(signedIn(request).user, 'plan.view') ? pp.participationActivity(id) : pp.participationEdit(id);
    return reply.redirect(`${target}?done=changed`, 303);
  });

  await app.register(participationApiRoutes, { participation });
}

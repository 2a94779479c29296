import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, formatDateTime } from '../../platform/dates.js';
import { checkedValues, formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { paginationOf } from '../../platform/http/pagination.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { commissioningPaths as cp } from '../paths.js';
import type { CommissioningRouteOptions } from '../routes.js';
import { COMMISSION_LEVEL_LABELS, COMMISSION_LEVELS, COMMISSION_STAGE_LABELS, COMMISSION_STAGES } from '../types.js';
import { cycleApiRoutes } from './api.js';
import type { CycleCaller } from './service.js';
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS } from './types.js';

/**
 * Commissions' pages (issue 17 item 3; ADR 0029): the list filtered by level and stage, a new commission,
 * and a commission's page with its stage, the moves it may make, its evidence and board decisions by stage
 * (declared interests and withdrawals as governance shows them), its history, and, for an individual
 * commission, the link to the child's plan for those who may follow it. Changes need commissioning.manage.
 */

const page = pageRenderer('commissioning/cycle/views', { cp, formatDate, formatDateTime, COMMISSION_LEVEL_LABELS, COMMISSION_STAGE_LABELS, EVIDENCE_KIND_LABELS });
const view = pageRoute('commissioning.view');
const manage = pageRoute('commissioning.manage');
type Params = { Params: { commissionId: string } };
const ID = ':commissionId';

const BANNERS: Record<string, string> = {
  created: 'Commission started at needs analysis',
  moved: 'Stage changed: the move is in the commission’s history',
  evidence: 'Evidence added to the current stage',
  decision: 'Decision linked to the current stage',
  agenda: 'Put on the board’s agenda: the item is at the end of the meeting’s agenda, naming the commission’s providers',
};

const caller = (request: FastifyRequest): CycleCaller => ({ user: signedIn(request).user, ctx: request.context });
const items = (list: readonly string[], labels: Record<string, string>, chosen: string | undefined, blank?: string) => [
  ...(blank === undefined ? [] : [{ value: '', text: blank, selected: !chosen }]),
  ...list.map((v) => ({ value: v, text: labels[v] ?? v, selected: v === chosen })),
];

export async function cycleRoutes(app: FastifyInstance, { commissioning, partnership }: CommissioningRouteOptions): Promise<void> {
  const { cycle, commissionAgenda } = commissioning;

  app.get<{ Querystring: Form }>(cp.commissions, view, async (request, reply) => {
    const by = caller(request);
    const { level, stage, page: pageNumber } = request.query;
    let found;
    let errors: FormErrors | undefined;
    const shown = await handleForm(
      () => cycle.list(by.user, { level, stage, page: pageNumber }),
      (e) => {
        errors = e;
      },
    );
    if (shown.ok) found = shown.value;
    else found = await cycle.list(by.user, {});
    const query = (n: number) => `${cp.commissions}?${new URLSearchParams({ ...(found.level ? { level: found.level } : {}), ...(found.stage ? { stage: found.stage } : {}), page: String(n) })}`;
    return page(
      reply,
      'commissions.njk',
      {
        pageTitle: 'Commissions',
        commissions: found.commissions,
        total: found.total,
        levels: items(COMMISSION_LEVELS.values, COMMISSION_LEVEL_LABELS, found.level ?? undefined, 'Any level'),
        stages: items(COMMISSION_STAGES.values, COMMISSION_STAGE_LABELS, found.stage ?? undefined, 'Any stage'),
        pagination: paginationOf(found.page, found.lastPage, query),
        canManage: can(by.user, 'commissioning.manage'),
        banner: BANNERS[request.query.done ?? ''],
        errors,
      },
      errors ? 400 : 200,
    );
  });

  const newPage = async (reply: FastifyReply, request: FastifyRequest, values: Form, chosen: { organisationIds: string[]; serviceIds: string[] }, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const [organisations, services, funds] = await Promise.all([
      partnership.listOrganisations(user.areaCode),
      cycle.services(user),
      commissioning.fundList(user.areaCode),
    ]);
    return page(
      reply,
      'commission-new.njk',
      {
        pageTitle: 'Start a commission',
        values,
        errors,
        levels: COMMISSION_LEVELS.values.map((v) => ({ value: v, text: COMMISSION_LEVEL_LABELS[v], checked: v === values.level })),
        serviceItems: [{ value: '', text: 'None yet' }, ...services.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.serviceId }))],
        fundItems: [{ value: '', text: 'None' }, ...funds.map((f) => ({ value: f.id, text: f.name, selected: f.id === values.fundId }))],
        organisationChecks: organisations.map((o) => ({ value: o.id, text: o.name, checked: chosen.organisationIds.includes(o.id) })),
        serviceChecks: services.map((s) => ({ value: s.id, text: s.name, checked: chosen.serviceIds.includes(s.id) })),
      },
      status,
    );
  };

  app.get<{ Querystring: Form }>(cp.commissionNew, manage, async (request, reply) =>
    newPage(reply, request, { level: request.query.level, teamPlanAssessmentId: request.query.teamPlanAssessmentId }, { organisationIds: [], serviceIds: [] }),
  );
  app.post(cp.commissionNew, manage, async (request, reply) => {
    const form = formOf(request.body);
    const chosen = { organisationIds: checkedValues(request.body, 'organisationIds'), serviceIds: checkedValues(request.body, 'serviceIds') };
    const result = await handleForm(
      () => cycle.create(caller(request), { ...form, ...chosen }),
      (errors, status) => newPage(reply, request, form, chosen, errors, status),
      { hrefs: { level: 'level', organisationIds: 'organisationIds', serviceIds: 'serviceIds' } },
    );
    return result.ok ? reply.redirect(`${cp.commission(result.value)}?done=created`, 303) : reply;
  });

  const commissionPage = async (reply: FastifyReply, request: FastifyRequest<Params>, values: Form = {}, errors?: FormErrors, status = 200) => {
    const by = caller(request);
    const shown = await cycle.view(by, request.params.commissionId);
    const canManage = can(by.user, 'commissioning.manage');
    const [decisionChoices, citations] = canManage
      ? await Promise.all([cycle.citableDecisions(by.user), cycle.citations(by.user)])
      : [[], { indicators: [], outcomes: [] }];
    const stage = shown.commission.stage;
    const meetings = await commissionAgenda.meetings(by.user, shown.commission.id);
    return page(
      reply,
      'commission.njk',
      {
        pageTitle: shown.commission.title,
        ...shown,
        stagesShown: COMMISSION_STAGES.values
          .map((s) => ({
            stage: s,
            current: s === stage,
            evidence: shown.evidence.filter((e) => e.stage === s),
            decisions: shown.decisions.filter((d) => d.stage === s),
          }))
          .filter((s) => s.current || s.evidence.length > 0 || s.decisions.length > 0),
        moveItems: shown.nextMoves.map((m) => ({
          value: m.stage,
          text: `${m.forward ? 'Forward to' : 'Back to'} ${COMMISSION_STAGE_LABELS[m.stage].toLowerCase()}`,
          checked: values.toStage === m.stage,
        })),
        kindItems: EVIDENCE_KINDS.values.map((k) => ({ value: k, text: EVIDENCE_KIND_LABELS[k], checked: values.kind === k })),
        indicatorItems: [{ value: '', text: 'Choose an indicator' }, ...citations.indicators.map((i) => ({ value: i.code, text: `${i.code}: ${i.title}`, selected: i.code === values.indicatorCode }))],
        outcomeItems: [{ value: '', text: 'Choose an outcome' }, ...citations.outcomes.map((o) => ({ value: o.code, text: o.name, selected: o.code === values.outcomeCode }))],
        decisionItems: [
          { value: '', text: 'Choose a decision' },
          ...decisionChoices.map((d) => ({ value: d.id, text: `${formatDate(d.heldOn)}, ${d.bodyName}: ${d.decision.slice(0, 90)}`, selected: d.id === values.decisionId })),
        ],
        canManage,
        meetingItems: [
          { value: '', text: 'Choose a meeting' },
          ...meetings.map((m) => ({ value: m.id, text: `${formatDate(m.heldOn)}${m.startsAt ? ` at ${m.startsAt}` : ''}, ${m.place}`, selected: m.id === values.meetingId })),
        ],
        canPutOnAgenda: meetings.length > 0,
        values,
        errors,
        banner: BANNERS[(request.query as Form).done ?? ''],
      },
      status,
    );
  };

  app.get<Params>(cp.commission(ID), view, async (request, reply) => commissionPage(reply, request));

  const post = (path: string, work: (by: CycleCaller, id: string, form: Form) => Promise<unknown>, done: string, hrefs: Record<string, string>) =>
    app.post<Params>(path, manage, async (request, reply) => {
      const form = formOf(request.body);
      const result = await handleForm(
        () => work(caller(request), request.params.commissionId, form),
        (errors, status) => commissionPage(reply, request, form, errors, status),
        { hrefs },
      );
      return result.ok ? reply.redirect(`${cp.commission(request.params.commissionId)}?done=${done}`, 303) : reply;
    });
  post(cp.commissionMove(ID), (by, id, form) => cycle.move(by, id, form), 'moved', { toStage: 'toStage' });
  post(cp.commissionEvidence(ID), (by, id, form) => cycle.addEvidence(by, id, form), 'evidence', { kind: 'kind' });
  post(cp.commissionDecisions(ID), (by, id, form) => cycle.linkDecision(by, id, form), 'decision', { note: 'decisionNote' });

  // Those who manage the board's meetings or hold commissioning.manage (governance's rule): the route lets readers in, the service narrows.
  app.post<Params>(cp.commissionAgenda(ID), view, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => commissionAgenda.put(caller(request), request.params.commissionId, form),
      (errors, status) => commissionPage(reply, request, form, errors, status),
      { hrefs: { meetingId: 'meetingId' }, refusals: [403] },
    );
    return result.ok ? reply.redirect(`${cp.commission(request.params.commissionId)}?done=agenda`, 303) : reply;
  });

  await app.register(cycleApiRoutes, { cycle, commissionAgenda });
}

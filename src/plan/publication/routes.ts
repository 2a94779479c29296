import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, formatDateTime } from '../../platform/dates.js';
import { formatMoney } from '../../platform/money.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import type { PlanRouteOptions } from '../routes.js';
import { publicationApiRoutes } from './api.js';
import type { PublicationCaller } from './caller.js';
import { paragraphsOf } from './document.js';
import { LANGUAGE_FACTS, PLAN_LANGUAGES } from './languages.js';
import { publicationPaths as up } from './paths.js';
import { publicationPublicRoutes } from './routes-public.js';
import { SUMMARY_PART } from './translations.js';

/**
 * Approval, versions and publication's pages for staff (issue 18 item 5; ADR 0036): the publication page (what
 * blocks publishing, the summary for children and young people, the versions, publishing on the board's
 * decision), the summary's form, a version as frozen, the differences section by section (a version from the
 * one before, the draft from the version last published) and a version's translations. Read with plan.view;
 * changed by the planner (plan.manage).
 */

const page = pageRenderer('plan/publication/views', { up, formatDate, formatDateTime, formatMoney, paragraphsOf, LANGUAGE_FACTS });
const view = pageRoute('plan.view');
const manage = pageRoute('plan.manage');
type Params = { Params: { planId: string } };
type VersionParams = { Params: { planId: string; version: string } };
const P = ':planId';
const V = ':version';

const BANNERS: Record<string, string> = {
  published: 'The plan is published: this version is now the one the public reads',
  summary: 'Summary saved: it is published with the next version',
  translation: 'Translation saved: the public can read it now',
};

const caller = (request: FastifyRequest): PublicationCaller => ({ user: signedIn(request).user, ctx: request.context });
const doneOf = (request: FastifyRequest) => BANNERS[(request.query as Form).done ?? ''];

export async function publicationRoutes(app: FastifyInstance, options: PlanRouteOptions): Promise<void> {
  const { publication } = options.plan;

  app.get(up.overview, view, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'overview.njk', { pageTitle: 'Approval and publication', ...(await publication.overview(user)), publicHref: up.ourPlan(user.areaCode), areaName: user.areaName });
  });

  const publicationPage = async (reply: FastifyReply, request: FastifyRequest<Params>, values: Form = {}, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const state = await publication.state(user, request.params.planId);
    return page(
      reply,
      'publication.njk',
      {
        pageTitle: `Approval and publication: ${state.plan.title}`,
        ...state,
        decisionItems: [
          { value: '', text: 'Choose the board’s decision' },
          ...state.decisions.map((d) => ({ value: d.id, text: `${formatDate(d.heldOn)}, ${d.bodyName}: ${d.decision.slice(0, 90)}`, selected: d.id === values.decisionId })),
        ],
        canManage: can(user, 'plan.manage'),
        publicHref: up.ourPlan(user.areaCode),
        values,
        errors,
        banner: doneOf(request),
      },
      status,
    );
  };

  app.get<Params>(up.publication(P), view, async (request, reply) => publicationPage(reply, request));
  app.post<Params>(up.publication(P), manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => publication.publish(caller(request), request.params.planId, form),
      (errors, status) => publicationPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${up.version(request.params.planId, result.value.number)}?done=published`, 303) : reply;
  });

  const summaryPage = async (reply: FastifyReply, request: FastifyRequest<Params>, values?: Form, errors?: FormErrors, status = 200) => {
    const state = await publication.state(signedIn(request).user, request.params.planId);
    return page(reply, 'summary-form.njk', { pageTitle: 'Summary for children and young people', plan: state.plan, body: values?.body ?? state.summaryDraft, errors }, status);
  };
  app.get<Params>(up.childrenSummary(P), manage, async (request, reply) => summaryPage(reply, request));
  app.post<Params>(up.childrenSummary(P), manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => publication.saveSummary(caller(request), request.params.planId, form),
      (errors, status) => summaryPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${up.publication(request.params.planId)}?done=summary`, 303) : reply;
  });

  app.get<Params>(up.draftChanges(P), view, async (request, reply) => {
    const found = await publication.draftChanges(signedIn(request).user, request.params.planId);
    return page(reply, 'changes.njk', {
      pageTitle: found.latest ? `Changes since version ${found.latest}` : 'The draft: nothing published yet',
      planId: found.plan.id,
      planTitle: found.plan.title,
      intro: found.latest
        ? `What the draft changes in version ${found.latest}, the version the public reads. Publishing the draft makes it version ${found.latest + 1}, once the board approves it.`
        : 'The plan has not been published: every section is new.',
      changes: found.changes,
    });
  });

  app.get<VersionParams>(up.version(P, V), view, async (request, reply) => {
    const { user } = signedIn(request);
    const shown = await publication.version(user, request.params.planId, request.params.version);
    return page(reply, 'version.njk', {
      pageTitle: `${shown.version.content.plan.title}: version ${shown.version.number}`,
      ...shown,
      priorities: shown.version.content.priorities,
      publicHref: up.ourPlan(user.areaCode),
      banner: doneOf(request),
    });
  });

  app.get<VersionParams>(up.versionChanges(P, V), view, async (request, reply) => {
    const found = await publication.changes(signedIn(request).user, request.params.planId, request.params.version);
    return page(reply, 'changes.njk', {
      pageTitle: `What version ${found.version.number} changed`,
      planId: found.version.planId,
      planTitle: found.version.content.plan.title,
      intro: found.before ? `Version ${found.version.number} compared with version ${found.before}, section by section.` : 'The first version: every section is new.',
      changes: found.changes,
      versionNumber: found.version.number,
    });
  });

  const translationsPage = async (reply: FastifyReply, request: FastifyRequest<VersionParams>, values: Form = {}, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const found = await publication.translations.list(user, request.params.planId, request.params.version);
    return page(
      reply,
      'translations.njk',
      {
        pageTitle: `Translations of version ${found.version.number}`,
        ...found,
        planTitle: found.version.content.plan.title,
        languageItems: [{ value: '', text: 'Choose a language' }, ...PLAN_LANGUAGES.values.map((l) => ({ value: l, text: LANGUAGE_FACTS[l].name, selected: values.language === l }))],
        partItems: [
          { value: '', text: 'Choose what to translate' },
          ...(found.version.childrenSummary ? [{ value: SUMMARY_PART, text: 'Summary for children and young people (and the plan’s title)', selected: values.part === SUMMARY_PART }] : []),
          ...found.sections.map((s) => ({ value: s.id, text: s.title, selected: values.part === s.id })),
        ],
        titleOf: Object.fromEntries(found.sections.map((s) => [s.id, s.title])),
        canManage: can(user, 'plan.manage'),
        values,
        errors,
        banner: doneOf(request),
      },
      status,
    );
  };
  app.get<VersionParams>(up.versionTranslations(P, V), view, async (request, reply) => translationsPage(reply, request));
  app.post<VersionParams>(up.versionTranslations(P, V), manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => publication.translations.saveOne(caller(request), request.params.planId, request.params.version, form),
      (errors, status) => translationsPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${up.versionTranslations(request.params.planId, request.params.version)}?done=translation`, 303) : reply;
  });

  await app.register(publicationApiRoutes, options);
  await app.register(publicationPublicRoutes, options);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendUploadedFile } from '../../platform/http/download.js';
import { fileOf, formOf, handleForm, uploadedFileName, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { ALLOWED_TYPES_TEXT, megabytes } from '../../platform/uploaded-files.js';
import type { VoiceCaller } from '../participation/service.js';
import { planPaths as pp } from '../paths.js';
import type { PlanRouteOptions } from '../routes.js';
import { consultationApiRoutes } from './api.js';
import { childrenAnswerRoutes } from './routes-children.js';
import { childrenPublicRoutes } from './routes-public.js';
import { page } from './page.js';
import { MAX_RESPONSE_BYTES } from './service.js';
import { LANGUAGE_INFO, LANGUAGES, RESPONSE_OUTCOME_LABELS, RESPONSE_OUTCOMES } from './types.js';

/**
 * Consultation's pages (issue 18 item 4; 002 §7.3 iv; ADR 0035): the area's consultations, setting one up on a
 * draft plan (its required consultees filled in), a consultation with its consultees and responses, recording
 * a response typed or uploaded, and what changed in the plan because of each or why not. Read with plan.view,
 * changed with plan.manage.
 */

const view = pageRoute('plan.view');
const manage = pageRoute('plan.manage');
type Params = { Params: { consultationId: string } };
type ResponseParams = { Params: { consultationId: string; responseId: string } };
const BANNERS: Record<string, string> = {
  created: 'Consultation set up: the bodies that must be consulted are listed',
  consultee: 'Consultee added',
  response: 'Response recorded',
  outcome: 'What became of the response is recorded',
  moderated: 'Quotation decision saved',
};

const caller = (request: FastifyRequest): VoiceCaller => ({ user: signedIn(request).user, ctx: request.context });
const languageItems = (chosen: string | undefined) => LANGUAGES.values.map((l) => ({ value: l, text: `${LANGUAGE_INFO[l].name} (${LANGUAGE_INFO[l].own})`, selected: l === (chosen || 'en') }));

export async function consultationRoutes(app: FastifyInstance, options: PlanRouteOptions): Promise<void> {
  const { plan } = options;
  const { consultations } = plan;

  app.get<{ Querystring: Form }>(pp.consultations, view, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'consultations.njk', {
      pageTitle: 'Consultations on the plan',
      consultations: await consultations.list(user),
      canManage: can(user, 'plan.manage'),
      publicHref: pp.haveYourSay(user.areaCode),
    });
  });

  const newPage = async (reply: FastifyReply, request: FastifyRequest, values: Form, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const plans = (await plan.list(user.areaCode)).filter((p) => p.status === 'draft');
    return page(
      reply,
      'consultation-new.njk',
      {
        pageTitle: 'Set up a consultation on a draft plan',
        values,
        errors,
        planItems: [{ value: '', text: 'Choose a draft plan' }, ...plans.map((p) => ({ value: p.id, text: p.title, selected: p.id === values.planId }))],
      },
      status,
    );
  };
  app.get(pp.consultationNew, manage, async (request, reply) => newPage(reply, request, { childrenQuestions: 'yes' }));
  app.post(pp.consultationNew, manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(() => consultations.create(caller(request), form), (errors, status) => newPage(reply, request, form, errors, status));
    return result.ok ? reply.redirect(`${pp.consultation(result.value)}?done=created`, 303) : reply;
  });

  const consultationPage = async (reply: FastifyReply, request: FastifyRequest<Params>, values: Form = {}, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const shown = await consultations.view(user, request.params.consultationId);
    return page(
      reply,
      'consultation.njk',
      {
        pageTitle: shown.consultation.title,
        ...shown,
        canManage: can(user, 'plan.manage'),
        publicHref: pp.haveYourSay(user.areaCode),
        values,
        errors,
        banner: BANNERS[(request.query as Form).done ?? ''],
      },
      status,
    );
  };
  app.get<Params>(pp.consultation(':consultationId'), view, async (request, reply) => consultationPage(reply, request));
  app.post<Params>(pp.consultationConsultees(':consultationId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => consultations.addConsultee(caller(request), request.params.consultationId, form),
      (errors, status) => consultationPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${pp.consultation(request.params.consultationId)}?done=consultee#consultees`, 303) : reply;
  });

  const responsePage = async (reply: FastifyReply, request: FastifyRequest<Params>, values: Form, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const shown = await consultations.view(user, request.params.consultationId);
    return page(
      reply,
      'response-new.njk',
      {
        pageTitle: 'Record a response',
        consultation: shown.consultation,
        values,
        errors,
        consulteeItems: [{ value: '', text: 'None of those listed' }, ...shown.consultees.map((c) => ({ value: c.id, text: c.name, selected: c.id === values.consulteeId }))],
        languageItems: languageItems(values.language),
        fileHint: `A ${ALLOWED_TYPES_TEXT} file, ${megabytes(MAX_RESPONSE_BYTES)} at most`,
      },
      status,
    );
  };
  app.get<Params>(pp.consultationResponseNew(':consultationId'), manage, async (request, reply) => responsePage(reply, request, {}));
  app.post<Params>(pp.consultationResponseNew(':consultationId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const input = { ...form, fileName: uploadedFileName(request, 'file'), content: fileOf(request.body, 'file') };
    const result = await handleForm(
      () => consultations.recordResponse(caller(request), request.params.consultationId, input),
      // What was typed stays; a file must be chosen again (a browser never fills a file input).
      (errors, status) => responsePage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${pp.consultationResponse(request.params.consultationId, result.value)}?done=response`, 303) : reply;
  });

  const outcomePage = async (reply: FastifyReply, request: FastifyRequest<ResponseParams>, values?: Form, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const { consultation, response } = await consultations.response(user, request.params.consultationId, request.params.responseId);
    const sections = (await plan.content(user.areaCode, consultation.planId))?.sections ?? [];
    const chosen = values ?? { outcome: response.outcome ?? '', outcomeNote: response.outcomeNote, changedSectionId: response.changedSection?.id ?? '' };
    return page(
      reply,
      'response.njk',
      {
        pageTitle: `Response from ${response.respondent}`,
        consultation,
        response,
        language: LANGUAGE_INFO[response.language],
        canManage: can(user, 'plan.manage'),
        values: chosen,
        errors,
        banner: BANNERS[(request.query as Form).done ?? ''],
        outcomeItems: RESPONSE_OUTCOMES.values.map((o) => ({ value: o, text: RESPONSE_OUTCOME_LABELS[o], checked: o === chosen.outcome })),
        sectionItems: [{ value: '', text: 'None' }, ...sections.map((s) => ({ value: s.id, text: s.title, selected: s.id === chosen.changedSectionId }))],
      },
      status,
    );
  };
  app.get<ResponseParams>(pp.consultationResponse(':consultationId', ':responseId'), view, async (request, reply) => outcomePage(reply, request));
  app.post<ResponseParams>(pp.consultationResponse(':consultationId', ':responseId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const { consultationId, responseId } = request.params;
    const result = await handleForm(
      () => consultations.recordOutcome(caller(request), consultationId, responseId, form),
      (errors, status) => outcomePage(reply, request, form, errors, status),
      { hrefs: { outcome: 'outcome' } },
    );
    return result.ok ? reply.redirect(`${pp.consultationResponse(consultationId, responseId)}?done=outcome`, 303) : reply;
  });
  app.get<ResponseParams>(pp.consultationResponseFile(':consultationId', ':responseId'), view, async (request, reply) => {
    const file = await consultations.responseFile(signedIn(request).user, request.params.consultationId, request.params.responseId);
    return sendUploadedFile(reply, file);
  });

  await app.register(childrenAnswerRoutes, options);
  await app.register(childrenPublicRoutes, options);
  await app.register(consultationApiRoutes, { consultations });
}

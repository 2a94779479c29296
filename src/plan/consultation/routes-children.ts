import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { can } from '../../platform/policy.js';
import { planPaths as pp } from '../paths.js';
import type { PlanRouteOptions } from '../routes.js';
import { page } from './page.js';
import { LANGUAGE_INFO } from './types.js';

/**
 * Children and young people's answers for the board (issue 18 item 4; ADR 0035): counts per answer choice and
 * the free-text list (plan.view), and the planner's moderation of each quotation offered (plan.manage). Nothing
 * here is public: only approved quotations leave, through `publishedQuotations`.
 */

type Params = { Params: { consultationId: string } };
type AnswerParams = { Params: { consultationId: string; answerId: string } };

export async function childrenAnswerRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { consultations } = plan;

  const summaryPage = async (reply: FastifyReply, request: FastifyRequest<Params>, errors?: FormErrors, status = 200) => {
    const { user } = signedIn(request);
    const { consultation, summary } = await consultations.childrenSummary(user, request.params.consultationId);
    const done = (request.query as Form).done;
    return page(
      reply,
      'children.njk',
      {
        pageTitle: `What children and young people said: ${consultation.title}`,
        consultation,
        summary,
        languages: LANGUAGE_INFO,
        canManage: can(user, 'plan.manage'),
        publicHref: pp.haveYourSay(user.areaCode),
        errors,
        banner: done === 'approved' ? 'Quotation approved: it may now appear on the public pages' : done === 'declined' ? 'Quotation not approved: it will not be quoted' : undefined,
      },
      status,
    );
  };

  app.get<Params>(pp.consultationChildren(':consultationId'), pageRoute('plan.view'), async (request, reply) => summaryPage(reply, request));

  app.post<AnswerParams>(pp.consultationChildrenAnswer(':consultationId', ':answerId'), pageRoute('plan.manage'), async (request, reply) => {
    const { consultationId, answerId } = request.params;
    const by = { user: signedIn(request).user, ctx: request.context };
    const result = await handleForm(
      () => consultations.moderate(by, consultationId, answerId, formOf(request.body)),
      (errors, status) => summaryPage(reply, request, errors, status),
    );
    return result.ok ? reply.redirect(`${pp.consultationChildren(consultationId)}?done=${result.value}#answer-${answerId}`, 303) : reply;
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { tooManyRequests } from '../../platform/errors.js';
import { publicPage } from '../access.js';
import { planPaths as pp } from '../paths.js';
import type { PlanRouteOptions } from '../routes.js';
import { BETTER_MAX, CHILD_AGE_GROUP_LABELS, CHILD_AGE_GROUPS, LISTENED, LISTENED_LABELS, MATTERS, MATTERS_LABELS } from './children-questions.js';
import { page } from './page.js';
import { HONEYPOT_FIELD } from './public.js';
import { LANGUAGE_INFO, LANGUAGES } from './types.js';

/**
 * The children and young people's consultation, public, without signing in (issue 18 item 4; ADR 0035), at
 * `/our-plan/{area}/have-your-say`: a few simple questions that fit a phone. Floods are refused per client
 * address (ANSWER_RATE) with a page that names the limit; a form whose honeypot is filled is thrown away and
 * thanked like any other, so a robot learns nothing. No third-party captcha: nothing of a child leaves the site.
 */

/**
 * Answers one address may send: 30 in 10 minutes. A class answering together from a school's one address fits;
 * a script sending hundreds does not (ADR 0035).
 */
export const ANSWER_RATE = {
  max: 30,
  timeWindow: '10 minutes',
  errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
    tooManyRequests(
      `We accept up to 30 answers in 10 minutes from one device or network, and that many have been sent from yours. Wait ${context.after} and try again. Your answers were not saved.`,
    ),
};

const radios = <V extends string>(values: readonly V[], labels: Record<V, string>, chosen: string | undefined) =>
  values.map((v) => ({ value: v, text: labels[v], checked: v === chosen }));

export async function childrenPublicRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { publicConsultation } = plan;

  const show = async (reply: FastifyReply, areaCode: string, values: Form, errors?: FormErrors, status = 200) => {
    const { area, consultation } = await publicConsultation.open(areaCode);
    return page(
      reply,
      'have-your-say.njk',
      {
        pageTitle: consultation ? `Have your say: ${consultation.title}` : `Have your say in ${area.name}`,
        public: true,
        area,
        consultation,
        values,
        errors,
        honeypot: HONEYPOT_FIELD,
        betterMax: BETTER_MAX,
        action: pp.haveYourSay(area.code),
        mattersItems: radios(MATTERS.values, MATTERS_LABELS, values.matters),
        listenedItems: radios(LISTENED.values, LISTENED_LABELS, values.listened),
        ageItems: radios(CHILD_AGE_GROUPS.values, CHILD_AGE_GROUP_LABELS, values.ageGroup),
        quoteItems: [
          { value: 'yes', text: 'Yes, you can share my words without my name', checked: values.mayQuote === 'yes' },
          { value: 'no', text: 'No, do not share my words', checked: values.mayQuote === 'no' },
        ],
        languageItems: LANGUAGES.values.map((l) => ({ value: l, text: l === 'en' ? 'English' : `${LANGUAGE_INFO[l].own} (${LANGUAGE_INFO[l].name})`, selected: l === (values.language || 'en') })),
      },
      status,
    );
  };

  app.get<{ Params: { areaCode: string } }>(pp.haveYourSay(':areaCode'), publicPage(), async (request, reply) => show(reply, request.params.areaCode, {}));

  app.post<{ Params: { areaCode: string } }>(pp.haveYourSay(':areaCode'), publicPage(ANSWER_RATE), async (request, reply) => {
    const { areaCode } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => publicConsultation.answer(areaCode, form),
      (errors, status) => show(reply, areaCode, form, errors, status),
    );
    if (!result.ok) return reply;
    // The honeypot filled: kept nowhere, answered as any other, noted in the log only.
    if (result.value === 'discarded') request.log.info({ areaCode }, 'children’s consultation: a form with its honeypot filled was discarded');
    return reply.redirect(pp.haveYourSayThanks(areaCode), 303);
  });

  app.get<{ Params: { areaCode: string } }>(pp.haveYourSayThanks(':areaCode'), publicPage(), async (request, reply) => {
    const { area, consultation } = await publicConsultation.open(request.params.areaCode);
    return page(reply, 'have-your-say-thanks.njk', { pageTitle: 'Thank you for having your say', public: true, area, consultation, action: pp.haveYourSay(area.code) });
  });
}

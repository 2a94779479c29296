import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import type { User } from '../../platform/auth/repository.js';
import type { RequestContext } from '../../platform/audit.js';
import { formatDateTime } from '../../platform/dates.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { governancePaths } from '../paths.js';
import { selfAssessmentApiRoutes } from './api.js';
import { QUESTION_WORDS, RATING_WORDS, SELF_ASSESSMENT_QUESTIONS, SELF_ASSESSMENT_RATINGS, yearWords } from './questions.js';
import type { SelfAssessmentService, SelfAssessmentView } from './service.js';
import type { AnswerInput } from './types.js';

/**
 * The board's self-assessment pages (issue 16 item 7): the list, starting a year, answering the seven
 * questions (saved as a draft), agreeing it, and the year-on-year comparison.
 */

const page = pageRenderer('governance/self-assessment/views', { gp: governancePaths, yearWords, formatDateTime, ratingWords: RATING_WORDS });
const by = (user: User, ctx: RequestContext) => ({ user, actor: actorOf(user), ctx });

const BANNERS: Record<string, string> = {
  started: 'Self-assessment started: answer each question, then the chair or secretariat agrees it',
  saved: 'Answers saved',
  agreed: 'Self-assessment agreed',
};

type IdParams = { Params: { selfAssessmentId: string }; Querystring: { done?: string } };

/** The form's answers: one rating and one evidence box per question. */
const answersOf = (form: Form): AnswerInput[] =>
  SELF_ASSESSMENT_QUESTIONS.values.map((q) => ({ question: q, rating: form[`rating-${q}`] ?? '', evidence: form[`evidence-${q}`] ?? '' }));

const valuesOf = (s: SelfAssessmentView): Form =>
  Object.fromEntries(s.answers.flatMap((a) => [[`rating-${a.question}`, a.rating ?? ''], [`evidence-${a.question}`, a.evidence]]));

/** Each question with its radios' items, for the template. */
const questionsOf = (values: Form) =>
  SELF_ASSESSMENT_QUESTIONS.values.map((q, i) => ({
    code: q,
    number: i + 1,
    words: QUESTION_WORDS[q],
    items: SELF_ASSESSMENT_RATINGS.values.map((r) => ({ value: r, text: RATING_WORDS[r].label, hint: { text: RATING_WORDS[r].hint }, checked: values[`rating-${q}`] === r })),
  }));

export async function selfAssessmentRoutes(app: FastifyInstance, { selfAssessment }: { selfAssessment: SelfAssessmentService }): Promise<void> {
  const take = pageRoute('governance.business');
  const hrefs = Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.values.map((q) => [`rating-${q}`, `rating-${q}`]));

  const listPage = async (reply: FastifyReply, user: User, data: { values?: Form; errors?: FormErrors; banner?: string }, status = 200) => {
    const { selfAssessments, board, canStart } = await selfAssessment.list(user);
    return page(reply, 'list.njk', { pageTitle: 'Board self-assessment', board, canStart, selfAssessments, values: data.values ?? { year: String(selfAssessment.thisYear()) }, ...data }, status);
  };

  const assessmentPage = (reply: FastifyReply, s: SelfAssessmentView, data: { values: Form; errors?: FormErrors; banner?: string }, status = 200) =>
    page(reply, 'self-assessment.njk', { pageTitle: `${s.bodyName}: self-assessment ${yearWords(s.year)}`, s, questions: questionsOf(data.values), ...data }, status);

  app.get<{ Querystring: { done?: string } }>(governancePaths.selfAssessments, take, async (request, reply) =>
    listPage(reply, signedIn(request).user, { banner: BANNERS[request.query.done ?? ''] }),
  );

  app.post(governancePaths.selfAssessmentNew, take, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => selfAssessment.start(by(user, request.context), form.year),
      (errors, status) => listPage(reply, user, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${governancePaths.selfAssessment(result.value)}?done=started`, 303) : reply;
  });

  app.get<IdParams>(governancePaths.selfAssessment(':selfAssessmentId'), take, async (request, reply) => {
    const s = await selfAssessment.find(signedIn(request).user, request.params.selfAssessmentId);
    return assessmentPage(reply, s, { values: valuesOf(s), banner: BANNERS[request.query.done ?? ''] });
  });

  app.post<IdParams>(governancePaths.selfAssessment(':selfAssessmentId'), take, async (request, reply) => {
    const { user } = signedIn(request);
    const s = await selfAssessment.find(user, request.params.selfAssessmentId);
    const form = formOf(request.body);
    const result = await handleForm(
      () => selfAssessment.save(by(user, request.context), s.id, answersOf(form)),
      (errors, status) => assessmentPage(reply, s, { values: form, errors }, status),
      { hrefs },
    );
    return result.ok ? reply.redirect(`${governancePaths.selfAssessment(s.id)}?done=saved`, 303) : reply;
  });

  app.post<IdParams>(governancePaths.selfAssessmentAgree(':selfAssessmentId'), take, async (request, reply) => {
    const { user } = signedIn(request);
    const s = await selfAssessment.find(user, request.params.selfAssessmentId);
    const result = await handleForm(
      () => selfAssessment.agree(by(user, request.context), s.id),
      (errors, status) => assessmentPage(reply, s, { values: valuesOf(s), errors }, status),
      { hrefs, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${governancePaths.selfAssessment(s.id)}?done=agreed`, 303) : reply;
  });

  app.get<IdParams>(governancePaths.selfAssessmentCompare(':selfAssessmentId'), take, async (request, reply) => {
    const comparison = await selfAssessment.compare(signedIn(request).user, request.params.selfAssessmentId);
    return page(reply, 'compare.njk', {
      pageTitle: `${comparison.after.bodyName}: self-assessment ${yearWords(comparison.after.year)} compared`,
      comparison,
    });
  });

  await app.register(selfAssessmentApiRoutes, { selfAssessment });
}

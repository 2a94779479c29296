import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, formatDateTime } from '../../platform/dates.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { financialYearLabel } from '../../platform/money.js';
import { streamPdf } from '../../platform/pdf.js';
import { can } from '../../platform/policy.js';
import { publicPage } from '../access.js';
import { planPaths as pp } from '../paths.js';
import type { PlanRouteOptions } from '../routes.js';
import { PLAN_STATUS_LABELS } from '../types.js';
import { reviewApiRoutes } from './api.js';
import { introOf, printableOf, reviewTitle, sectionsOf } from './document.js';
import { reviewPaths as rp } from './paths.js';
import { priorityField, type ReviewCaller } from './service.js';
import { REVIEW_STATUS_LABELS, type PlanReviewView } from './types.js';

/**
 * The annual review's pages (issue 18 item 7; ADR 0037): a plan's reviews with the form to start one, a
 * review (a draft as it stands, a published one as published) with its PDF, the narratives' form and
 * publication, for those who read the plan (changes are the planner's: plan.manage); and the public's copy of
 * a published review beside the published plan, page and PDF, without signing in. A draft is never public.
 */

const page = pageRenderer('plan/review/views', { pp, rp, formatDate, formatDateTime, financialYearLabel, PLAN_STATUS_LABELS, REVIEW_STATUS_LABELS });
const view = pageRoute('plan.view');
const manage = pageRoute('plan.manage');
type Params = { Params: { planId: string; year: string } };
type PlanParams = { Params: { planId: string } };

const BANNERS: Record<string, string> = {
  started: 'Review started: write what changed in the year, then publish it',
  saved: 'Review saved',
  published: 'Review published: it is now public beside the plan',
};

const caller = (request: FastifyRequest): ReviewCaller => ({ user: signedIn(request).user, ctx: request.context });
const pdfName = (r: PlanReviewView) => `plan-review-${r.content.yearLabel}.pdf`;

/** What a review page shows, signed in or not. */
const shown = (r: PlanReviewView) => ({ content: r.content, title: reviewTitle(r.content), intro: introOf(r.content), sections: sectionsOf(r.content) });

export async function reviewRoutes(app: FastifyInstance, { plan, partnership }: PlanRouteOptions): Promise<void> {
  const { review } = plan;

  const listPage = async (reply: FastifyReply, request: FastifyRequest<PlanParams>, values: Form = {}, errors?: FormErrors, status = 200) => {
    const by = caller(request);
    const { plan: summary, reviews, years } = await review.list(by.user, request.params.planId);
    const taken = new Set(reviews.map((r) => r.year));
    return page(
      reply,
      'reviews.njk',
      {
        pageTitle: `Annual reviews: ${summary.title}`,
        plan: summary,
        reviews,
        yearItems: [
          { value: '', text: 'Choose a year' },
          ...years.filter((y) => !taken.has(y)).map((y) => ({ value: String(y), text: financialYearLabel(y), selected: values.year === String(y) })),
        ],
        canManage: can(by.user, 'plan.manage'),
        values,
        errors,
      },
      status,
    );
  };

  app.get(rp.planReviewsAll, view, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'all-reviews.njk', { pageTitle: 'Annual reviews of the plan', plans: await review.listAll(user), canManage: can(user, 'plan.manage') });
  });

  app.get<PlanParams>(rp.planReviews(':planId'), view, async (request, reply) => listPage(reply, request));
  app.post<PlanParams>(rp.planReviews(':planId'), manage, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => review.start(caller(request), request.params.planId, { year: form.year }),
      (errors, status) => listPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${rp.planReviewEdit(request.params.planId, result.value.year)}?done=started`, 303) : reply;
  });

  const reviewPage = async (reply: FastifyReply, request: FastifyRequest<Params>) => {
    const by = caller(request);
    const r = await review.view(by.user, request.params.planId, request.params.year);
    return page(
      reply,
      'review.njk',
      {
        pageTitle: reviewTitle(r.content),
        ...shown(r),
        review: r,
        plan: r.plan,
        pdfHref: rp.planReviewPdf(r.planId, r.year),
        canManage: can(by.user, 'plan.manage') && r.status === 'draft',
        banner: BANNERS[(request.query as Form).done ?? ''],
      },
    );
  };
  app.get<Params>(rp.planReview(':planId', ':year'), view, async (request, reply) => reviewPage(reply, request));


  const editPage = async (reply: FastifyReply, request: FastifyRequest<Params>, values?: Form, errors?: FormErrors, status = 200) => {
    const by = caller(request);
    const r = await review.view(by.user, request.params.planId, request.params.year);
    return page(
      reply,
      'review-edit.njk',
      {
        pageTitle: `Write the review: ${reviewTitle(r.content)}`,
        review: r,
        title: reviewTitle(r.content),
        narrative: values ? (values.narrative ?? '') : r.content.narrative,
        priorities: r.content.priorities.map((p, i) => ({
          field: priorityField(p.id),
          number: i + 1,
          title: p.title,
          outcomeName: p.outcomeName,
          narrative: values ? (values[priorityField(p.id)] ?? '') : p.narrative,
          indicators: p.indicators,
          actions: p.actions,
        })),
        published: r.status === 'published',
        planStatus: PLAN_STATUS_LABELS[r.plan.status],
        banner: BANNERS[(request.query as Form).done ?? ''],
        errors,
      },
      status,
    );
  };
  app.get<Params>(rp.planReviewEdit(':planId', ':year'), manage, async (request, reply) => editPage(reply, request));

  // A refused publication shows the narratives' form, where each blank narrative the refusal names is a field.
  app.post<Params>(rp.planReviewPublish(':planId', ':year'), manage, async (request, reply) => {
    const { planId, year } = request.params;
    const result = await handleForm(
      () => review.publish(caller(request), planId, year),
      (errors, status) => editPage(reply, request, undefined, errors, status),
      { hrefs: { plan: 'plan-status', status: 'plan-status' } },
    );
    return result.ok ? reply.redirect(`${rp.planReview(planId, year)}?done=published`, 303) : reply;
  });
  app.post<Params>(rp.planReviewEdit(':planId', ':year'), manage, async (request, reply) => {
    const { planId, year } = request.params;
    const form = formOf(request.body);
    const priorities = Object.fromEntries(
      Object.entries(form)
        .filter(([k]) => k.startsWith('priority-'))
        .map(([k, v]) => [k.slice('priority-'.length), v ?? '']),
    );
    const result = await handleForm(
      () => review.save(caller(request), planId, year, { narrative: form.narrative, priorities }),
      (errors, status) => editPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${rp.planReview(planId, year)}?done=saved`, 303) : reply;
  });

  app.get<Params>(rp.planReviewPdf(':planId', ':year'), view, async (request, reply) => {
    const { user } = signedIn(request);
    const r = await review.view(user, request.params.planId, request.params.year);
    const note = r.status === 'draft' ? 'DRAFT: this review is not published. It shows the plan’s progress as it stands today.' : undefined;
    const { stream } = streamPdf(printableOf(r.content, { areaName: request.brand?.name ?? user.areaName, printedBy: user.displayName, printedAt: review.now() }, note));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${pdfName(r)}"`).send(stream);
  });

  // The public's copy (002 §7.3: the review is published; 001 §3.4): only a published review, as it was published.
  type PublicParams = { Params: { areaCode: string; year: string } };
  app.get<{ Params: { areaCode: string } }>(rp.ourPlanReviews(':areaCode'), publicPage(), async (request, reply) => {
    const { areaCode } = request.params;
    const area = await partnership.findArea(areaCode);
    return page(reply, 'public-reviews.njk', {
      pageTitle: `Annual reviews of the Children and Young People’s Plan: ${area.name}`,
      areaName: area.name,
      areaCode,
      reviews: await review.publishedList(areaCode),
      planHref: pp.ourPlan(areaCode),
    });
  });

  app.get<PublicParams>(rp.ourPlanReview(':areaCode', ':year'), publicPage(), async (request, reply) => {
    const { areaCode, year } = request.params;
    const r = await review.published(areaCode, year);
    const area = await partnership.findArea(areaCode);
    return page(reply, 'public-review.njk', {
      pageTitle: reviewTitle(r.content),
      ...shown(r),
      review: r,
      areaName: area.name,
      pdfHref: rp.ourPlanReviewPdf(areaCode, r.year),
      planHref: pp.ourPlan(areaCode),
      reviewsHref: rp.ourPlanReviews(areaCode),
    });
  });

  app.get<PublicParams>(rp.ourPlanReviewPdf(':areaCode', ':year'), publicPage(), async (request, reply) => {
    const { areaCode, year } = request.params;
    const r = await review.published(areaCode, year);
    const area = await partnership.findArea(areaCode);
    const { stream } = streamPdf(printableOf(r.content, { areaName: area.name, printedBy: 'a member of the public', printedAt: review.now() }));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${pdfName(r)}"`).send(stream);
  });

  await app.register(reviewApiRoutes, { review });
}

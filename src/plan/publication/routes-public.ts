import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate } from '../../platform/dates.js';
import { formatMoney } from '../../platform/money.js';
import { streamPdf, type PrintableDocument } from '../../platform/pdf.js';
import { publicPage } from '../access.js';
import { LANGUAGE_INFO } from '../consultation/types.js';
import { publishedQuotations } from '../consultation/moderation.js';
import { planProblems } from '../errors.js';
import type { PlanRouteOptions } from '../routes.js';
import { paragraphsOf, planDocument, summaryDocument, translationDocument, versionFacts } from './document.js';
import { publicationPaths as up } from './paths.js';

/**
 * The public's pages of the plan (issue 18 item 6; 002 §7.3), without signing in and rate limited: the plan in
 * force, its summary for children and young people, each translation (lang and dir on the translated words, so
 * Urdu reads right to left), the PDFs, and the same as JSON. Only published versions are read (public.ts).
 */

type AreaParams = { Params: { areaCode: string } };
type LanguageParams = { Params: { areaCode: string; language: string } };
const V = 'plan/publication/views';
const helpers = { up, formatDate, formatMoney, paragraphsOf, versionFacts };

/** Who printed it, on the footer of a PDF taken from the public pages. */
const PRINTED_BY = 'the public web page';

export async function publicationPublicRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { published } = plan.publication;
  const now = () => plan.clock.now();

  /**
   * Runs a public page's work; when there is nothing published to show (no plan, no such translation, no PDF in
   * that script) the public reads why on a page of its own, with a 404, rather than the bare "Page not found".
   */
  const orMissing =
    <R extends FastifyRequest<AreaParams>>(work: (request: R, reply: FastifyReply) => Promise<unknown>) =>
    async (request: R, reply: FastifyReply) => {
      try {
        return await work(request, reply);
      } catch (error) {
        if (!planProblems.notFound.is(error)) throw error;
        return reply.code(404).render(`${V}/public-missing.njk`, { ...helpers, pageTitle: 'Our Children and Young People’s Plan', message: error.message, areaCode: request.params.areaCode, public: true });
      }
    };

  const sendPdf = (reply: FastifyReply, doc: PrintableDocument, name: string) =>
    reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(streamPdf(doc).stream);

  app.get<AreaParams>(up.ourPlan(':areaCode'), publicPage(), orMissing(async (request, reply) => {
    const shown = await published.current(request.params.areaCode);
    return reply.render(`${V}/public-plan.njk`, { ...helpers, pageTitle: shown.title, plan: shown, public: true });
  }));

  app.get<AreaParams>(up.ourPlanYoungPeople(':areaCode'), publicPage(), orMissing(async (request, reply) => {
    const shown = await published.current(request.params.areaCode);
    // What children and young people said in the plan's consultations: approved quotations only (ADR 0035).
    const quotations = (await publishedQuotations(plan.db, shown.version.planId)).map((q) => ({ ...q, dir: LANGUAGE_INFO[q.language].dir }));
    return reply.render(`${V}/public-young-people.njk`, { ...helpers, pageTitle: `Our plan for children and young people: the short version`, plan: shown, quotations, public: true });
  }));

  app.get<LanguageParams>(up.ourPlanLanguage(':areaCode', ':language'), publicPage(), orMissing(async (request, reply) => {
    const shown = await published.inLanguage(request.params.areaCode, request.params.language);
    return reply.render(`${V}/public-language.njk`, { ...helpers, pageTitle: `${shown.title} (${shown.language.name})`, plan: shown, public: true });
  }));

  const footerOf = (areaName: string) => ({ areaName, printedBy: PRINTED_BY, printedAt: now() });

  app.get<AreaParams>(up.ourPlanPdf(':areaCode'), publicPage(), orMissing(async (request, reply) => {
    const shown = await published.current(request.params.areaCode);
    return sendPdf(reply, planDocument(shown, footerOf(shown.area.name)), `plan-version-${shown.version.number}.pdf`);
  }));

  app.get<AreaParams>(up.ourPlanYoungPeoplePdf(':areaCode'), publicPage(), orMissing(async (request, reply) => {
    const shown = await published.current(request.params.areaCode);
    if (shown.version.childrenSummary === '') throw planProblems.notFound('This version of the plan has no summary for children and young people');
    return sendPdf(reply, summaryDocument(shown, footerOf(shown.area.name)), `plan-version-${shown.version.number}-young-people.pdf`);
  }));

  app.get<LanguageParams>(up.ourPlanLanguagePdf(':areaCode', ':language'), publicPage(), orMissing(async (request, reply) => {
    const shown = await published.inLanguage(request.params.areaCode, request.params.language);
    // languages.ts: the embedded font cannot print Arabic-script or Indic languages correctly; their page is printed instead.
    if (!shown.language.printable)
      throw planProblems.notFound(`A PDF in ${shown.language.name} cannot be made yet: print the ${shown.language.name} page from your browser instead`);
    return sendPdf(reply, translationDocument(shown, footerOf(shown.area.name)), `plan-version-${shown.version.number}-${shown.language.code}.pdf`);
  }));

  app.get<AreaParams>(
    up.apiOurPlan(':areaCode'),
    {
      ...publicPage(),
      schema: { tags: ['plan'], summary: 'The area’s Children and Young People’s Plan in force, as published: its version, sections, priorities, summary for children and young people and the languages it is translated into (no sign-in)' },
    },
    async (request) => {
      const shown = await published.current(request.params.areaCode);
      return {
        area: shown.area,
        title: shown.title,
        periodStart: shown.periodStart,
        periodEnd: shown.periodEnd,
        version: { number: shown.version.number, approvedOn: shown.version.approvedOn, decidedBy: shown.version.decidedBy, decision: shown.version.decisionWords, publishedAt: shown.version.publishedAt.toISOString() },
        childrenSummary: shown.version.childrenSummary,
        sections: shown.sections.map((s) => ({ id: s.id, kind: s.kind, title: s.title, body: s.body })),
        priorities: shown.priorities.map(({ actions, ...p }) => ({ ...p, actions: actions.map(({ status: _s, latestProgress: _p, ...a }) => a) })),
        languages: shown.languages.map((l) => ({ code: l.code, name: l.name, nativeName: l.nativeName, dir: l.dir })),
      };
    },
  );
}

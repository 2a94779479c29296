import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import type { User } from '../../platform/auth/repository.js';
import type { RequestContext } from '../../platform/audit.js';
import { formatDate, formatDateTime } from '../../platform/dates.js';
import { checkedValues, formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { governancePaths } from '../paths.js';
import { section11ApiRoutes } from './api.js';
import type { Section11AuditsService } from './audits.js';
import type { Section11RoundsService } from './rounds.js';
import { SECTION11_RATING_WORDS, SECTION11_RATINGS, SECTION11_STANDARDS, SECTION11_STATUS_WORDS } from './standards.js';
import type { Section11AnswerInput, Section11Audit } from './types.js';

/**
 * Section 11 pages (issue 16 item 8). The LSCB's, for its members and secretariat: its rounds, setting
 * one, the overview of a round, one agency's audit with its chases and the LSCB's challenge. The
 * agency's, for its own staff: its audits, the form standard by standard, submitting, its response.
 */

const helpers = { gp: governancePaths, formatDate, formatDateTime, ratingWords: SECTION11_RATING_WORDS, statusWords: SECTION11_STATUS_WORDS };
const page = pageRenderer('governance/section11/views', helpers);
const by = (user: User, ctx: RequestContext) => ({ user, actor: actorOf(user), ctx });

const BANNERS: Record<string, string> = {
  set: 'Round set: each agency under the section 11 duty has its audit to complete',
  chased: 'Chased: the agency’s staff who can complete the audit have been told',
  challenged: 'Challenge recorded: the agency sees it on its audit',
  saved: 'Your answers are saved. Submit the audit when every standard is answered',
  submitted: 'Audit submitted to the LSCB',
  responded: 'Response recorded',
};

type Done = { Querystring: { done?: string } };
type RoundParams = Done & { Params: { roundId: string } };
type RoundAuditParams = Done & { Params: { roundId: string; auditId: string } };
type AuditParams = Done & { Params: { auditId: string } };

/** The agency form's answers: per standard a rating, evidence and one improvement action. */
const answersOf = (audit: Section11Audit, form: Form): Section11AnswerInput[] =>
  audit.round.standards.map((s) => ({
    standardCode: s.code,
    rating: form[`rating-${s.code}`] ?? '',
    evidence: form[`evidence-${s.code}`] ?? '',
    improvement: form[`improvement-${s.code}`] ?? '',
    improvementOwner: form[`owner-${s.code}`] ?? '',
    improvementDue: form[`due-${s.code}`] ?? '',
  }));

/** A day as the form's box takes it back: 31/3/2027. */
const typedDay = (iso: string | null): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : '';
};

const valuesOf = (audit: Section11Audit): Form =>
  Object.fromEntries(
    audit.answers.flatMap((a) => [
      [`rating-${a.standardCode}`, a.rating ?? ''],
      [`evidence-${a.standardCode}`, a.evidence],
      [`improvement-${a.standardCode}`, a.improvement],
      [`owner-${a.standardCode}`, a.improvementOwner],
      [`due-${a.standardCode}`, typedDay(a.improvementDue)],
    ]),
  );

const standardsOf = (audit: Section11Audit, values: Form) =>
  audit.round.standards.map((s, i) => ({
    ...s,
    number: i + 1,
    answer: audit.answers.find((a) => a.standardCode === s.code),
    items: SECTION11_RATINGS.values.map((r) => ({ value: r, text: SECTION11_RATING_WORDS[r], checked: values[`rating-${s.code}`] === r })),
  }));

export async function section11Routes(
  app: FastifyInstance,
  { rounds, audits }: { rounds: Section11RoundsService; audits: Section11AuditsService },
): Promise<void> {
  const oversee = pageRoute('section11.oversee');
  const complete = pageRoute('section11.complete');

  const roundsPage = async (reply: FastifyReply, user: User, data: { values?: Form; checked?: string[]; errors?: FormErrors; banner?: string }, status = 200) => {
    const lscb = await rounds.rounds(user);
    const defaults = lscb?.canSet ? await rounds.defaults(user) : undefined;
    const values = data.values ?? (defaults ? { periodStart: typedDay(defaults.periodStart), periodEnd: typedDay(defaults.periodEnd), dueOn: typedDay(defaults.dueOn) } : {});
    const chosen = data.checked ?? SECTION11_STANDARDS.map((s) => s.code);
    return page(
      reply,
      'rounds.njk',
      {
        pageTitle: 'Section 11 audits',
        lscb,
        values,
        standardItems: SECTION11_STANDARDS.map((s) => ({ value: s.code, text: s.title, hint: { text: `From ${s.source}` }, checked: chosen.includes(s.code) })),
        ...data,
      },
      status,
    );
  };

  app.get<Done>(governancePaths.section11Rounds, oversee, async (request, reply) =>
    roundsPage(reply, signedIn(request).user, { banner: BANNERS[request.query.done ?? ''] }),
  );

  app.post(governancePaths.section11RoundNew, oversee, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const standards = checkedValues(request.body, 'standards');
    const result = await handleForm(
      () => rounds.setRound(by(user, request.context), { ...form, standards }),
      (errors, status) => roundsPage(reply, user, { values: form, checked: standards, errors }, status),
      { refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${governancePaths.section11Round(result.value)}?done=set`, 303) : reply;
  });

  const overviewPage = async (reply: FastifyReply, user: User, roundId: string, data: { errors?: FormErrors; banner?: string }, status = 200) => {
    const overview = await rounds.overview(user, roundId);
    const submitted = overview.rows.filter((r) => r.status === 'submitted').length;
    const late = overview.rows.filter((r) => r.late).length;
    return page(reply, 'round.njk', { pageTitle: overview.round.title, ...overview, submitted, late, ...data }, status);
  };

  app.get<RoundParams>(governancePaths.section11Round(':roundId'), oversee, async (request, reply) =>
    overviewPage(reply, signedIn(request).user, request.params.roundId, { banner: BANNERS[request.query.done ?? ''] }),
  );

  const lscbAuditPage = async (reply: FastifyReply, user: User, p: RoundAuditParams['Params'], data: { values?: Form; errors?: FormErrors; banner?: string }, status = 200) => {
    const found = await rounds.audit(user, p.roundId, p.auditId);
    return page(
      reply,
      'lscb-audit.njk',
      { pageTitle: `${found.organisationName}: ${found.round.title}`, audit: found, standards: standardsOf(found, {}), values: data.values ?? { challenge: found.challenge }, ...data },
      status,
    );
  };

  app.get<RoundAuditParams>(governancePaths.section11RoundAudit(':roundId', ':auditId'), oversee, async (request, reply) =>
    lscbAuditPage(reply, signedIn(request).user, request.params, { banner: BANNERS[request.query.done ?? ''] }),
  );

  app.post<RoundAuditParams>(governancePaths.section11RoundAuditChase(':roundId', ':auditId'), oversee, async (request, reply) => {
    const { user } = signedIn(request);
    const { roundId, auditId } = request.params;
    const result = await handleForm(
      () => rounds.chase(by(user, request.context), roundId, auditId),
      (errors, status) => overviewPage(reply, user, roundId, { errors }, status),
      { hrefs: { status: 'agencies' } },
    );
    return result.ok ? reply.redirect(`${governancePaths.section11Round(roundId)}?done=chased`, 303) : reply;
  });

  app.post<RoundAuditParams>(governancePaths.section11RoundAuditChallenge(':roundId', ':auditId'), oversee, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => rounds.challenge(by(user, request.context), request.params.roundId, request.params.auditId, form.challenge),
      (errors, status) => lscbAuditPage(reply, user, request.params, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${governancePaths.section11RoundAudit(request.params.roundId, request.params.auditId)}?done=challenged`, 303) : reply;
  });

  // The agency's own pages.
  app.get<Done>(governancePaths.section11Audits, complete, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'audits.njk', { pageTitle: 'Your agency’s section 11 audits', audits: await audits.mine(user), banner: BANNERS[request.query.done ?? ''] });
  });

  const auditPage = async (reply: FastifyReply, user: User, auditId: string, data: { values?: Form; errors?: FormErrors; banner?: string }, status = 200) => {
    const found = await audits.find(user, auditId);
    const values = data.values ?? { ...valuesOf(found), response: found.response };
    return page(reply, 'audit.njk', { pageTitle: `${found.organisationName}: ${found.round.title}`, audit: found, standards: standardsOf(found, values), ...data, values }, status);
  };

  app.get<AuditParams>(governancePaths.section11Audit(':auditId'), complete, async (request, reply) =>
    auditPage(reply, signedIn(request).user, request.params.auditId, { banner: BANNERS[request.query.done ?? ''] }),
  );

  // Save, then (when asked) submit: a submission refused for an unanswered standard loses nothing typed.
  app.post<AuditParams>(governancePaths.section11Audit(':auditId'), complete, async (request, reply) => {
    const { user } = signedIn(request);
    const found = await audits.find(user, request.params.auditId);
    const form = formOf(request.body);
    const redisplay = (errors: FormErrors, status: number) => auditPage(reply, user, found.id, { values: form, errors }, status);
    const saved = await handleForm(() => audits.save(by(user, request.context), found.id, answersOf(found, form)), redisplay);
    if (!saved.ok) return reply;
    if (form.intent !== 'submit') return reply.redirect(`${governancePaths.section11Audit(found.id)}?done=saved`, 303);
    const submitted = await handleForm(() => audits.submit(by(user, request.context), found.id), redisplay);
    return submitted.ok ? reply.redirect(`${governancePaths.section11Audit(found.id)}?done=submitted`, 303) : reply;
  });

  app.post<AuditParams>(governancePaths.section11AuditResponse(':auditId'), complete, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => audits.respond(by(user, request.context), request.params.auditId, form.response),
      (errors, status) => auditPage(reply, user, request.params.auditId, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${governancePaths.section11Audit(request.params.auditId)}?done=responded`, 303) : reply;
  });

  await app.register(section11ApiRoutes, { rounds, audits });
}
